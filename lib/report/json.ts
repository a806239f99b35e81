import { citationSummaries, CitationStatus, coverageOf } from './citations';
import { countFindings, FailOn, fingerprint, ReportMetadata, reportPasses } from './common';
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
  /**
   * Where the input came from: each file read with its SHA-256, and the git commit (with
   * whether the working tree was dirty) when the check ran in a git repository.
   */
  readonly provenance: {
    readonly files: readonly { readonly file: string; readonly sha256: string }[];
    readonly git: { readonly commit: string; readonly dirty: boolean | null; readonly branch: string | null; readonly remote: string | null } | null;
  };
  /** Settings the check ran with, when known. */
  readonly settings: {
    readonly kubernetesVersion: string | null;
    readonly allowedRegistries: readonly string[] | null;
    readonly failOn: FailOn;
    /** Namespace of objects that name none. */
    readonly defaultNamespace: string | null;
    /** Whether objects nobody classified counted as PHI. */
    readonly unclassifiedIsPhi: boolean | null;
    /** Shortest CIDR prefix a PHI workload could send to. */
    readonly minEgressPrefix: { readonly ipv4: number; readonly ipv6: number } | null;
    /** How many months ahead a waiver's expiry could lie. */
    readonly maxWaiverMonths: number | null;
  };
  /** Whether the check passes under `settings.failOn` and every input was read. */
  readonly passed: boolean;
  /** Input that could not be read, so its objects were not checked; a report with any does not pass. */
  readonly inputProblems: readonly { readonly file: string; readonly line: number | null; readonly message: string }[];
  /** Counts. `errors` and `warnings` count open findings (neither waived nor baselined). */
  readonly summary: {
    readonly objects: number;
    readonly rules: number;
    readonly findings: number;
    readonly errors: number;
    readonly warnings: number;
    readonly waived: number;
    /** Findings a baseline accepts. */
    readonly baselined: number;
    /** Input problems (files or documents that could not be read). */
    readonly inputProblems: number;
  };
  /**
   * Every citation of the HIPAA controls catalogue with its status: PASS only when a rule that
   * checks objects for it applied to at least one object and nothing is open; NOT EVIDENCED when
   * its rules applied to no object (or only the engine's waiver rules serve it); NOT CHECKED when
   * no rule serves it.
   */
  readonly citations: readonly JsonCitation[];
  /**
   * The baseline applied (`--baseline`): its file, when it was written, its last accepted day, how many
   * entries it has and whether it had expired (an expired baseline accepts nothing); null when none was.
   */
  readonly baseline: {
    readonly file: string | null;
    readonly created: string;
    readonly expires: string;
    readonly entries: number;
    readonly expired: boolean;
  } | null;
  /** Entries of the applied baseline that matched no finding (fixed, or the object is gone): they fail the check unless allowed. */
  readonly staleBaseline: readonly JsonBaselineEntry[];
  /** Every rule that ran (and the engine's waiver rules), in pack order. */
  readonly rules: readonly JsonRule[];
  /** Every finding, waived or not, in the engine's order. */
  readonly findings: readonly JsonFinding[];
}

/** A baseline entry in the JSON report. */
export interface JsonBaselineEntry {
  /** Rule id. */
  readonly rule: string;
  /** Kind of the object. */
  readonly kind: string;
  /** Namespace of the object; null when it has none. */
  readonly namespace: string | null;
  /** Name of the object. */
  readonly name: string;
  /** Field path inside the object. */
  readonly path: string;
  /** How many findings it accepts. */
  readonly count: number;
  /** The finding's message when it was accepted; null when the file gives none. */
  readonly message: string | null;
}

