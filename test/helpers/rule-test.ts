import { daysFromNow } from './dates';
import { check, CheckOptions, CheckResult } from '../../lib/check/engine';
import { fromManifest } from '../../lib/check/resource';
import type { Rule } from '../../lib/check/rule';

/** Fixed "now" so waiver expiry in tests never depends on the day the suite runs. */
export const TEST_NOW = new Date('2026-06-01T12:00:00Z');

/**
 * A waiver expiry for checks run at {@link TEST_NOW}: 90 days after it. Checks at a fixed "now"
 * take their expiries from it (not from the real today), so they never drift past the limit.
 */
export const TEST_SOON = daysFromNow(90, TEST_NOW);

/** Runs one rule over manifests and returns the full result. */
export function runRule(rule: Rule, manifests: object[], options: CheckOptions = {}): CheckResult {
  return check(manifests.map((m) => fromManifest(m as Record<string, any>)), { name: 'test', description: 'test', rules: [rule] }, { now: TEST_NOW, ...options });
}

/** Runs one rule and returns `path: message` of each unwaived finding. */
export function violations(rule: Rule, manifests: object[], options: CheckOptions = {}): string[] {
  return runRule(rule, manifests, options).unwaived.map((f) => `${f.path}: ${f.message}`);
}

/** A deep copy to mutate in one test without touching the shared fixture. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
