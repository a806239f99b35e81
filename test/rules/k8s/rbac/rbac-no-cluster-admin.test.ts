import { rbacNoClusterAdmin } from '../../../../lib/rules/k8s/rbac/rbac-no-cluster-admin';
import { readerBinding } from '../../../helpers/rbac-fixtures';
import { clone, violations } from '../../../helpers/rule-test';

/** The fixture RoleBinding granting ClusterRole cluster-admin instead. */
function toClusterAdmin(kind = 'RoleBinding'): any {
  const b = clone(readerBinding) as any;
  b.kind = kind;
  if (kind === 'ClusterRoleBinding') delete b.metadata.namespace;
  b.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' };
  return b;
}

describe('k8s-rbac-no-cluster-admin', () => {
  test('passes a binding to a least-privilege Role', () => {
    expect(violations(rbacNoClusterAdmin, [readerBinding])).toEqual([]);
  });

  test('flags a RoleBinding to cluster-admin, scoped to its namespace', () => {
    expect(violations(rbacNoClusterAdmin, [toClusterAdmin()])).toEqual([
      "roleRef.name: grants ClusterRole 'cluster-admin' (every verb on every resource) in namespace 'clinic' to Group 'clinic-phi-readers'",
    ]);
  });

  test('flags a ClusterRoleBinding to cluster-admin, naming every subject', () => {
    const b = toClusterAdmin('ClusterRoleBinding');
    b.subjects = [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }];
    expect(violations(rbacNoClusterAdmin, [b])).toEqual([
      "roleRef.name: grants ClusterRole 'cluster-admin' (every verb on every resource) in every namespace to User 'alice', ServiceAccount 'ci/deployer'",
    ]);
  });

  test('a RoleBinding without a namespace grants in the default namespace', () => {
    const b = toClusterAdmin();
    delete b.metadata.namespace;
    b.subjects = [];
    expect(violations(rbacNoClusterAdmin, [b])).toEqual([
      "roleRef.name: grants ClusterRole 'cluster-admin' (every verb on every resource) in namespace 'default' to no subjects",
    ]);
  });

  test('passes a binding to a namespaced Role that happens to be named cluster-admin', () => {
    const b = toClusterAdmin();
    b.roleRef.kind = 'Role';
    expect(violations(rbacNoClusterAdmin, [b])).toEqual([]);
  });
});
