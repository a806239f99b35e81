import type { Rule } from '../../../check/rule';
import { POD_KINDS } from '../pod';

/**
 * Namespaced kinds the rule checks: Kubernetes' own, and the custom kinds this library's
 * users deploy next to PHI workloads. An unknown kind is not checked, because the rule cannot
 * tell whether it is namespaced (a cluster-scoped object without a namespace is correct).
 */
export const NAMESPACED_KINDS: readonly string[] = [
  ...POD_KINDS,
  'Service',
  'Endpoints',
  'EndpointSlice',
  'Ingress',
  'NetworkPolicy',
  'Secret',
  'ConfigMap',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'PersistentVolumeClaim',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'ResourceQuota',
  'LimitRange',
  'PodTemplate',
  'ExternalSecret',
  'SecretStore',
  'SecretProviderClass',
];

const PATH = 'metadata.namespace';

/** Nothing is deployed to the `default` namespace, explicitly or by leaving the namespace out. */
export const noDefaultNamespace: Rule = {
  id: 'k8s-no-default-namespace',
  title: 'Namespaced objects must not be in the default namespace',
  description:
    'The default namespace exists in every cluster and is shared by anything deployed without a namespace. It ' +
    'carries no Pod Security Admission labels, no default-deny NetworkPolicy and no PHI classification unless ' +
    'someone adds them, and RBAC granted there reaches every stray object, so PHI workloads, their Services, ' +
    'Secrets, ConfigMaps and Roles belong in a namespace of their own (CIS Kubernetes Benchmark 5.7.4 "The default ' +
    'namespace should not be used"; Checkov CKV_K8S_21). An object without metadata.namespace lands in the ' +
    'namespace it is applied to, which the check takes to be its defaultNamespace option (hipaa-check --default-namespace; default: default).',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.308(a)(4)'],
  kinds: NAMESPACED_KINDS,
  fix:
    'Set metadata.namespace to the application\'s namespace. In cdk8s, pass it to the chart ' +
    '(`new Chart(app, \'api\', { namespace: \'clinic\' })`), which sets it on every object of the chart.',
  check(resource, ctx, report) {
    if (ctx.namespaceOf(resource) !== 'default') return;
    if (resource.namespace !== undefined) {
      report({ path: PATH, message: `${resource.kind} '${resource.name}' is in the 'default' namespace` });
    } else {
      report({
        path: PATH,
        message: `metadata.namespace is not set, so ${resource.kind} '${resource.name}' lands in the 'default' namespace when applied`,
        fix:
          'Set metadata.namespace to the application\'s namespace. In cdk8s, pass it to the chart ' +
          '(`new Chart(app, \'api\', { namespace: \'clinic\' })`) or to the object\'s metadata. If the namespace is left out on ' +
          'purpose because the manifests are applied with `kubectl apply -n <namespace>`, run hipaa-check with ' +
          '--default-namespace <namespace> (the defaultNamespace option of the check API).',
      });
    }
  },
};
