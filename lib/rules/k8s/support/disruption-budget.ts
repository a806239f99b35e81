/**
 * Whether a PodDisruptionBudget holds anything back: one that lets every pod go at once is
 * accepted by the API server but protects nothing during a node drain.
 */

/**
 * Why a budget with `spec` protects nothing for a workload of `replicas` pods, or undefined
 * when it keeps at least one pod running (or when it cannot be told: a percentage of an
 * unknown count, an invalid value).
 */
export function budgetProtectsNothing(spec: unknown, replicas: number | undefined): string | undefined {
  if (spec === null || typeof spec !== 'object') return undefined;
  const s = spec as Record<string, any>;
  const max = s.maxUnavailable;
  const min = s.minAvailable;
  if (typeof max === 'string' && percent(max) !== undefined && percent(max)! >= 100) {
    return `maxUnavailable ${JSON.stringify(max)} lets every pod be evicted at once`;
  }
  if (typeof max === 'number' && replicas !== undefined && max >= replicas) {
    return `maxUnavailable ${max} is not below the ${replicas} replica${replicas === 1 ? '' : 's'}, so every pod can be evicted at once`;
  }
  if (min === 0 || (typeof min === 'string' && percent(min) === 0)) {
    return `minAvailable ${JSON.stringify(min)} keeps no pod running`;
  }
  return undefined;
}

function percent(value: string): number | undefined {
  const m = /^(\d+)%$/.exec(value);
  return m ? Number(m[1]) : undefined;
}
