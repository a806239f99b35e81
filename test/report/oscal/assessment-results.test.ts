import { cleanResult, sampleMeta, sampleResult } from '../sample';
import { baselinedResult, fullMeta } from '../evidence-sample';
import { oscalErrors } from './oscal-schema';
import { OSCAL_NO_TIME, renderOscalAssessmentResults } from '../../../lib/report/oscal/assessment-results';

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

function doc0() {
  return parse(renderOscalAssessmentResults(baselinedResult(), fullMeta())).results[0];
}

/** The sample with only the pull-always rule's findings fixed: every Deployment uses Always. */
function cleanPassingResult() {
  const { check } = require('../../../lib/check/engine');
  const { parseManifests } = require('../../../lib/check/manifests');
  const { pullAlways } = require('../sample');
  const yaml = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a, namespace: n}\nspec: {template: {spec: {containers: [{name: a, image: x, imagePullPolicy: Always}]}}}\n';
  return check(parseManifests(yaml, 'a.yaml'), { name: 'p', description: 'p', rules: [pullAlways] });
}
