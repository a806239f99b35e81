/** Every report with a baseline applied: baselined findings stay visible, counted apart, with their expiry. */
import { sampleMeta, sampleResult } from './sample';
import type { Baseline, BaselineEntry } from '../../lib/check/baseline';
import { applyBaseline, baselineOf } from '../../lib/check/baseline-file';
import type { CheckResult } from '../../lib/check/engine';
import { CITATION_STATUSES, citationSummaries } from '../../lib/report/citations';
import { countFindings } from '../../lib/report/common';
import { renderJson, toJsonReport } from '../../lib/report/json';
import { renderMarkdown } from '../../lib/report/markdown';
import { renderSarif } from '../../lib/report/sarif';
import { renderText, summaryLine } from '../../lib/report/text';
import { TEST_NOW } from '../helpers/rule-test';
import { sarifValidator } from '../helpers/sarif-schema';

const PRIVILEGED = 'spec.template.spec.containers[0].securityContext.privileged';
const STALE: BaselineEntry = { rule: 'test-no-privileged', kind: 'Deployment', namespace: 'clinic', name: 'retired', path: PRIVILEGED, count: 1 };

/** The sample with a baseline accepting the api's error and warning (not legacy's findings), plus one stale entry. */
function baselinedResult(): CheckResult {
  const all = baselineOf(sampleResult(), TEST_NOW);
  const baseline: Baseline = { ...all, file: '.hipaa-baseline.json', entries: [...all.entries.filter((e) => e.name === 'api'), STALE] };
  return applyBaseline(sampleResult(), baseline, TEST_NOW);
}

/** The sample with every open finding baselined, nothing stale. */
function allBaselined(): CheckResult {
  return applyBaseline(sampleResult(), { ...baselineOf(sampleResult(), TEST_NOW), file: 'b.json' }, TEST_NOW);
}

