import { publicNamespace } from './fixtures';
import { WAIVERS_ANNOTATION } from '../../../../lib/check/waiver';
import { PHI_LABEL } from '../../../../lib/labels';
import { phiInlineSecret } from '../../../../lib/rules/k8s/exposure/phi-inline-secret';
import { namespace, NS } from '../../../helpers/fixtures';
import { runRule, violations, TEST_SOON } from '../../../helpers/rule-test';

/** A Secret named db in namespace `ns` (none when null). */
function secret(extra: Record<string, unknown>, ns: string | null = NS): any {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', ...(ns ? { namespace: ns } : {}) }, type: 'Opaque', ...extra };
}

describe('k8s-phi-inline-secret', () => {
  test('flags inline data in a PHI namespace, naming the keys and never the values', () => {
    expect(violations(phiInlineSecret, [namespace, secret({ data: { password: 'c2VjcmV0' } })])).toEqual([
      "data: the Secret in PHI namespace 'clinic' carries inline data (key 'password') in its manifest",
    ]);
  });

  test('flags inline stringData, and data and stringData separately', () => {
    expect(violations(phiInlineSecret, [namespace, secret({ stringData: { username: 'app', password: 'secret' } })])).toEqual([
      "stringData: the Secret in PHI namespace 'clinic' carries inline stringData (keys 'username', 'password') in its manifest",
    ]);
    expect(violations(phiInlineSecret, [namespace, secret({ data: { a: 'YQ==' }, stringData: { b: 'b' } })])).toEqual([
      "data: the Secret in PHI namespace 'clinic' carries inline data (key 'a') in its manifest",
      "stringData: the Secret in PHI namespace 'clinic' carries inline stringData (key 'b') in its manifest",
    ]);
  });

  test('passes a Secret without data, or with empty data, in a PHI namespace', () => {
    expect(violations(phiInlineSecret, [namespace, secret({}), secret({ data: {}, stringData: {} })])).toEqual([]);
  });

  test('passes an empty service-account-token Secret the token controller fills in', () => {
    const token = secret({ type: 'kubernetes.io/service-account-token' });
    token.metadata.annotations = { 'kubernetes.io/service-account.name': 'api' };
    expect(violations(phiInlineSecret, [namespace, token])).toEqual([]);
  });

  test('flags a service-account-token Secret with a token pasted in', () => {
    const token = secret({ type: 'kubernetes.io/service-account-token', data: { token: 'ZXlK' } });
    expect(violations(phiInlineSecret, [namespace, token])).toEqual([
      "data: the Secret in PHI namespace 'clinic' carries inline data (key 'token') in its manifest",
    ]);
  });

  test('passes inline data of a Secret classified as not holding PHI in a namespace classified so', () => {
    const s = secret({ data: { a: 'YQ==' } }, 'public');
    s.metadata.labels = { [PHI_LABEL]: 'false' };
    expect(violations(phiInlineSecret, [publicNamespace(), s])).toEqual([]);
  });

  test('fails closed: an unlabelled Secret in a namespace classified as not holding PHI counts as PHI, unless unclassifiedIsPhi is off', () => {
    const s = secret({ data: { a: 'YQ==' } }, 'public');
    expect(violations(phiInlineSecret, [publicNamespace(), s])).toEqual([
      `data: the Secret in namespace 'public' without a ${PHI_LABEL} label of its own (unclassified, it counts as PHI) carries inline data (key 'a') in its manifest`,
    ]);
    expect(violations(phiInlineSecret, [publicNamespace(), s], { unclassifiedIsPhi: false })).toEqual([]);
  });

  test('fails closed: a namespace whose Namespace object is not in the set, or has no PHI label, counts as PHI', () => {
    const s = secret({ data: { a: 'YQ==' } });
    expect(violations(phiInlineSecret, [s])).toEqual([
      `data: the Secret in namespace 'clinic' (no Namespace object for it was checked, so it has no ${PHI_LABEL} label of "true" or "false": unclassified, it counts as PHI) carries inline data (key 'a') in its manifest`,
    ]);
    const unlabelled = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } };
    expect(violations(phiInlineSecret, [unlabelled, s])).toEqual([
      `data: the Secret in namespace 'clinic' (its Namespace has no ${PHI_LABEL} label of "true" or "false": unclassified, it counts as PHI) carries inline data (key 'a') in its manifest`,
    ]);
    // A Secret classified "false" in an unclassified namespace still counts as PHI: the namespace decides first.
    s.metadata.labels = { [PHI_LABEL]: 'false' };
    expect(violations(phiInlineSecret, [unlabelled, s])).toHaveLength(1);
    expect(violations(phiInlineSecret, [s], { unclassifiedIsPhi: false })).toEqual([]);
    expect(violations(phiInlineSecret, [unlabelled, s], { unclassifiedIsPhi: false })).toEqual([]);
  });

  test('flags a Secret labelled PHI itself, wherever it is', () => {
    const s = secret({ data: { a: 'YQ==' } }, 'public');
    s.metadata.labels = { [PHI_LABEL]: 'true' };
    expect(violations(phiInlineSecret, [publicNamespace(), s])).toEqual([
      `data: the Secret labelled ${PHI_LABEL}: "true" carries inline data (key 'a') in its manifest`,
    ]);
  });

  test('a Secret without a namespace lands in the default namespace', () => {
    const s = secret({ data: { a: 'YQ==' } }, null);
    expect(violations(phiInlineSecret, [namespace, s], { defaultNamespace: NS })).toEqual([
      "data: the Secret in PHI namespace 'clinic' carries inline data (key 'a') in its manifest",
    ]);
    // In the default namespace, which no Namespace object classifies: unclassified, so PHI unless the option is off.
    expect(violations(phiInlineSecret, [namespace, s])).toEqual([
      `data: the Secret in namespace 'default' (no Namespace object for it was checked, so it has no ${PHI_LABEL} label of "true" or "false": unclassified, it counts as PHI) carries inline data (key 'a') in its manifest`,
    ]);
    expect(violations(phiInlineSecret, [namespace, s], { unclassifiedIsPhi: false })).toEqual([]);
  });

  test('a waiver with its reason accepts the inline Secret, and the finding is kept as waived', () => {
    const s = secret({ data: { 'ca.crt': 'LS0t' } });
    s.metadata.annotations = {
      [WAIVERS_ANNOTATION]: JSON.stringify([{ ruleId: 'k8s-phi-inline-secret', reason: 'public CA bundle, no secret material in it', expires: TEST_SOON }]),
    };
    const result = runRule(phiInlineSecret, [namespace, s]);
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => f.path)).toEqual(['data']);
  });
});
