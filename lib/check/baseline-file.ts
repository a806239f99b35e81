/**
 * Baseline files (see baseline.ts): reading and validating one, writing one from a result,
 * applying one to a result and pruning its stale entries.
 */
import { Baseline, BASELINE_VERSION, BaselineEntry, MAX_BASELINE_MONTHS } from './baseline';
import { findingKey } from './baseline-apply';
import { sortEntries } from './baseline-read';
import type { CheckResult } from './engine';
import type { Finding } from './finding';
import { latestWaiverExpiry } from './waiver';

export { BaselineError } from './baseline-error';
export { readBaseline, parseBaseline } from './baseline-read';
export { applyBaseline, pruneBaseline, isBaselineExpired } from './baseline-apply';

/** Options of {@link baselineOf}. */
export interface BaselineOfOptions {
  /** The tool recorded as the writer. @default - not recorded */
  readonly tool?: string;
  /** Months until the baseline expires, 1 to 12. @default 12 */
  readonly months?: number;
}

/**
 * A baseline accepting every finding of `result` that stands (neither waived nor baselined), and
 * those a baseline applied to `result` accepted (so rewriting a baseline keeps the debt it still
 * accepts and drops its stale entries), written at `now` and expiring `months` later.
 */
export function baselineOf(result: CheckResult, now: Date, options: BaselineOfOptions = {}): Baseline {
  const months = options.months ?? MAX_BASELINE_MONTHS;
  if (!Number.isInteger(months) || months < 1 || months > MAX_BASELINE_MONTHS) {
    throw new Error(`baselineOf: months must be a whole number from 1 to ${MAX_BASELINE_MONTHS} (got ${months})`);
  }
  const entries = new Map<string, { entry: BaselineEntry; count: number }>();
  const add = (f: Finding) => {
    const key = findingKey(f);
    const slot = entries.get(key);
    if (slot) {
      slot.count++;
      return;
    }
    const r = f.resource;
    entries.set(key, {
      entry: {
        rule: f.ruleId,
        kind: r.kind,
        ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
        name: r.name,
        path: f.path,
        count: 1,
        message: f.message,
      },
      count: 1,
    });
  };
  for (const f of result.unwaived) add(f);
  for (const f of result.baselined ?? []) add(f);
  const created = now.toISOString().slice(0, 10);
  return {
    ...(options.tool !== undefined ? { tool: options.tool } : {}),
    created,
    expires: latestWaiverExpiry(new Date(`${created}T00:00:00Z`), months),
    entries: sortEntries([...entries.values()].map(({ entry, count }) => ({ ...entry, count }))),
  };
}

/**
 * The baseline file's text: `{version, tool, created, expires, entries}` with entries sorted by
 * rule, kind, namespace, name and path, each `{rule, kind, namespace?, name, path, count, message?}`;
 * two-space JSON ending with a newline. Stable, so a change to it is a reviewable diff.
 */
export function renderBaseline(baseline: Baseline): string {
  const doc = {
    version: BASELINE_VERSION,
    ...(baseline.tool !== undefined ? { tool: baseline.tool } : {}),
    created: baseline.created,
    expires: baseline.expires,
    entries: sortEntries(baseline.entries).map((e) => ({
      rule: e.rule,
      kind: e.kind,
      ...(e.namespace !== undefined ? { namespace: e.namespace } : {}),
      name: e.name,
      path: e.path,
      count: e.count ?? 1,
      ...(e.message !== undefined ? { message: e.message } : {}),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
