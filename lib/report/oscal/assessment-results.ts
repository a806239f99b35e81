import * as crypto from 'crypto';
import { AssessmentLists, ObjectLists } from './assessment-lists';
import { TextLists } from './assessment-text';
import { compareControlIds, nistControlsOf } from './nist-control-ids';
import { HOMEPAGE, NIST_80053_R5_CATALOG, oscalMarkup, OscalProp, oscalString, OSCAL_VERSION, prop, trestleProp } from './oscal-common';
import { uuidV5 } from './uuid';
import type { CheckResult } from '../../check/engine';
import type { Finding } from '../../check/finding';
import type { RuleInfo } from '../../check/rule';
import { citationSummaries, CitationStatus, CitationSummary, coverageOf } from '../citations';
import { countFindings, describeInputProblem, ReportMetadata, reportPasses } from '../common';

/**
 * The time written when a report is made without `meta.generatedAt`: OSCAL requires `last-modified`,
 * `start` and `collected`, and a report carries no time unless one is given. 1970-01-01T00:00:00Z stands
 * for "not recorded" (the document's remarks say so); it is never a real run's time.
 */
export const OSCAL_NO_TIME = '1970-01-01T00:00:00Z';

/**
 * OSCAL 1.2.1 assessment results of a run (JSON): one result whose reviewed controls are the NIST SP
 * 800-53 Rev. 5 controls of the rules that ran; an observation per rule (method TEST, subjects = the objects
 * with findings, evidence = the input files with their SHA-256); a finding per NIST control, satisfied or
 * not from the HIPAA citation matrix ({@link citationSummaries}; NOT EVIDENCED is not-satisfied: what is
 * not evidenced is not a pass); a risk per rule finding: open, `deviation-approved` (waived) or
 * `remediating` (baselined). Every UUID is a version 5 UUID of a stable key, so two runs on the same input
 * differ only in the times recorded.
 */
export function renderOscalAssessmentResults(result: CheckResult, meta: ReportMetadata = {}): string {
  // The long lists (risks, inventory items, subjects) are written one item per line: the same JSON, a
  // line-per-item diff, and a third of the bytes and time of indenting 60,000 risks. They are written
  // straight to text (no object per risk, measured: the objects, their stringify and a regex pass over the
  // whole text were most of this report's time) and spliced into the JSON of the rest of the document.
  const lists = new TextLists();
  return lists.splice(JSON.stringify(assessmentResults(result, meta, lists), null, 2)) + '\n';
}

/** The assessment results of {@link renderOscalAssessmentResults} as an object (the `$schema`-less OSCAL JSON document). */
export function toOscalAssessmentResults(result: CheckResult, meta: ReportMetadata = {}): Record<string, unknown> {
  return assessmentResults(result, meta, new ObjectLists());
}

