import { countFindings, FailOn, fingerprint, passes, ReportMetadata } from './common';
import type { CheckResult } from '../check/engine';
import type { Finding } from '../check/finding';
import type { Severity } from '../check/rule';

/**
 * Version of the JSON report's schema. It changes only when a field is removed or changes
 * meaning; adding fields keeps the version.
 */
export const JSON_REPORT_VERSION = 1;

/** The JSON report (schema version 1). Absent values are `null`, never missing keys. */
export interface JsonReport {
  /** Schema version of this document: {@link JSON_REPORT_VERSION}. */
  readonly version: number;
  /** The tool that made the report. */
  readonly tool: { readonly name: string; readonly version: string | null };
  /** Rule pack that ran. */
  readonly pack: string | null;
  /** When the report was made (ISO 8601), if the caller gave a time. */
  readonly generatedAt: string | null;
  /** Files or directories read. */
  readonly inputs: readonly string[];
  /** Settings the check ran with, when known. */
  readonly settings: {
    readonly kubernetesVersion: string | null;
    readonly allowedRegistries: readonly string[] | null;
    readonly failOn: FailOn;
  };
  /** Whether the check passes under `settings.failOn`. */
  readonly passed: boolean;
  /** Counts. `errors` and `warnings` count unwaived findings. */
  readonly summary: {
    readonly objects: number;
    readonly rules: number;
    readonly findings: number;
    readonly errors: number;
    readonly warnings: number;
    readonly waived: number;
  };
  /** Every rule that ran (and the engine's waiver rules), in pack order. */
  readonly rules: readonly JsonRule[];
  /** Every finding, waived or not, in the engine's order. */
  readonly findings: readonly JsonFinding[];
}

/** A rule in the JSON report. */
export interface JsonRule {
  /** Rule id, e.g. `k8s-run-as-non-root`. */
  readonly id: string;
  /** One line saying what the rule requires. */
  readonly title: string;
  /** Why it matters. */
  readonly description: string;
  /** `error` fails the check; `warning` fails it only with failOn `warning`. */
  readonly severity: Severity;
  /** HIPAA citations (ids in the controls catalogue). */
  readonly controls: readonly string[];
  /** Kinds the rule applies to; `*` for every kind. */
  readonly kinds: readonly string[];
  /** How to fix a violation. */
  readonly fix: string;
}

/** A finding in the JSON report. */
export interface JsonFinding {
  /** Stable identity across runs (rule, object, path, message; not file or line). */
  readonly fingerprint: string;
  /** Id of the rule that found it. */
  readonly ruleId: string;
  /** The rule's title. */
  readonly title: string;
  /** The rule's severity. */
  readonly severity: Severity;
  /** HIPAA citations the rule serves. */
  readonly controls: readonly string[];
  /** The object: kind, namespace (null when it names none) and name. */
  readonly object: { readonly kind: string; readonly namespace: string | null; readonly name: string };
  /** Field path inside the object. */
  readonly path: string;
  /** What is wrong, naming the offending value. */
  readonly message: string;
  /** How to fix this finding. */
  readonly fix: string;
  /** Where the object came from (file and 1-based line, or construct path); null when unknown. */
  readonly source: { readonly file: string | null; readonly line: number | null; readonly constructPath: string | null } | null;
  /** True when a waiver accepts the finding. */
  readonly waived: boolean;
  /** The waiver that accepts it; null when the finding stands. */
  readonly waiver: {
    readonly ruleId: string;
    readonly reason: string;
    readonly owner: string | null;
    readonly ticket: string | null;
    readonly expires: string | null;
    /** The one container of the pod the waiver is limited to; null for the whole object. */
    readonly container: string | null;
  } | null;
}

/** Builds the JSON report (a plain object; see {@link renderJson} for the text). */
export function toJsonReport(result: CheckResult, meta: ReportMetadata = {}): JsonReport {
  const counts = countFindings(result.findings);
  const failOn = meta.failOn ?? 'error';
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: meta.toolName ?? 'hipaa-check', version: meta.toolVersion ?? null },
    pack: meta.packName ?? null,
    generatedAt: meta.generatedAt ? meta.generatedAt.toISOString() : null,
    inputs: [...(meta.inputs ?? [])],
    settings: {
      kubernetesVersion: meta.kubernetesVersion ?? null,
      allowedRegistries: meta.allowedRegistries ? [...meta.allowedRegistries] : null,
      failOn,
    },
    passed: passes(result, failOn),
    summary: {
      objects: result.resourceCount,
      rules: result.rules.length,
      findings: result.findings.length,
      errors: counts.errors,
      warnings: counts.warnings,
      waived: counts.waived,
    },
    rules: result.rules.map((r) => ({
      id: r.id,
      title: r.title,
      description: r.description,
      severity: r.severity,
      controls: [...r.controls],
      kinds: [...r.kinds],
      fix: r.fix,
    })),
    findings: result.findings.map(jsonFinding),
  };
}

/** The JSON report as text: two-space indented, ending with a newline. */
export function renderJson(result: CheckResult, meta: ReportMetadata = {}): string {
  return JSON.stringify(toJsonReport(result, meta), null, 2) + '\n';
}

function jsonFinding(f: Finding): JsonFinding {
  return {
    fingerprint: fingerprint(f),
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    controls: [...f.controls],
    object: { kind: f.resource.kind, namespace: f.resource.namespace ?? null, name: f.resource.name },
    path: f.path,
    message: f.message,
    fix: f.fix,
    source: f.source
      ? { file: f.source.file ?? null, line: f.source.line ?? null, constructPath: f.source.constructPath ?? null }
      : null,
    waived: f.waiver !== undefined,
    waiver: f.waiver
      ? {
        ruleId: f.waiver.ruleId,
        reason: f.waiver.reason,
        owner: f.waiver.owner ?? null,
        ticket: f.waiver.ticket ?? null,
        expires: f.waiver.expires ?? null,
        container: f.waiver.container ?? null,
      }
      : null,
  };
}
