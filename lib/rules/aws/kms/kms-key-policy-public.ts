import type { Rule } from '../../../check/rule';
import { KMS_POLICY_KINDS, kmsLabel } from '../support/kms-actions';
import { parsePolicyDocument, PolicyStatement } from '../support/policy-document';
import { principalArnLimit } from '../support/principal-arn-condition';

/**
 * Why a statement's conditions do not limit it to known principals, or undefined when they do:
 * no Condition at all, or only `aws:PrincipalArn` patterns whose account is a wildcard (or `*`),
 * which admit principals of any account.
 */
function unlimited(s: PolicyStatement): string | undefined {
  const keys = Object.values(s.conditions).flatMap((k) => Object.keys(k).map((key) => key.toLowerCase()));
  if (keys.length === 0) return 'without a Condition';
  if (!keys.every((k) => k === 'aws:principalarn')) return undefined;
  const limit = principalArnLimit(s);
  const anyAccount = (limit?.wildcards ?? []).filter((v) => !/^arn:[a-z-]+:(?:iam|sts)::\d{12}:/.test(v));
  return anyAccount.length > 0 ? `limited only by aws:PrincipalArn ${anyAccount.join(', ')}, which matches principals of any account` : undefined;
}

/** No key policy statement allows everyone (`Principal: "*"`) without a condition. */
export const kmsKeyPolicyPublic: Rule = {
  id: 'aws-kms-key-policy-public',
  title: 'KMS key policies must not allow any principal (*) without a condition',
  description:
    'A key policy statement whose Principal is "*" (or {"AWS": "*"}) applies to every AWS principal of every account; ' +
    'without a Condition (for example kms:CallerAccount with kms:ViaService, or aws:PrincipalOrgID) anyone on AWS who ' +
    'knows the key ARN can call the allowed actions. A Condition only on aws:PrincipalArn whose values leave the account open ' +
    '(arn:aws:iam::*:role/..., *) does not limit it either. Deny statements are not judged.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(a)(2)(iv)'],
  kinds: [...KMS_POLICY_KINDS],
  fix: 'Name the principals (role or user ARNs, service principals) in the statement, or add a Condition that limits it to your account or organization (kms:CallerAccount, aws:PrincipalOrgID).',
  check(resource, _ctx, report) {
    const doc = parsePolicyDocument(resource.body.policy);
    if (doc.problem !== undefined) return; // no policy or an unreadable one: aws-kms-key-policy-separation reports it
    for (const s of doc.statements) {
      if (s.effect !== 'Allow') continue;
      const why = unlimited(s);
      if (why === undefined) continue;
      const anyone = s.principal === '*' || (s.principal !== undefined && Object.values(s.principal).some((v) => v.includes('*')));
      if (!anyone) continue;
      report({
        path: 'policy',
        message: `${kmsLabel(resource.kind, resource.name)} policy Statement[${s.index}]${s.sid ? ` (${s.sid})` : ''} allows ${[...s.actions, ...s.notActions.map((a) => `all but ${a}`)].join(', ') || 'its actions'} to any principal (*) ${why}`,
      });
    }
  },
};
