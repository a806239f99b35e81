/**
 * Baselines: findings a team accepted when it adopted the library on an existing estate, so the
 * pipeline fails on new findings only. An entry matches findings by rule, object and field path
 * (not message, not line: a reworded message or a moved object keeps its entry), and expires. A
 * baselined finding stays visible in every report (SARIF `baselineState: unchanged`, JUnit skipped,
 * HTML "debt", OSCAL risk `remediating`); only the verdict ignores it. Entries that match nothing
 * are stale and are reported.
 *
 * File (`.hipaa-baseline.json`), sorted and stable so a change is a reviewable diff:
 * ```json
 * {"version": 1, "tool": "hipaa-check", "created": "2026-12-02", "expires": "2027-06-02",
 *  "entries": [{"rule": "k8s-run-as-non-root", "kind": "Deployment", "namespace": "legacy", "name": "billing",
 *               "path": "spec.template.spec.containers[0].securityContext.runAsNonRoot", "count": 1,
 *               "message": "container 'billing' may run as root ..."}]}
 * ```
 */

/** Version of the baseline file format. */
export const BASELINE_VERSION = 1;

/** The file name `hipaa-check --write-baseline` is documented with (any name may be given). */
export const BASELINE_FILE = '.hipaa-baseline.json';

/** How many months a baseline is accepted at most (and by default): debt comes back for review (164.308(a)(8)). */
export const MAX_BASELINE_MONTHS = 12;

/** One accepted finding (or several of one rule on one object and path). */
export interface BaselineEntry {
  /** Rule id. */
  readonly rule: string;
  /** Kind of the object. */
  readonly kind: string;
  /** Namespace of the object. @default - none */
  readonly namespace?: string;
  /** Name of the object. */
  readonly name: string;
  /** Field path inside the object. */
  readonly path: string;
  /** How many findings it accepts. @default 1 */
  readonly count?: number;
  /** The finding's message when it was accepted: for the reader of the file, never matched. @default - none */
  readonly message?: string;
}

/** A baseline file, read and validated. */
export interface Baseline {
  /** The file it was read from, as given. @default - not read from a file */
  readonly file?: string;
  /** The tool that wrote it. @default - not recorded */
  readonly tool?: string;
  /** When it was written (YYYY-MM-DD). */
  readonly created: string;
  /** When its entries stop being accepted (YYYY-MM-DD, at most 12 months after created). */
  readonly expires: string;
  /** The entries, sorted. */
  readonly entries: readonly BaselineEntry[];
  /**
   * Set by applyBaseline on the baseline a result records when it had expired at the time it was
   * applied (it accepted nothing). @default false
   */
  readonly expired?: boolean;
}

/** The mark a baselined finding carries. */
export interface BaselineMark {
  /** The baseline file, as given. @default - not read from a file */
  readonly file?: string;
  /** When the baseline was written (YYYY-MM-DD). */
  readonly created: string;
  /** When the baseline's acceptance ends (YYYY-MM-DD). */
  readonly expires: string;
}
