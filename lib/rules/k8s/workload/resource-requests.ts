import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';

const RESOURCES = ['cpu', 'memory', 'ephemeral-storage'] as const;
const EXAMPLE: Record<(typeof RESOURCES)[number], string> = { 'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '64Mi' };

/** Scheduling guarantees: every container requests cpu, memory and ephemeral-storage. */
export const resourceRequests: Rule = {
  id: 'k8s-resource-requests',
  title: 'Containers must request cpu, memory and ephemeral-storage',
  description:
    'Requests are what the scheduler reserves for a container. Without them a PHI workload is scheduled onto nodes that ' +
    'cannot run it, is the first to be evicted under node pressure (BestEffort QoS), and its disk use goes unaccounted. ' +
    'kube-score (container-resources), Polaris (cpuRequestsMissing, memoryRequestsMissing) and Checkov (CKV_K8S_10, CKV_K8S_12) ' +
    'flag missing requests. Kubernetes would copy a missing request from the limit, but the request is written out so ' +
    'reviewers see the reservation. Applies to containers and init containers; ephemeral containers cannot have resources.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(A)'],
  kinds: POD_KINDS,
  fix: 'Set resources.requests.cpu, resources.requests.memory and resources.requests.ephemeral-storage on every container and init container.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      if (ref.list === 'ephemeralContainers') continue;
      const requests = ref.container.resources?.requests;
      for (const name of RESOURCES) {
        if (isQuantity(requests?.[name])) continue;
        const path = `${ref.path}.resources.requests.${name}`;
        const limit = ref.container.resources?.limits?.[name];
        report({
          path,
          message: `${containerLabel(ref)} sets no ${name} request`,
          fix: isQuantity(limit)
            ? `Set ${path} to what ${containerLabel(ref)} needs at steady state, no more than its limit ${JSON.stringify(limit)}.`
            : `Set ${path} to what ${containerLabel(ref)} needs at steady state, e.g. ${name}: ${EXAMPLE[name]}.`,
        });
      }
    }
  },
};

function isQuantity(v: unknown): boolean {
  return (typeof v === 'string' && v !== '') || typeof v === 'number';
}
