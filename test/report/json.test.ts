import { cleanResult, sampleMeta, sampleResult } from './sample';
import { JSON_REPORT_VERSION, renderJson, toJsonReport } from '../../lib/report/json';

describe('JSON report', () => {
  test('matches the snapshot', () => {
    expect(renderJson(sampleResult(), sampleMeta())).toMatchSnapshot();
  });

  test('has a schema version, the tool, the settings and a summary', () => {
    const report = toJsonReport(sampleResult(), sampleMeta());
    expect(report.version).toBe(JSON_REPORT_VERSION);
    expect(JSON_REPORT_VERSION).toBe(1);
    expect(report.tool).toEqual({ name: 'hipaa-check', version: '1.2.3' });
    expect(report.pack).toBe('sample');
    expect(report.inputs).toEqual(['manifests']);
    expect(report.settings).toEqual({
      kubernetesVersion: '1.28',
      allowedRegistries: ['registry.example'],
      failOn: 'error',
      // What the engine ran with: an auditor reading a PASS needs to know these.
      defaultNamespace: 'default',
      unclassifiedIsPhi: true,
      minEgressPrefix: { ipv4: 16, ipv6: 48 },
      maxWaiverMonths: 12,
    });
    expect(report.passed).toBe(false);
    expect(report.summary).toEqual({ objects: 4, rules: 6, findings: 5, errors: 2, warnings: 2, waived: 1, baselined: 0, inputProblems: 0 });
    expect(report.rules.map((r) => r.id)).toEqual(['test-no-privileged', 'test-pull-always', 'waiver-invalid', 'waiver-expired', 'waiver-blocked-by-admission', 'engine-rule-error']);
    expect(report.rules[0]).toEqual({
      id: 'test-no-privileged',
      title: 'Containers must not be privileged',
      description: 'A privileged container has every capability and all host devices.',
      severity: 'error',
      controls: ['164.312(a)(1)', '164.312(c)(1)'],
      kinds: ['Deployment'],
      fix: 'Remove securityContext.privileged.',
      objects: 3, // the three Deployments; the Namespace is not of its kinds
    });
    expect(report.rules.map((r) => r.objects)).toEqual([3, 3, 4, 4, 4, 4]);
  });

  test('gives each citation a status: PASS only with a rule that applied to an object and nothing open', () => {
    const status = (r: ReturnType<typeof toJsonReport>) => Object.fromEntries(r.citations.filter((c) => c.status !== 'NOT CHECKED').map((c) => [c.id, c.status]));
    expect(status(toJsonReport(sampleResult(), sampleMeta()))).toEqual({
      '164.308(a)(1)(ii)(B)': 'FAIL', // an expired waiver
      '164.308(a)(8)': 'FAIL', // the same expired waiver: periodic evaluation missed
      '164.312(a)(1)': 'FAIL',
      '164.312(c)(1)': 'FAIL',
      '164.312(d)': 'WARN',
      '164.316(b)(2)(i)': 'FAIL',
    });
    // Only the Namespace: no rule that checks objects applied to anything.
    const clean = toJsonReport(cleanResult(), sampleMeta());
    expect(status(clean)).toEqual({
      '164.308(a)(1)(ii)(B)': 'NOT EVIDENCED',
      '164.308(a)(8)': 'NOT EVIDENCED',
      '164.312(a)(1)': 'NOT EVIDENCED',
      '164.312(c)(1)': 'NOT EVIDENCED',
      '164.312(d)': 'NOT EVIDENCED',
      '164.316(b)(2)(i)': 'NOT EVIDENCED',
    });
    expect(clean.citations.find((c) => c.id === '164.312(a)(1)')).toEqual({
      id: '164.312(a)(1)', title: 'Access control', status: 'NOT EVIDENCED', rules: ['test-no-privileged'], objects: 0, errors: 0, warnings: 0, waived: 0, baselined: 0,
    });
    expect(clean.passed).toBe(true); // nothing failed; the citations say what was not evidenced
  });

  test('records input problems (and then does not pass) and provenance', () => {
    const report = toJsonReport(cleanResult(), sampleMeta({
      inputProblems: [{ file: 'bad.yaml', line: 3, reason: 'not valid YAML: bad indentation' }, { file: 'gone.yaml', reason: 'cannot read it (permission denied)' }],
      provenance: { inputs: [{ file: 'manifests/app.yaml', sha256: 'ab'.repeat(32) }], git: { commit: 'c'.repeat(40), dirty: true } },
    }));
    expect(report.passed).toBe(false);
    expect(report.summary.inputProblems).toBe(2);
    expect(report.inputProblems).toEqual([
      { file: 'bad.yaml', line: 3, message: 'not valid YAML: bad indentation' },
      { file: 'gone.yaml', line: null, message: 'cannot read it (permission denied)' },
    ]);
    expect(report.provenance).toEqual({
      files: [{ file: 'manifests/app.yaml', sha256: 'ab'.repeat(32) }],
      git: { commit: 'c'.repeat(40), dirty: true, branch: null, remote: null },
    });
    expect(toJsonReport(cleanResult()).provenance).toEqual({ files: [], git: null });
    expect(toJsonReport(cleanResult()).inputProblems).toEqual([]);
  });

  test('gives every finding the same keys, null where a value is absent', () => {
    const report = toJsonReport(sampleResult(), sampleMeta());
    const keys = Object.keys(report.findings[0]);
    for (const f of report.findings) expect(Object.keys(f)).toEqual(keys);
    const open = report.findings.find((f) => f.object.name === 'api' && f.ruleId === 'test-no-privileged')!;
    expect(open).toEqual({
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      ruleId: 'test-no-privileged',
      title: 'Containers must not be privileged',
      severity: 'error',
      controls: ['164.312(a)(1)', '164.312(c)(1)'],
      object: { kind: 'Deployment', namespace: 'clinic', name: 'api' },
      path: 'spec.template.spec.containers[0].securityContext.privileged',
      message: "container 'api' is privileged",
      fix: 'Remove securityContext.privileged.',
      source: { file: 'manifests/app.yaml', line: 7, constructPath: null },
      waived: false,
      waiver: null,
      baselined: null,
    });
  });

  test('keeps waived findings, with the waiver', () => {
    const report = toJsonReport(sampleResult(), sampleMeta());
    const waived = report.findings.filter((f) => f.waived);
    expect(waived).toHaveLength(1);
    expect(waived[0].object.name).toBe('agent');
    expect(waived[0].waiver).toEqual({
      ruleId: 'test-no-privileged',
      reason: 'Node agent needs host devices; runs on dedicated nodes (RISK-7).',
      owner: 'platform-team',
      ticket: 'RISK-7',
      expires: '2026-12-31',
      container: null,
    });
  });

  test('fingerprints ignore where an object is, so moving it keeps its findings', () => {
    const r = sampleResult();
    const moved = { ...r, findings: r.findings.map((f) => ({ ...f, source: { file: 'elsewhere.yaml', line: 99 } })) };
    const a = toJsonReport(r).findings.map((f) => f.fingerprint);
    expect(toJsonReport(moved).findings.map((f) => f.fingerprint)).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
  });

  test('is deterministic: no time unless given, then as ISO 8601', () => {
    expect(renderJson(sampleResult(), sampleMeta())).toBe(renderJson(sampleResult(), sampleMeta()));
    expect(toJsonReport(sampleResult()).generatedAt).toBeNull();
    expect(toJsonReport(sampleResult(), { generatedAt: new Date('2026-06-01T12:00:00Z') }).generatedAt).toBe('2026-06-01T12:00:00.000Z');
  });

  test('defaults absent metadata to nulls (settings from the engine) and passed follows failOn', () => {
    const report = toJsonReport(cleanResult());
    expect(report.tool).toEqual({ name: 'hipaa-check', version: null });
    expect(report.pack).toBeNull();
    expect(report.settings).toEqual({
      kubernetesVersion: '1.28',
      allowedRegistries: ['*.dkr.ecr.*.amazonaws.com'],
      failOn: 'error',
      defaultNamespace: 'default',
      unclassifiedIsPhi: true,
      minEgressPrefix: { ipv4: 16, ipv6: 48 },
      maxWaiverMonths: 12,
    });
    const { settings: _settings, ...handMade } = cleanResult();
    expect(toJsonReport(handMade).settings).toEqual({
      kubernetesVersion: null,
      allowedRegistries: null,
      failOn: 'error',
      defaultNamespace: null,
      unclassifiedIsPhi: null,
      minEgressPrefix: null,
      maxWaiverMonths: null,
    });
    expect(report.passed).toBe(true);
    expect(toJsonReport(sampleResult(), { failOn: 'never' }).passed).toBe(true);
  });

  test('the text is exactly JSON.stringify of the report, two-space indented (findings are written directly)', () => {
    const r = sampleResult();
    expect(renderJson(r, sampleMeta())).toBe(JSON.stringify(toJsonReport(r, sampleMeta()), null, 2) + '\n');
    // Awkward strings and sources: quotes, backslashes, unicode, control characters, construct paths, no source.
    const odd = r.findings.map((f, i) => ({
      ...f,
      message: `${f.message} "quoted" \\ back\nslash \u2028 ü \u0001`,
      path: 'metadata.annotations["a\"b"]',
      source: i === 0 ? undefined : i === 1 ? { constructPath: 'app/chart/api' } : f.source,
      resource: { ...f.resource, namespace: i === 2 ? undefined : f.resource.namespace },
    }));
    const oddResult = { ...r, findings: odd, unwaived: odd.filter((f) => !f.waiver), waived: odd.filter((f) => f.waiver) };
    expect(renderJson(oddResult, sampleMeta())).toBe(JSON.stringify(toJsonReport(oddResult, sampleMeta()), null, 2) + '\n');
    expect(renderJson(cleanResult())).toBe(JSON.stringify(toJsonReport(cleanResult()), null, 2) + '\n');
  });

  test('the text is exactly JSON.stringify of the report with thousands of findings (written in chunks) and fixes per finding', () => {
    const r = sampleResult();
    const many = Array.from({ length: 700 }, (_, i) => r.findings.map((f) => ({
      ...f,
      // A fix naming the object for some findings, the rule's own for the others, alternating.
      fix: i % 3 === 0 ? `${f.fix} (object ${i})` : f.fix,
      resource: { ...f.resource, name: `${f.resource.name}-${i}` },
    }))).flat();
    expect(many.length).toBeGreaterThan(2000);
    const big = { ...r, findings: many, unwaived: many.filter((f) => !f.waiver), waived: many.filter((f) => f.waiver) };
    expect(renderJson(big, sampleMeta())).toBe(JSON.stringify(toJsonReport(big, sampleMeta()), null, 2) + '\n');
  });

  test('renders as indented JSON ending with a newline', () => {
    const text = renderJson(sampleResult(), sampleMeta());
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(toJsonReport(sampleResult(), sampleMeta()));
  });
});
