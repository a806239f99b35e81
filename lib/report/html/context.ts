import type { CheckResult } from '../../check/engine';
import type { Finding } from '../../check/finding';
import { citationSummaries, CitationSummary } from '../citations';
import type { ReportMetadata } from '../common';

/** What every section of the HTML report reads: the result, the metadata and what is worked out once. */
export interface HtmlContext {
  /** The check result. */
  readonly result: CheckResult;
  /** The report metadata. */
  readonly meta: ReportMetadata;
  /** The citation matrix (citations.ts): statuses are never recomputed here. */
  readonly citations: readonly CitationSummary[];
  /** Rule id -> HTML id of the rule's findings group, for links from the matrix and the catalogue. */
  readonly ruleAnchor: (ruleId: string) => string;
  /** Citation -> HTML id of its row in the matrix (`164.312(a)(1)` -> `cit-164.312-a-1`). */
  readonly citationAnchor: (citation: string) => string;
}

/** A finding's state: open (new), accepted by a baseline, or accepted by a waiver. */
export type FindingState = 'new' | 'baselined' | 'waived';

/** The state of a finding (a waiver takes precedence; the two are never both set). */
export function stateOf(f: Finding): FindingState {
  return f.waiver ? 'waived' : f.baselined ? 'baselined' : 'new';
}

/** Counts of a result's findings by state (open ones by severity). */
export interface StateCounts {
  /** Open findings of severity error. */
  readonly errors: number;
  /** Open findings of severity warning. */
  readonly warnings: number;
  /** Findings a baseline accepts. */
  readonly baselined: number;
  /** Findings a waiver accepts. */
  readonly waived: number;
}

/** Counts findings by state. */
export function countStates(findings: readonly Finding[]): StateCounts {
  let errors = 0;
  let warnings = 0;
  let baselined = 0;
  let waived = 0;
  for (const f of findings) {
    if (f.waiver) waived++;
    else if (f.baselined) baselined++;
    else if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings, baselined, waived };
}

/** Builds the context of one report. */
export function htmlContext(result: CheckResult, meta: ReportMetadata): HtmlContext {
  return {
    result,
    meta,
    citations: citationSummaries(result, meta),
    ruleAnchor: (id) => `rule-${safeId(id)}`,
    citationAnchor: (c) => `cit-${safeId(c.replace(/\(/g, '-').replace(/\)/g, ''))}`,
  };
}

/** An id fragment: letters, digits, '-' and '.'; anything else as `_xx` (hex), so distinct keys stay distinct. */
export function safeId(key: string): string {
  if (/^[A-Za-z0-9.-]*$/.test(key)) return key;
  let out = '';
  for (const c of key) out += /[A-Za-z0-9.-]/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}_`;
  return out;
}

const DAY_MS = 86_400_000;

/** Days from `now` to a YYYY-MM-DD date (negative when past); undefined for a date that does not parse. */
export function daysUntil(date: string, now: Date): number | undefined {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) return undefined;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((t - today) / DAY_MS);
}

/** How soon an expiry date must be acted on to be highlighted. */
export const EXPIRY_WARNING_DAYS = 30;
