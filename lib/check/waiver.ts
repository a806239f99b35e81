/**
 * Waivers: the only way to accept a finding. A waiver names the rule, says why (at least
 * MIN_WAIVER_REASON_LENGTH characters), and may carry an expiry date, an owner and a ticket.
 * Waived findings are kept and reported as waived; an expired waiver no longer waives and is
 * itself a finding.
 */

/** Annotation that carries waivers on any Kubernetes object, as a JSON list of {@link Waiver}. */
export const WAIVERS_ANNOTATION = 'hipaa-constructs.io/waivers';

/** A reason shorter than this is refused: "n/a" or "legacy" explains nothing to an auditor. */
export const MIN_WAIVER_REASON_LENGTH = 20;

/** An accepted exception to one rule. */
export interface Waiver {
  /** Id of the rule being waived, e.g. `k8s-read-only-root-filesystem`. */
  readonly ruleId: string;
  /** Why the risk is accepted and what compensates for it (at least 20 characters). */
  readonly reason: string;
  /** Last day (YYYY-MM-DD, UTC) the waiver holds; after it the waiver is a finding. @default - does not expire */
  readonly expires?: string;
  /** Who owns the accepted risk (person, team or e-mail). @default - not recorded */
  readonly owner?: string;
  /** Ticket or change record that approved the waiver. @default - not recorded */
  readonly ticket?: string;
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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WAIVER_KEYS = new Set(['ruleId', 'reason', 'expires', 'owner', 'ticket', 'target']);

/**
 * What is wrong with a waiver, one sentence per problem (empty when it is valid). Expiry is
 * not a problem of shape; see {@link isExpired}.
 */
export function waiverProblems(waiver: unknown, knownRuleIds?: ReadonlySet<string>): string[] {
  if (waiver === null || typeof waiver !== 'object' || Array.isArray(waiver)) {
    return ['a waiver must be an object with ruleId and reason'];
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
  const reason = typeof w.reason === 'string' ? w.reason.trim() : '';
  if (reason.length < MIN_WAIVER_REASON_LENGTH) {
    problems.push(
      `reason must be at least ${MIN_WAIVER_REASON_LENGTH} characters saying why the risk is accepted ` +
        `and what compensates for it (got ${reason.length})`,
    );
  }
  if (w.expires !== undefined && parseDay(w.expires) === undefined) {
    problems.push(`expires must be a date written YYYY-MM-DD (got ${JSON.stringify(w.expires)})`);
  }
  for (const key of ['owner', 'ticket'] as const) {
    if (w[key] !== undefined && (typeof w[key] !== 'string' || (w[key] as string).trim() === '')) {
      problems.push(`${key} must be a non-empty string when given`);
    }
  }
  return problems;
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
    waivers.map((w) => ({ ruleId: w.ruleId, reason: w.reason, expires: w.expires, owner: w.owner, ticket: w.ticket })),
  );
}

/** Reads the waivers annotation of an object; problems are reported, not thrown. */
export function parseWaiverAnnotation(value: unknown): { waivers: Waiver[]; problems: string[] } {
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
    const p = waiverProblems(w);
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
