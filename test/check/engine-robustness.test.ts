import { check } from '../../lib/check/engine';
import { ENGINE_RULE_ERROR } from '../../lib/check/meta-rules';
import { fromManifest, Resource } from '../../lib/check/resource';
import type { Rule, RulePack } from '../../lib/check/rule';
import { SettingsError } from '../../lib/check/settings-error';
import { renderMarkdown } from '../../lib/report/markdown';
import { renderSarif } from '../../lib/report/sarif';
import { renderText } from '../../lib/report/text';
import { kubernetesPack } from '../../lib/rules/k8s';
import { TEST_NOW } from '../helpers/rule-test';

function rule(id: string, kinds: string[], run: Rule['check']): Rule {
  return { id, title: `rule ${id}`, description: 'test rule', severity: 'error', controls: ['164.312(a)(1)'], kinds, fix: `Fix ${id}.`, check: run };
}

const cm = (name: string): Resource => fromManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' }, data: {} });
const sa = (name: string): Resource => fromManifest({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'ns' } });

describe('a rule that throws', () => {
  const boom = rule('test-boom', ['ConfigMap'], (r) => {
    if (r.name === 'bad') throw new TypeError("Cannot read properties of undefined (reading 'x')");
  });
  const flagsAll = rule('test-flags-all', ['ConfigMap'], (r, _ctx, report) => report({ path: 'data', message: `flagged ${r.name}` }));
  const pack: RulePack = { name: 'p', description: 'p', rules: [boom, flagsAll] };

  test('becomes an engine-rule-error finding naming rule and object, and the check goes on', () => {
    const result = check([cm('bad'), cm('good')], pack, { now: TEST_NOW });
    expect(result.findings.map((f) => [f.ruleId, f.resource.name, f.severity, f.message])).toEqual([
      ['engine-rule-error', 'bad', 'error', "rule 'test-boom' failed on this object and did not check it: TypeError: Cannot read properties of undefined (reading 'x')"],
      ['test-flags-all', 'bad', 'error', 'flagged bad'],
      ['test-flags-all', 'good', 'error', 'flagged good'],
    ]);
    expect(result.passed).toBe(false);
    expect(result.rules.map((r) => r.id)).toContain(ENGINE_RULE_ERROR.id);
    // It carries the failing rule's citation, so that citation cannot come out PASS.
    expect(result.findings[0].controls).toEqual(['164.308(a)(1)(ii)(B)', '164.312(a)(1)']);
  });

  test('is shown without an empty field path in every report', () => {
    const result = check([cm('bad')], pack, { now: TEST_NOW });
    expect(renderText(result)).toContain("  error    engine-rule-error\n           rule 'test-boom' failed on this object");
    expect(JSON.parse(renderSarif(result)).runs[0].results[0].message.text).toBe(
      "ConfigMap ns/bad: rule 'test-boom' failed on this object and did not check it: TypeError: Cannot read properties of undefined (reading 'x')",
    );
    expect(renderMarkdown(result)).toContain("| error | ConfigMap ns/bad | - | `engine-rule-error` | - | rule 'test-boom' failed");
  });

  test('cannot be waived by a waiver of the failing rule', () => {
    const waiver = { ruleId: 'test-boom', reason: 'Accepted by the data owner while the rule is rewritten.', expires: '2026-12-31' };
    const result = check([cm('bad')], pack, { now: TEST_NOW, waivers: [waiver] });
    const f = result.findings.find((x) => x.ruleId === 'engine-rule-error')!;
    expect(f.waiver).toBeUndefined();
    expect(result.unwaived).toContain(f);
  });

  test('a setting that is wrong for every object (SettingsError) still stops the check', () => {
    const settingsPack: RulePack = { name: 'p', description: 'p', rules: [rule('test-settings', ['*'], () => { throw new SettingsError('allowedRegistries entry "" is not valid'); })] };
    expect(() => check([cm('a')], settingsPack, { now: TEST_NOW })).toThrow('allowedRegistries entry "" is not valid');
  });

  test('a non-Error throw is reported too', () => {
    const result = check([cm('bad')], { name: 'p', description: 'p', rules: [rule('test-str', ['*'], () => { throw 'nope'; })] }, { now: TEST_NOW });
    expect(result.findings.map((f) => f.message)).toEqual(["rule 'test-str' failed on this object and did not check it: nope"]);
  });
});

