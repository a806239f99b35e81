import { res } from '../../../helpers/aws-pack-test';

export const ACCOUNT_ROOT = 'arn:aws:iam::123456789012:root';
export const ADMIN = 'arn:aws:iam::123456789012:role/key-admins';
export const USER = 'arn:aws:iam::123456789012:role/eks-cluster';
export const KEY_USER_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/** A key policy statement. */
export function statement(principal: unknown, action: string | string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Effect: 'Allow', Principal: principal, Action: action, Resource: '*', ...extra };
}

/** The policy HipaaKmsKey writes, reduced: root and admins administer, users use. */
export function separatedPolicy(extra: Array<Record<string, unknown>> = []): string {
  const admin = ['kms:CreateAlias', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*',
    'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:RotateKeyOnDemand'];
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      statement({ AWS: ACCOUNT_ROOT }, admin, { Sid: 'AccountRootAdministers' }),
      statement({ AWS: [ADMIN] }, admin, { Sid: 'KeyAdministrators' }),
      statement({ AWS: [USER] }, ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], { Sid: 'KeyUsers' }),
      statement({ AWS: [USER] }, ['kms:CreateGrant', 'kms:ListGrants'], { Sid: 'Grants', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } }),
      ...extra,
    ],
  });
}

/** A compliant key: rotation, 30-day window, a separated policy. */
export function compliantKey(name = 'phi', inputs: Record<string, unknown> = {}) {
  return res('aws:kms/key:Key', name, { enableKeyRotation: true, rotationPeriodInDays: 365, deletionWindowInDays: 30, policy: separatedPolicy(), ...inputs });
}
