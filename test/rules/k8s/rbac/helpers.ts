/** Builders shared by the RBAC rule tests: the compliant fixtures with exactly one thing changed. */
import { readerBinding, readerRole } from '../../../helpers/rbac-fixtures';
import { clone } from '../../../helpers/rule-test';

/** The fixture Role with one more PolicyRule (it becomes rules[2]), as a Role or a ClusterRole. */
export function roleWith(rule: Record<string, unknown>, kind: 'Role' | 'ClusterRole' = 'Role'): any {
  const r = clone(readerRole) as any;
  r.kind = kind;
  if (kind === 'ClusterRole') delete r.metadata.namespace;
  r.rules.push(rule);
  return r;
}

/** The fixture RoleBinding (or a ClusterRoleBinding) granting ClusterRole `name` instead. */
export function bindingToClusterRole(name: string, kind: 'RoleBinding' | 'ClusterRoleBinding' = 'RoleBinding'): any {
  const b = clone(readerBinding) as any;
  b.kind = kind;
  if (kind === 'ClusterRoleBinding') delete b.metadata.namespace;
  b.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name };
  return b;
}
