import type { Rule } from '../../../check/rule';
import { KMS_ADMIN_ACTIONS, KMS_POLICY_KINDS, KMS_USAGE_ACTIONS, kmsDuties, kmsLabel } from '../support/kms-actions';
import { parsePolicyDocument } from '../support/policy-document';
import { grantedPrincipals, principalArnLimit } from '../support/principal-arn-condition';

const few = (actions: readonly string[]) => (actions.length > 3 ? `${actions.slice(0, 3).join(', ')}, ...` : actions.join(', '));

/** Key policies keep administering a key and using it apart: no principal may do both. */
export const kmsKeyPolicySeparation: Rule = {
  id: 'aws-kms-key-policy-separation',
  title: 'KMS key policies must separate key administrators from key users (no principal may do both, no kms:*)',
  description:
    'Separation of duties for encryption keys: whoever can change a key\'s policy, disable, rotate or delete it must not ' +
    'also decrypt with it, and whoever decrypts PHI with it must not be able to change who else may. A key without ' +
    'a policy gets the AWS default policy, which gives the account root kms:* and so lets any IAM policy in the account grant ' +
    'both; a statement allowing kms:*, *, NotAction or admin and usage actions to one principal does the same. ' +
    'Administrative actions are those that change the key, its policy, aliases, tags or grants; usage actions are ' +
    'Encrypt, Decrypt, ReEncrypt*, GenerateDataKey*, Sign/Verify/Mac and CreateGrant (which hands use to others). ' +
    'Read-only Describe*, Get* and List* count as neither. A statement for the account (root) or * whose Condition admits only exact ' +
    'principal ARNs (aws:PrincipalArn under ArnEquals, ArnLike, StringEquals or StringLike, no wildcards) counts as granted to those ' +
    'principals, as HipaaKmsKey writes for key user roles created after the key; with a wildcard it counts as granted to the account. Keys, replica keys and separate key policy resources are judged; ' +
    'a key without a policy fails even when a separate key policy resource exists, as this check cannot tie that resource to the key.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.308(a)(4)', '164.312(a)(2)(iv)'],
  kinds: [...KMS_POLICY_KINDS],
  fix: 'Give the key an explicit policy that lists administrators (CreateAlias, Describe*, Enable*, List*, Put*, Update*, Revoke*, ' +
    'Disable*, Get*, Delete*, TagResource, UntagResource, ScheduleKeyDeletion, CancelKeyDeletion, RotateKeyOnDemand) and ' +
    'users (Encrypt, Decrypt, ReEncrypt*, GenerateDataKey*, DescribeKey, CreateGrant for AWS resources) as different ' +
    'principals: HipaaKmsKey writes such a policy from its administrators and users. To grant use to roles created later, name them ' +
    'exactly in an aws:PrincipalArn condition (HipaaKmsKey userRoleNames) rather than granting use to the account root.',
  check(resource, ctx, report) {
    const label = kmsLabel(resource.kind, resource.name);
    const policy: unknown = resource.body.policy;
    if (policy === undefined || policy === null || policy === '') {
      const separate = ctx.ofKind('aws:kms/keyPolicy:KeyPolicy').length > 0
        ? ' (if an aws:kms/keyPolicy:KeyPolicy sets it, this check cannot tie that resource to the key: give the policy on the key)'
        : '';
      report({
        path: 'policy',
        message: `${label} sets no key policy: AWS applies its default policy, which gives the account root kms:* and lets any IAM policy in the account both administer and use the key${separate}`,
      });
      return;
    }
    const doc = parsePolicyDocument(policy);
    if (doc.problem !== undefined) {
      report({ path: 'policy', message: `${label} has a key policy that ${doc.problem}` });
      return;
    }
    const duties = new Map<string, { admin: Set<string>; usage: Set<string>; statements: Set<string> }>();
    for (const s of doc.statements) {
      if (s.effect !== 'Allow') continue;
      const { admin, usage } = s.notActions.length > 0
        ? {
          admin: KMS_ADMIN_ACTIONS.filter((a) => !kmsDuties(s.notActions).admin.includes(a)),
          usage: KMS_USAGE_ACTIONS.filter((a) => !kmsDuties(s.notActions).usage.includes(a)),
        }
        : kmsDuties(s.actions);
      if (admin.length === 0 && usage.length === 0) continue;
      const limit = principalArnLimit(s);
      const wildcard = limit !== undefined && limit.wildcards.length > 0 ? ` (aws:PrincipalArn ${limit.wildcards.join(', ')} is a pattern, not named principals)` : '';
      for (const p of grantedPrincipals(s)) {
        const d = duties.get(p) ?? { admin: new Set<string>(), usage: new Set<string>(), statements: new Set<string>() };
        admin.forEach((a) => d.admin.add(a));
        usage.forEach((a) => d.usage.add(a));
        d.statements.add(`${s.sid ? `Statement[${s.index}] (${s.sid})` : `Statement[${s.index}]`}${wildcard}`);
        duties.set(p, d);
      }
    }
    for (const [principal, d] of duties) {
      if (d.admin.size === 0 || d.usage.size === 0) continue;
      report({
        path: 'policy',
        message: `${label} lets ${principal === '*' ? 'any principal (*)' : `principal ${principal}`} both administer it (${few([...d.admin].sort())}) ` +
          `and use it (${few([...d.usage].sort())}) through ${[...d.statements].join(', ')}`,
      });
    }
  },
};
