import type { Report, Rule } from '../../../check/rule';
import { containerLabel, ContainerRef, podTemplate, POD_KINDS } from '../pod';
import { limitBelowRequest, quantityProblem } from '../support/quantity';

/** Requests and limits the API server accepts: quantities that parse, limits no lower than requests. */
export const validResources: Rule = {
  id: 'k8s-valid-resources',
  title: 'Container requests and limits must be valid quantities, with each limit no lower than its request',
  description:
    'The API server refuses a pod whose requests or limits are not Kubernetes quantities (a number with an optional suffix ' +
    'such as 500m, 128Mi or 1Gi; not "1GB" or "1 Gi"), are negative, or whose limit for a resource is below its request. ' +
    'A manifest like that passes review and fails at deploy time, often after other objects of the release were applied, ' +
    'and leaves the workload without the resource guarantees its availability rests on (Kubernetes documentation, ' +
    '"Resource Management for Pods and Containers").',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)'],
  kinds: POD_KINDS,
  fix: 'Write requests and limits as Kubernetes quantities (cpu: 500m, memory: 256Mi, ephemeral-storage: 1Gi) and set each limit at or above its request.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      const resources = ref.container.resources;
      if (!isMap(resources)) continue;
      const requests = isMap(resources.requests) ? resources.requests : undefined;
      const limits = isMap(resources.limits) ? resources.limits : undefined;
      if (requests) {
        for (const name in requests) {
          if (Object.hasOwn(requests, name)) checkQuantity(ref, 'requests', name, requests[name], report);
        }
      }
      if (!limits) continue;
      for (const name in limits) {
        if (!Object.hasOwn(limits, name)) continue;
        const limit = limits[name];
        if (!checkQuantity(ref, 'limits', name, limit, report) || !requests) continue;
        const problem = limitBelowRequest(name, requests[name], limit);
        if (!problem) continue;
        const path = `${ref.path}.resources.limits.${name}`;
        report({
          path,
          message: `${containerLabel(ref)}: ${problem}`,
          fix: `Raise ${path} to at least ${JSON.stringify(requests[name])}, or lower resources.requests.${name} to at most ${JSON.stringify(limit)}.`,
        });
      }
    }
  },
};

/** Reports a value that is not a valid quantity; true when it is one. */
function checkQuantity(ref: ContainerRef, list: 'requests' | 'limits', name: string, value: unknown, report: Report): boolean {
  const problem = quantityProblem(value);
  if (!problem) return true;
  const path = `${ref.path}.resources.${list}.${name}`;
  report({
    path,
    message: `${containerLabel(ref)} ${list} ${name}: ${problem}`,
    fix: `Set ${path} to a Kubernetes quantity, e.g. ${name === 'cpu' ? '500m' : name === 'memory' ? '256Mi' : '1Gi'}.`,
  });
  return false;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
