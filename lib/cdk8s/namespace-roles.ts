import type * as k8s from 'cdk8s-plus-28/lib/imports/k8s';

/** The Roles every HipaaNamespace has. */
export type RoleName = 'phi-reader' | 'phi-operator' | 'phi-admin' | 'auditor';

const READ = ['get', 'list', 'watch'];
const WORKLOADS = ['deployments', 'statefulsets', 'daemonsets', 'replicasets'];

/**
 * Least-privilege rules of each role: no wildcards, no Secrets for anyone (secrets come from an
 * external store and are read by workloads, not people), no exec/attach/port-forward into PHI
 * containers, no RBAC changes.
 */
export function namespaceRoles(): Record<RoleName, k8s.PolicyRule[]> {
  const reader: k8s.PolicyRule[] = [
    { apiGroups: [''], resources: ['pods', 'pods/log', 'services', 'endpoints', 'configmaps', 'persistentvolumeclaims', 'events', 'serviceaccounts'], verbs: READ },
    { apiGroups: ['apps'], resources: WORKLOADS, verbs: READ },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: READ },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: READ },
    { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies', 'ingresses'], verbs: READ },
  ];
  const operator: k8s.PolicyRule[] = [
    ...reader,
    { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
    { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ['patch'] },
    { apiGroups: ['apps'], resources: ['deployments/scale', 'statefulsets/scale'], verbs: ['get', 'update', 'patch'] },
    { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'delete'] },
  ];
  const write = ['create', 'update', 'patch', 'delete'];
  const admin: k8s.PolicyRule[] = [
    ...operator,
    { apiGroups: [''], resources: ['services', 'configmaps', 'persistentvolumeclaims', 'serviceaccounts'], verbs: write },
    { apiGroups: ['apps'], resources: WORKLOADS, verbs: write },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: write },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: write },
    { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies', 'ingresses'], verbs: write },
  ];
  const auditor: k8s.PolicyRule[] = [
    { apiGroups: [''], resources: ['pods', 'services', 'endpoints', 'persistentvolumeclaims', 'events', 'serviceaccounts', 'resourcequotas', 'limitranges'], verbs: READ },
    { apiGroups: ['apps'], resources: WORKLOADS, verbs: READ },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: READ },
    { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: READ },
    { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies', 'ingresses'], verbs: READ },
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: READ },
  ];
  return { 'phi-reader': reader, 'phi-operator': operator, 'phi-admin': admin, 'auditor': auditor };
}
