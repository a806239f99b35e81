/**
 * Waivers: the only way to accept a finding. A waiver names the rule, says why (at least
 * MIN_WAIVER_REASON_LENGTH characters and MIN_WAIVER_REASON_WORDS words), and carries an expiry
 * date at most `maxWaiverMonths` (12 by default) ahead: 45 CFR 164.308(a)(8) asks for periodic
 * evaluation, so every accepted risk comes back for review. It may name an owner, a ticket and,
 * on pod-bearing objects, one container. Waived findings are kept and reported as waived; an
 * expired waiver no longer waives and is itself a finding.
 */

/** Annotation that carries waivers on any Kubernetes object, as a JSON list of {@link Waiver}. */
export const WAIVERS_ANNOTATION = 'hipaa-constructs.io/waivers';

/** A reason shorter than this is refused: "n/a" or "legacy" explains nothing to an auditor. */
export const MIN_WAIVER_REASON_LENGTH = 20;

/** A reason needs at least this many different words (two letters or more): "xxxxxxxxxxxxxxxxxxxx" is not a reason. */
export const MIN_WAIVER_REASON_WORDS = 3;

/** How far ahead a waiver may expire when nothing else is configured: a yearly review. */
export const DEFAULT_MAX_WAIVER_MONTHS = 12;

/** The largest `maxWaiverMonths` accepted: beyond three years a review is no longer periodic. */
export const MAX_WAIVER_MONTHS_LIMIT = 36;

/** An accepted exception to one rule. */
export interface Waiver {
  /** Id of the rule being waived, e.g. `k8s-read-only-root-filesystem`. */
  readonly ruleId: string;
  /** Why the risk is accepted and what compensates for it (at least 20 characters and 3 words). */
  readonly reason: string;
  /**
   * Last day (YYYY-MM-DD, UTC) the waiver holds; after it the waiver is a finding. Required, and
   * at most `maxWaiverMonths` (default 12) ahead, so the risk is evaluated again (164.308(a)(8)).
   */
  readonly expires: string;
  /** Who owns the accepted risk (person, team or e-mail). @default - not recorded */
  readonly owner?: string;
  /** Ticket or change record that approved the waiver. @default - not recorded */
  readonly ticket?: string;
  /**
   * Name of one container of the pod (in containers, initContainers or ephemeralContainers): the
   * waiver then accepts only findings inside that container, and findings elsewhere in the pod
   * stand. @default - the whole object
   */
  readonly container?: string;
}

/** Which objects a waiver given to the checker (rather than on an object) applies to. */
export interface WaiverTarget {
  /** Kind of object. @default - any kind */
  readonly kind?: string;
  /** Namespace of the object. @default - any namespace */
  readonly namespace?: string;
  /** Name of the object. @default - any name */
  readonly name?: string;
}

/** A waiver given to the checker, optionally limited to some objects. */
export interface ScopedWaiver extends Waiver {
  /** Objects it applies to. @default - every object */
  readonly target?: WaiverTarget;
}

/** What waivers are judged against. */
export interface WaiverPolicy {
  /** Today, for the expiry limit. @default - now */
  readonly now?: Date;
  /** How many months ahead an expiry may lie (see {@link resolveMaxWaiverMonths}). @default DEFAULT_MAX_WAIVER_MONTHS */
  readonly maxWaiverMonths?: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WAIVER_KEYS = new Set(['ruleId', 'reason', 'expires', 'owner', 'ticket', 'container', 'target']);
const WORD = /\p{L}{2,}/gu;

/**
 * What is wrong with a waiver, one sentence per problem (empty when it is valid). Being past its
 * expiry is not a problem of shape; see {@link isExpired}. An expiry further ahead than the
 * policy allows is.
 */
export function waiverProblems(waiver: unknown, knownRuleIds?: ReadonlySet<string>, policy: WaiverPolicy = {}): string[] {
  if (waiver === null || typeof waiver !== 'object' || Array.isArray(waiver)) {
    return [`a waiver must be an object with ruleId, reason and expires (got ${describeValue(waiver)})`];
  }
  const w = waiver as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(w)) {
    if (!WAIVER_KEYS.has(key)) problems.push(`unknown field '${key}' (allowed: ${[...WAIVER_KEYS].join(', ')})`);
  }
  if (typeof w.ruleId !== 'string' || w.ruleId.trim() === '') {
    problems.push('ruleId is missing: name the rule being waived, e.g. k8s-read-only-root-filesystem');
  } else if (knownRuleIds && !knownRuleIds.has(w.ruleId)) {
    problems.push(`ruleId '${w.ruleId}' is not a known rule`);
  }
  const reason = reasonProblem(w.reason);
  if (reason) problems.push(reason);
  const expires = expiryProblem(w.expires, policy);
  if (expires) problems.push(expires);
  for (const key of ['owner', 'ticket', 'container'] as const) {
    if (w[key] !== undefined && (typeof w[key] !== 'string' || (w[key] as string).trim() === '')) {
      problems.push(`${key} must be a non-empty string when given`);
    }
  }
  return problems;
}

/**
 * The `maxWaiverMonths` setting, checked: a whole number of months from 1 to
 * {@link MAX_WAIVER_MONTHS_LIMIT}; undefined gives {@link DEFAULT_MAX_WAIVER_MONTHS}.
 * @throws Error naming the setting and the accepted range
 */
