import { configMap, GOOD_RULES, policy } from './helpers';
import { auditPolicySecretBodies } from '../../../../lib/rules/k8s/audit/audit-policy-secret-bodies';
import { violations } from '../../../helpers/rule-test';

describe('k8s-audit-policy-secret-bodies', () => {
  test('passes Secrets at Metadata before Request rules', () => {
    expect(violations(auditPolicySecretBodies, [policy(GOOD_RULES)])).toEqual([]);
  });

  test('flags a body level on secrets, configmaps or tokenreviews', () => {
    expect(violations(auditPolicySecretBodies, [policy([{ level: 'RequestResponse', resources: [{ group: '', resources: ['secrets'] }] }])])).toEqual([
      'rules[0].level: level RequestResponse logs request bodies and its resources match secrets, which no earlier rule logs at Metadata or None: their data would be written to the audit log',
    ]);
    expect(violations(auditPolicySecretBodies, [policy([{ level: 'Request', verbs: ['create'], resources: [{ group: 'authentication.k8s.io', resources: ['tokenreviews'] }, { resources: ['configmaps'] }] }])])).toEqual([
      'rules[0].level: level Request logs request bodies and its resources match configmaps, tokenreviews.authentication.k8s.io, which no earlier rule logs at Metadata or None: their data would be written to the audit log',
    ]);
  });

  test('flags a rule with no resources restriction (every resource), and a core-group rule with no resource list', () => {
    expect(violations(auditPolicySecretBodies, [policy([{ level: 'Request', verbs: ['create', 'update'] }])])).toEqual([
      'rules[0].level: level Request logs request bodies and it has no resources restriction, so it matches secrets, configmaps, tokenreviews.authentication.k8s.io, which no earlier rule logs at Metadata or None: their data would be written to the audit log',
    ]);
    expect(violations(auditPolicySecretBodies, [policy([{ level: 'Request', resources: [{ group: '' }] }])])).toEqual([
      'rules[0].level: level Request logs request bodies and its resources match secrets, configmaps, which no earlier rule logs at Metadata or None: their data would be written to the audit log',
    ]);
  });

  test('an earlier Metadata rule limited to some users or namespaces does not protect a later body rule (first match wins)', () => {
    const limited = { level: 'Metadata', users: ['alice'], resources: [{ group: '', resources: ['secrets', 'configmaps'] }, { group: 'authentication.k8s.io', resources: ['tokenreviews'] }] };
    expect(violations(auditPolicySecretBodies, [policy([limited, { level: 'RequestResponse' }])])).toHaveLength(1);
    // The same rule unlimited, first: the later catch-all never sees those resources.
    const { users: _u, ...unlimited } = limited;
    expect(violations(auditPolicySecretBodies, [policy([unlimited, { level: 'RequestResponse' }])])).toEqual([]);
    // Order matters: the Metadata rule after the catch-all comes too late.
    expect(violations(auditPolicySecretBodies, [policy([{ level: 'RequestResponse' }, unlimited])])).toHaveLength(1);
  });

  test('passes body levels on other resources, nonResourceURLs-only rules and Metadata on secrets', () => {
    expect(violations(auditPolicySecretBodies, [policy([
      { level: 'RequestResponse', nonResourceURLs: ['/api*'] },
      { level: 'RequestResponse', resources: [{ group: 'apps', resources: ['deployments'] }, { group: '', resources: ['pods', 'pods/exec'] }] },
      { level: 'Metadata', resources: [{ group: '', resources: ['secrets'] }] },
    ])])).toEqual([]);
  });

  test('checks Policies in ConfigMap data', () => {
    const text = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: RequestResponse\n';
    expect(violations(auditPolicySecretBodies, [configMap('audit', { 'audit.yaml': text })])).toEqual([
      'data["audit.yaml"].rules[0].level: level RequestResponse logs request bodies and it has no resources restriction, so it matches secrets, configmaps, tokenreviews.authentication.k8s.io, which no earlier rule logs at Metadata or None: their data would be written to the audit log',
    ]);
  });
});
