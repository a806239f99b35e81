import { GOOD_RULES, policy } from './helpers';
import { auditPolicyRbacExec } from '../../../../lib/rules/k8s/audit/audit-policy-rbac-exec';
import { violations } from '../../../helpers/rule-test';

const RBAC_WHAT = [
  'roles', 'rolebindings', 'clusterroles', 'clusterrolebindings',
].flatMap((r) => ['create', 'update', 'patch', 'delete', 'deletecollection'].map((v) => `${v} ${r}`));
const EXEC_WHAT = ['pods/exec', 'pods/attach', 'pods/portforward'].flatMap((r) => [`create ${r}`, `get ${r}`]);

describe('k8s-audit-policy-rbac-exec', () => {
  test('passes a Policy that logs RBAC changes and exec', () => {
    expect(violations(auditPolicyRbacExec, [policy(GOOD_RULES)])).toEqual([]);
  });

  test('flags a None rule that comes first for exec (first match wins)', () => {
    const rules = [{ level: 'None', verbs: ['get'], namespaces: ['clinic'] }, ...GOOD_RULES];
    expect(violations(auditPolicyRbacExec, [policy(rules)])).toEqual([
      'rules[0]: level None drops get pods/exec, get pods/attach, get pods/portforward: the first rule that matches them logs nothing',
    ]);
    // The same rule after the RequestResponse rules drops nothing that must be logged.
    expect(violations(auditPolicyRbacExec, [policy([...GOOD_RULES.slice(0, 3), rules[0], ...GOOD_RULES.slice(3)])])).toEqual([]);
  });

  test('flags a Policy that no rule of which matches RBAC or exec', () => {
    expect(violations(auditPolicyRbacExec, [policy([{ level: 'Metadata', resources: [{ group: '', resources: ['secrets'] }] }])])).toEqual([
      `rules: no rule matches ${[...RBAC_WHAT, ...EXEC_WHAT].join(', ')}, so these events are not logged`,
    ]);
  });

  test('flags a None rule for the administrators group', () => {
    expect(violations(auditPolicyRbacExec, [policy([{ level: 'None', userGroups: ['system:masters'] }, ...GOOD_RULES])])).toEqual([
      `rules[0]: level None drops ${[...RBAC_WHAT, ...EXEC_WHAT].join(', ')}: the first rule that matches them logs nothing`,
    ]);
  });

  test('does not judge None rules limited to named system users, or to non-resource URLs', () => {
    expect(violations(auditPolicyRbacExec, [policy([{ level: 'None', users: ['system:kube-proxy'] }, { level: 'None', nonResourceURLs: ['*'] }, ...GOOD_RULES])])).toEqual([]);
  });

  test('a Metadata level still records the event', () => {
    expect(violations(auditPolicyRbacExec, [policy([{ level: 'Metadata' }])])).toEqual([]);
  });
});

describe('k8s-audit-policy-rbac-exec and omitStages', () => {
  test('flags a rule whose omitStages, with the Policy\'s, leave no stage of the events it matches', () => {
    const rr = { level: 'RequestResponse', resources: [{ group: 'rbac.authorization.k8s.io' }, { group: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward'] }] };
    expect(violations(auditPolicyRbacExec, [policy([{ ...rr, omitStages: ['ResponseComplete', 'ResponseStarted'] }, { level: 'Metadata' }], { omitStages: ['RequestReceived'] })])).toEqual([
      `rules[0]: omitStages (of the Policy and this rule) leaves no stage of ${[...RBAC_WHAT, ...EXEC_WHAT].join(', ')} to log: the first rule that matches them writes no event`,
    ]);
    // ResponseStarted alone still leaves ResponseComplete, for every event.
    expect(violations(auditPolicyRbacExec, [policy([{ ...rr, omitStages: ['ResponseStarted'] }, { level: 'Metadata' }], { omitStages: ['RequestReceived'] })])).toEqual([]);
    // Omitting ResponseComplete leaves only ResponseStarted: exec is still logged, RBAC writes are not.
    expect(violations(auditPolicyRbacExec, [policy([{ ...rr, omitStages: ['ResponseComplete'] }, { level: 'Metadata' }], { omitStages: ['RequestReceived'] })])).toEqual([
      `rules[0]: omitStages (of the Policy and this rule) leaves no stage of ${RBAC_WHAT.join(', ')} to log: the first rule that matches them writes no event`,
    ]);
  });
});
