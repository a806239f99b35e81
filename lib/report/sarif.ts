import * as path from 'path';
import { pathToFileURL } from 'url';
import type * as sarif from 'sarif';
import { citationSummaries } from './citations';
import { describeInputProblem, describeObject, fingerprint, InputProblem, passes, ReportMetadata, reportPasses } from './common';
import type { BaselineMark } from '../check/baseline';
import type { CheckResult } from '../check/engine';
import type { Finding } from '../check/finding';
import type { RuleInfo, Severity } from '../check/rule';
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
  const ruleIndex = new Map<string, number>();
  result.rules.forEach((r, i) => ruleIndex.set(r.id, i));
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
    results: result.findings.map((f) => sarifResult(f, ruleIndex.get(f.ruleId), result.baseline !== undefined)),
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

/** The SARIF log as text: two-space indented, ending with a newline. */
export function renderSarif(result: CheckResult, meta: ReportMetadata = {}): string {
  return JSON.stringify(toSarif(result, meta), null, 2) + '\n';
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
  const suppressions: sarif.Suppression[] = f.waiver
    ? [
      {
        kind: 'external',
        status: 'accepted',
        justification: f.waiver.reason,
        properties: {
          ruleId: f.waiver.ruleId,
          ...(f.waiver.owner ? { owner: f.waiver.owner } : {}),
          ...(f.waiver.ticket ? { ticket: f.waiver.ticket } : {}),
          ...(f.waiver.expires ? { expires: f.waiver.expires } : {}),
          ...(f.waiver.container ? { container: f.waiver.container } : {}),
        },
      },
    ]
    : [];
  return {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: f.severity,
    message: { text: `${label}${f.path ? ` (${f.path})` : ''}: ${f.message}` },
    locations: [location],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprint(f) },
    // Only when a baseline was applied: SARIF compares with "the baseline run", and without one there is none.
    ...(withBaseline ? { baselineState: f.baselined ? 'unchanged' as const : 'new' as const } : {}),
    suppressions,
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
