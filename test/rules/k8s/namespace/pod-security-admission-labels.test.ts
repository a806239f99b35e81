import { podSecurityAdmissionLabels } from '../../../../lib/rules/k8s/namespace/pod-security-admission-labels';
import { namespace } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';

const rule = podSecurityAdmissionLabels;
const label = (key: string) => `metadata.labels["pod-security.kubernetes.io/${key}"]`;

function withLabels(change: (labels: Record<string, unknown>) => void): any {
  const ns = clone(namespace) as any;
  change(ns.metadata.labels);
  return ns;
}

describe('k8s-pod-security-admission-labels', () => {
  test('passes a namespace that enforces, audits and warns at restricted with pinned versions', () => {
    expect(violations(rule, [namespace])).toEqual([]);
  });

  test('flags a missing enforce label', () => {
    const ns = withLabels((l) => delete l['pod-security.kubernetes.io/enforce']);
    expect(violations(rule, [ns])).toEqual([
      `${label('enforce')}: label pod-security.kubernetes.io/enforce is not set, so the namespace gets the cluster default (privileged unless configured otherwise) and pods that violate the restricted profile are not rejected`,
    ]);
  });

  test('flags a level other than restricted, in each mode', () => {
    const ns = withLabels((l) => {
      l['pod-security.kubernetes.io/enforce'] = 'baseline';
      l['pod-security.kubernetes.io/audit'] = 'privileged';
      l['pod-security.kubernetes.io/warn'] = 'Restricted';
    });
    expect(violations(rule, [ns])).toEqual([
      `${label('audit')}: label pod-security.kubernetes.io/audit is 'privileged', not 'restricted', so violations are not recorded in the audit log`,
      `${label('enforce')}: label pod-security.kubernetes.io/enforce is 'baseline', not 'restricted', so pods that violate the restricted profile are not rejected`,
      `${label('warn')}: label pod-security.kubernetes.io/warn is 'Restricted', not 'restricted', so users are not warned about violations`,
    ]);
  });

  test('flags a missing version label even when the level is right', () => {
    const ns = withLabels((l) => delete l['pod-security.kubernetes.io/warn-version']);
    expect(violations(rule, [ns])).toEqual([
      `${label('warn-version')}: label pod-security.kubernetes.io/warn-version is not set, so the policy version defaults to 'latest' and changes with every cluster upgrade`,
    ]);
  });

  test("flags 'latest' as unpinned", () => {
    const ns = withLabels((l) => (l['pod-security.kubernetes.io/enforce-version'] = 'latest'));
    expect(violations(rule, [ns])).toEqual([
      `${label('enforce-version')}: label pod-security.kubernetes.io/enforce-version is 'latest', so the policy changes with every cluster upgrade`,
    ]);
  });

  test.each([
    ['v1.28.3', "'v1.28.3'"],
    ['1.28', "'1.28'"],
    ['v2.0', "'v2.0'"],
    ['v1.028', "'v1.028'"],
    [1.28, '1.28 (a number, not a string)'],
  ])('flags the version %p as not of the form v1.<minor>', (value, shown) => {
    const ns = withLabels((l) => (l['pod-security.kubernetes.io/audit-version'] = value));
    expect(violations(rule, [ns])).toEqual([
      `${label('audit-version')}: label pod-security.kubernetes.io/audit-version is ${shown}, which is not a policy version of the form v1.<minor> (e.g. 'v1.28')`,
    ]);
  });

  test.each(['v1.0', 'v1.25', 'v1.31'])('accepts the pinned version %s', (version) => {
    const ns = withLabels((l) => {
      for (const mode of ['enforce', 'audit', 'warn']) l[`pod-security.kubernetes.io/${mode}-version`] = version;
    });
    expect(violations(rule, [ns])).toEqual([]);
  });

  test('flags all six labels on a namespace without labels, and suggests the targeted Kubernetes version', () => {
    const ns = clone(namespace) as any;
    delete ns.metadata.labels;
    const result = runRule(rule, [ns], { kubernetesVersion: '1.30' });
    expect(result.unwaived.map((f) => f.path)).toEqual([
      label('audit'),
      label('audit-version'),
      label('enforce'),
      label('enforce-version'),
      label('warn'),
      label('warn-version'),
    ]);
    expect(result.unwaived[3].fix).toBe('Set the namespace label pod-security.kubernetes.io/enforce-version: v1.30 (the Kubernetes minor version the manifests target).');
    expect(result.unwaived[2].fix).toBe('Set the namespace label pod-security.kubernetes.io/enforce: restricted.');
  });

  test('checks only Namespaces', () => {
    expect(rule.kinds).toEqual(['Namespace']);
  });
});
