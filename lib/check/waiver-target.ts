/**
 * Validation of waivers given to the checker (a waivers file, a CrossGuard policy config): a
 * {@link ScopedWaiver} is a waiver plus an optional target naming only kind, namespace and name.
 */
import { waiverProblems, WaiverPolicy } from './waiver';

const TARGET_KEYS = ['kind', 'namespace', 'name'];

/**
 * What is wrong with a scoped waiver, one sentence per problem (empty when it is valid): the
 * waiver's own problems (see {@link waiverProblems}) and those of its target.
 */
export function scopedWaiverProblems(waiver: unknown, knownRuleIds?: ReadonlySet<string>, policy: WaiverPolicy = {}): string[] {
  return [...waiverProblems(waiver, knownRuleIds, policy), ...targetProblems(waiver)];
}

function targetProblems(w: unknown): string[] {
  if (w === null || typeof w !== 'object' || Array.isArray(w)) return [];
  const target = (w as Record<string, unknown>).target;
  if (target === undefined) return [];
  if (target === null || typeof target !== 'object' || Array.isArray(target)) {
    return [`target must be a mapping with kind, namespace and/or name (got ${describe(target)})`];
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(target)) {
    if (!TARGET_KEYS.includes(key)) {
      problems.push(`unknown field 'target.${key}' (allowed: ${TARGET_KEYS.join(', ')})`);
    } else if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`target.${key} must be a non-empty string (got ${JSON.stringify(value)})`);
    }
  }
  return problems;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
