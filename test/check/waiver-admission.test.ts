import { check, CheckOptions } from '../../lib/check/engine';
import { fromManifest } from '../../lib/check/resource';
import { WAIVERS_ANNOTATION } from '../../lib/check/waiver';
import { podSecurityBaselinePack, podSecurityPack } from '../../lib/rules/k8s/pod-security';
import { POD_SECURITY_LEVELS } from '../../lib/rules/k8s/pod-security-levels';
import { TEST_NOW, TEST_SOON } from '../helpers/rule-test';

const reason = 'Node agent needs the host devices; dedicated node pool, RISK-7.';
const ENFORCE = 'pod-security.kubernetes.io/enforce';

function namespace(name: string, enforce?: string): Record<string, any> {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: enforce ? { [ENFORCE]: enforce } : {} } };
}

/** A pod breaking one baseline control (privileged) and one restricted-only control (allowPrivilegeEscalation unset). */
function pod(ns: string, waived: string[], kind: 'Pod' | 'Deployment' = 'Pod'): Record<string, any> {
  const spec = {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'agent', image: 'agent:1', securityContext: { privileged: true, capabilities: { drop: ['ALL'] } } }],
  };
  const metadata = {
    name: 'agent',
    namespace: ns,
    annotations: { [WAIVERS_ANNOTATION]: JSON.stringify(waived.map((ruleId) => ({ ruleId, reason, expires: TEST_SOON }))) },
  };
  return kind === 'Pod'
    ? { apiVersion: 'v1', kind, metadata, spec }
    : { apiVersion: 'apps/v1', kind, metadata, spec: { template: { spec } } };
}

function blocked(manifests: object[], options: CheckOptions = {}) {
  const result = check(manifests.map((m) => fromManifest(m as any)), podSecurityPack, { now: TEST_NOW, ...options });
  return result.findings.filter((f) => f.ruleId === 'waiver-blocked-by-admission');
}

describe('waiver-blocked-by-admission', () => {
  test('a waived baseline control in a namespace enforcing restricted is flagged, naming namespace, level and fix', () => {
    const [f, ...rest] = blocked([namespace('clinic', 'restricted'), pod('clinic', ['k8s-privileged'])]);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('error');
    expect(f.waiver).toBeUndefined();
    expect(f.resource).toEqual({ kind: 'Pod', name: 'agent', namespace: 'clinic' });
    expect(f.path).toBe('spec.containers[0].securityContext.privileged');
    expect(f.message).toBe(
      "rule 'k8s-privileged' is waived here (spec.containers[0].securityContext.privileged), but namespace 'clinic' enforces Pod Security level " +
        "'restricted' (label pod-security.kubernetes.io/enforce), which rejects pods breaking this baseline control at admission: a waiver cannot " +
        'override admission, so the API server rejects the Pod',
    );
    expect(f.fix).toBe(
      "Make the pod meet the 'restricted' profile for k8s-privileged and remove the waiver, or run it in a namespace labelled " +
        'pod-security.kubernetes.io/enforce: privileged, which is a finding of k8s-pod-security-admission-labels that needs its own waiver with a reason.',
    );
    expect(f.controls).toContain('164.308(a)(8)');
  });

  test('a waived restricted control is flagged under restricted, with the level that would admit it', () => {
    const [f] = blocked([namespace('clinic', 'restricted'), pod('clinic', ['k8s-allow-privilege-escalation'], 'Deployment')]);
    expect(f.message).toBe(
      "rule 'k8s-allow-privilege-escalation' is waived here (spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation), but namespace 'clinic' " +
        "enforces Pod Security level 'restricted' (label pod-security.kubernetes.io/enforce), which rejects pods breaking this restricted control at admission: " +
        'a waiver cannot override admission, so the API server rejects the pods of this Deployment and they are never created',
    );
    expect(f.fix).toContain('pod-security.kubernetes.io/enforce: baseline');
  });

  test('baseline enforcement blocks waived baseline controls only', () => {
    expect(blocked([namespace('ops', 'baseline'), pod('ops', ['k8s-privileged', 'k8s-allow-privilege-escalation'])]).map((f) => f.message.split(' is waived')[0])).toEqual([
      "rule 'k8s-privileged'",
    ]);
  });

  test.each([
    ['privileged enforcement', [namespace('ops', 'privileged')]],
    ['no enforce label', [namespace('ops')]],
    ['a namespace the check does not see', []],
  ])('passes with %s', (_what, namespaces) => {
    const result = check([...namespaces, pod('ops', ['k8s-privileged', 'k8s-allow-privilege-escalation'])].map((m) => fromManifest(m as any)), podSecurityPack, { now: TEST_NOW });
    expect(result.findings.filter((f) => f.ruleId === 'waiver-blocked-by-admission')).toEqual([]);
    expect(result.waived.map((f) => f.ruleId)).toEqual(['k8s-allow-privilege-escalation', 'k8s-privileged']);
  });

  test('passes when the rule is not waived (the rule finding itself is what stands)', () => {
    expect(blocked([namespace('clinic', 'restricted'), pod('clinic', [])])).toEqual([]);
  });

  test('sees the namespace among context objects (another chart or file), and the default namespace', () => {
    expect(blocked([pod('clinic', ['k8s-privileged'])], { context: [fromManifest(namespace('clinic', 'restricted'))] })).toHaveLength(1);
    const noNamespace = pod('x', ['k8s-privileged']);
    delete noNamespace.metadata.namespace;
    expect(blocked([namespace('default', 'restricted'), noNamespace])).toHaveLength(1);
  });

  test('one finding per object and rule, however many containers are waived', () => {
    const p = pod('clinic', ['k8s-privileged']);
    p.spec.containers.push({ ...p.spec.containers[0], name: 'second' });
    const found = blocked([namespace('clinic', 'restricted'), p]);
    expect(found.map((f) => f.message.split(', but')[0])).toEqual([
      "rule 'k8s-privileged' is waived here (2 findings, first spec.containers[0].securityContext.privileged)",
    ]);
  });

  test('the levels table matches the pod-security packs', () => {
    const baseline = podSecurityBaselinePack.rules.map((r) => r.id);
    const expected = Object.fromEntries(podSecurityPack.rules.map((r) => [r.id, baseline.includes(r.id) ? 'baseline' : 'restricted']));
    expect({ ...POD_SECURITY_LEVELS }).toEqual(expected);
  });
});