/** The document, its long lists made by `lists` (objects for {@link toOscalAssessmentResults}, text for the renderer). */
function assessmentResults(result: CheckResult, meta: ReportMetadata, lists: AssessmentLists): Record<string, unknown> {
  const tool = meta.toolName ?? 'hipaa-check';
  const version = meta.toolVersion ?? 'unknown';
  const pack = meta.packName ?? 'unnamed';
  const time = meta.generatedAt ? meta.generatedAt.toISOString() : OSCAL_NO_TIME;
  const run = runDigest(result, meta);
  const runUuid = uuidV5(`resource|run|${tool}|${pack}|${run}`);

  // Back matter: the run (there is no assessment plan: import-ap points here) and each input file with its hash.
  const inputs = meta.provenance?.inputs ?? [];
  const inputResources = inputs.map((i) => ({
    uuid: uuidV5(`resource|input|${i.file}|${i.sha256}`),
    title: oscalString(`Input file ${i.file}`),
    rlinks: [{ href: fileHref(i.file), hashes: [{ algorithm: 'SHA-256', value: i.sha256 }] }],
  }));
  const evidence =
    inputs.length > 0
      ? inputs.map((i, n) => ({ href: `#${inputResources[n].uuid}`, description: oscalMarkup(`Input file ${i.file}, SHA-256 ${i.sha256}.`) }))
      : (meta.inputs ?? []).map((file) => ({ description: oscalMarkup(`Input ${file} (no hash recorded).`) }));

  // Objects with findings, as inventory items the observations' subjects point at.
  const items = new Map<string, string>();
  let last: Finding | undefined;
  let lastUuid = '';
  // The engine makes one object reference per object: looked up by reference first (measured: building
  // and hashing a string key per finding and rule was a fifth of this report's time on 62k findings).
  const byRef = new Map<Finding['resource'], { readonly file?: string; readonly constructPath?: string; readonly uuid: string }>();
  const itemOf = (f: Finding): string => {
    // Findings come ordered by object: most lookups are the previous finding's object.
    if (last && sameObject(last, f)) return lastUuid;
    last = f;
    const known = byRef.get(f.resource);
    if (known && known.file === f.source?.file && known.constructPath === f.source?.constructPath) {
      lastUuid = known.uuid;
    } else {
      lastUuid = itemUuid(f);
      byRef.set(f.resource, { file: f.source?.file, constructPath: f.source?.constructPath, uuid: lastUuid });
    }
    return lastUuid;
  };
  const itemUuid = (f: Finding): string => {
    const r = f.resource;
    const key = `object|${r.kind}|${r.namespace ?? ''}|${r.name}|${f.source?.file ?? ''}|${f.source?.constructPath ?? ''}`;
    let uuid = items.get(key);
    if (uuid === undefined) {
      uuid = uuidV5(key);
      items.set(key, uuid);
      lists.addItem(f, key, uuid);
    }
    return uuid;
  };

  // Observations: one per rule that ran.
  const coverage = coverageOf(result, meta);
  const findingsByRule = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = findingsByRule.get(f.ruleId);
    if (list) list.push(f);
    else findingsByRule.set(f.ruleId, [f]);
  }
  const observationOf = new Map<string, string>();
  const observations = result.rules.map((rule) => {
    const uuid = uuidV5(`observation|${rule.id}|${run}`);
    observationOf.set(rule.id, uuid);
    return observation(rule, uuid, findingsByRule.get(rule.id) ?? [], coverage?.[rule.id], itemOf, lists, evidence, time);
  });

  // Risks: one per finding (the key is the finding's identity, so a risk keeps its UUID across runs).
  const seen = new Set<string>();
  for (const f of result.findings) {
    const r = f.resource;
    const key = `risk|${f.ruleId}|${r.kind}|${r.namespace ?? ''}|${r.name}|${f.source?.file ?? ''}|${f.path}|${f.message}`;
    let uuid = uuidV5(key);
    // The same finding twice (rare: two equal violations): the second is `key|1`, and so on.
    for (let n = 1; seen.has(uuid); n++) uuid = uuidV5(`${key}|${n}`);
    seen.add(uuid);
    lists.addRisk(f, uuid, observationOf.get(f.ruleId));
  }

  // Findings: one per NIST control of the citations the rules serve, its state from the citation matrix.
  const summaries = citationSummaries(result, meta).filter((s) => s.status !== 'NOT CHECKED');
  const summaryOf = new Map(summaries.map((s) => [s.control.id, s]));
  const byNist = nistControlsOf(summaries.map((s) => s.control.id));
  const findings = [...byNist.entries()].map(([controlId, controls]) =>
    controlFinding(controlId, controls.map((c) => summaryOf.get(c.id)!), run, observationOf),
  );
  const reviewed = [...byNist.keys()].sort(compareControlIds);

  const counts = countFindings(result.findings);
  const open = counts.errors + counts.warnings;
  const verdict = reportPasses(result, meta) ? 'pass' : 'fail';
  const problems = meta.inputProblems ?? [];
  const git = meta.provenance?.git;

  const runProps: OscalProp[] = [prop('tool', tool), prop('tool-version', version), prop('rule-pack', pack), prop('fail-on', meta.failOn ?? 'error')];
  if (git) {
    runProps.push(prop('git-commit', git.commit));
    if (git.branch) runProps.push(prop('git-branch', git.branch));
    if (git.dirty !== undefined) runProps.push(prop('git-dirty', String(git.dirty)));
    if (git.remote) runProps.push(prop('git-remote', git.remote));
  }
  const runResource = {
    uuid: runUuid,
    title: oscalString(`${tool} ${version}: the ${pack} rule pack run over the inputs`),
    description: oscalMarkup(
      `No assessment plan exists: ${tool} checked the inputs against the ${pack} rule pack (each rule cites the HIPAA ` +
        'Security Rule and, through the controls catalogue, NIST SP 800-53 Rev. 5). The rules are the assessment procedure; ' +
        'the component definition shipped with hipaa-constructs (oscal/component-definition.json) lists them per control.',
    ),
    props: runProps,
    rlinks: [{ href: HOMEPAGE }],
  };

  const description = [
    `Verdict: ${verdict.toUpperCase()}. ${result.resourceCount} objects checked by ${result.rules.length} rules.`,
    `Findings: ${open} open (${counts.errors} errors, ${counts.warnings} warnings), ${counts.waived} waived, ${counts.baselined} baselined.`,
  ];
  if (problems.length > 0) {
    description.push('', `${problems.length} inputs could not be read; their objects were not checked:`, ...problems.map((p) => `- ${describeInputProblem(p)}`));
  }
  if (result.staleBaseline?.length) description.push('', `${result.staleBaseline.length} baseline entries matched no finding (stale).`);

  const resultObject: Record<string, unknown> = {
    'uuid': uuidV5(`result|${pack}|${run}`),
    'title': oscalString(`${tool} run of the ${pack} rule pack`),
    'description': oscalMarkup(description.join('\n')),
    'start': time,
    'end': time,
    'props': [prop('verdict', verdict), prop('objects-checked', String(result.resourceCount))],
    ...(items.size > 0 ? { 'local-definitions': { 'inventory-items': lists.items() } } : {}),
    'reviewed-controls': {
      'description': oscalMarkup(`The NIST SP 800-53 Rev. 5 controls (${NIST_80053_R5_CATALOG}) related to the HIPAA citations the rules that ran serve.`),
      'control-selections': [{ 'include-controls': reviewed.map((id) => ({ 'control-id': id })) }],
    },
    observations,
    ...(result.findings.length > 0 ? { risks: lists.risks() } : {}),
    ...(findings.length > 0 ? { findings } : {}),
  };

  return {
    'assessment-results': {
      'uuid': uuidV5(`assessment-results|${tool}|${version}|${pack}|${run}`),
      'metadata': {
        'title': oscalString(`HIPAA Security Rule assessment results: ${pack} rule pack (${tool})`),
        'last-modified': time,
        version,
        'oscal-version': OSCAL_VERSION,
        'props': [prop('tool', tool)],
        ...(meta.generatedAt ? {} : { remarks: `No time was recorded for this run: ${OSCAL_NO_TIME} stands for "not recorded".` }),
      },
      'import-ap': { href: `#${runUuid}`, remarks: 'No assessment plan exists; this points at the back-matter resource describing the run.' },
      'results': [resultObject],
      'back-matter': { resources: [runResource, ...inputResources] },
    },
  };
}