/** A citation in the JSON report. */
export interface JsonCitation {
  /** The citation, e.g. `164.312(a)(1)`. */
  readonly id: string;
  /** Its title in the regulation. */
  readonly title: string;
  /** PASS, PASS (waivers), WARN, BASELINED, FAIL, NOT EVIDENCED or NOT CHECKED. */
  readonly status: CitationStatus;
  /** Ids of the rules that serve it. */
  readonly rules: readonly string[];
  /** Objects its rules applied to; null when unknown. */
  readonly objects: number | null;
  /** Open errors under it. */
  readonly errors: number;
  /** Open warnings under it. */
  readonly warnings: number;
  /** Waived findings under it. */
  readonly waived: number;
  /** Baselined findings under it. */
  readonly baselined: number;
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
  /** How many of the checked objects the rule applied to; null when unknown. */
  readonly objects: number | null;
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
  /** The baseline that accepts it (never set with a waiver); null when it is not baselined. */
  readonly baselined: { readonly file: string | null; readonly created: string; readonly expires: string } | null;
}

/** Builds the JSON report (a plain object; see {@link renderJson} for the text). */
export function toJsonReport(result: CheckResult, meta: ReportMetadata = {}): JsonReport {
  return buildJsonReport(result, meta, result.findings);
}

/** The report of `result` whose counts and citations come from `all` (all findings), listing `result.findings`. */
function buildJsonReport(result: CheckResult, meta: ReportMetadata, all: readonly Finding[]): JsonReport {
  const full = all === result.findings ? result : { ...result, findings: all };
  const counts = countFindings(all);
  const failOn = meta.failOn ?? 'error';
  const coverage = coverageOf(full, meta);
  const git = meta.provenance?.git;
  const problems = meta.inputProblems ?? [];
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: meta.toolName ?? 'hipaa-check', version: meta.toolVersion ?? null },
    pack: meta.packName ?? null,
    generatedAt: meta.generatedAt ? meta.generatedAt.toISOString() : null,
    inputs: [...(meta.inputs ?? [])],
    provenance: {
      files: (meta.provenance?.inputs ?? []).map((i) => ({ file: i.file, sha256: i.sha256 })),
      git: git ? { commit: git.commit, dirty: git.dirty ?? null, branch: git.branch ?? null, remote: git.remote ?? null } : null,
    },
    settings: {
      kubernetesVersion: meta.kubernetesVersion ?? result.settings?.kubernetesVersion ?? null,
      allowedRegistries: meta.allowedRegistries ? [...meta.allowedRegistries] : result.settings ? [...result.settings.allowedRegistries] : null,
      failOn,
      defaultNamespace: result.settings?.defaultNamespace ?? null,
      unclassifiedIsPhi: result.settings?.unclassifiedIsPhi ?? null,
      minEgressPrefix: result.settings ? { ...result.settings.minEgressPrefix } : null,
      maxWaiverMonths: result.settings?.maxWaiverMonths ?? null,
    },
    passed: reportPasses(full, meta),
    inputProblems: problems.map((p) => ({ file: p.file, line: p.line ?? null, message: p.reason })),
    summary: {
      objects: result.resourceCount,
      rules: result.rules.length,
      findings: all.length,
      errors: counts.errors,
      warnings: counts.warnings,
      waived: counts.waived,
      baselined: counts.baselined,
      inputProblems: problems.length,
    },
    citations: citationSummaries(full, meta).map((c) => ({
      id: c.control.id,
      title: c.control.title,
      status: c.status,
      rules: c.rules.map((r) => r.id),
      objects: c.objects ?? null,
      errors: c.errors,
      warnings: c.warnings,
      waived: c.waived,
      baselined: c.baselined,
    })),
    baseline: result.baseline
      ? {
        file: result.baseline.file ?? null,
        created: result.baseline.created,
        expires: result.baseline.expires,
        entries: result.baseline.entries.length,
        expired: result.baseline.expired === true,
      }
      : null,
    staleBaseline: (result.staleBaseline ?? []).map((e) => ({
      rule: e.rule,
      kind: e.kind,
      namespace: e.namespace ?? null,
      name: e.name,
      path: e.path,
      count: e.count ?? 1,
      message: e.message ?? null,
    })),
    rules: result.rules.map((r) => ({
      id: r.id,
      title: r.title,
      description: r.description,
      severity: r.severity,
      controls: [...r.controls],
      kinds: [...r.kinds],
      fix: r.fix,
      objects: coverage?.[r.id] ?? null,
    })),
    findings: result.findings.map(jsonFinding),
  };
}