describe('one finding per rule, object and field path', () => {
  test('repeated reports at the same path fold into one finding, distinct messages joined', () => {
    const twice = rule('test-twice', ['ConfigMap'], (_r, _ctx, report) => {
      report({ path: 'data', message: 'first' });
      report({ path: 'data', message: 'first' });
      report({ path: 'data', message: 'second' });
      report({ path: 'metadata', message: 'elsewhere' });
    });
    const result = check([cm('a'), cm('b')], { name: 'p', description: 'p', rules: [twice] }, { now: TEST_NOW });
    expect(result.findings.map((f) => `${f.resource.name} ${f.path}: ${f.message}`)).toEqual([
      'a data: first; second',
      'a metadata: elsewhere',
      'b data: first; second',
      'b metadata: elsewhere',
    ]);
  });

  test('a rule reporting many paths on one object: repeats fold at every path, two rules at one path stay apart', () => {
    const many = rule('test-many', ['ConfigMap'], (_r, _ctx, report) => {
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 40; i++) report({ path: `data.k${i}`, message: round === 0 ? `k${i}` : i % 2 === 0 ? `k${i}` : `again k${i}` });
      }
    });
    const same = rule('test-same', ['ConfigMap'], (_r, _ctx, report) => {
      report({ path: 'data.k0', message: 'other rule' });
    });
    const result = check([cm('a')], { name: 'p', description: 'p', rules: [many, same] }, { now: TEST_NOW });
    const byRule = (id: string) => result.findings.filter((f) => f.ruleId === id);
    expect(byRule('test-many')).toHaveLength(40);
    for (let i = 0; i < 40; i++) {
      const f = byRule('test-many').find((x) => x.path === `data.k${i}`);
      expect(f?.message).toBe(i % 2 === 0 ? `k${i}` : `k${i}; again k${i}`);
    }
    expect(byRule('test-same').map((f) => `${f.path}: ${f.message}`)).toEqual(['data.k0: other rule']);
  });

  test('a ClusterRole granting */*/* gets one finding per rule and path from the full pack, each naming what it grants', () => {
    const role = fromManifest({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'all' },
      rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
    });
    const findings = check([role], kubernetesPack, { now: TEST_NOW }).findings;
    const keys = findings.map((f) => `${f.ruleId} ${f.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    const escalation = findings.filter((f) => f.ruleId === 'k8s-rbac-privilege-escalation');
    expect(escalation).toHaveLength(1);
    for (const what of ['escalate', 'bind', 'impersonate', 'serviceaccounts/token']) expect(escalation[0].message).toContain(what);
  });
});

describe('coverage', () => {
  test('counts the objects each rule applied to, the engine rules included', () => {
    const pack: RulePack = {
      name: 'p',
      description: 'p',
      rules: [rule('test-cm', ['ConfigMap'], () => {}), rule('test-any', ['*'], () => {}), rule('test-pod', ['Pod'], () => {})],
    };
    const result = check([cm('a'), cm('b'), sa('c')], pack, { now: TEST_NOW });
    expect(result.coverage).toEqual({
      'test-cm': 2,
      'test-any': 3,
      'test-pod': 0,
      'waiver-blocked-by-admission': 3,
      'waiver-invalid': 3,
      'waiver-expired': 3,
      'engine-rule-error': 3,
    });
    expect(result.kinds).toEqual({ ConfigMap: 2, ServiceAccount: 1 });
  });
});
