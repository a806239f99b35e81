import * as path from 'path';
import { pathToFileURL } from 'url';
import type * as sarif from 'sarif';
import { fingerprint, passes, ReportMetadata } from './common';
import type { CheckResult } from '../check/engine';
import type { Finding } from '../check/finding';
import { describeResource } from '../check/resource';
import type { RuleInfo, Severity } from '../check/rule';
import { CONTROLS, Control } from '../controls/catalogue';

/** The JSON schema SARIF logs name. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Key of the finding fingerprint in `partialFingerprints` (see {@link fingerprint}). */
export const SARIF_FINGERPRINT_KEY = 'hipaaFinding/v1';

/** GitHub code scanning's `security-severity` (CVSS-like, 0-10) for each severity. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0' };

/**
 * The SARIF 2.1.0 log of a check: one run whose driver lists every rule (title, description,
 * help with the fix and the HIPAA citations, the citations and NIST SP 800-53 controls as
 * properties and tags) and one result per finding (level from severity, location from the
 * source file and line, the object as a logical location). Waived findings are results with an
 * accepted external suppression whose justification is the waiver's reason.
 */
export function toSarif(result: CheckResult, meta: ReportMetadata = {}): sarif.Log {
  const ruleIndex = new Map<string, number>();
  result.rules.forEach((r, i) => ruleIndex.set(r.id, i));
  const driver: sarif.ToolComponent = {
    name: meta.toolName ?? 'hipaa-check',
    ...(meta.toolVersion ? { version: meta.toolVersion, semanticVersion: meta.toolVersion } : {}),
    rules: result.rules.map(sarifRule),
  };
  const invocation: sarif.Invocation = {
    executionSuccessful: true,
    ...(meta.generatedAt ? { endTimeUtc: meta.generatedAt.toISOString() } : {}),
  };
  const run: sarif.Run = {
    tool: { driver },
    invocations: [invocation],
    results: result.findings.map((f) => sarifResult(f, ruleIndex.get(f.ruleId))),
    properties: {
      ...(meta.packName ? { pack: meta.packName } : {}),
      objects: result.resourceCount,
      failOn: meta.failOn ?? 'error',
      passed: passes(result, meta.failOn),
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

function sarifResult(f: Finding, ruleIndex: number | undefined): sarif.Result {
  const label = describeResource(f.resource);
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
    message: { text: `${label} (${f.path}): ${f.message}` },
    locations: [location],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprint(f) },
    suppressions,
    properties: {
      'object': { kind: f.resource.kind, ...(f.resource.namespace ? { namespace: f.resource.namespace } : {}), name: f.resource.name },
      'path': f.path,
      'fix': f.fix,
      ...(f.source?.constructPath ? { constructPath: f.source.constructPath } : {}),
      'hipaa-controls': [...f.controls],
    },
  };
}

function physicalLocation(f: Finding): sarif.PhysicalLocation | undefined {
  const file = f.source?.file;
  if (!file || (file.startsWith('<') && file.endsWith('>'))) return undefined;
  const artifactLocation: sarif.ArtifactLocation = path.isAbsolute(file)
    ? { uri: pathToFileURL(file).href }
    : { uri: relativeUri(file), uriBaseId: '%SRCROOT%' };
  return {
    artifactLocation,
    ...(f.source?.line !== undefined ? { region: { startLine: f.source.line } } : {}),
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
