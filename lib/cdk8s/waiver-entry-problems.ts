/**
 * The problems of each waiver of a list, as addWaivers checks them, for constructs that report
 * their waivers' problems with their other props' in one Error (BackupSchedule's `waivers` and
 * `restoreTest.waivers`). Not exported from the cdk8s entry point.
 */
import type { IConstruct } from 'constructs';
import { fullPackRules } from './full-pack';
import type { InputProblems } from './input-problems';
import { isExpired, resolveMaxWaiverMonths, Waiver, waiverProblems } from '../check/waiver';

/** Settings of {@link waiverEntryProblems}. */
export interface WaiverEntryOptions {
  /** The day expiry dates are judged against. @default - now */
  readonly now?: Date;
  /** How many months ahead an expiry may lie. @default 12 */
  readonly maxWaiverMonths?: number;
  /** The field the list is in. @default 'waivers' */
  readonly listField?: string;
}

/** One problem of one waiver of a list (see {@link waiverEntryProblems}). */
export interface WaiverEntryProblem {
  /** `<list field>[i]`, e.g. `waivers[0]`. */
  readonly field: string;
  /** ` for rule '<id>'` when the waiver names a rule, else empty. */
  readonly rule: string;
  /** ` expired on <date>` for an expired waiver, else empty. */
  readonly state: string;
  /** `waiver-invalid` or `waiver-expired`. */
  readonly ruleId: string;
  /** What is wrong and how to fix it. */
  readonly text: string;
}

/**
 * The problems of each waiver of a list, as {@link addWaivers} checks them (known rule, reason,
 * expiry within `maxWaiverMonths`, not expired). Lets a construct report its waivers' problems
 * with its other props' in one Error (BackupSchedule's `waivers` and `restoreTest.waivers`).
 */
export function waiverEntryProblems(waivers: readonly unknown[], options: WaiverEntryOptions = {}): WaiverEntryProblem[] {
  const now = options.now ?? new Date();
  const knownIds = new Set(fullPackRules().keys());
  const problems: WaiverEntryProblem[] = [];
  waivers.forEach((w, i) => {
    const found = waiverProblems(w, knownIds, { now, maxWaiverMonths: options.maxWaiverMonths });
    const rule = typeof (w as any)?.ruleId === 'string' ? ` for rule '${(w as any).ruleId}'` : '';
    const field = `${options.listField ?? 'waivers'}[${i}]`;
    if (found.length > 0) {
      problems.push({ field, rule, state: '', ruleId: 'waiver-invalid', text: found.join('; ') });
    } else if (isExpired(w as Waiver, now)) {
      const text = 'fix the finding it covered and remove the waiver, or review the risk and set a new expiry date';
      problems.push({ field, rule, state: ` expired on ${(w as Waiver).expires}`, ruleId: 'waiver-expired', text });
    }
  });
  return problems;
}

/**
 * {@link waiverEntryProblems} for waivers given to a construct created under `scope` (the
 * `maxWaiverMonths` of `HipaaValidation.enable` above it applies), as props problems: field and message.
 */
export function waiverPropProblems(scope: IConstruct, waivers: unknown, listField: string): { field: string; message: string }[] {
  if (!Array.isArray(waivers)) return [];
  let maxWaiverMonths: number | undefined;
  try {
    maxWaiverMonths = resolveMaxWaiverMonths(maxWaiverMonthsAbove(scope));
  } catch {
    maxWaiverMonths = undefined; // addWaivers reports a bad setting
  }
  return waiverEntryProblems(waivers, { maxWaiverMonths, listField })
    .map((p) => ({ field: p.field, message: `the waiver${p.rule}${p.state || ' is invalid'} (${p.ruleId}): ${p.text}.` }));
}

/** The `maxWaiverMonths` given to `HipaaValidation.enable` on a scope above (waivers.ts's MAX_WAIVER_MONTHS_KEY). */
function maxWaiverMonthsAbove(scope: IConstruct): number | undefined {
  const key = Symbol.for('hipaa-constructs.maxWaiverMonths');
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const value = (scopes[i] as any)[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * The problems of the expiry date of waivers a construct writes itself (their rule and reason are
 * its own, e.g. AuditSink's `forwarder.waiversExpire`), judged as those waivers will be, added to `p`
 * under `field`.
 */
export function ownWaiverExpiryProblems(p: InputProblems, expires: string, field: string, ruleId: string): void {
  for (const problem of waiverProblems({ ruleId, reason: 'checked for its expiry date only here', expires })) {
    p.add(field, `${problem.replace(/^expires /, '')} (waiver-invalid).`);
  }
}
