import { cleanResult, sampleMeta, samplePack, sampleResources, sampleResult } from './sample';
import { check } from '../../lib/check/engine';
import { renderText, summaryLine } from '../../lib/report/text';
import { TEST_NOW } from '../helpers/rule-test';

describe('text report', () => {
  test('matches the snapshot', () => {
    expect(renderText(sampleResult(), sampleMeta())).toMatchSnapshot();
  });

  test('groups findings by object, each object once with its source', () => {
    const text = renderText(sampleResult(), sampleMeta());
    const headers = text.split('\n').filter((l) => l !== '' && !l.startsWith(' ') && !/^(PASSED|FAILED|HIPAA citations)/.test(l));
    expect(headers).toEqual([
      'Deployment clinic/agent (manifests/app.yaml:22)',
      'Deployment clinic/api (manifests/app.yaml:7)',
      'Deployment clinic/legacy (manifests/app.yaml:42)',
    ]);
  });

  test('shows an open finding with severity, rule, field path, message and fix', () => {
    const text = renderText(sampleResult(), sampleMeta());
    expect(text).toContain(
      [
        '  error    test-no-privileged  spec.template.spec.containers[0].securityContext.privileged',
        "           container 'api' is privileged",
        '           fix: Remove securityContext.privileged.',
      ].join('\n'),
    );
  });

  test('shows a waived finding as waived, with its severity and the waiver reason, owner, ticket and expiry', () => {
    const text = renderText(sampleResult(), sampleMeta());
    expect(text).toContain(
      [
        '  waived   test-no-privileged (error)  spec.template.spec.containers[0].securityContext.privileged',
        "           container 'agent' is privileged",
        '           waiver: Node agent needs host devices; runs on dedicated nodes (RISK-7). (owner platform-team, ticket RISK-7, expires 2026-12-31)',
      ].join('\n'),
    );
  });

  test('ends with one summary line that counts errors, warnings and waived findings', () => {
    const lines = renderText(sampleResult(), sampleMeta()).trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe("FAILED: 2 errors, 2 warnings, 1 waived in 4 objects checked by 6 rules of the 'sample' pack");
  });

  test('with no findings, prints only the citations line and the summary; citations no checked object evidences are NOT EVIDENCED', () => {
    // Only a Namespace: the sample rules (Deployments) applied to nothing, so no citation is PASS.
    expect(renderText(cleanResult(), sampleMeta())).toBe(
      'HIPAA citations: 6 NOT EVIDENCED (164.308(a)(1)(ii)(B), 164.308(a)(8), 164.312(a)(1), 164.312(c)(1), 164.312(d), 164.316(b)(2)(i)), 16 NOT CHECKED\n' +
        "PASSED: no findings in 1 object checked by 6 rules of the 'sample' pack\n",
    );
  });

  test('the citations line counts each status; a citation is PASS only when a rule applied to an object and found nothing', () => {
    const text = renderText(sampleResult(), sampleMeta());
    // 164.308(a)(1)(ii)(B) and 164.316(b)(2)(i) are served by the waiver rules only: FAIL here because a waiver expired.
    expect(text).toContain('HIPAA citations: 5 FAIL, 1 WARN, 16 NOT CHECKED\n');
    const passing = check(sampleResources().filter((r) => r.name === 'clinic' || r.name === 'agent'), samplePack, { now: TEST_NOW });
    // agent: its privileged finding is waived and it pulls Always: 164.312(d) PASS, the others PASS (waivers);
    // the waiver-only citations have no object rule, so they are NOT EVIDENCED although the waivers are valid.
    expect(renderText(passing, sampleMeta())).toContain(
      'HIPAA citations: 3 NOT EVIDENCED (164.308(a)(1)(ii)(B), 164.308(a)(8), 164.316(b)(2)(i)), 2 PASS (waivers), 1 PASS, 16 NOT CHECKED\n',
    );
  });

  test('lists input that could not be read, and then never passes', () => {
    const problems = [{ file: 'charts/api/templates/deploy.yaml', line: 7, reason: 'this looks like an unrendered Helm template: render it with `helm template` first' }];
    const text = renderText(cleanResult(), sampleMeta({ inputProblems: problems }));
    expect(text).toContain(
      'Input that could not be read (its objects were not checked):\n' +
        '  charts/api/templates/deploy.yaml:7: this looks like an unrendered Helm template: render it with `helm template` first\n',
    );
    expect(text.trimEnd().split('\n').pop()).toBe(
      "FAILED: no findings in 1 object checked by 6 rules of the 'sample' pack; 1 input problem: not everything was checked",
    );
  });

  test('the verdict follows the fail-on threshold', () => {
    const warningsOnly = sampleResult();
    const onlyWarnings = { ...warningsOnly, findings: warningsOnly.findings.filter((f) => f.severity === 'warning') };
    const result = { ...onlyWarnings, unwaived: onlyWarnings.findings.filter((f) => !f.waiver), passed: true };
    expect(summaryLine(result, { failOn: 'error' })).toMatch(/^PASSED: 0 errors, 2 warnings, 0 waived in 4 objects checked by 6 rules$/);
    expect(summaryLine(result, { failOn: 'warning' })).toMatch(/^FAILED: /);
    expect(summaryLine(sampleResult(), { failOn: 'never' })).toMatch(/^PASSED: 2 errors/);
  });

  test('is deterministic and carries no time', () => {
    const a = renderText(sampleResult(), sampleMeta({ generatedAt: new Date('2026-06-01T12:00:00Z') }));
    expect(renderText(sampleResult(), sampleMeta())).toBe(a);
    expect(a).not.toMatch(/2026-06-01/);
  });

  test('labels objects read from a construct by construct path', () => {
    const r = sampleResult();
    const f = r.findings.find((x) => x.resource.name === 'api')!;
    const moved = { ...f, source: { constructPath: 'app/chart/api/Deployment' } };
    const text = renderText({ ...r, findings: [moved] }, {});
    expect(text.split('\n')[0]).toBe('Deployment clinic/api (app/chart/api/Deployment)');
  });
});
