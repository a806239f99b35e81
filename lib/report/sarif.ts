import * as path from 'path';
import { pathToFileURL } from 'url';
import type * as sarif from 'sarif';
import { citationSummaries } from './citations';
import { describeInputProblem, describeObject, fingerprint, InputProblem, passes, ReportMetadata, reportPasses } from './common';
import type { BaselineMark } from '../check/baseline';
import type { CheckResult } from '../check/engine';
import type { Finding } from '../check/finding';
import type { SourceLocation } from '../check/resource';
import type { RuleInfo, Severity } from '../check/rule';
import type { Waiver } from '../check/waiver';
import { CONTROLS, Control } from '../controls/catalogue';

/** The JSON schema SARIF logs name. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Key of the finding fingerprint in `partialFingerprints` (see {@link fingerprint}). */
export const SARIF_FINGERPRINT_KEY = 'hipaaFinding/v1';

/** Id of the tool notification for input that could not be read. */
export const SARIF_INPUT_NOTIFICATION = 'input-unreadable';

/** GitHub code scanning's `security-severity` (CVSS-like, 0-10) for each severity. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0' };

/**
 * The SARIF 2.1.0 log of a check: one run whose driver lists every rule (title, description,
 * help with the fix and the HIPAA citations, the citations and NIST SP 800-53 controls as
 * properties and tags) and one result per finding (level from severity, location from the
 * source file and line, the object as a logical location). Waived findings are results with an
 * accepted external suppression whose justification is the waiver's reason. Input that could
 * not be read is a tool execution notification (level error, with the file and line) and makes
 * the invocation unsuccessful; when a baseline was applied every result has a `baselineState` (`new` for
 * an open or waived finding, `unchanged` for a baselined one, with the baseline's expiry as a property)
 * and the baseline with its stale entries is a run property; each input file is an artifact with its SHA-256; the status of
 * every HIPAA citation and the git commit are run properties (the commit also as version
 * control provenance when the repository has an origin remote).
 */
export function toSarif(result: CheckResult, meta: ReportMetadata = {}): sarif.Log {
  const ruleIndex = ruleIndexes(result);
  const withBaseline = result.baseline !== undefined;
  return sarifLog(result, meta, result.findings.map((f) => sarifResult(f, ruleIndex.get(f.ruleId), withBaseline)));
}

