/**
 * Checks every rule pack test makes of its pack: the compliant fixtures pass it, each rule file
 * of its folder holds exactly one rule whose id is `k8s-<file name>` and that rule is in the
 * pack (and nothing else is), and every rule is fully described.
 */
import { readdirSync, readFileSync } from 'fs';
import { basename, join } from 'path';
import { imagePolicyManifests } from './cdk8s';
import { TEST_NOW } from './rule-test';
import { check } from '../../lib/check/engine';
import { fromManifest } from '../../lib/check/resource';
import type { Rule, RulePack } from '../../lib/check/rule';
import { control, CONTROLS } from '../../lib/controls/catalogue';

/** The folder of the Kubernetes rules, one sub-folder per pack. */
const RULES_DIR = join(__dirname, '../../lib/rules/k8s');

function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && typeof (value as Rule).id === 'string' && typeof (value as Rule).check === 'function';
}

/**
 * Asserts the manifests pass every rule of the pack: no finding at all, and the result passes.
 * The platform's image policy (ImagePolicy) is context, as a platform repository's would be.
 */
export function expectPackPasses(pack: RulePack, manifests: object[]): void {
  const context = imagePolicyManifests().map((m) => fromManifest(m));
  const result = check(manifests.map((m) => fromManifest(m as Record<string, any>)), pack, { now: TEST_NOW, context });
  expect(result.findings.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name} ${f.path}: ${f.message}`)).toEqual([]);
  expect(result.passed).toBe(true);
}

/**
 * Asserts the folder lib/rules/k8s/<folder> holds one rule per file (every `.ts` file but
 * `notRules`): the file exports exactly one rule, its id is `k8s-<file name>` and is the only
 * `id: '…'` in the source, and the pack holds that very rule; the pack's ids are unique and are
 * exactly the files' ids.
 */
export function expectOneRulePerFile(pack: RulePack, folder: string, notRules: readonly string[]): void {
  expectOneRulePerFileIn(pack, join(RULES_DIR, folder), 'k8s', notRules);
}

/**
 * {@link expectOneRulePerFile} for any rule folder: every `.ts` file of `dir` but `notRules` holds
 * one rule with the id `<prefix>-<file name>`, and the pack holds exactly those rules.
 */
export function expectOneRulePerFileIn(pack: RulePack, dir: string, prefix: string, notRules: readonly string[]): void {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !notRules.includes(f)).sort();
  expect(files.length).toBeGreaterThan(0);
  const fileIds: string[] = [];
  for (const file of files) {
    const id = `${prefix}-${basename(file, '.ts')}`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rules = Object.values(require(join(dir, file))).filter(isRule);
    expect({ file, ids: rules.map((r) => r.id) }).toEqual({ file, ids: [id] });
    expect(pack.rules).toContain(rules[0]);
    const source = readFileSync(join(dir, file), 'utf8');
    expect({ file, ids: source.match(/\bid: '/g)?.length }).toEqual({ file, ids: 1 });
    expect(source).toContain(`id: '${id}'`);
    fileIds.push(id);
  }
  const ids = pack.rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBe(files.length);
  expect([...ids].sort()).toEqual(fileIds.sort());
}

/**
 * Asserts a rule is fully described: a title, a description that explains, a concrete fix, the
 * kinds it checks, and controls that all exist in the catalogue.
 */
export function expectRuleDescribed(rule: Rule): void {
  expect(rule.title.length).toBeGreaterThan(20);
  expect(rule.description.length).toBeGreaterThan(80);
  expect(rule.fix.length).toBeGreaterThan(20);
  expect(rule.kinds.length).toBeGreaterThan(0);
  expect(rule.controls.length).toBeGreaterThan(0);
  for (const id of rule.controls) {
    expect(Object.keys(CONTROLS)).toContain(id);
    expect(() => control(id)).not.toThrow();
  }
}

/** Asserts the pack's rule ids are unique and every rule is fully described ({@link expectRuleDescribed}). */
export function expectPackDescribed(pack: RulePack): void {
  const ids = pack.rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of pack.rules) expectRuleDescribed(rule);
}