describe('reports of a result with a baseline', () => {
  test('countFindings counts baselined findings apart from open and waived ones', () => {
    expect(countFindings(baselinedResult().findings)).toEqual({ errors: 1, warnings: 1, waived: 1, baselined: 2 });
    expect(countFindings(sampleResult().findings)).toEqual({ errors: 2, warnings: 2, waived: 1, baselined: 0 });
  });

  test('text: matches the snapshot; baselined findings marked with expiry and file, stale entries listed, counts "new"', () => {
    const text = renderText(baselinedResult(), sampleMeta());
    expect(text).toMatchSnapshot();
    expect(text).toContain(
      `  baseline test-no-privileged (error)  ${PRIVILEGED}\n           container 'api' is privileged\n` +
        '           baselined until 2027-06-01 (.hipaa-baseline.json); fix: Remove securityContext.privileged.\n',
    );
    expect(text).toContain(`Stale baseline entries in .hipaa-baseline.json (they match no finding any more: fixed, or the object is gone; prune them):\n  test-no-privileged  Deployment clinic/retired  ${PRIVILEGED}\n`);
    expect(summaryLine(baselinedResult(), sampleMeta())).toBe(
      "FAILED: 1 new error, 1 new warning, 2 baselined, 1 waived in 4 objects checked by 6 rules of the 'sample' pack; 1 stale baseline entry",
    );
    expect(summaryLine(allBaselined(), sampleMeta())).toBe("PASSED: 0 new errors, 0 new warnings, 4 baselined, 1 waived in 4 objects checked by 6 rules of the 'sample' pack");
  });

  test('JSON: per finding, summary, baseline and stale entries; the text is JSON.stringify of the report', () => {
    const r = baselinedResult();
    const report = toJsonReport(r, sampleMeta());
    expect(renderJson(r, sampleMeta())).toBe(JSON.stringify(report, null, 2) + '\n');
    expect(report.summary).toMatchObject({ findings: 5, errors: 1, warnings: 1, waived: 1, baselined: 2 });
    expect(report.baseline).toEqual({ file: '.hipaa-baseline.json', created: '2026-06-01', expires: '2027-06-01', entries: 3, expired: false });
    expect(report.staleBaseline).toEqual([{ ...STALE, message: null }]);
    expect(report.findings.map((f) => `${f.object.name} ${f.ruleId} ${f.waived ? 'waived' : f.baselined ? `baselined ${f.baselined.expires} ${f.baselined.file}` : 'open'}`)).toEqual([
      'agent test-no-privileged waived',
      'api test-no-privileged baselined 2027-06-01 .hipaa-baseline.json',
      'api test-pull-always baselined 2027-06-01 .hipaa-baseline.json',
      'legacy test-pull-always open',
      'legacy waiver-expired open',
    ]);
    expect(report.passed).toBe(false);
    expect(toJsonReport(allBaselined(), sampleMeta()).passed).toBe(true);
    // An expired baseline is recorded as such.
    const expired = applyBaseline(sampleResult(), { ...baselineOf(sampleResult(), TEST_NOW), file: 'b.json' }, new Date('2028-01-01T00:00:00Z'));
    expect(toJsonReport(expired).baseline).toEqual({ file: 'b.json', created: '2026-06-01', expires: '2027-06-01', entries: 4, expired: true });
    expect(toJsonReport(expired).summary).toMatchObject({ errors: 2, warnings: 2, baselined: 0 });
  });

  test('SARIF: baselineState on every result, the baseline and its stale entries as a run property; valid against the schema', () => {
    const log = JSON.parse(renderSarif(baselinedResult(), sampleMeta()));
    const run = log.runs[0];
    expect(run.results.map((x: any) => `${x.ruleId} ${x.baselineState}`)).toEqual([
      'test-no-privileged new', // waived: not in the baseline; its suppression says it is accepted
      'test-no-privileged unchanged',
      'test-pull-always unchanged',
      'test-pull-always new',
      'waiver-expired new',
    ]);
    expect(run.results[1].properties.baselined).toEqual({ file: '.hipaa-baseline.json', created: '2026-06-01', expires: '2027-06-01' });
    expect(run.results[1].suppressions).toEqual([]);
    expect(run.properties.baseline).toEqual({
      file: '.hipaa-baseline.json', created: '2026-06-01', expires: '2027-06-01', entries: 3, expired: false, baselined: 2, stale: [STALE],
    });
    const validate = sarifValidator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    // Without a baseline, no result has a baselineState (there is no baseline run to compare with).
    const plain = JSON.parse(renderSarif(sampleResult(), sampleMeta()));
    expect(plain.runs[0].results.some((x: any) => 'baselineState' in x)).toBe(false);
    expect(plain.runs[0].properties.baseline).toBeUndefined();
  });

  test('SARIF: the schema check sees baselineState (a wrong value is refused)', () => {
    const log = JSON.parse(renderSarif(baselinedResult(), sampleMeta()));
    log.runs[0].results[1].baselineState = 'accepted';
    expect(sarifValidator()(log)).toBe(false);
  });

  test('citations: BASELINED when only baselined findings are under a citation (never PASS); FAIL when an error is open', () => {
    expect(CITATION_STATUSES).toEqual(['FAIL', 'WARN', 'BASELINED', 'NOT EVIDENCED', 'PASS (waivers)', 'PASS', 'NOT CHECKED']);
    const status = (r: CheckResult) => Object.fromEntries(citationSummaries(r, sampleMeta()).filter((c) => c.rules.length > 0).map((c) => [c.control.id, `${c.status} ${c.baselined}`]));
    // 164.312(a)(1) and (c)(1): the api's privileged error is baselined, the agent's is waived.
    expect(status(baselinedResult())).toMatchObject({ '164.312(a)(1)': 'BASELINED 1', '164.312(c)(1)': 'BASELINED 1', '164.312(d)': 'WARN 1' });
    expect(status(allBaselined())).toMatchObject({ '164.312(a)(1)': 'BASELINED 1', '164.312(d)': 'BASELINED 2' });
    expect(status(sampleResult())).toMatchObject({ '164.312(a)(1)': 'FAIL 0', '164.312(d)': 'WARN 0' });
  });

  test('Markdown: matches the snapshot; baselined findings counted and listed with their expiry, apart from open ones', () => {
    const md = renderMarkdown(baselinedResult(), sampleMeta());
    expect(md).toMatchSnapshot();
    expect(md).toContain('**Result: FAILED**: 1 open error, 1 open warning, 2 baselined findings and 1 waived finding in 4 objects');
    expect(md).toContain('| Citation | Title | Rules | Objects checked | Open errors | Open warnings | Waived | Baselined | Status |');
    expect(md).toContain('| 164.312(a)(1) | Access control | 1 | 3 | 0 | 0 | 1 | 1 | BASELINED |');
    expect(md).toContain(
      '**Baselined**\n\n| Severity | Object | Source | Rule | Field | Finding | Baseline | Expires |\n|---|---|---|---|---|---|---|---|\n' +
        `| error | Deployment clinic/api | \`manifests/app.yaml:7\` | \`test-no-privileged\` | \`${PRIVILEGED}\` | container 'api' is privileged | \`.hipaa-baseline.json\` | 2027-06-01 |\n`,
    );
    const section = md.slice(md.indexOf('## Baseline\n'));
    expect(section).toContain('The baseline `.hipaa-baseline.json`, written 2026-06-01, accepts until 2027-06-01 the findings of its 3 entries');
    expect(section).toContain('2 baselined findings:');
    expect(section).toContain('### Stale baseline entries');
    // Without a baseline the report is as before: no Baselined column, no Baseline section.
    const plain = renderMarkdown(sampleResult(), sampleMeta());
    expect(plain).not.toContain('Baselined');
    expect(plain).not.toContain('## Baseline');
  });
});
