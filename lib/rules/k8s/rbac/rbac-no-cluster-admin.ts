import { BINDING_KINDS, bindingScope, describeSubjects, roleRefOf } from './policy';
import type { Rule } from '../../../check/rule';

/** No binding grants the cluster-admin ClusterRole. */
export const rbacNoClusterAdmin: Rule = {
  id: 'k8s-rbac-no-cluster-admin',
  title: 'Bindings must not grant the cluster-admin ClusterRole',
  description:
    'cluster-admin is the superuser role: every verb on every resource. Through a ClusterRoleBinding it covers the ' +
    'whole cluster; through a RoleBinding, everything in the namespace, Secrets and exec into PHI workloads included. ' +
    'The Kubernetes "Role Based Access Control Good Practices" reserve it for break-glass use; HIPAA workforce ' +
    'security and information access management require access scoped to the job.',
  severity: 'error',
  controls: ['164.308(a)(3)', '164.308(a)(4)', '164.312(a)(1)'],
  kinds: BINDING_KINDS,
  fix: 'Bind a Role (or ClusterRole) that grants only what the subjects need; keep cluster-admin for break-glass access outside the manifests.',
  check(resource, ctx, report) {
    const ref = roleRefOf(resource);
    if (!ref || ref.kind !== 'ClusterRole' || ref.name !== 'cluster-admin') return;
    report({
      path: 'roleRef.name',
      message: `grants ClusterRole 'cluster-admin' (every verb on every resource) ${bindingScope(resource, ctx.namespaceOf(resource))} to ${describeSubjects(resource)}`,
    });
  },
};
