/**
 * Small RBAC manifests that pass the whole Kubernetes pack: a namespaced Role that reads
 * workloads but not Secrets, bound to a named group from the identity provider. An RBAC rule
 * test copies one with clone(), breaks exactly one thing, and asserts the rule flags it.
 */
import { NS } from './fixtures';

export const readerRole = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'phi-reader', namespace: NS },
  rules: [
    { apiGroups: [''], resources: ['pods', 'services', 'configmaps'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] },
  ],
};

export const readerBinding = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'phi-reader', namespace: NS },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'phi-reader' },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'clinic-phi-readers' }],
};

/** The Role and its RoleBinding, as fresh copies. */
export function compliantRbac(): object[] {
  return JSON.parse(JSON.stringify([readerRole, readerBinding]));
}
