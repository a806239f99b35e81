import * as path from 'path';
import { pathToFileURL } from 'url';
import { fullMeta } from './evidence-sample';
import { cleanResult, sampleMeta, sampleResult } from './sample';
import { applyBaseline, baselineOf } from '../../lib/check/baseline-file';
import { check, CheckResult } from '../../lib/check/engine';
import type { Finding } from '../../lib/check/finding';
import { fromManifest } from '../../lib/check/resource';
import type { ReportMetadata } from '../../lib/report/common';
import { renderSarif, SARIF_FINGERPRINT_KEY, SARIF_SCHEMA, toSarif } from '../../lib/report/sarif';
import { privileged } from '../../lib/rules/k8s/pod-security/privileged';
import { imagePullPolicy } from '../../lib/rules/k8s/workload/image-pull-policy';
import { deployment } from '../helpers/fixtures';
import { clone, TEST_NOW } from '../helpers/rule-test';
import { sarifValidator } from '../helpers/sarif-schema';

describe('SARIF report', () => {
  test('matches the snapshot', () => {
    expect(renderSarif(sampleResult(), sampleMeta())).toMatchSnapshot();
  });

  test('is a SARIF 2.1.0 log with one run of hipaa-check', () => {
    const log = toSarif(sampleResult(), sampleMeta());
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'hipaa-check', version: '1.2.3', semanticVersion: '1.2.3' });
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
    expect(log.runs[0].properties).toMatchObject({ pack: 'sample', objects: 4, failOn: 'error', passed: false, findingsPass: false, inputProblems: 0 });
    expect(log.runs[0].properties!.citations).toContainEqual({ id: '164.312(d)', status: 'WARN' });
    expect(log.runs[0].properties!.citations).toContainEqual({ id: '164.312(b)', status: 'NOT CHECKED' });
  });

  test('describes every rule with help text, default level and the HIPAA controls as properties and tags', () => {
    const rules = toSarif(sampleResult(), sampleMeta()).runs[0].tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(['test-no-privileged', 'test-pull-always', 'waiver-invalid', 'waiver-expired', 'waiver-blocked-by-admission', 'engine-rule-error']);
    const rule = rules[0];
    expect(rule.shortDescription).toEqual({ text: 'Containers must not be privileged' });
    expect(rule.fullDescription).toEqual({ text: 'A privileged container has every capability and all host devices.' });
    expect(rule.defaultConfiguration).toEqual({ level: 'error' });
    expect(rule.help!.text).toBe(
      'A privileged container has every capability and all host devices.\n\n' +
        'Fix: Remove securityContext.privileged.\n\n' +
        'HIPAA Security Rule (45 CFR Part 164):\n' +
        '- 164.312(a)(1) Access control (NIST SP 800-53 Rev. 5: AC-3, AC-6, AC-2, IA-2)\n' +
        '- 164.312(c)(1) Integrity (NIST SP 800-53 Rev. 5: SI-7, SC-28, CM-5, CM-7)',
    );
    expect(rule.help!.markdown).toContain('- **164.312(a)(1)** Access control (NIST SP 800-53 Rev. 5: AC-3, AC-6, AC-2, IA-2)');
    expect(rule.properties).toMatchObject({
      'hipaa-controls': ['164.312(a)(1)', '164.312(c)(1)'],
      'nist-800-53': ['AC-3', 'AC-6', 'AC-2', 'IA-2', 'SI-7', 'SC-28', 'CM-5', 'CM-7'],
      'problem.severity': 'error',
      'security-severity': '8.0',
    });
    expect(rule.properties!.tags).toEqual(expect.arrayContaining(['security', 'hipaa', 'HIPAA 164.312(a)(1)', 'HIPAA 164.312(c)(1)', 'NIST-800-53 AC-3']));
    expect(rules[1].defaultConfiguration).toEqual({ level: 'warning' });
    expect(rules[1].properties!['security-severity']).toBe('5.0');
  });

  test('gives each finding a result with level from severity, file and line, and the object as a logical location', () => {
    const log = toSarif(sampleResult(), sampleMeta());
    const results = log.runs[0].results!;
    expect(results).toHaveLength(5);
    const api = results.filter((r) => (r.properties as any).object.name === 'api');
    expect(api.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['test-no-privileged', 0, 'error'],
      ['test-pull-always', 1, 'warning'],
    ]);
    expect(api[0].message.text).toBe("Deployment clinic/api (spec.template.spec.containers[0].securityContext.privileged): container 'api' is privileged");
    expect(api[0].locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'manifests/app.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 7 } },
        logicalLocations: [{ name: 'api', fullyQualifiedName: 'Deployment clinic/api', kind: 'object' }],
      },
    ]);
    expect(api[0].partialFingerprints![SARIF_FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/);
    expect(api[0].suppressions).toEqual([]);
    expect(api[0].properties).toEqual({
      'object': { kind: 'Deployment', namespace: 'clinic', name: 'api' },
      'path': 'spec.template.spec.containers[0].securityContext.privileged',
      'fix': 'Remove securityContext.privileged.',
      'hipaa-controls': ['164.312(a)(1)', '164.312(c)(1)'],
    });
    const expired = results.find((r) => r.ruleId === 'waiver-expired')!;
    expect(expired.ruleIndex).toBe(3);
    expect(expired.level).toBe('error');
  });

  test('reports a waived finding with an accepted external suppression whose justification is the reason', () => {
    const results = toSarif(sampleResult(), sampleMeta()).runs[0].results!;
    const waived = results.filter((r) => r.suppressions!.length > 0);
    expect(waived).toHaveLength(1);
    expect(waived[0].ruleId).toBe('test-no-privileged');
    expect(waived[0].level).toBe('error');
    expect(waived[0].suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'Node agent needs host devices; runs on dedicated nodes (RISK-7).',
        properties: { ruleId: 'test-no-privileged', owner: 'platform-team', ticket: 'RISK-7', expires: '2026-12-31' },
      },
    ]);
  });

  test('writes absolute paths as file URIs, encodes relative ones, and gives construct-only findings no physical location', () => {
    const r = sampleResult();
    const f = r.findings[0];
    const at = (source: any) => toSarif({ ...r, findings: [{ ...f, source }] }).runs[0].results![0].locations![0];
    const abs = path.resolve('/tmp/my manifests/app.yaml');
    expect(at({ file: abs, line: 3 }).physicalLocation!.artifactLocation).toEqual({ uri: pathToFileURL(abs).href });
    expect(at({ file: './out dir/a#1.yaml' }).physicalLocation).toEqual({ artifactLocation: { uri: 'out%20dir/a%231.yaml', uriBaseId: '%SRCROOT%' } });
    const construct = at({ constructPath: 'app/chart/api' });
    expect(construct.physicalLocation).toBeUndefined();
    expect(construct.logicalLocations).toHaveLength(1);
    expect(at({ file: '<stdin>', line: 4 }).physicalLocation).toBeUndefined();
    const props = toSarif({ ...r, findings: [{ ...f, source: { constructPath: 'app/chart/api' } }] }).runs[0].results![0].properties!;
    expect(props.constructPath).toBe('app/chart/api');
  });

  test('is deterministic: no time unless given', () => {
    expect(renderSarif(sampleResult(), sampleMeta())).toBe(renderSarif(sampleResult(), sampleMeta()));
    expect(renderSarif(sampleResult(), sampleMeta())).not.toMatch(/Utc/);
    const stamped = toSarif(sampleResult(), sampleMeta({ generatedAt: new Date('2026-06-01T12:00:00Z') }));
    expect(stamped.runs[0].invocations).toEqual([{ executionSuccessful: true, endTimeUtc: '2026-06-01T12:00:00.000Z' }]);
  });

  test('reports unreadable input as tool execution notifications with the file location, and the invocation as unsuccessful', () => {
    const log = toSarif(sampleResult(), sampleMeta({
      inputProblems: [
        { file: 'charts/x/templates/d.yaml', line: 4, reason: 'this looks like an unrendered Helm template: render it with `helm template` first' },
        { file: '<stdin>', reason: 'not UTF-8 text' },
      ],
    }));
    const [invocation] = log.runs[0].invocations!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'charts/x/templates/d.yaml:4: this looks like an unrendered Helm template: render it with `helm template` first' },
        descriptor: { id: 'input-unreadable', index: 0 },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'charts/x/templates/d.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4 } } }],
      },
      { level: 'error', message: { text: '<stdin>: not UTF-8 text' }, descriptor: { id: 'input-unreadable', index: 0 } },
    ]);
    expect(log.runs[0].tool.driver.notifications!.map((n) => n.id)).toEqual(['input-unreadable']);
    expect(log.runs[0].properties).toMatchObject({ passed: false, inputProblems: 2 });
  });

  test('records each input file with its SHA-256 as an artifact, and the git commit', () => {
    const sha = 'ab'.repeat(32);
    const log = toSarif(sampleResult(), sampleMeta({
      provenance: { inputs: [{ file: 'manifests/app.yaml', sha256: sha }], git: { commit: 'c'.repeat(40), dirty: false, branch: 'main', remote: 'https://example.com/acme/infra.git' } },
    }));
    expect(log.runs[0].artifacts).toEqual([{ location: { uri: 'manifests/app.yaml', uriBaseId: '%SRCROOT%' }, hashes: { 'sha-256': sha } }]);
    expect(log.runs[0].versionControlProvenance).toEqual([{ repositoryUri: 'https://example.com/acme/infra.git', revisionId: 'c'.repeat(40), branch: 'main' }]);
    expect(log.runs[0].properties!.git).toEqual({ commit: 'c'.repeat(40), dirty: false, branch: 'main' });
  });

  describe('against the SARIF 2.1.0 JSON schema', () => {
    test('a log with input problems and provenance is valid', () => {
      const validate = sarifValidator();
      const log = JSON.parse(renderSarif(sampleResult(), sampleMeta({
        inputProblems: [{ file: 'bad.yaml', line: 2, reason: 'not valid YAML' }, { file: '/abs/x.yaml', reason: 'cannot read it (permission denied)' }],
        provenance: { inputs: [{ file: 'manifests/app.yaml', sha256: 'ab'.repeat(32) }], git: { commit: 'c'.repeat(40), remote: 'https://example.com/r.git' } },
      })));
      expect(validate(log) ? [] : validate.errors).toEqual([]);
    });

    test('the sample log is valid', () => {
      const validate = sarifValidator();
      const log = JSON.parse(renderSarif(sampleResult(), sampleMeta({ generatedAt: TEST_NOW })));
      expect(validate(log) ? [] : validate.errors).toEqual([]);
    });

    test('a log from real Kubernetes rules is valid', () => {
      const d = clone(deployment) as any;
      d.spec.template.spec.containers[0].securityContext.privileged = true;
      d.spec.template.spec.containers[0].imagePullPolicy = 'IfNotPresent';
      const result = check([fromManifest(d, { file: 'deploy.yaml', line: 1 })], {
        name: 'real',
        description: 'two real rules',
        rules: [privileged, imagePullPolicy],
      }, { now: TEST_NOW });
      expect(result.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['k8s-image-pull-policy warning', 'k8s-privileged error']);
      const validate = sarifValidator();
      const log = JSON.parse(renderSarif(result, { toolVersion: '0.0.0' }));
      expect(validate(log) ? [] : validate.errors).toEqual([]);
      expect(log.runs[0].results.map((r: any) => r.level)).toEqual(['warning', 'error']);
    });

    test('the schema check can fail: a bad level is refused', () => {
      const validate = sarifValidator();
      const log = JSON.parse(renderSarif(sampleResult(), sampleMeta()));
      log.runs[0].results[0].level = 'fatal';
      expect(validate(log)).toBe(false);
    });
  });

  describe('the text is exactly JSON.stringify of toSarif, two-space indented (results are written directly)', () => {
    const reference = (r: CheckResult, meta?: ReportMetadata) => JSON.stringify(toSarif(r, meta), null, 2) + '\n';
    /** Quotes, backslashes, a script end tag, non-ASCII, control characters, a line separator and lone surrogates. */
    const ODD = '"quoted" \\ back\nslash </script> ü 日本 \u0001\u001f\u007f \u2028 \ud800 lone \udc00 end';

    /** Each finding, then variants of it: every optional field of a result present and absent, odd text, sources of each kind. */
    function varied(findings: readonly Finding[]): Finding[] {
      return findings.flatMap((f, i) => [
        f,
        { ...f, message: `${f.message} ${ODD}`, path: 'metadata.annotations["a\\"b"]' },
        { ...f, source: undefined, path: '' },
        { ...f, source: { constructPath: 'app/chart/api' } },
        { ...f, source: { file: path.resolve('/tmp/dir with space/ü.yaml'), line: 3 } },
        { ...f, source: { file: './rel dir/a#1.yaml' } },
        { ...f, source: { file: '<synth>', line: 2, constructPath: `app/${ODD}` } },
        { ...f, source: { file: 'a\\b "c".yaml', line: 0 } },
        { ...f, resource: { kind: `Kind${ODD}`, name: `name-${ODD}`, namespace: i % 2 === 0 ? undefined : `ns-${ODD}` } },
        // A label ending in a high surrogate and a message starting with a low one: escaped apart, they stay lone.
        { ...f, resource: { ...f.resource, name: 'end\ud83d' }, message: '\ude00 starts low' },
        { ...f, resource: { ...f.resource, name: '' }, path: '\ud83d' },
        { ...f, waiver: { ruleId: f.ruleId, reason: `reason ${ODD}`, expires: '2026-12-31' } },
        { ...f, waiver: { ruleId: f.ruleId, reason: 'r', expires: '', owner: `o${ODD}`, ticket: 'T-1', container: 'side\\car' } },
        { ...f, waiver: { ruleId: f.ruleId, reason: 'r', expires: '2026-01-01', owner: '', ticket: '', container: '' } },
        { ...f, fix: `${f.fix} ${ODD}`, controls: [] },
        { ...f, severity: f.severity === 'error' ? 'warning' as const : 'error' as const },
        { ...f, ruleId: `not-in-pack ${ODD}` },
        { ...f, baselined: { created: '2026-05-01', expires: '2026-11-01' } },
        { ...f, baselined: { file: `b ${ODD}.json`, created: '2026-05-01', expires: '2026-11-01' } },
      ]);
    }

    function withFindings(r: CheckResult, findings: Finding[]): CheckResult {
      return { ...r, findings, unwaived: findings.filter((f) => !f.waiver && !f.baselined), waived: findings.filter((f) => f.waiver) };
    }

    /** The sample with a baseline applied: the api's findings are baselined, the rest are new. */
    function baselined(): CheckResult {
      const all = baselineOf(sampleResult(), TEST_NOW);
      return applyBaseline(sampleResult(), { ...all, file: '.hipaa-baseline.json', entries: all.entries.filter((e) => e.name === 'api') }, TEST_NOW);
    }

    test('for the sample, a clean result and a baselined result', () => {
      expect(renderSarif(sampleResult(), sampleMeta())).toBe(reference(sampleResult(), sampleMeta()));
      expect(renderSarif(cleanResult())).toBe(reference(cleanResult()));
      const b = baselined();
      expect(b.findings.some((f) => f.baselined)).toBe(true);
      expect(renderSarif(b, fullMeta())).toBe(reference(b, fullMeta()));
    });

    test('for varied findings, with and without a baseline applied, and metadata of every kind', () => {
      const meta = fullMeta({
        packName: `pack "results": [], ${ODD}`,
        inputProblems: [{ file: 'bad.yaml', line: 2, reason: `not valid YAML ${ODD}` }, { file: '<stdin>', reason: 'not UTF-8 text' }],
        provenance: {
          inputs: [{ file: 'manifests/app.yaml', sha256: 'ab'.repeat(32) }],
          git: { commit: 'c'.repeat(40), dirty: true, branch: 'main', remote: 'https://example.com/r.git' },
        },
      });
      for (const base of [sampleResult(), baselined()]) {
        const r = withFindings(base, varied(base.findings));
        expect(r.findings.length).toBeGreaterThan(80);
        const text = renderSarif(r, meta);
        expect(text).toBe(reference(r, meta));
        expect(text).toContain('"baselined": {');
        expect(text).toContain('"constructPath": ');
      }
      expect(renderSarif(baselined(), meta)).toContain('"baselineState": "unchanged"');
    });

    test('with thousands of results (written in chunks), fixes per finding and one object after another', () => {
      const r = baselined();
      const many = Array.from({ length: 700 }, (_, i) => r.findings.map((f) => ({
        ...f,
        fix: i % 3 === 0 ? `${f.fix} (object ${i})` : f.fix,
        resource: { ...f.resource, name: `${f.resource.name}-${i}` },
        source: f.source && { ...f.source, line: (f.source.line ?? 0) + i },
      }))).flat();
      expect(many.length).toBeGreaterThan(2000);
      const big = withFindings(r, many);
      expect(renderSarif(big, sampleMeta())).toBe(reference(big, sampleMeta()));
      // A single result ends the array as the last of many does.
      const one = withFindings(r, many.slice(0, 1));
      expect(renderSarif(one)).toBe(reference(one));
    });
  });
});
