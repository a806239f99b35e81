import { check } from '../../lib/check/engine';
import { fromManifest, Resource } from '../../lib/check/resource';
import { combinePacks, Rule, RulePack } from '../../lib/check/rule';
import { WAIVERS_ANNOTATION } from '../../lib/check/waiver';
import { TEST_NOW, TEST_SOON } from '../helpers/rule-test';

/** Flags every ConfigMap whose data has key `bad`. */
const noBadKey: Rule = {
  id: 'test-no-bad-key',
  title: 'ConfigMaps must not have a key named bad',
  description: 'test rule',
  severity: 'error',
  controls: ['164.312(c)(1)'],
  kinds: ['ConfigMap'],
  fix: 'Remove the key.',
  check(r, _ctx, report) {
    if (r.body.data?.bad !== undefined) report({ path: 'data.bad', message: `ConfigMap '${r.name}' has key bad` });
  },
};

/** Warns about ConfigMaps with no ConfigMap named `index` in their namespace (a cross-object rule). */
const needsIndex: Rule = {
  id: 'test-needs-index',
  title: 'Namespaces with ConfigMaps need an index ConfigMap',
  description: 'test rule',
  severity: 'warning',
  controls: ['164.312(b)'],
  kinds: ['ConfigMap'],
  fix: 'Add a ConfigMap named index.',
  check(r, ctx, report) {
    const has = ctx.memo(`index:${ctx.namespaceOf(r)}`, () => ctx.inNamespace('ConfigMap', ctx.namespaceOf(r)).some((c) => c.name === 'index'));
    if (!has) report({ path: 'metadata.namespace', message: `no index ConfigMap in '${ctx.namespaceOf(r)}'` });
  },
};

const PACK: RulePack = { name: 'test', description: 'test', rules: [noBadKey, needsIndex] };

function cm(name: string, namespace: string | undefined, data: Record<string, string>, annotations?: Record<string, string>): Resource {
  return fromManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, annotations }, data });
}

const reason = 'Accepted by the data owner; compensated by review.';