/**
 * The JSON report as text: two-space indented, ending with a newline; the same text as
 * `JSON.stringify(toJsonReport(result, meta), null, 2)`. Findings are written straight to text
 * (measured: on 10,000 objects, building and indenting a second copy of every finding cost
 * about as much as running the rules), with the text of what findings repeat (rule title, fix,
 * controls, object) made once.
 */
export function renderJson(result: CheckResult, meta: ReportMetadata = {}): string {
  // One rendering per (result, metadata) pair: a run that writes the JSON report, prints it and
  // embeds it in the HTML report renders it once (the report is pure, so the text is the same).
  const memo = rendered.get(result);
  if (memo && memo.meta === meta) return memo.text;
  const text = renderJsonText(result, meta);
  rendered.set(result, { meta, text });
  return text;
}

const rendered = new WeakMap<CheckResult, { readonly meta: ReportMetadata; readonly text: string }>();

function renderJsonText(result: CheckResult, meta: ReportMetadata): string {
  const head = JSON.stringify(buildJsonReport({ ...result, findings: [] }, meta, result.findings), null, 2);
  if (result.findings.length === 0) return head + '\n';
  const tail = '"findings": []\n}';
  if (!head.endsWith(tail)) throw new Error('renderJson: findings must be the last key of the report');
  // One flat list of pieces joined once: cheaper than concatenating each finding (a tree of
  // ~40 pieces per finding that the join then walks).
  // Joined every few hundred findings (measured: ~750k small strings kept alive until one join
  // at the end were promoted to the old generation and cost more in garbage collection than the
  // writing; joined in chunks they die young).
  const chunks: string[] = [head.slice(0, head.length - tail.length), '"findings": [\n'];
  const out: string[] = [];
  const writer = new FindingWriter(out);
  const findings = result.findings;
  for (let i = 0; i < findings.length; i++) {
    writer.write(findings[i]);
    out.push(i < findings.length - 1 ? '    },\n' : '    }\n');
    if (out.length >= FINDING_CHUNK) {
      chunks.push(out.join(''));
      out.length = 0;
    }
  }
  chunks.push(out.join(''), '  ]\n}\n');
  return chunks.join('');
}

/** Pieces of finding text joined at a time (~15 per finding). */
const FINDING_CHUNK = 4096;

/** Writes findings as JSON text, indented as elements of the report's `findings` array. */
class FindingWriter {
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<readonly string[], string>();

  /** Text from the end of the fingerprint to the controls, per rule (title, severity and controls checked). */
  private readonly ruleParts = new Map<string, { title: string; severity: string; controls: readonly string[]; text: string }>();
  /** The previous finding's object and source text: findings come grouped by object. */
  private lastObject?: { kind: string; namespace?: string; name: string; text: string };
  private lastSource?: { source: Finding['source']; text: string };
  private readonly lastFix = new Map<string, { fix: string; text: string }>();
  private lastMark?: { mark: NonNullable<Finding['baselined']>; text: string };

  constructor(private readonly out: string[]) {}

  /** Pushes a finding's text up to, not including, its closing brace. */
  write(f: Finding): void {
    const o = this.out;
    const w = f.waiver;
    o.push('    {\n      "fingerprint": "', fingerprint(f), this.rulePart(f), this.objectPart(f),
      ',\n      "path": ', JSON.stringify(f.path),
      ',\n      "message": ', JSON.stringify(f.message),
      ',\n      "fix": ', this.fix(f),
      ',\n      "source": ', this.sourcePart(f.source));
    if (w) {
      o.push(',\n      "waived": true,\n      "waiver": {\n        "ruleId": ', this.str(w.ruleId), ',\n        "reason": ', this.str(w.reason),
        ',\n        "owner": ', this.opt(w.owner), ',\n        "ticket": ', this.opt(w.ticket), ',\n        "expires": ', this.opt(w.expires), ',\n        "container": ', this.opt(w.container), '\n      }');
    } else {
      o.push(',\n      "waived": false,\n      "waiver": null');
    }
    o.push(',\n      "baselined": ', this.baselinedPart(f.baselined), '\n');
  }