/** The log of {@link toSarif} with the given results (the text writer passes none and writes them itself). */
function sarifLog(result: CheckResult, meta: ReportMetadata, results: sarif.Result[]): sarif.Log {
  const problems = meta.inputProblems ?? [];
  const driver: sarif.ToolComponent = {
    name: meta.toolName ?? 'hipaa-check',
    ...(meta.toolVersion ? { version: meta.toolVersion, semanticVersion: meta.toolVersion } : {}),
    rules: result.rules.map(sarifRule),
    ...(problems.length > 0
      ? {
        notifications: [{
          id: SARIF_INPUT_NOTIFICATION,
          shortDescription: { text: 'Input that could not be read (a file, or a document in it); its objects were not checked' },
          defaultConfiguration: { level: 'error' as const },
        }],
      }
      : {}),
  };
  const invocation: sarif.Invocation = {
    executionSuccessful: problems.length === 0,
    ...(problems.length > 0 ? { toolExecutionNotifications: problems.map(notification) } : {}),
    ...(meta.generatedAt ? { endTimeUtc: meta.generatedAt.toISOString() } : {}),
  };
  const files = meta.provenance?.inputs ?? [];
  const git = meta.provenance?.git;
  const run: sarif.Run = {
    tool: { driver },
    invocations: [invocation],
    ...(files.length > 0
      ? { artifacts: files.map((f) => ({ location: artifactLocation(f.file), hashes: { 'sha-256': f.sha256 } })) }
      : {}),
    ...(git?.remote
      ? { versionControlProvenance: [{ repositoryUri: git.remote, revisionId: git.commit, ...(git.branch ? { branch: git.branch } : {}) }] }
      : {}),
    results,
    properties: {
      ...(meta.packName ? { pack: meta.packName } : {}),
      objects: result.resourceCount,
      failOn: meta.failOn ?? 'error',
      passed: reportPasses(result, meta),
      findingsPass: passes(result, meta.failOn),
      inputProblems: problems.length,
      citations: citationSummaries(result, meta).map((c) => ({ id: c.control.id, status: c.status })),
      ...(result.baseline ? { baseline: baselineProperty(result) } : {}),
      ...(git
        ? { git: { commit: git.commit, ...(git.dirty !== undefined ? { dirty: git.dirty } : {}), ...(git.branch ? { branch: git.branch } : {}) } }
        : {}),
    },
  };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

/**
 * The SARIF log as text: two-space indented, ending with a newline; the same text as
 * `JSON.stringify(toSarif(result, meta), null, 2) + '\n'`. Results are written straight to text
 * (measured on 62k findings: building an object per result and indenting the ~100 MB log cost
 * about a second of CPU), with the text of what results repeat (rule, object, location, fix,
 * controls) made once.
 */
export function renderSarif(result: CheckResult, meta: ReportMetadata = {}): string {
  const head = JSON.stringify(sarifLog(result, meta, []), null, 2) + '\n';
  if (result.findings.length === 0) return head;
  // `results` is not the run's last key (its properties follow), so its empty array is filled in
  // place. Only the run's keys sit at this depth, and quotes inside strings are escaped: the one match is the key.
  const at = head.indexOf(EMPTY_RESULTS);
  if (at < 0 || head.indexOf(EMPTY_RESULTS, at + 1) >= 0) throw new Error('renderSarif: the run must have one empty results array');
  // One flat list of pieces joined every few thousand, so the small strings die young (see renderJson).
  const chunks: string[] = [head.slice(0, at), '\n      "results": [\n'];
  const out: string[] = [];
  const writer = new SarifResultWriter(out, ruleIndexes(result), result.baseline !== undefined);
  for (const f of result.findings) {
    if (out.length >= RESULT_CHUNK) {
      chunks.push(out.join(''));
      out.length = 0;
    }
    writer.write(f);
  }
  // Every result ends with RESULT_END; the last one closes the array instead.
  out[out.length - 1] = LAST_RESULT_END;
  chunks.push(out.join(''), '      ],\n', head.slice(at + EMPTY_RESULTS.length));
  return chunks.join('');
}

/** The run's `results` key with no results, as JSON.stringify indents it inside `runs[0]`. */
const EMPTY_RESULTS = '\n      "results": [],\n';

/** Pieces of result text joined at a time (~14 per result). */
const RESULT_CHUNK = 4096;

/** The end of a result's properties and of the result, with the comma before the next result. */
const RESULT_END = '\n          }\n        },\n';
const LAST_RESULT_END = '\n          }\n        }\n';

function ruleIndexes(result: CheckResult): Map<string, number> {
  const ruleIndex = new Map<string, number>();
  result.rules.forEach((r, i) => ruleIndex.set(r.id, i));
  return ruleIndex;
}

/** Indents JSON text by `pad` (JSON strings hold no raw newline: every newline is layout). */
function indented(json: string, pad: string): string {
  return json.replace(/\n/g, '\n' + pad);
}

/** Text from the closing quote of the fingerprint to the suppressions, by baseline state (none: no baseline applied). */
const AFTER_FINGERPRINT = {
  none: '"\n          },\n          "suppressions": ',
  new: '"\n          },\n          "baselineState": "new",\n          "suppressions": ',
  unchanged: '"\n          },\n          "baselineState": "unchanged",\n          "suppressions": ',
};

/** Text from the suppressions to the `object` property's value. */
const TO_OBJECT = ',\n          "properties": {\n            "object": ';

/** The same for a finding without a waiver (no suppressions), one piece. */
const AFTER_FINGERPRINT_UNWAIVED = {
  none: AFTER_FINGERPRINT.none + '[]' + TO_OBJECT,
  new: AFTER_FINGERPRINT.new + '[]' + TO_OBJECT,
  unchanged: AFTER_FINGERPRINT.unchanged + '[]' + TO_OBJECT,
};

const FINGERPRINT_KEY_TEXT = JSON.stringify(SARIF_FINGERPRINT_KEY);

/** The text results of one object share: its label (for the message), logical location and `object` property. */
interface ObjectText {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** The opening quote and escaped label of the message text. */
  readonly messageStart: string;
  /** The logical location, up to the end of the locations array. */
  readonly logical: string;
  /** The `object` property and the `path` key. */
  readonly property: string;
}

/** The text of a result's source: its physical location (or none) and its construct path property (or none). */
interface SourceText {
  readonly file?: string;
  readonly line?: number;
  readonly constructPath?: string;
  readonly physical: string;
  readonly construct: string;
}

/**
 * Writes results as SARIF JSON text, indented as elements of `runs[0].results`, each as
 * {@link sarifResult} builds it. Findings come grouped by object, so the object's and source's
 * text is kept for the next finding; the rare parts (suppressions, baseline marks) are the indented
 * JSON of the builders toSarif uses. Constant text is folded into the cached pieces: the join's
 * cost grows with the number of pieces.
 */
class SarifResultWriter {
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<readonly string[], string>();
  private readonly artifacts = new Map<string, string>();
  /** Text from the result's opening brace to the message text, per rule (severity checked). */
  private readonly ruleParts = new Map<string, { severity: string; text: string }>();
  private readonly lastFix = new Map<string, { fix: string; text: string }>();
  private lastObject?: ObjectText;
  private lastSource?: SourceText;
  private lastLocations?: { object: ObjectText; source?: SourceText; text: string };
  private lastWaiver?: { waiver: Waiver; text: string };
  private lastMark?: { mark: BaselineMark; text: string };
  constructor(private readonly out: string[], private readonly ruleIndex: ReadonlyMap<string, number>, private readonly withBaseline: boolean) {}

  /** Pushes a result's text, ending with {@link RESULT_END}. */
  write(f: Finding): void {
    const object = this.objectText(f);
    const source = f.source ? this.sourceText(f.source) : undefined;
    const fieldPath = JSON.stringify(f.path);
    const o = this.out;
    // The message text is `label (path): message`; its pieces are escaped apart, which gives the
    // same text as escaping it whole because ASCII separates them (no surrogate pair spans two).
    o.push(this.rulePart(f), object.messageStart);
    if (f.path) o.push(' (', fieldPath.slice(1, -1), '): ');
    else o.push(': ');
    o.push(JSON.stringify(f.message).slice(1), this.locations(object, source), fingerprint(f));
    // Without a baseline no result has a baselineState; with one every result has one.
    const state = !this.withBaseline ? 'none' : f.baselined ? 'unchanged' : 'new';
    if (f.waiver) o.push(AFTER_FINGERPRINT[state], this.suppressions(f.waiver));
    else o.push(AFTER_FINGERPRINT_UNWAIVED[state]);
    o.push(object.property, fieldPath, this.fix(f));
    if (source && source.construct) o.push(source.construct);
    o.push(this.list(f.controls));
    if (f.baselined) o.push(this.mark(f.baselined));
    o.push(RESULT_END);
  }

  private rulePart(f: Finding): string {
    const cached = this.ruleParts.get(f.ruleId);
    if (cached && cached.severity === f.severity) return cached.text;
    const index = this.ruleIndex.get(f.ruleId);
    const text = `        {\n          "ruleId": ${JSON.stringify(f.ruleId)},${index !== undefined ? `\n          "ruleIndex": ${index},` : ''}` +
      `\n          "level": ${JSON.stringify(f.severity)},\n          "message": {\n            "text": `;
    this.ruleParts.set(f.ruleId, { severity: f.severity, text });
    return text;
  }

  private objectText(f: Finding): ObjectText {
    const r = f.resource;
    const last = this.lastObject;
    if (last && last.kind === r.kind && last.name === r.name && last.namespace === r.namespace) return last;
    const label = JSON.stringify(describeObject(r));
    const object: ObjectText = {
      kind: r.kind,
      namespace: r.namespace,
      name: r.name,
      messageStart: label.slice(0, -1),
      logical: `"logicalLocations": [\n                {\n                  "name": ${this.str(r.name || '<unnamed>')},` +
        `\n                  "fullyQualifiedName": ${label},\n                  "kind": "object"\n                }\n              ]\n            }\n          ]`,
      property: `{\n              "kind": ${this.str(r.kind)},${r.namespace ? `\n              "namespace": ${this.str(r.namespace)},` : ''}` +
        `\n              "name": ${this.str(r.name)}\n            },\n            "path": `,
    };
    this.lastObject = object;
    return object;
  }

  private sourceText(s: SourceLocation): SourceText {
    const last = this.lastSource;
    if (last && last.file === s.file && last.line === s.line && last.constructPath === s.constructPath) return last;
    const physical = fileLocation(s.file, s.line);
    const region = physical?.region ? `,\n                "region": {\n                  "startLine": ${JSON.stringify(physical.region.startLine)}\n                }` : '';
    const text: SourceText = {
      file: s.file,
      line: s.line,
      constructPath: s.constructPath,
      physical: physical ? `"physicalLocation": {\n                "artifactLocation": ${this.artifact(s.file!)}${region}\n              },\n              ` : '',
      construct: s.constructPath ? `,\n            "constructPath": ${this.str(s.constructPath)}` : '',
    };
    this.lastSource = text;
    return text;
  }

  /** The artifact location of a file, once per file (a run reads few). */
  private artifact(file: string): string {
    let text = this.artifacts.get(file);
    if (text === undefined) {
      text = indented(JSON.stringify(artifactLocation(file), null, 2), '                ');
      this.artifacts.set(file, text);
    }
    return text;
  }

  /** Text from the end of the message to the fingerprint's opening quote. */
  private locations(object: ObjectText, source: SourceText | undefined): string {
    const last = this.lastLocations;
    if (last && last.object === object && last.source === source) return last.text;
    const text = `\n          },\n          "locations": [\n            {\n              ${source ? source.physical : ''}${object.logical}` +
      `,\n          "partialFingerprints": {\n            ${FINGERPRINT_KEY_TEXT}: "`;
    this.lastLocations = { object, source, text };
    return text;
  }

  /** A waiver's suppressions up to the `object` property: findings of one waiver share one waiver object. */
  private suppressions(w: Waiver): string {
    const last = this.lastWaiver;
    if (last && last.waiver === w) return last.text;
    const text = indented(JSON.stringify(waiverSuppressions(w), null, 2), '          ') + TO_OBJECT;
    this.lastWaiver = { waiver: w, text };
    return text;
  }

  /** A baseline mark's property: findings of one baseline share one mark object. */
  private mark(b: BaselineMark): string {
    const last = this.lastMark;
    if (last && last.mark === b) return last.text;
    const text = `,\n            "baselined": ${indented(JSON.stringify(markProperty(b), null, 2), '            ')}`;
    this.lastMark = { mark: b, text };
    return text;
  }

  /** A finding's fix: most are the rule's own text (the same string each time), so the last one per rule is kept. */
  private fix(f: Finding): string {
    const last = this.lastFix.get(f.ruleId);
    if (last && last.fix === f.fix) return last.text;
    const text = `,\n            "fix": ${JSON.stringify(f.fix)}`;
    this.lastFix.set(f.ruleId, { fix: f.fix, text });
    return text;
  }

  /** JSON text of a string results repeat (made once per distinct string). */
  private str(value: string): string {
    let text = this.strings.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      this.strings.set(value, text);
    }
    return text;
  }

  /** The `hipaa-controls` property (findings of a rule share its list). */
  private list(values: readonly string[]): string {
    let text = this.lists.get(values);
    if (text === undefined) {
      const list = values.length === 0 ? '[]' : `[\n${values.map((v) => `              ${JSON.stringify(v)}`).join(',\n')}\n            ]`;
      text = `,\n            "hipaa-controls": ${list}`;
      this.lists.set(values, text);
    }
    return text;
  }
}

