import type { Rule } from '../../../check/rule';
import { isObject } from '../support/objects';
import { quantityProblem } from '../support/quantity';

/** ResourceQuota amounts the API server accepts. */
export const validResourceQuota: Rule = {
  id: 'k8s-valid-resource-quota',
  title: 'ResourceQuota amounts must be valid, non-negative quantities',
  description:
    'The API server refuses a ResourceQuota whose spec.hard amounts are not Kubernetes quantities or are negative. A ' +
    'refused quota leaves the namespace without the aggregate bounds that keep one workload from starving the PHI ' +
    'services beside it.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)'],
  kinds: ['ResourceQuota'],
  fix: "Write each spec.hard amount as a Kubernetes quantity: counts as whole numbers in quotes ('50'), cpu as '8' or '500m', memory and storage as '16Gi'.",
  check(resource, _ctx, report) {
    const hard = resource.body.spec?.hard;
    if (!isObject(hard)) return;
    for (const [name, value] of Object.entries(hard)) {
      const problem = quantityProblem(value);
      if (!problem) continue;
      const path = `spec.hard["${name}"]`;
      report({ path, message: `ResourceQuota amount ${name}: ${problem}`, fix: `Set ${path} to a Kubernetes quantity of 0 or more.` });
    }
  },
};
