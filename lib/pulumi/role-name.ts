/**
 * IAM role names a component's name leads to: Pulumi auto-names a role `<resource name>-<7 random
 * characters>`, and IAM refuses names longer than 64 characters, only when the role is created.
 */
import type { InputProblems } from '../cdk8s/input-problems';

/** Longest IAM role name. */
export const MAX_ROLE_NAME = 64;
/** What Pulumi's auto-naming appends: '-' and 7 random characters. */
const AUTONAME_SUFFIX = 8;

/** Records a problem when a role `<name><suffix>` (auto-named) would be longer than IAM allows. */
export function roleNameProblem(name: string, suffixes: readonly string[], problems: InputProblems): void {
  const longest = Math.max(...suffixes.map((s) => s.length));
  const length = name.length + longest + AUTONAME_SUFFIX;
  if (length > MAX_ROLE_NAME) {
    problems.add('name', `'${name}' makes IAM role names of up to ${length} characters (the name, '${suffixes.find((s) => s.length === longest)}' and Pulumi's 8-character suffix); ` +
      `IAM allows ${MAX_ROLE_NAME}. Use a name of at most ${MAX_ROLE_NAME - longest - AUTONAME_SUFFIX} characters.`);
  }
}

/** IAM role names: 1 to 64 of letters, digits and + = , . @ _ -. */
export const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** Records a problem when `value` (an explicit role name) is not one IAM accepts. */
export function explicitRoleNameProblem(value: unknown, field: string, problems: InputProblems): void {
  if (value === undefined) return;
  if (!problems.string(value, field)) return;
  if (!IAM_ROLE_NAME.test(value)) {
    problems.add(field, `'${value}' is not an IAM role name: use 1 to ${MAX_ROLE_NAME} letters, digits and + = , . @ _ -.`);
  }
}