function sarifRule(rule: RuleInfo): sarif.ReportingDescriptor {
  const controls = rule.controls.map(controlOf);
  const nist = unique(controls.flatMap((c) => c.nist80053));
  const citations = controls.map((c) => `${c.id} ${c.title} (NIST SP 800-53 Rev. 5: ${c.nist80053.join(', ')})`);
  return {
    id: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description}\n\nFix: ${rule.fix}\n\nHIPAA Security Rule (45 CFR Part 164):\n${citations.map((c) => `- ${c}`).join('\n')}`,
      markdown:
        `${rule.description}\n\n**Fix:** ${rule.fix}\n\n**HIPAA Security Rule (45 CFR Part 164):**\n\n` +
        controls.map((c) => `- **${c.id}** ${c.title} (NIST SP 800-53 Rev. 5: ${c.nist80053.join(', ')})`).join('\n'),
    },
    defaultConfiguration: { level: rule.severity },
    properties: {
      'tags': unique(['security', 'hipaa', ...rule.controls.map((c) => `HIPAA ${c}`), ...nist.map((n) => `NIST-800-53 ${n}`)]),
      'hipaa-controls': [...rule.controls],
      'nist-800-53': nist,
      'kinds': [...rule.kinds],
      'precision': 'very-high',
      'problem.severity': rule.severity,
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

/**
 * The applied baseline as a run property, with its stale entries: they are not results (a result
 * with baselineState `absent` would be an alert in code scanning tools that ignore baselineState).
 */
function baselineProperty(result: CheckResult): Record<string, unknown> {
  const b = result.baseline!;
  return {
    ...(b.file !== undefined ? { file: b.file } : {}),
    created: b.created,
    expires: b.expires,
    entries: b.entries.length,
    expired: b.expired === true,
    baselined: result.baselined?.length ?? 0,
    stale: (result.staleBaseline ?? []).map((e) => ({
      rule: e.rule,
      kind: e.kind,
      ...(e.namespace !== undefined ? { namespace: e.namespace } : {}),
      name: e.name,
      path: e.path,
      count: e.count ?? 1,
    })),
  };
}

function markProperty(b: BaselineMark): Record<string, string> {
  return { ...(b.file !== undefined ? { file: b.file } : {}), created: b.created, expires: b.expires };
}

function sarifResult(f: Finding, ruleIndex: number | undefined, withBaseline: boolean): sarif.Result {
  const label = describeObject(f.resource);
  const physical = physicalLocation(f);
  const location: sarif.Location = {
    ...(physical ? { physicalLocation: physical } : {}),
    logicalLocations: [{ name: f.resource.name || '<unnamed>', fullyQualifiedName: label, kind: 'object' }],
  };
  return {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: f.severity,
    message: { text: `${label}${f.path ? ` (${f.path})` : ''}: ${f.message}` },
    locations: [location],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprint(f) },
    // Only when a baseline was applied: SARIF compares with "the baseline run", and without one there is none.
    ...(withBaseline ? { baselineState: f.baselined ? 'unchanged' as const : 'new' as const } : {}),
    suppressions: f.waiver ? waiverSuppressions(f.waiver) : [],
    properties: {
      'object': { kind: f.resource.kind, ...(f.resource.namespace ? { namespace: f.resource.namespace } : {}), name: f.resource.name },
      'path': f.path,
      'fix': f.fix,
      ...(f.source?.constructPath ? { constructPath: f.source.constructPath } : {}),
      'hipaa-controls': [...f.controls],
      ...(f.baselined ? { baselined: markProperty(f.baselined) } : {}),
    },
  };
}

/** The accepted external suppression of a waived finding; its justification is the waiver's reason. */
function waiverSuppressions(w: Waiver): sarif.Suppression[] {
  return [
    {
      kind: 'external',
      status: 'accepted',
      justification: w.reason,
      properties: {
        ruleId: w.ruleId,
        ...(w.owner ? { owner: w.owner } : {}),
        ...(w.ticket ? { ticket: w.ticket } : {}),
        ...(w.expires ? { expires: w.expires } : {}),
        ...(w.container ? { container: w.container } : {}),
      },
    },
  ];
}

function physicalLocation(f: Finding): sarif.PhysicalLocation | undefined {
  return fileLocation(f.source?.file, f.source?.line);
}

function fileLocation(file: string | undefined, line: number | undefined): sarif.PhysicalLocation | undefined {
  if (!file || (file.startsWith('<') && file.endsWith('>'))) return undefined;
  return {
    artifactLocation: artifactLocation(file),
    ...(line !== undefined ? { region: { startLine: line } } : {}),
  };
}

function artifactLocation(file: string): sarif.ArtifactLocation {
  if (file.startsWith('<') && file.endsWith('>')) return { description: { text: file } };
  // A run names few files and tens of thousands of findings: each file's URI is made once.
  let uri = uris.get(file);
  if (uri === undefined) {
    uri = path.isAbsolute(file) ? pathToFileURL(file).href : relativeUri(file);
    if (uris.size >= 10_000) uris.clear();
    uris.set(file, uri);
  }
  return path.isAbsolute(file) ? { uri } : { uri, uriBaseId: '%SRCROOT%' };
}

const uris = new Map<string, string>();

/** A tool execution notification for input that could not be read, located at its file and line. */
function notification(p: InputProblem): sarif.Notification {
  const physical = fileLocation(p.file, p.line);
  return {
    level: 'error',
    message: { text: describeInputProblem(p) },
    descriptor: { id: SARIF_INPUT_NOTIFICATION, index: 0 },
    ...(physical ? { locations: [{ physicalLocation: physical }] } : {}),
  };
}

/** A relative path as a URI reference: `/` separators, each segment percent-encoded. */
function relativeUri(file: string): string {
  return file
    .split(path.sep === '\\' ? /[\\/]+/ : /\/+/)
    .filter((s, i) => !(s === '.' && i === 0))
    .map((s) => encodeURIComponent(s))
    .join('/');
}

function controlOf(id: string): Control {
  return (CONTROLS as Record<string, Control>)[id] ?? { id, title: id, safeguard: 'technical', type: 'standard', nist80053: [], satisfiedBy: '' };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
