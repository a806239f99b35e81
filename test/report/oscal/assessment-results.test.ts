import { oscalErrors } from './oscal-schema';
import { check } from '../../../lib/check/engine';
import type { CheckResult } from '../../../lib/check/engine';
import type { Finding } from '../../../lib/check/finding';
import { parseManifests } from '../../../lib/check/manifests';
import { renderOscalAssessmentResultsReference } from '../../../lib/report/oscal/assessment-reference';
import { OSCAL_NO_TIME, renderOscalAssessmentResults, toOscalAssessmentResults } from '../../../lib/report/oscal/assessment-results';
import { baselinedResult, fullMeta } from '../evidence-sample';
import { cleanResult, pullAlways, sampleMeta, sampleResult } from '../sample';

const parse = (text: string) => JSON.parse(text)['assessment-results'];
const TIME = /"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"/g;
const ns = 'https://github.com/hipaa-constructs/hipaa-constructs/ns/oscal';
const propValue = (props: any[] | undefined, name: string) => props?.filter((p) => p.name === name).map((p) => p.value);

describe('renderOscalAssessmentResults', () => {
  test('is valid OSCAL 1.2.1 assessment results: open, waived and baselined findings, input problems, a clean run, no time', () => {
    const cases = [
      renderOscalAssessmentResults(baselinedResult(), fullMeta()),
      renderOscalAssessmentResults(sampleResult(), sampleMeta({ inputProblems: [{ file: 'bad.yaml', line: 3, reason: '  not YAML  ' }] })),
      renderOscalAssessmentResults(cleanResult(), sampleMeta()),
      renderOscalAssessmentResults(sampleResult()),
    ];
    for (const text of cases) expect(oscalErrors('assessment-results', JSON.parse(text))).toEqual([]);
  });

  test('golden file', () => {
    expect(renderOscalAssessmentResults(baselinedResult(), fullMeta())).toMatchSnapshot();
  });

  test('two runs on the same input are byte-identical apart from the times recorded', () => {
    const a = renderOscalAssessmentResults(baselinedResult(), fullMeta({ generatedAt: new Date('2026-06-01T12:00:00Z') }));
    const b = renderOscalAssessmentResults(baselinedResult(), fullMeta({ generatedAt: new Date('2027-01-02T03:04:05Z') }));
    const none = renderOscalAssessmentResults(baselinedResult(), fullMeta({ generatedAt: undefined }));
    const mask = (s: string) => s.replace(TIME, '"<time>"').replace(/,\n *"remarks": "No time was recorded[^\n]*/, '');
    expect(a).not.toEqual(b);
    expect(mask(a)).toEqual(mask(b));
    expect(mask(none)).toEqual(mask(a));
    expect(renderOscalAssessmentResults(baselinedResult(), fullMeta())).toEqual(renderOscalAssessmentResults(baselinedResult(), fullMeta()));
    // Without a time, the documented stand-in, said so in the metadata.
    const doc = parse(none);
    expect(doc.metadata['last-modified']).toBe(OSCAL_NO_TIME);
    expect(doc.results[0].start).toBe(OSCAL_NO_TIME);
    expect(doc.metadata.remarks).toContain('not recorded');
    // A different input gives different ids.
    const other = parse(renderOscalAssessmentResults(sampleResult(), fullMeta({ provenance: { inputs: [{ file: 'manifests/app.yaml', sha256: '00'.repeat(32) }] } })));
    expect(other.uuid).not.toBe(doc.uuid);
    expect(other.results[0].uuid).not.toBe(doc.results[0].uuid);
  });

  test('metadata, import-ap and back matter describe the run and the inputs with their SHA-256', () => {
    const doc = parse(renderOscalAssessmentResults(baselinedResult(), fullMeta()));
    expect(doc.metadata).toMatchObject({ 'last-modified': '2026-06-01T12:00:00.000Z', 'version': '1.2.3', 'oscal-version': '1.2.1' });
    const resources = doc['back-matter'].resources;
    expect(doc['import-ap'].href).toBe(`#${resources[0].uuid}`);
    expect(propValue(resources[0].props, 'git-commit')).toEqual(['c0ffee'.padEnd(40, '0')]);
    expect(resources[1].rlinks).toEqual([{ href: 'manifests/app.yaml', hashes: [{ algorithm: 'SHA-256', value: '3f'.repeat(32) }] }]);
    const observation = doc.results[0].observations[0];
    expect(observation['relevant-evidence']).toEqual([{ href: `#${resources[1].uuid}`, description: `Input file manifests/app.yaml, SHA-256 ${'3f'.repeat(32)}.` }]);
  });

  test('observations per rule: method TEST, the rule id, its citations, the objects with findings as subjects', () => {
    const result = doc0();
    const obs = result.observations.find((o: any) => o.title.startsWith('test-no-privileged:'));
    expect(obs.methods).toEqual(['TEST']);
    expect(obs.props).toContainEqual({ name: 'Rule_Id', ns: 'https://oscal-compass.github.io/compliance-trestle/schemas/oscal', value: 'test-no-privileged', remarks: 'rule_set' });
    expect(propValue(obs.props, 'hipaa-citation')).toEqual(['164.312(a)(1)', '164.312(c)(1)']);
    const items = new Map(result['local-definitions']['inventory-items'].map((i: any) => [i.uuid, i.description]));
    expect(obs.subjects.map((s: any) => items.get(s['subject-uuid']))).toEqual(['Deployment clinic/agent', 'Deployment clinic/api']);
    expect(obs.description).toContain('Findings: 1 open, 1 waived, 0 baselined.');
    expect(result['reviewed-controls']['control-selections'][0]['include-controls']).toContainEqual({ 'control-id': 'ac-3' });
  });

  test('risks: open findings open, waived deviation-approved with reason, owner and expiry, baselined remediating until the baseline expires', () => {
    const risks = doc0().risks;
    const byTitle = (t: string) => risks.find((r: any) => r.title === t);
    const waived = byTitle('test-no-privileged: Deployment clinic/agent spec.template.spec.containers[0].securityContext.privileged');
    expect(waived.status).toBe('deviation-approved');
    expect(waived.deadline).toBe('2026-12-31T23:59:59Z');
    expect(waived.props).toEqual([
      { name: 'waiver-reason', ns, value: 'Node agent needs host devices; runs on dedicated nodes (RISK-7).' },
      { name: 'waiver-expires', ns, value: '2026-12-31' },
      { name: 'waiver-owner', ns, value: 'platform-team' },
      { name: 'waiver-ticket', ns, value: 'RISK-7' },
    ]);
    const baselined = byTitle('test-pull-always: Deployment clinic/api spec.template.spec.containers[0].imagePullPolicy');
    expect(baselined.status).toBe('remediating');
    expect(baselined.deadline).toBe('2026-11-01T23:59:59Z');
    expect(propValue(baselined.props, 'baseline-file')).toEqual(['.hipaa-baseline.json']);
    const open = byTitle('test-no-privileged: Deployment clinic/api spec.template.spec.containers[0].securityContext.privileged');
    expect(open.status).toBe('open');
    expect(open.description).toBe("container 'api' is privileged (manifests/app.yaml:7). Fix: Remove securityContext.privileged.");
    expect(risks.map((r: any) => r.status).sort()).toEqual(['deviation-approved', 'open', 'open', 'open', 'remediating']);
  });

  test('findings per NIST control take their state from the citation matrix; NOT EVIDENCED is not satisfied', () => {
    const findings = doc0().findings;
    const of = (id: string) => findings.find((f: any) => f.target['target-id'] === `${id}_obj`);
    // AC-3 relates to 164.312(a)(1) (FAIL: the open error on api) and 164.308(a)(4) (NOT CHECKED: no rule of the pack).
    expect(of('ac-3').target.status).toMatchObject({ state: 'not-satisfied', reason: 'fail' });
    expect(of('ac-3').props).toEqual([{ name: 'hipaa-citation', ns, value: '164.312(a)(1)', remarks: 'FAIL' }]);
    expect(of('ac-3').title).toBe('AC-3: not satisfied');
    // The same citations on a run with no Deployment: the rules applied to no object, NOT EVIDENCED.
    const none = parse(renderOscalAssessmentResults(cleanResult(), sampleMeta())).results[0].findings;
    const ac3 = none.find((f: any) => f.target['target-id'] === 'ac-3_obj');
    expect(ac3.props).toEqual([{ name: 'hipaa-citation', ns, value: '164.312(a)(1)', remarks: 'NOT EVIDENCED' }]);
    expect(ac3.target.status).toMatchObject({ state: 'not-satisfied', reason: 'other' });
    expect(ac3.target.status.remarks).toContain('not evidenced');
    // A clean run of a rule that applied: satisfied.
    const clean = parse(renderOscalAssessmentResults(cleanPassingResult(), sampleMeta()));
    const ia2 = clean.results[0].findings.find((f: any) => f.target['target-id'] === 'ia-2_obj');
    expect(ia2.target.status).toMatchObject({ state: 'satisfied', reason: 'pass' });
  });

  test('strings are trimmed and never empty; an unreadable input is named in the result', () => {
    const doc = parse(renderOscalAssessmentResults(sampleResult(), sampleMeta({ inputProblems: [{ file: 'bad.yaml', line: 3, reason: 'not YAML' }] })));
    expect(doc.results[0].description).toContain('- bad.yaml:3: not YAML');
    expect(propValue(doc.results[0].props, 'verdict')).toEqual(['fail']);
  });
});

describe('renderOscalAssessmentResults writes the long lists straight to text', () => {
  test('the same bytes as the reference rendering of toOscalAssessmentResults, for the samples and a varied result', () => {
    const cases: [CheckResult, ReturnType<typeof fullMeta> | undefined][] = [
      [baselinedResult(), fullMeta()],
      [sampleResult(), sampleMeta({ inputProblems: [{ file: 'bad.yaml', line: 3, reason: '  not YAML  ' }] })],
      [cleanResult(), sampleMeta()],
      [sampleResult(), undefined],
      [variedResult(), fullMeta()],
      [variedResult(), sampleMeta()],
      [variedResult(), undefined],
    ];
    for (const [result, meta] of cases) {
      const text = renderOscalAssessmentResults(result, meta);
      expect(text).toBe(renderOscalAssessmentResultsReference(result, meta));
      expect(JSON.parse(text)).toEqual(toOscalAssessmentResults(result, meta));
    }
    const varied = renderOscalAssessmentResults(variedResult(), fullMeta());
    expect(oscalErrors('assessment-results', JSON.parse(varied))).toEqual([]);
    // The varied result has what it is meant to have: duplicates (UUID key `|1`, `|2`), many risks (joined in chunks).
    const risks = parse(varied).results[0].risks;
    expect(new Set(risks.map((r: any) => r.uuid)).size).toBe(risks.length);
    expect(risks.length).toBeGreaterThan(1000);
  });

  test('a name or message that looks like a list marker is written as text', () => {
    const mark = '\u0000oscal-list:0';
    const r = sampleResult();
    const findings = r.findings.map((f) => ({ ...f, message: mark, path: mark, fix: mark, resource: { ...f.resource, name: mark } }));
    const result = { ...r, findings };
    const meta = sampleMeta({ packName: mark, toolName: mark, inputs: [mark] });
    expect(JSON.parse(renderOscalAssessmentResults(result, meta))).toEqual(toOscalAssessmentResults(result, meta));
  });
});

/** Odd text: quotes, backslashes, `</script>`, non-ASCII, control characters, line breaks, lone surrogates. */
const ODD = [
  '"quoted" \\ back\\slash </script>',
  'naïve ✓ 日本 \ud83d\ude00',
  'ctl \u0000\u0001\u001f\u007f end',
  'line\nbreak\ttab\r\u2028\u2029',
  'lone \ud800',
  '\udc00 lone low',
  '  spaced  ',
  '\u00a0nbsp\u3000',
  '',
  'x\ud800',
];

/**
 * The sample findings many times over, varied: odd text in every string (one field at a time, so most
 * findings take the writer's piecewise path and each odd string its own way out), waived with and without
 * owner and ticket, baselined with and without file, no source, a construct path, a file without a line,
 * the same finding twice and thrice (UUID keys `|1`, `|2`), a rule id with no rule, a rule whose title changes.
 */
function variedResult(): CheckResult {
  const base = baselinedResult();
  const findings: Finding[] = [];
  for (let i = 0; i < 400; i++) {
    const f = base.findings[i % base.findings.length];
    const odd = ODD[i % ODD.length];
    const field = Math.floor(i / ODD.length) % 9;
    const n = Math.floor(i / 40);
    let g: Finding = {
      ...f,
      resource: { ...f.resource, name: field === 0 ? `${f.resource.name}${odd}` : `${f.resource.name}-${n}`, namespace: field === 1 ? odd : f.resource.namespace },
      message: field === 2 ? odd : field === 3 ? `${odd} ${f.message}` : f.message,
      path: field === 4 ? odd : field === 5 ? `${f.path}${odd}` : f.path,
      fix: field === 6 ? odd : field === 7 ? `${f.fix} ${odd}` : i % 3 === 0 ? `${f.fix} (${i % 20})` : f.fix,
    };
    if (field === 8) g = { ...g, ruleId: odd || 'r', title: `${f.title}${odd}` };
    findings.push(g);
  }
  const first = findings[0];
  const sources: Finding['source'][] = [undefined, { constructPath: 'app/chart/api' }, { file: 'C:\\m\\app "x".yaml' }, { file: 'a.yaml', line: 0 },
    { file: 'b.yaml', line: 3, constructPath: '' }, { file: 'ü/\u2028.yaml', line: 9, constructPath: 'app/\ud800' }];
  for (let i = 0; i < 700; i++) {
    const f = findings[i % findings.length];
    const source = i % 4 === 0 ? sources[Math.floor(i / 4) % sources.length] : f.source;
    const acceptance = i % 7 === 0
      ? { waiver: { ruleId: f.ruleId, reason: `reason ${ODD[i % ODD.length]}`, expires: '2027-01-31', ...(i % 2 ? { owner: 'o "w"', ticket: 'T-1' } : {}) } }
      : i % 7 === 1
        ? { baselined: { created: '2026-05-01', expires: '2026-11-01', ...(i % 2 ? { file: '.hipaa-baseline.json' } : {}) } }
        : {};
    findings.push({ ...f, resource: { ...f.resource, name: `${f.resource.name}+${i}` }, source, waiver: undefined, baselined: undefined, ...acceptance });
  }
  // The same finding twice and thrice, a rule id no rule has, and a rule's findings whose citations, title or severity differ.
  findings.push(first, first, { ...first }, { ...first, ruleId: 'no-such-rule' }, { ...first, controls: [...first.controls, '164.312(b)'] },
    { ...first, title: 'Another title' }, { ...first, severity: 'warning' });
  const waived = findings.filter((f) => f.waiver);
  const baselined = findings.filter((f) => !f.waiver && f.baselined);
  const unwaived = findings.filter((f) => !f.waiver && !f.baselined);
  return { ...base, findings, waived, baselined, unwaived, passed: false };
}

function doc0() {
  return parse(renderOscalAssessmentResults(baselinedResult(), fullMeta())).results[0];
}

/** A run of the pull-always rule on a Deployment that uses Always: clean, and the rule applied. */
function cleanPassingResult() {
  const yaml = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a, namespace: n}\nspec: {template: {spec: {containers: [{name: a, image: x, imagePullPolicy: Always}]}}}\n';
  return check(parseManifests(yaml, 'a.yaml'), { name: 'p', description: 'p', rules: [pullAlways] });
}
