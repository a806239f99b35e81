/**
 * The AWS counterparts of pack-test.ts: checks every AWS rule group test makes of its pack (one
 * rule per file with the id `aws-<file name>`, every rule described with citations of the
 * catalogue and kinds that are real @pulumi/aws 7 type tokens), and small helpers to run one rule
 * over Pulumi resources given as type + name + inputs.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { expectOneRulePerFileIn, expectRuleDescribed } from './pack-test';
import { TEST_NOW } from './rule-test';
import { check, CheckOptions, CheckResult } from '../../lib/check/engine';
import { fromPulumiResource, PulumiResourceDescription } from '../../lib/check/pulumi-resource';
import type { Rule, RulePack } from '../../lib/check/rule';

/** The folder of the AWS rules, one sub-folder per group. */
const RULES_DIR = join(__dirname, '../../lib/rules/aws');
/** The folder of their tests, one sub-folder per group. */
const RULE_TESTS_DIR = join(__dirname, '../rules/aws');
/** Where @pulumi/aws keeps its modules (`kms/key.js` declares `aws:kms/key:Key`). */
const PULUMI_AWS_DIR = join(__dirname, '../../node_modules/@pulumi/aws');

/** The customer-managed key ARN the AWS rule fixtures encrypt with. */
export const TEST_KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** A Pulumi resource description for fixtures: `res('aws:kms/key:Key', 'phi', { ... })`. */
export function res(type: string, name: string, inputs: Record<string, any>): PulumiResourceDescription {
  return { type, name, inputs };
}

/** Runs one rule over Pulumi resources and returns the full result. */
export function runAwsRule(rule: Rule, resources: readonly PulumiResourceDescription[], options: CheckOptions = {}): CheckResult {
  return check(resources.map(fromPulumiResource), { name: 'aws', description: 'test', rules: [rule] }, { now: TEST_NOW, ...options });
}

/** Runs one rule and returns `path: message` of each unwaived finding. */
export function awsViolations(rule: Rule, resources: readonly PulumiResourceDescription[], options: CheckOptions = {}): string[] {
  return runAwsRule(rule, resources, options).unwaived.map((f) => `${f.path}: ${f.message}`);
}

/** Runs one rule and returns `<resource name> path: message` of each unwaived finding. */
export function awsNamedViolations(rule: Rule, resources: readonly PulumiResourceDescription[], options: CheckOptions = {}): string[] {
  return runAwsRule(rule, resources, options).unwaived.map((f) => `${f.resource.name} ${f.path}: ${f.message}`);
}

/** Asserts the resources pass every rule of the pack: no finding at all, and the result passes. */
export function expectAwsPackPasses(pack: RulePack, resources: readonly PulumiResourceDescription[]): void {
  const result = check(resources.map(fromPulumiResource), pack, { now: TEST_NOW });
  expect(result.findings.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name} ${f.path}: ${f.message}`)).toEqual([]);
  expect(result.passed).toBe(true);
}

/**
 * Asserts the folder lib/rules/aws/<folder> holds one rule per file (every `.ts` file but
 * index.ts and `notRules`): the file exports exactly one rule, its id is `aws-<file name>` and is
 * the only `id: '…'` in the source, and the pack holds that very rule; the pack's ids are unique
 * and are exactly the files' ids; and each rule has a test file of its own.
 */
export function expectAwsOneRulePerFile(pack: RulePack, folder: string, notRules: readonly string[] = []): void {
  expectOneRulePerFileIn(pack, join(RULES_DIR, folder), 'aws', ['index.ts', ...notRules]);
  // Each rule has its own test file, test/rules/aws/<folder>/<file name>.test.ts.
  const untested = pack.rules.map((r) => `${r.id.replace(/^aws-/, '')}.test.ts`).filter((f) => !existsSync(join(RULE_TESTS_DIR, folder, f)));
  expect(untested).toEqual([]);
}

/**
 * The problem with a kind of an AWS rule, or undefined when it is a type token @pulumi/aws 7
 * declares (`aws:<module>/<file>:<Type>`, found as `__pulumiType = '<token>'` in `<module>/<file>.js`).
 */
export function awsKindProblem(kind: string): string | undefined {
  const m = /^aws:([a-z0-9]+)\/([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(kind);
  if (!m) return `'${kind}' is not a type token of the form aws:<module>/<resource>:<Type>`;
  const file = join(PULUMI_AWS_DIR, m[1], `${m[2]}.js`);
  if (!existsSync(file)) return `'${kind}': @pulumi/aws has no ${m[1]}/${m[2]}.js`;
  if (!readFileSync(file, 'utf8').includes(`__pulumiType = '${kind}'`)) return `'${kind}': ${m[1]}/${m[2]}.js declares another type token`;
  return undefined;
}

/**
 * Asserts an AWS rule is fully described ({@link expectRuleDescribed}: title, description, fix,
 * kinds, controls in the catalogue), its id starts with `aws-`, and each kind is a real type token.
 */
export function expectAwsRuleDescribed(rule: Rule): void {
  expectRuleDescribed(rule);
  expect(rule.id).toMatch(/^aws-[a-z0-9-]+$/);
  expect(rule.kinds.map((k) => [k, awsKindProblem(k)])).toEqual(rule.kinds.map((k) => [k, undefined]));
}

/** Asserts the pack's rule ids are unique and every rule is fully described ({@link expectAwsRuleDescribed}). */
export function expectAwsPackDescribed(pack: RulePack): void {
  const ids = pack.rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of pack.rules) expectAwsRuleDescribed(rule);
}
