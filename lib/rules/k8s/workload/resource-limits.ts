import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';

const RESOURCES = ['cpu', 'memory', 'ephemeral-storage'] as const;
const EXAMPLE: Record<(typeof RESOURCES)[number], string> = { 'cpu': '500m', 'memory': '256Mi', 'ephemeral-storage': '128Mi' };

/** Bounded containers: every container is limited in cpu, memory and ephemeral-storage. */
export const resourceLimits: Rule = {
  id: 'k8s-resource-limits',
  title: 'Containers must limit cpu, memory and ephemeral-storage',
  description:
    'Without limits one container (a leak, a runaway query, a flood of temporary files) starves the node and takes down the ' +
    'other workloads on it, including the ones that handle PHI; an unbounded writable layer or log can also fill the node ' +
    'disk. kube-score (container-resources), Polaris (cpuLimitsMissing, memoryLimitsMissing), Checkov (CKV_K8S_11, CKV_K8S_13) ' +
    'and the CIS Kubernetes Benchmark flag missing limits. Applies to containers and init containers; ephemeral containers ' +
    'cannot have resources.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(A)'],
  kinds: POD_KINDS,
  fix: 'Set resources.limits.cpu, resources.limits.memory and resources.limits.ephemeral-storage on every container and init container.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      if (ref.list === 'ephemeralContainers') continue;
      const limits = ref.container.resources?.limits;
      for (const name of RESOURCES) {
        if (isQuantity(limits?.[name])) continue;
        const path = `${ref.path}.resources.limits.${name}`;
        const request = ref.container.resources?.requests?.[name];
        report({
          path,
          message: `${containerLabel(ref)} sets no ${name} limit`,
          fix: isQuantity(request)
            ? `Set ${path} to the most ${containerLabel(ref)} may use, no less than its request ${JSON.stringify(request)}.`
            : `Set ${path} to the most ${containerLabel(ref)} may use, e.g. ${name}: ${EXAMPLE[name]}.`,
        });
      }
    }
  },
};

function isQuantity(v: unknown): boolean {
  return (typeof v === 'string' && v !== '') || typeof v === 'number';
}
