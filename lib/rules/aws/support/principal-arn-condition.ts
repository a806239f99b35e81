/**
 * Statements whose Principal is an account (or `*`) but whose Condition admits only requests by
 * named IAM principals (`aws:PrincipalArn`), as HipaaKmsKey writes for key users that do not exist
 * yet: KMS refuses a Principal that names a role which does not exist, but not a condition value.
 * Shared by the KMS rules. Not a rule itself.
 */
import type { PolicyStatement } from './policy-document';

/** Operators under which `aws:PrincipalArn` values can narrow a statement to exact principals. */
const NARROWING_OPERATORS = ['ArnEquals', 'ArnLike', 'StringEquals', 'StringLike'];

/** An account as a principal: `AWS arn:<partition>:iam::<account>:root`, `AWS <account>` or `*`. */
const ACCOUNT_PRINCIPAL = /^(?:\*|AWS (?:arn:[a-z-]+:iam::\d{12}:root|\d{12}|\*))$/;

/** What a statement's `aws:PrincipalArn` conditions admit. */
export interface PrincipalArnLimit {
  /** The exact principal ARNs admitted (empty when a value holds a wildcard). */
  readonly arns: readonly string[];
  /** Values holding a wildcard (`*`, `?`), which admit principals that may not exist yet under any name they match. */
  readonly wildcards: readonly string[];
}

/**
 * The principals the statement's `aws:PrincipalArn` conditions admit, or undefined when it has
 * none under an ARN or string operator (`ForAnyValue:`/`ForAllValues:` and `...IfExists` forms
 * are not read as narrowing). Several such conditions must all hold: the exact ARNs are those in
 * every one of them.
 */
export function principalArnLimit(s: PolicyStatement): PrincipalArnLimit | undefined {
  let arns: string[] | undefined;
  const wildcards: string[] = [];
  for (const [op, keys] of Object.entries(s.conditions)) {
    if (!NARROWING_OPERATORS.includes(op)) continue;
    for (const [key, values] of Object.entries(keys)) {
      if (key.toLowerCase() !== 'aws:principalarn') continue;
      wildcards.push(...values.filter((v) => /[*?]/.test(v)));
      const exact = values.filter((v) => !/[*?]/.test(v));
      arns = arns === undefined ? exact : arns.filter((a) => exact.includes(a));
    }
  }
  if (arns === undefined) return undefined;
  return { arns: wildcards.length > 0 ? [] : arns, wildcards };
}

/**
 * The principals a statement grants to, as `AWS arn:...`, `Service logs.amazonaws.com` or `*`: an
 * account principal (root, account id, `*`) limited by `aws:PrincipalArn` to exact ARNs counts as
 * those ARNs (`AWS <arn>`), not as the account; other principals are taken as named.
 */
export function grantedPrincipals(s: PolicyStatement): string[] {
  if (s.principal === undefined) return [];
  const named = s.principal === '*'
    ? ['*']
    : Object.entries(s.principal).flatMap(([type, values]) => values.map((v) => (v === '*' ? '*' : `${type} ${v}`)));
  const limit = principalArnLimit(s);
  if (limit === undefined || limit.wildcards.length > 0) return named;
  const out = new Set<string>();
  for (const p of named) {
    if (ACCOUNT_PRINCIPAL.test(p)) limit.arns.forEach((a) => out.add(`AWS ${a}`));
    else out.add(p);
  }
  return [...out];
}
