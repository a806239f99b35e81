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

  test('passes inline data in a namespace classified as not holding PHI', () => {
    expect(violations(phiInlineSecret, [publicNamespace(), secret({ data: { a: 'YQ==' } }, 'public')])).toEqual([]);
  });

  test('passes inline data in a namespace whose Namespace object is not in the set', () => {
    expect(violations(phiInlineSecret, [secret({ data: { a: 'YQ==' } })])).toEqual([]);
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
    expect(violations(phiInlineSecret, [namespace, s])).toEqual([]);
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
