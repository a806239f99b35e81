import type { Rule } from '../../../check/rule';
import { limitRangeItemProblems } from '../support/limit-range';

/** LimitRanges the API server accepts. */
export const validLimitRange: Rule = {
  id: 'k8s-valid-limit-range',
  title: 'LimitRange bounds must be valid quantities in order: min <= defaultRequest <= default <= max',
  description:
    'The API server refuses a LimitRange whose values are not Kubernetes quantities, whose default for a resource is above ' +
    'its max (or its defaultRequest above its default, its min above any of them), that gives defaults to a Pod item, or ' +
    'whose maxLimitRequestRatio is below 1. A refused LimitRange leaves containers that set no requests or limits ' +
    'unbounded in a namespace that holds PHI.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)'],
  kinds: ['LimitRange'],
  fix: 'Write every bound as a Kubernetes quantity and keep, per resource, min <= defaultRequest <= default <= max.',
  check(resource, _ctx, report) {
    const items = resource.body.spec?.limits;
    if (!Array.isArray(items)) return;
    items.forEach((item, i) => {
      for (const p of limitRangeItemProblems(item)) {
        const path = p.field ? `spec.limits[${i}].${p.field}` : `spec.limits[${i}]`;
        report({ path, message: p.message, fix: `Correct ${path} so that, per resource, min <= defaultRequest <= default <= max, all valid quantities.` });
      }
    });
  },
};
