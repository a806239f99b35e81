import { isObject } from './objects';
import { parseQuantity, quantityProblem } from './quantity';

/** A problem in one LimitRange item, at a path relative to the item (e.g. `default.cpu`). */
export interface LimitRangeProblem {
  /** Field inside the item, e.g. `default.memory`. */
  readonly field: string;
  /** What is wrong, naming the values. */
  readonly message: string;
  /** The other field of a pair out of order (the lower bound), e.g. `default.memory`. @default - none */
  readonly lowerField?: string;
}

/** The bounds of a LimitRange item, in the order they must hold: min <= defaultRequest <= default <= max. */
const ORDER = ['min', 'defaultRequest', 'default', 'max'] as const;
const FIELDS = [...ORDER, 'maxLimitRequestRatio'] as const;

/**
 * What the API server refuses in one item of `spec.limits` of a LimitRange (apimachinery
 * `ValidateLimitRange`): a value that is not a quantity, a bound below a lower one (`min` <=
 * `defaultRequest` <= `default` <= `max` for each resource), defaults on a `Pod` item, and a
 * `maxLimitRequestRatio` below 1.
 */
export function limitRangeItemProblems(item: unknown): LimitRangeProblem[] {
  const problems: LimitRangeProblem[] = [];
  if (!isObject(item)) {
    return [{ field: '', message: 'a limit range item must be a mapping with type, min, max, default and defaultRequest' }];
  }
  const it = item as Record<string, any>;
  const values: Record<string, Record<string, number>> = {};
  for (const field of FIELDS) {
    const map = it[field];
    if (map === undefined || map === null) continue;
    if (typeof map !== 'object' || Array.isArray(map)) {
      problems.push({ field, message: `${field} must be a mapping of resource name to quantity` });
      continue;
    }
    values[field] = {};
    for (const [resource, value] of Object.entries(map)) {
      const problem = quantityProblem(value);
      if (problem) problems.push({ field: `${field}.${resource}`, message: `${field} ${resource}: ${problem}` });
      else values[field][resource] = parseQuantity(value)!;
    }
  }
  if (it.type === 'Pod') {
    for (const field of ['default', 'defaultRequest'] as const) {
      if (values[field] && Object.keys(values[field]).length > 0) {
        problems.push({ field, message: `a LimitRange item of type Pod cannot set ${field}; defaults apply to containers (type Container)` });
      }
    }
  }
  const resources = new Set(ORDER.flatMap((f) => Object.keys(values[f] ?? {})));
  for (const resource of resources) {
    // Each bound against every lower one that is set: the API server names each pair it refuses.
    for (let hi = 1; hi < ORDER.length; hi++) {
      const upper = values[ORDER[hi]]?.[resource];
      if (upper === undefined) continue;
      for (let lo = hi - 1; lo >= 0; lo--) {
        const lower = values[ORDER[lo]]?.[resource];
        if (lower === undefined) continue;
        if (upper < lower) {
          problems.push({
            field: `${ORDER[hi]}.${resource}`,
            lowerField: `${ORDER[lo]}.${resource}`,
            message:
              `${ORDER[hi]} ${resource} ${JSON.stringify(it[ORDER[hi]][resource])} is below ${ORDER[lo]} ${resource} ` +
              `${JSON.stringify(it[ORDER[lo]][resource])}; the API server requires min <= defaultRequest <= default <= max`,
          });
        }
        break;
      }
    }
  }
  for (const [resource, ratio] of Object.entries(values.maxLimitRequestRatio ?? {})) {
    if (ratio < 1) {
      problems.push({
        field: `maxLimitRequestRatio.${resource}`,
        message: `maxLimitRequestRatio ${resource} ${JSON.stringify(it.maxLimitRequestRatio[resource])} is below 1; a limit can never be below its request`,
      });
    }
  }
  return problems;
}