  /** JSON text of a baseline mark: findings of one baseline share one mark object. */
  private baselinedPart(b: Finding['baselined']): string {
    if (!b) return 'null';
    const last = this.lastMark;
    if (last && last.mark === b) return last.text;
    const text = `{\n        "file": ${this.opt(b.file)},\n        "created": ${this.str(b.created)},\n        "expires": ${this.str(b.expires)}\n      }`;
    this.lastMark = { mark: b, text };
    return text;
  }

  private rulePart(f: Finding): string {
    const cached = this.ruleParts.get(f.ruleId);
    if (cached && cached.title === f.title && cached.severity === f.severity &&
        (cached.controls === f.controls || cached.controls.join('\u0000') === f.controls.join('\u0000'))) {
      return cached.text;
    }
    const text = `",\n      "ruleId": ${JSON.stringify(f.ruleId)},\n      "title": ${JSON.stringify(f.title)},\n      "severity": ${JSON.stringify(f.severity)},\n      "controls": ${this.list(f.controls)}`;
    this.ruleParts.set(f.ruleId, { title: f.title, severity: f.severity, controls: f.controls, text });
    return text;
  }

  private objectPart(f: Finding): string {
    const r = f.resource;
    const last = this.lastObject;
    if (last && last.kind === r.kind && last.name === r.name && last.namespace === r.namespace) return last.text;
    const text = `,\n      "object": {\n        "kind": ${this.str(r.kind)},\n        "namespace": ${this.opt(r.namespace)},\n        "name": ${this.str(r.name)}\n      }`;
    this.lastObject = { kind: r.kind, namespace: r.namespace, name: r.name, text };
    return text;
  }

  private sourcePart(s: Finding['source']): string {
    if (!s) return 'null';
    const last = this.lastSource;
    if (last && last.source && (last.source === s ||
        (last.source.file === s.file && last.source.line === s.line && last.source.constructPath === s.constructPath))) {
      return last.text;
    }
    const text = `{\n        "file": ${this.opt(s.file)},\n        "line": ${s.line === undefined ? 'null' : String(s.line)},\n        "constructPath": ${this.opt(s.constructPath)}\n      }`;
    this.lastSource = { source: s, text };
    return text;
  }

  /**
   * JSON text of a finding's fix: most are the rule's own text (the same string each time),
   * others name the object, so only the last one per rule is remembered.
   */
  private fix(f: Finding): string {
    const last = this.lastFix.get(f.ruleId);
    if (last && last.fix === f.fix) return last.text;
    const text = JSON.stringify(f.fix);
    this.lastFix.set(f.ruleId, { fix: f.fix, text });
    return text;
  }

  /** JSON text of a string findings repeat (made once per distinct string). */
  private str(value: string): string {
    let text = this.strings.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      this.strings.set(value, text);
    }
    return text;
  }

  private opt(value: string | undefined): string {
    return value === undefined ? 'null' : this.str(value);
  }

  /** JSON text of a list of strings at the depth of a finding's fields. */
  private list(values: readonly string[]): string {
    let text = this.lists.get(values);
    if (text === undefined) {
      text = values.length === 0 ? '[]' : `[\n${values.map((v) => `        ${JSON.stringify(v)}`).join(',\n')}\n      ]`;
      this.lists.set(values, text);
    }
    return text;
  }
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
    baselined: f.baselined ? { file: f.baselined.file ?? null, created: f.baselined.created, expires: f.baselined.expires } : null,
  };
}