function sameObject(a: Finding, b: Finding): boolean {
  const ra = a.resource, rb = b.resource;
  return ra.name === rb.name && ra.kind === rb.kind && ra.namespace === rb.namespace &&
    a.source?.file === b.source?.file && a.source?.constructPath === b.source?.constructPath;
}

/** A digest of what the run read and found: the same input gives the same digest, so the same UUIDs. */
function runDigest(result: CheckResult, meta: ReportMetadata): string {
  const hash = crypto.createHash('sha256');
  const inputs = meta.provenance?.inputs;
  if (inputs?.length) for (const i of inputs) hash.update(`${i.file}\u0000${i.sha256}\n`);
  else for (const i of meta.inputs ?? []) hash.update(`${i}\n`);
  hash.update(`${result.resourceCount}\n`);
  // One update per 1,000 findings: a native call per finding costs more than the hashing.
  const findings = result.findings;
  for (let i = 0; i < findings.length; i += 1000) {
    let chunk = '';
    for (let j = i; j < Math.min(i + 1000, findings.length); j++) {
      const f = findings[j];
      const r = f.resource;
      chunk += `${f.ruleId}\u0000${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}\u0000${f.path}\u0000${f.message}\n`;
    }
    hash.update(chunk);
  }
  return hash.digest('hex').slice(0, 32);
}

