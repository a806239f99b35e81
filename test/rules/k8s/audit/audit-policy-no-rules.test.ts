import { configMap, GOOD_RULES, policy } from './helpers';
import { auditPolicyNoRules } from '../../../../lib/rules/k8s/audit/audit-policy-no-rules';
import { violations } from '../../../helpers/rule-test';

describe('k8s-audit-policy-no-rules', () => {
  test('passes a Policy with rules', () => {
    expect(violations(auditPolicyNoRules, [policy(GOOD_RULES)])).toEqual([]);
  });

  test('flags a Policy without rules or with an empty list', () => {
    expect(violations(auditPolicyNoRules, [policy(undefined)])).toEqual(['rules: the audit Policy has no rules, so the API server logs no request at all']);
    expect(violations(auditPolicyNoRules, [policy([])])).toEqual(['rules: the audit Policy has no rules, so the API server logs no request at all']);
  });

  test('checks a Policy in the data of a ConfigMap, and ignores other ConfigMaps and Policy kinds', () => {
    const cm = configMap('audit', { 'policy.yaml': 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n', 'other': 'kind: Policy' }, 'kube-system');
    expect(violations(auditPolicyNoRules, [cm])).toEqual(['data["policy.yaml"].rules: the audit Policy has no rules, so the API server logs no request at all']);
    expect(violations(auditPolicyNoRules, [{ apiVersion: 'kyverno.io/v1', kind: 'Policy', metadata: { name: 'p', namespace: 'a' }, spec: {} }])).toEqual([]);
  });
});
