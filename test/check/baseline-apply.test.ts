import * as fs from 'fs';
import * as path from 'path';
import type { Baseline, BaselineEntry } from '../../lib/check/baseline';
import { applyBaseline, baselineOf, isBaselineExpired, parseBaseline, pruneBaseline, renderBaseline } from '../../lib/check/baseline-file';
import { check, CheckResult } from '../../lib/check/engine';
import { parseManifests } from '../../lib/check/manifests';
import { TEST_NOW } from '../helpers/rule-test';
import { SAMPLE_FILE, SAMPLE_YAML, samplePack, sampleResult } from '../report/sample';

const GOLDEN = path.join(__dirname, 'fixtures', 'sample.hipaa-baseline.json');
const FILE = '.hipaa-baseline.json';

/** The sample's baseline as written at TEST_NOW and read back from FILE. */
function sampleBaseline(): Baseline {
  return parseBaseline(renderBaseline(baselineOf(sampleResult(), TEST_NOW, { tool: 'hipaa-check' })), FILE);
}

function keys(findings: readonly { ruleId: string; resource: { name: string } }[] | undefined): string[] {
  return (findings ?? []).map((f) => `${f.ruleId} ${f.resource.name}`);
}

function checkYaml(yaml: string, file = SAMPLE_FILE): CheckResult {
  return check(parseManifests(yaml, file), samplePack, { now: TEST_NOW });
}

describe('writing a baseline', () => {
  test('golden file: the open findings of the sample (not the waived one), sorted, stable JSON', () => {
    const text = renderBaseline(baselineOf(sampleResult(), TEST_NOW, { tool: 'hipaa-check' }));
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, text);
    expect(text).toBe(fs.readFileSync(GOLDEN, 'utf8'));
    // What an auditor relies on, explicitly: dates, the 12-month expiry, one entry per open finding, never the waived one.
    const doc = JSON.parse(text);
    expect(doc.version).toBe(1);
    expect(doc.tool).toBe('hipaa-check');
    expect(doc.created).toBe('2026-06-01');
    expect(doc.expires).toBe('2027-06-01');
    expect(doc.entries.map((e: BaselineEntry) => `${e.rule} ${e.kind} ${e.namespace}/${e.name} ${e.path} ${e.count}`)).toEqual([
      'test-no-privileged Deployment clinic/api spec.template.spec.containers[0].securityContext.privileged 1',
      'test-pull-always Deployment clinic/api spec.template.spec.containers[0].imagePullPolicy 1',
      'test-pull-always Deployment clinic/legacy spec.template.spec.containers[0].imagePullPolicy 1',
      'waiver-expired Deployment clinic/legacy metadata.annotations["hipaa-constructs.io/waivers"] 1',
    ]);
    expect(text.endsWith('}\n')).toBe(true);
    // Byte-identical when written again.
    expect(renderBaseline(baselineOf(sampleResult(), TEST_NOW, { tool: 'hipaa-check' }))).toBe(text);
  });

  test('months: a shorter expiry; more than 12 is refused', () => {
    expect(baselineOf(sampleResult(), TEST_NOW, { months: 3 }).expires).toBe('2026-09-01');
    expect(baselineOf(sampleResult(), new Date('2026-08-31T10:00:00Z'), { months: 6 }).expires).toBe('2027-02-28');
    expect(() => baselineOf(sampleResult(), TEST_NOW, { months: 13 })).toThrow('baselineOf: months must be a whole number from 1 to 12 (got 13)');
  });

  test('rewriting keeps the entries that still match and drops the stale ones', () => {
    const old: Baseline = { ...sampleBaseline(), entries: [...sampleBaseline().entries, { rule: 'test-no-privileged', kind: 'Deployment', namespace: 'gone', name: 'x', path: 'p', count: 1 }] };
    const applied = applyBaseline(sampleResult(), old, TEST_NOW);
    expect(applied.unwaived).toEqual([]);
    const rewritten = baselineOf(applied, new Date('2026-07-01T00:00:00Z'));
    expect(rewritten.entries).toEqual(sampleBaseline().entries);
    expect(rewritten.created).toBe('2026-07-01');
  });
});