describe('check', () => {
  test('runs each rule on the kinds it names and reports rule, object, path, message, fix and controls', () => {
    const result = check([cm('a', 'ns', { bad: '1' }), cm('index', 'ns', {})], PACK, { now: TEST_NOW });
    expect(result.findings).toEqual([{
      ruleId: 'test-no-bad-key',
      title: 'ConfigMaps must not have a key named bad',
      severity: 'error',
      controls: ['164.312(c)(1)'],
      resource: { kind: 'ConfigMap', name: 'a', namespace: 'ns' },
      path: 'data.bad',
      message: "ConfigMap 'a' has key bad",
      fix: 'Remove the key.',
      source: undefined,
      waiver: undefined,
    }]);
    expect(result.passed).toBe(false);
    expect(result.resourceCount).toBe(2);
    expect(result.rules.map((r) => r.id)).toEqual(['test-no-bad-key', 'test-needs-index', 'waiver-invalid', 'waiver-expired', 'waiver-blocked-by-admission', 'engine-rule-error']);
  });

  test('rules see the whole object set; objects without a namespace land in the default one', () => {
    const result = check([cm('a', undefined, {}), cm('b', 'ns', {}), cm('index', 'ns', {})], PACK, { now: TEST_NOW });
    expect(result.findings.map((f) => `${f.ruleId} ${f.resource.name}: ${f.message}`)).toEqual(["test-needs-index a: no index ConfigMap in 'default'"]);
    expect(result.passed).toBe(true); // a warning alone does not fail
  });

  test('context objects are consulted but not checked', () => {
    const result = check([cm('a', 'ns', {})], PACK, { now: TEST_NOW, context: [cm('index', 'ns', { bad: '1' })] });
    expect(result.findings).toEqual([]);
    expect(result.resourceCount).toBe(1);
  });

  test('output order is deterministic whatever the input order', () => {
    const objects = [cm('z', 'b', { bad: '1' }), cm('a', 'b', { bad: '1' }), cm('m', 'a', { bad: '1' })];
    const one = check(objects, PACK, { now: TEST_NOW }).findings.map((f) => `${f.resource.namespace}/${f.resource.name} ${f.ruleId}`);
    const two = check([...objects].reverse(), PACK, { now: TEST_NOW }).findings.map((f) => `${f.resource.namespace}/${f.resource.name} ${f.ruleId}`);
    expect(one).toEqual(two);
    expect(one).toEqual([
      'a/m test-needs-index', 'a/m test-no-bad-key',
      'b/a test-needs-index', 'b/a test-no-bad-key',
      'b/z test-needs-index', 'b/z test-no-bad-key',
    ]);
  });

  describe('waivers', () => {
    test('a waiver in the annotation keeps the finding, marked waived', () => {
      const waiver = { ruleId: 'test-no-bad-key', reason, owner: 'data-team', expires: '2026-12-31' };
      const result = check([cm('a', 'ns', { bad: '1' }, { [WAIVERS_ANNOTATION]: JSON.stringify([waiver]) }), cm('index', 'ns', {})], PACK, { now: TEST_NOW });
      expect(result.unwaived).toEqual([]);
      expect(result.waived).toHaveLength(1);
      expect(result.waived[0].waiver).toEqual(waiver);
      expect(result.findings).toEqual(result.waived);
      expect(result.passed).toBe(true);
    });

    test('a waiver applies to its rule only', () => {
      const result = check([cm('a', 'ns', { bad: '1' }, { [WAIVERS_ANNOTATION]: JSON.stringify([{ ruleId: 'test-needs-index', reason, expires: TEST_SOON }]) })], PACK, { now: TEST_NOW });
      expect(result.unwaived.map((f) => f.ruleId)).toEqual(['test-no-bad-key']);
      expect(result.waived.map((f) => f.ruleId)).toEqual(['test-needs-index']);
    });

    test('an expired waiver does not waive and is a finding itself; the last day still counts', () => {
      const expired = { ruleId: 'test-no-bad-key', reason, expires: '2026-05-31', owner: 'data-team' };
      const lastDay = { ruleId: 'test-no-bad-key', reason, expires: '2026-06-01' };
      const result = check([
        cm('a', 'ns', { bad: '1' }, { [WAIVERS_ANNOTATION]: JSON.stringify([expired]) }),
        cm('b', 'ns', { bad: '1' }, { [WAIVERS_ANNOTATION]: JSON.stringify([lastDay]) }),
        cm('index', 'ns', {}),
      ], PACK, { now: TEST_NOW });
      expect(result.unwaived.map((f) => `${f.resource.name} ${f.ruleId}: ${f.message}`)).toEqual([
        "a test-no-bad-key: ConfigMap 'a' has key bad",
        "a waiver-expired: waiver of rule 'test-no-bad-key' expired on 2026-05-31 (owner: data-team); it no longer applies",
      ]);
      expect(result.waived.map((f) => f.resource.name)).toEqual(['b']);
    });

    test('a broken annotation is a finding naming what is wrong', () => {
      const result = check([
        cm('a', 'ns', {}, { [WAIVERS_ANNOTATION]: 'not json' }),
        cm('b', 'ns', {}, { [WAIVERS_ANNOTATION]: JSON.stringify([{ ruleId: 'test-no-bad-key', reason: 'short', expires: TEST_SOON }]) }),
        cm('c', 'ns', {}, { [WAIVERS_ANNOTATION]: JSON.stringify([{ ruleId: 'no-such-rule', reason, expires: TEST_SOON }]) }),
        cm('index', 'ns', {}),
      ], PACK, { now: TEST_NOW });
      expect(result.unwaived.map((f) => `${f.resource.name} ${f.ruleId} ${f.path}: ${f.message}`)).toEqual([
        `a waiver-invalid metadata.annotations["${WAIVERS_ANNOTATION}"]: annotation ${WAIVERS_ANNOTATION} is not valid JSON: Unexpected token 'o', "not json" is not valid JSON`,
        `b waiver-invalid metadata.annotations["${WAIVERS_ANNOTATION}"]: waiver 0: reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 5 characters, 1 word)`,
        `c waiver-invalid metadata.annotations["${WAIVERS_ANNOTATION}"]: waiver names rule 'no-such-rule', which is not a rule of the 'test' pack`,
      ]);
    });

    test('waivers given to the checker apply to the objects they target', () => {
      const result = check([cm('a', 'ns', { bad: '1' }), cm('b', 'ns', { bad: '1' }), cm('index', 'ns', {})], PACK, {
        now: TEST_NOW,
        waivers: [{ ruleId: 'test-no-bad-key', reason, expires: TEST_SOON, target: { kind: 'ConfigMap', namespace: 'ns', name: 'a' } }],
      });
      expect(result.waived.map((f) => f.resource.name)).toEqual(['a']);
      expect(result.unwaived.map((f) => f.resource.name)).toEqual(['b']);
    });

    test('an invalid waiver given to the checker is refused with the reason', () => {
      expect(() => check([], PACK, { now: TEST_NOW, waivers: [{ ruleId: 'test-no-bad-key', reason: '', expires: TEST_SOON }] })).toThrow(
        "Invalid waiver: waivers[0] (rule 'test-no-bad-key'): reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 0 characters, 0 words)",
      );
    });
  });
});

describe('combinePacks', () => {
  test('joins packs in order and refuses a rule id defined twice', () => {
    const a: RulePack = { name: 'a', description: 'a', rules: [noBadKey] };
    const b: RulePack = { name: 'b', description: 'b', rules: [needsIndex] };
    expect(combinePacks('ab', 'both', a, b).rules.map((r) => r.id)).toEqual(['test-no-bad-key', 'test-needs-index']);
    expect(() => combinePacks('aa', 'twice', a, { ...a, name: 'a2' })).toThrow("Rule id 'test-no-bad-key' is defined twice (packs 'a' and 'a2')");
  });
});

describe('fromManifest', () => {
  test('refuses what is not a Kubernetes object', () => {
    expect(() => fromManifest([] as any, { file: 'x.yaml', line: 3 })).toThrow('Not a Kubernetes object in x.yaml:3: expected a mapping, got a list');
    expect(() => fromManifest({ metadata: {} })).toThrow("Not a Kubernetes object: it has no 'kind'");
  });
});