function observation(
  rule: RuleInfo,
  uuid: string,
  findings: readonly Finding[],
  applied: number | undefined,
  itemOf: (f: Finding) => string,
  lists: AssessmentLists,
  evidence: readonly Record<string, string>[],
  time: string,
): Record<string, unknown> {
  const open = findings.filter((f) => !f.waiver && !f.baselined).length;
  const waived = findings.filter((f) => f.waiver).length;
  const baselined = findings.length - open - waived;
  const subjects = new Set<string>();
  for (const f of findings) subjects.add(itemOf(f));
  const scope = applied === undefined ? '' : applied === 0 ? ' It applied to no object: no evidence.' : ` It applied to ${applied} objects.`;
  const props: OscalProp[] = [trestleProp('Rule_Id', rule.id, 'rule_set'), prop('severity', rule.severity)];
  for (const c of rule.controls) props.push(prop('hipaa-citation', c));
  return {
    uuid,
    title: oscalString(`${rule.id}: ${rule.title}`),
    description: oscalMarkup(
      `${rule.description}${scope} Findings: ${open} open, ${waived} waived, ${baselined} baselined.`,
    ),
    props,
    methods: ['TEST'],
    types: [findings.length > 0 ? 'finding' : 'control-objective'],
    ...(subjects.size > 0 ? { subjects: lists.subjects([...subjects]) } : {}),
    ...(evidence.length > 0 ? { 'relevant-evidence': evidence } : {}),
    collected: time,
  };
}

/** Whether each citation status satisfies the objective (see the module comment on NOT EVIDENCED). */
const SATISFIES: Record<CitationStatus, boolean> = {
  'PASS': true,
  'PASS (waivers)': true,
  'WARN': false,
  'BASELINED': false,
  'FAIL': false,
  'NOT EVIDENCED': false,
  'NOT CHECKED': false,
};

function controlFinding(
  controlId: string,
  summaries: readonly CitationSummary[],
  run: string,
  observationOf: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const satisfied = summaries.every((s) => SATISFIES[s.status]);
  const failing = summaries.some((s) => s.status === 'FAIL' || s.status === 'WARN');
  const reason = satisfied ? 'pass' : failing ? 'fail' : 'other';
  const nist = controlId.toUpperCase().replace(/\.(\d+)$/, '($1)');
  const lines = summaries.map((s) => `- HIPAA ${s.control.id} (${s.control.title}): ${s.status}; ${s.errors} open errors, ${s.warnings} open warnings, ${s.waived} waived, ${s.baselined} baselined. ${s.control.satisfiedBy}`);
  const notEvidenced = summaries.filter((s) => s.status === 'NOT EVIDENCED').map((s) => s.control.id);
  const remarks = satisfied
    ? summaries.some((s) => s.status === 'PASS (waivers)')
      ? 'Satisfied with approved deviations (waivers): see the risks with status deviation-approved.'
      : 'Satisfied: the rules that check it applied to objects and found nothing open.'
    : failing
      ? 'Not satisfied: open findings of the rules that check it; see the open risks.'
      : `Not satisfied because not evidenced: no rule that checks ${notEvidenced.join(', ')} applied to any object (what is not evidenced is not a pass).`;
  const observations = new Set<string>();
  for (const s of summaries) for (const r of s.rules) { const o = observationOf.get(r.id); if (o) observations.add(o); }
  return {
    uuid: uuidV5(`finding|${controlId}|${run}`),
    title: oscalString(`${nist}: ${satisfied ? 'satisfied' : 'not satisfied'}`),
    description: oscalMarkup(`NIST SP 800-53 Rev. 5 ${nist}, through the HIPAA citations related to it:\n${lines.join('\n')}`),
    props: summaries.map((s) => prop('hipaa-citation', s.control.id, { remarks: s.status })),
    target: {
      'type': 'objective-id',
      'target-id': `${controlId}_obj`,
      'status': { state: satisfied ? 'satisfied' : 'not-satisfied', reason, remarks },
    },
    ...(observations.size > 0 ? { 'related-observations': [...observations].map((o) => ({ 'observation-uuid': o })) } : {}),
  };
}

/** A file path as a URI reference (relative paths stay relative). */
function fileHref(file: string): string {
  return encodeURI(file.replace(/\\/g, '/')).replace(/[#?]/g, (c) => encodeURIComponent(c));
}