export function resolveMaxWaiverMonths(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_WAIVER_MONTHS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_WAIVER_MONTHS_LIMIT) {
    throw new Error(
      `maxWaiverMonths must be a whole number of months from 1 to ${MAX_WAIVER_MONTHS_LIMIT} (got ${JSON.stringify(value) ?? String(value)}): ` +
        'waivers are evaluated again at least that often (45 CFR 164.308(a)(8))',
    );
  }
  return value;
}

/** The last expiry day (YYYY-MM-DD) a waiver may carry on `now`'s day: `months` later, clamped to the month's end. */
export function latestWaiverExpiry(now: Date, months: number): string {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + months;
  const lastOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(now.getUTCDate(), lastOfMonth);
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}

function reasonProblem(value: unknown): string | undefined {
  const reason = typeof value === 'string' ? value.trim() : '';
  const words = new Set((reason.match(WORD) ?? []).map((x) => x.toLowerCase())).size;
  if (reason.length >= MIN_WAIVER_REASON_LENGTH && words >= MIN_WAIVER_REASON_WORDS) return undefined;
  return (
    `reason must be at least ${MIN_WAIVER_REASON_LENGTH} characters and ${MIN_WAIVER_REASON_WORDS} different words saying why ` +
    `the risk is accepted and what compensates for it (got ${reason.length} characters, ${words} word${words === 1 ? '' : 's'})`
  );
}

function expiryProblem(value: unknown, policy: WaiverPolicy): string | undefined {
  const months = policy.maxWaiverMonths ?? DEFAULT_MAX_WAIVER_MONTHS;
  const latest = latestWaiverExpiry(policy.now ?? new Date(), months);
  if (value === undefined) {
    return (
      `expires is missing: give the last day the waiver holds (YYYY-MM-DD, at most ${monthsText(months)} ahead, i.e. ${latest} or earlier), ` +
      'so the accepted risk is evaluated again (45 CFR 164.308(a)(8))'
    );
  }
  const day = parseDay(value);
  if (day === undefined) return `expires must be a date written YYYY-MM-DD (got ${JSON.stringify(value) ?? String(value)})`;
  if (day > parseDay(latest)!) {
    return (
      `expires ${value as string} is more than ${monthsText(months)} ahead (latest allowed: ${latest}): a waiver is evaluated again at least ` +
      'that often (45 CFR 164.308(a)(8)); set an earlier date, or raise maxWaiverMonths (hipaa-check: --max-waiver-months) if your review period is longer'
    );
  }
  return undefined;
}

/**
 * What is wrong with a value given where a list of waivers is expected (undefined when it is a
 * list, or absent and not `required`): one message for every front end, starting after the field name.
 */
export function waiverListProblem(value: unknown, required = false): string | undefined {
  if ((value === undefined && !required) || Array.isArray(value)) return undefined;
  const single = value !== null && typeof value === 'object' && 'ruleId' in (value as object);
  return `must be a list of waivers, e.g. [{ ruleId, reason, expires }] (got ${single ? 'one waiver object; wrap it in [ ]' : describeValue(value)}) (waiver-invalid).`;
}

/** `a string`, `a list`, `null`... for messages about values of the wrong type. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `a ${typeof value}`;
}

/** True when the waiver's last valid day is before `now` (UTC). */
export function isExpired(waiver: Waiver, now: Date): boolean {
  if (waiver.expires === undefined) return false;
  const last = parseDay(waiver.expires);
  if (last === undefined) return false;
  return now.getTime() >= last + 24 * 3600 * 1000;
}

/** The annotation value that carries these waivers. */
export function renderWaiverAnnotation(waivers: readonly Waiver[]): string {
  return JSON.stringify(
    waivers.map((w) => ({ ruleId: w.ruleId, reason: w.reason, expires: w.expires, owner: w.owner, ticket: w.ticket, container: w.container })),
  );
}

/** Reads the waivers annotation of an object; problems are reported, not thrown. */
export function parseWaiverAnnotation(value: unknown, policy: WaiverPolicy = {}): { waivers: Waiver[]; problems: string[] } {
  if (typeof value !== 'string') {
    return { waivers: [], problems: [`annotation ${WAIVERS_ANNOTATION} must be a string holding a JSON list`] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (e) {
    return { waivers: [], problems: [`annotation ${WAIVERS_ANNOTATION} is not valid JSON: ${(e as Error).message}`] };
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const waivers: Waiver[] = [];
  const problems: string[] = [];
  list.forEach((w, i) => {
    const p = waiverProblems(w, undefined, policy);
    if (p.length > 0) problems.push(...p.map((m) => `waiver ${i}: ${m}`));
    else waivers.push(w as Waiver);
  });
  return { waivers, problems };
}

/** Whether a checker-level waiver applies to an object. */
export function targets(target: WaiverTarget | undefined, kind: string, namespace: string | undefined, name: string): boolean {
  if (!target) return true;
  return (
    (target.kind === undefined || target.kind === kind) &&
    (target.namespace === undefined || target.namespace === namespace) &&
    (target.name === undefined || target.name === name)
  );
}

function parseDay(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE.exec(value);
  if (!m) return undefined;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const d = new Date(t);
  // Rejects 2026-02-31 and the like, which Date.UTC silently rolls over.
  if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return undefined;
  return t;
}

/** `1 month`, `12 months`. */
function monthsText(months: number): string {
  return months === 1 ? '1 month' : `${months} months`;
}
