import type { Rule } from '../../../check/rule';
import { IAM_PERMISSION_POLICY_KINDS, permissionDocuments } from '../support/iam-policies';
import { actionMatches, parsePolicyDocument } from '../support/policy-document';

/**
 * Actions that read or write PHI and evidence, or change who may: decrypting, reading objects,
 * secrets and parameters, deleting or weakening logs, trails and backups, changing IAM. Allowed on
 * every resource they reach data a role was never meant to see.
 */
export const SENSITIVE_ACTIONS: readonly string[] = [
  'kms:Decrypt', 'kms:Encrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext',
  'kms:CreateGrant', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DisableKey',
  's3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:DeleteBucket',
  's3:PutBucketPolicy', 's3:PutBucketAcl', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration', 's3:BypassGovernanceRetention',
  'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret', 'secretsmanager:DeleteSecret',
  'secretsmanager:PutResourcePolicy',
  'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath',
  'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:PutItem', 'dynamodb:DeleteItem',
  'rds-db:connect',
  'logs:DeleteLogGroup', 'logs:DeleteLogStream', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy', 'logs:DisassociateKmsKey',
  'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors',
  'backup:DeleteBackupVault', 'backup:DeleteRecoveryPoint', 'backup:DeleteBackupVaultLockConfiguration', 'backup:PutBackupVaultAccessPolicy',
  'backup:UpdateRecoveryPointLifecycle',
  'iam:PassRole', 'iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:CreatePolicyVersion', 'iam:UpdateAssumeRolePolicy',
  'iam:CreateAccessKey', 'iam:PutUserPolicy', 'iam:AttachUserPolicy',
  'sts:AssumeRole',
];

/**
 * `*`, or an ARN whose resource part is only a wildcard, optionally after a resource type: every
 * secret (`arn:aws:secretsmanager:us-east-1:123456789012:secret:*`), every key (`...:key/*`),
 * every bucket or object of every bucket (`arn:aws:s3:::*`, `arn:aws:s3:::*\/*`).
 */
export function isWildcardResource(resource: string): boolean {
  if (resource === '*') return true;
  const m = /^arn:[^:]*:([^:]*):[^:]*:[^:]*:(.*)$/.exec(resource);
  if (!m) return false;
  const [, service, rest] = m;
  if (service === 's3') return rest === '*' || rest === '*/*';
  return /^(?:[A-Za-z-]+[:/])?\*$/.test(rest);
}

/** Sensitive actions are allowed on named resources, never on `*`. */
export const iamWildcardResource: Rule = {
  id: 'aws-iam-wildcard-resource',
  title: 'IAM permission policies must not allow sensitive actions on every resource (Resource "*")',
  description:
    'Actions that decrypt, read PHI (objects, secrets, parameters, items, database logins), delete or weaken audit logs, ' +
    'trails and backups, or change IAM must name the resources they apply to. With Resource "*" (or an ARN that is only ' +
    'a wildcard, such as every secret of the account, or NotResource) a role meant to read one secret reads all of them, ' +
    'and every resource created later too. Actions that AWS only allows on "*" (List*, Describe* of most services) are not sensitive here.',
  severity: 'error',
  controls: ['164.308(a)(4)', '164.312(a)(1)'],
  kinds: [...IAM_PERMISSION_POLICY_KINDS],
  fix: 'Put the ARNs of the keys, buckets, secrets, log groups or roles in Resource (createIrsaRole takes them as `resources`), ' +
    'or waive aws-iam-wildcard-resource on the resource with the reason.',
  check(resource, _ctx, report) {
    for (const { path, document } of permissionDocuments(resource)) {
      const doc = parsePolicyDocument(document);
      if (doc.problem !== undefined) continue; // aws-iam-wildcard-action reports unreadable documents
      for (const s of doc.statements) {
        if (s.effect !== 'Allow') continue;
        const wide = [...s.resources.filter(isWildcardResource), ...s.notResources.map((r) => `NotResource ${r}`)];
        if (wide.length === 0) continue;
        const sensitive = s.notActions.length > 0
          ? SENSITIVE_ACTIONS.filter((a) => !s.notActions.some((p) => actionMatches(p, a)))
          : SENSITIVE_ACTIONS.filter((a) => s.actions.some((p) => actionMatches(p, a)));
        if (sensitive.length === 0) continue;
        const shown = sensitive.length > 3 ? `${sensitive.slice(0, 3).join(', ')} and ${sensitive.length - 3} more` : sensitive.join(', ');
        report({
          path,
          message: `${resource.kind.split(':').pop()} '${resource.name}' ${path} Statement[${s.index}]${s.sid ? ` (${s.sid})` : ''} allows ${shown} on ${wide.map((r) => `'${r}'`).join(', ')}`,
        });
      }
    }
  },
};
