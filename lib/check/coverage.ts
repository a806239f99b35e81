import type { RuleInfo } from './rule';

/**
 * How many of the checked objects each rule applied to: the objects of its kinds, or all of
 * them for a rule of kind `*`. Computed from the count of objects per kind, so it costs one
 * counter per object whatever the number of rules.
 */
export function ruleCoverage(rules: readonly RuleInfo[], kindCounts: ReadonlyMap<string, number>, total: number): Record<string, number> {
  const coverage: Record<string, number> = {};
  for (const rule of rules) {
    let n = 0;
    if (rule.kinds.includes('*')) {
      n = total;
    } else {
      for (const kind of new Set(rule.kinds)) n += kindCounts.get(kind) ?? 0;
    }
    coverage[rule.id] = n;
  }
  return coverage;
}
