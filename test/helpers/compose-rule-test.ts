/**
 * Running Compose rules over Compose YAML read through the real reader (readComposeFiles), for the
 * rule tests of test/rules/docker/compose.
 */
import { TEST_NOW } from './rule-test';
import { ComposeFileText, readComposeFiles } from '../../lib/check/docker/compose';
import { check, CheckOptions, CheckResult } from '../../lib/check/engine';
import type { ManifestError } from '../../lib/check/manifest-error';
import type { Resource } from '../../lib/check/resource';
import type { Rule } from '../../lib/check/rule';

/** Compose files: one YAML text (compose.yaml) or several files of one directory. */
export type ComposeInput = string | readonly ComposeFileText[];

/** The objects of Compose files; fails the test when the reader reports a problem. */
export function composeResources(input: ComposeInput): Resource[] {
  const files = typeof input === 'string' ? [{ file: 'compose.yaml', text: input }] : input;
  const problems: ManifestError[] = [];
  const resources = readComposeFiles(files, problems);
  expect(problems.map((p) => p.message)).toEqual([]);
  return resources;
}

/** Runs one rule over Compose files and returns the full result. */
export function runComposeRule(rule: Rule, input: ComposeInput, options: CheckOptions = {}): CheckResult {
  return check(composeResources(input), { name: 'docker-compose', description: 'test', rules: [rule] }, { now: TEST_NOW, ...options });
}

/** Runs one rule and returns `<object name> <path> (line <n>): <message>` of each unwaived finding. */
export function composeViolations(rule: Rule, input: ComposeInput, options: CheckOptions = {}): string[] {
  return runComposeRule(rule, input, options).unwaived.map((f) => `${f.resource.name} ${f.path} (line ${f.source?.line}): ${f.message}`);
}

/** A service definition indented under `services:` for fixtures: `service('api', 'user: "10001"')`. */
export function service(name: string, ...lines: string[]): string {
  return [`  ${name}:`, ...lines.flatMap((l) => l.split('\n')).map((l) => `    ${l}`)].join('\n');
}

/** A Compose file with some services: `composeFile(service(...), service(...))`. */
export function composeFile(...services: string[]): string {
  return `services:\n${services.join('\n')}\n`;
}
