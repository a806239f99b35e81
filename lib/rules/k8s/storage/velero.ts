/**
 * Velero Schedules (velero.io/v1): the namespaces they back up and Go durations (their TTL).
 * Computed once per check through ctx.memo. Not a rule itself.
 */
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';

/** The annotation on a Schedule stating how long its backups must be kept, as a Go duration (e.g. `2160h`). */
export const RETENTION_ANNOTATION = 'hipaa-constructs.io/retention';

/** The annotation on a Schedule stating its recovery point objective, as a Go duration (e.g. `24h`): the longest time between two backups. */
export const RPO_ANNOTATION = 'hipaa-constructs.io/rpo';

/** The annotation on a Schedule stating its recovery time objective, as a Go duration (e.g. `4h`): how long a restore may take. */
export const RTO_ANNOTATION = 'hipaa-constructs.io/rto';

/**
 * The annotation marking a Namespace as the restore-test scratch space of a Schedule, naming it
 * as `<namespace>/<name>`: it holds only copies restored from that Schedule's backups, deleted
 * after each test, so it is not backed up itself.
 */
export const RESTORE_TEST_OF_ANNOTATION = 'hipaa-constructs.io/restore-test-of';

/** Velero's backup TTL when a Schedule's spec.template.ttl is unset: 720h (30 days). */
export const VELERO_DEFAULT_TTL_MS = 720 * 3600_000;

const UNITS: Readonly<Record<string, number>> = { h: 3600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:h|ms|m|s|us|µs|ns))+$/;
const PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;

/** A Go duration (`720h0m0s`, `90m`) in milliseconds, or undefined when it is not one (Velero rejects those). */
export function parseGoDuration(value: unknown): number | undefined {
  if (typeof value !== 'string' || !DURATION.test(value)) return undefined;
  let ms = 0;
  for (const m of value.matchAll(PART)) ms += Number(m[1]) * UNITS[m[2]];
  return ms;
}

/** `2160h (90 days)`. */
export function describeDuration(ms: number): string {
  const hours = ms / 3600_000;
  const days = hours / 24;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(2)}h (${Number.isInteger(days) ? days : days.toFixed(1)} days)`;
}

/** Whether `resource` is a Velero Schedule. */
export function isVeleroSchedule(resource: Resource): boolean {
  return resource.kind === 'Schedule' && resource.apiVersion?.startsWith('velero.io/') === true;
}

interface ScheduleCoverage {
  readonly schedule: Resource;
  readonly all: boolean;
  readonly included: readonly RegExp[];
  readonly excluded: readonly RegExp[];
}

/** The Velero Schedules of the set (paused or label-filtered ones included: {@link coveringSchedules} tells them apart). */
export function veleroSchedules(ctx: RuleContext): readonly Resource[] {
  return ctx.memo('k8s-storage/velero-schedules', () => ctx.ofKind('Schedule').filter(isVeleroSchedule));
}

function coverage(ctx: RuleContext): readonly ScheduleCoverage[] {
  return ctx.memo('k8s-storage/velero-coverage', () => veleroSchedules(ctx).flatMap((schedule) => {
    const spec = schedule.body.spec;
    const template = spec?.template ?? {};
    // A paused Schedule backs up nothing; one filtered by labels backs up only the objects carrying them.
    if (spec?.paused === true || template.labelSelector !== undefined || template.orLabelSelectors !== undefined) return [];
    const inc = strings(template.includedNamespaces);
    const exc = strings(template.excludedNamespaces);
    return [{ schedule, all: inc.length === 0 || inc.includes('*'), included: inc.map(glob), excluded: exc.map(glob) }];
  }));
}

/** The Velero Schedules that back up namespace `ns` (not paused, not filtered by labels, included and not excluded). */
export function coveringSchedules(ctx: RuleContext, ns: string): readonly Resource[] {
  return coverage(ctx)
    .filter((c) => (c.all || c.included.some((r) => r.test(ns))) && !c.excluded.some((r) => r.test(ns)))
    .map((c) => c.schedule);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

/** A namespace pattern as Velero matches it: `*` and `?` wildcards, else the exact name. */
function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}