describe('applyBaseline', () => {
  test('round trip: the same input with its baseline passes; every finding is still there, marked', () => {
    const before = sampleResult();
    expect(before.passed).toBe(false);
    const after = applyBaseline(before, sampleBaseline(), TEST_NOW);
    expect(after.passed).toBe(true);
    expect(after.unwaived).toEqual([]);
    expect(after.findings).toHaveLength(before.findings.length);
    expect(keys(after.baselined)).toEqual(['test-no-privileged api', 'test-pull-always api', 'test-pull-always legacy', 'waiver-expired legacy']);
    expect(keys(after.waived)).toEqual(['test-no-privileged agent']);
    expect(after.staleBaseline).toEqual([]);
    expect(after.baseline!.file).toBe(FILE);
    for (const f of after.baselined!) expect(f.baselined).toEqual({ file: FILE, created: '2026-06-01', expires: '2027-06-01' });
    // The waived finding is never baselined.
    expect(after.findings.find((f) => f.waiver)!.baselined).toBeUndefined();
  });

  test('a new finding stands and fails; the baselined ones stay baselined', () => {
    const yaml = SAMPLE_YAML.replace('image: registry.example/legacy:0.9', 'image: registry.example/legacy:0.9\n          securityContext:\n            privileged: true');
    const result = applyBaseline(checkYaml(yaml), sampleBaseline(), TEST_NOW);
    expect(result.passed).toBe(false);
    expect(keys(result.unwaived)).toEqual(['test-no-privileged legacy']);
    expect(result.baselined).toHaveLength(4);
  });

  test('moving an object to another line or file keeps its entry', () => {
    const moved = '# moved\n\n\n' + SAMPLE_YAML;
    const result = applyBaseline(checkYaml(moved, 'other/place.yaml'), sampleBaseline(), TEST_NOW);
    expect(result.findings.find((f) => f.resource.name === 'api')!.source).toEqual({ file: 'other/place.yaml', line: 10 });
    expect(result.passed).toBe(true);
    expect(result.unwaived).toEqual([]);
    expect(result.staleBaseline).toEqual([]);
  });

  test('a reworded message keeps its entry (messages are never matched)', () => {
    const result = sampleResult();
    const reworded: CheckResult = { ...result, findings: result.findings.map((f) => ({ ...f, message: `${f.message} (reworded)` })) };
    const applied = applyBaseline({ ...reworded, unwaived: reworded.findings.filter((f) => !f.waiver) }, sampleBaseline(), TEST_NOW);
    expect(applied.unwaived).toEqual([]);
    expect(applied.baselined).toHaveLength(4);
  });

  test('another object, namespace, rule or path is not matched', () => {
    const b = sampleBaseline();
    const privileged = b.entries.find((e) => e.rule === 'test-no-privileged')!;
    for (const change of [{ name: 'other' }, { namespace: 'other' }, { namespace: undefined }, { kind: 'StatefulSet' }, { path: 'spec.other' }, { rule: 'test-other' }]) {
      const entries = b.entries.map((e) => (e === privileged ? { ...e, ...change } : e));
      const applied = applyBaseline(sampleResult(), { ...b, entries }, TEST_NOW);
      expect(keys(applied.unwaived)).toEqual(['test-no-privileged api']);
      expect(applied.staleBaseline).toEqual([entries.find((e) => e.rule === (change.rule ?? 'test-no-privileged'))]);
    }
  });

  test('a waiver takes precedence: a waived finding is not baselined and uses no entry', () => {
    const b = sampleBaseline();
    const agent: BaselineEntry = { rule: 'test-no-privileged', kind: 'Deployment', namespace: 'clinic', name: 'agent', path: 'spec.template.spec.containers[0].securityContext.privileged', count: 1 };
    const applied = applyBaseline(sampleResult(), { ...b, entries: [...b.entries, agent] }, TEST_NOW);
    const waived = applied.findings.find((f) => f.resource.name === 'agent')!;
    expect(waived.waiver).toBeDefined();
    expect(waived.baselined).toBeUndefined();
    expect(keys(applied.waived)).toEqual(['test-no-privileged agent']);
    expect(applied.staleBaseline).toEqual([agent]);
  });

  test('count: an entry accepts at most count findings; the extra ones stand', () => {
    const result = sampleResult();
    const api = result.findings.find((f) => f.resource.name === 'api' && f.ruleId === 'test-no-privileged')!;
    const twice: CheckResult = { ...result, findings: [...result.findings, { ...api, message: 'again' }], unwaived: [...result.unwaived, { ...api, message: 'again' }] };
    const one = applyBaseline(twice, sampleBaseline(), TEST_NOW);
    expect(one.unwaived.map((f) => f.message)).toEqual(['again']);
    expect(one.passed).toBe(false);
    const b = sampleBaseline();
    const two = applyBaseline(twice, { ...b, entries: b.entries.map((e) => (e.rule === 'test-no-privileged' ? { ...e, count: 2 } : e)) }, TEST_NOW);
    expect(two.unwaived).toEqual([]);
    expect(two.baselined).toHaveLength(5);
  });

  test('stale entries: those that matched nothing, including rules that did not run', () => {
    const b = sampleBaseline();
    const gone: BaselineEntry = { rule: 'k8s-not-in-this-pack', kind: 'Deployment', namespace: 'clinic', name: 'api', path: 'x', count: 1 };
    const applied = applyBaseline(sampleResult(), { ...b, entries: [...b.entries, gone] }, TEST_NOW);
    expect(applied.staleBaseline).toEqual([gone]);
    expect(applied.passed).toBe(true);
  });

  test('an expired baseline accepts nothing and has no stale entries', () => {
    const b = sampleBaseline();
    expect(isBaselineExpired(b, new Date('2027-06-01T23:59:59Z'))).toBe(false);
    expect(isBaselineExpired(b, new Date('2027-06-02T00:00:00Z'))).toBe(true);
    expect(applyBaseline(sampleResult(), b, new Date('2027-06-01T23:59:59Z')).passed).toBe(true);
    const expired = applyBaseline(sampleResult(), b, new Date('2027-06-02T00:00:00Z'));
    expect(expired.passed).toBe(false);
    expect(expired.unwaived).toEqual(sampleResult().unwaived);
    expect(expired.baselined).toEqual([]);
    expect(expired.staleBaseline).toEqual([]);
    expect(expired.baseline).toEqual({ ...b, expired: true });
    expect(expired.findings.some((f) => f.baselined)).toBe(false);
  });

  test('applying twice gives the same result as once', () => {
    const once = applyBaseline(sampleResult(), sampleBaseline(), TEST_NOW);
    const twice = applyBaseline(once, sampleBaseline(), TEST_NOW);
    expect(twice.findings).toEqual(once.findings);
    expect(twice.unwaived).toEqual(once.unwaived);
  });
});

describe('pruneBaseline', () => {
  test('drops the stale entries and lowers counts to what matched: it only shrinks', () => {
    const b = sampleBaseline();
    const gone: BaselineEntry = { rule: 'test-no-privileged', kind: 'Deployment', namespace: 'clinic', name: 'gone', path: 'p', count: 1 };
    const entries = [...b.entries.map((e) => (e.rule === 'test-no-privileged' ? { ...e, count: 3 } : e)), gone];
    const applied = applyBaseline(sampleResult(), { ...b, entries }, TEST_NOW);
    const pruned = pruneBaseline({ ...b, entries }, applied);
    expect(pruned.entries).toEqual(b.entries);
    expect(pruned.created).toBe(b.created);
    expect(pruned.expires).toBe(b.expires);
  });
});
