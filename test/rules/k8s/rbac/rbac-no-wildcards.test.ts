import { roleWith } from './helpers';
import { rbacNoWildcards } from '../../../../lib/rules/k8s/rbac/rbac-no-wildcards';
import { readerRole } from '../../../helpers/rbac-fixtures';
import { violations } from '../../../helpers/rule-test';

describe('k8s-rbac-no-wildcards', () => {
  test('passes a role that names its verbs, resources and API groups', () => {
    expect(violations(rbacNoWildcards, [readerRole])).toEqual([]);
  });

  test("flags verb '*'", () => {
    expect(violations(rbacNoWildcards, [roleWith({ apiGroups: [''], resources: ['configmaps'], verbs: ['get', '*'] })])).toEqual([
      "rules[2].verbs[1]: verb '*' grants every verb, including escalate, bind and impersonate",
    ]);
  });

  test("flags resource '*' and '*/<subresource>'", () => {
    expect(violations(rbacNoWildcards, [roleWith({ apiGroups: ['apps'], resources: ['*', '*/scale'], verbs: ['get'] }, 'ClusterRole')])).toEqual([
      "rules[2].resources[0]: resource '*' grants every resource of the rule's API groups, including secrets and pods/exec",
      "rules[2].resources[1]: resource '*/scale' grants the scale subresource of every resource",
    ]);
  });

  test("flags API group '*'", () => {
    expect(violations(rbacNoWildcards, [roleWith({ apiGroups: ['*'], resources: ['deployments'], verbs: ['get'] })])).toEqual([
      "rules[2].apiGroups[0]: API group '*' grants every API group, including those of CRDs installed later",
    ]);
  });

  test("flags non-resource URLs '*' and '/*', not a path prefix", () => {
    expect(violations(rbacNoWildcards, [roleWith({ nonResourceURLs: ['/healthz', '/metrics/*', '*', '/*'], verbs: ['get'] }, 'ClusterRole')])).toEqual([
      "rules[2].nonResourceURLs[2]: non-resource URL '*' grants every non-resource endpoint of the API server",
      "rules[2].nonResourceURLs[3]: non-resource URL '/*' grants every non-resource endpoint of the API server",
    ]);
  });

  test('flags every wildcard of a cluster-admin-like ClusterRole', () => {
    const r = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'root' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] };
    expect(violations(rbacNoWildcards, [r])).toEqual([
      "rules[0].apiGroups[0]: API group '*' grants every API group, including those of CRDs installed later; with verbs, resources and apiGroups all '*', this rule grants everything cluster-admin does",
      "rules[0].resources[0]: resource '*' grants every resource of the rule's API groups, including secrets and pods/exec; with verbs, resources and apiGroups all '*', this rule grants everything cluster-admin does",
      "rules[0].verbs[0]: verb '*' grants every verb, including escalate, bind and impersonate; with verbs, resources and apiGroups all '*', this rule grants everything cluster-admin does",
    ]);
  });

  test('passes an aggregated ClusterRole, whose rules the controller fills in, and malformed rules', () => {
    const aggregated = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'monitoring' },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-monitoring': 'true' } }] },
    };
    const malformed = roleWith({ apiGroups: 'x', verbs: null });
    malformed.rules.push(null, 'x');
    expect(violations(rbacNoWildcards, [aggregated, malformed])).toEqual([]);
  });
});
