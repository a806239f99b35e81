/**
 * KMS key policy actions sorted by duty: administering a key (changing its policy, state,
 * rotation, aliases, tags, deleting it) and using it (encrypting, decrypting, generating data
 * keys, creating grants that let others use it). Read-only actions (Describe*, Get*, List*) are
 * neither. HipaaKmsKey writes its key policy from these lists and aws-kms-key-policy-separation
 * judges key policies by them. Not a rule itself.
 *
 * Source: the KMS permissions reference
 * (https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html) and
 * the default key policy's "key administrators" / "key users" statements
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
 */
import { actionMatches } from './policy-document';

/** Every KMS action that changes a key's policy, state, rotation, aliases, tags or grants, or deletes it. */
export const KMS_ADMIN_ACTIONS: readonly string[] = [
  'kms:CancelKeyDeletion', 'kms:CreateAlias', 'kms:DeleteAlias', 'kms:DeleteImportedKeyMaterial', 'kms:DisableKey',
  'kms:DisableKeyRotation', 'kms:EnableKey', 'kms:EnableKeyRotation', 'kms:ImportKeyMaterial', 'kms:PutKeyPolicy',
  'kms:ReplicateKey', 'kms:RetireGrant', 'kms:RevokeGrant', 'kms:RotateKeyOnDemand', 'kms:ScheduleKeyDeletion',
  'kms:TagResource', 'kms:UntagResource', 'kms:UpdateAlias', 'kms:UpdateKeyDescription', 'kms:UpdatePrimaryRegion',
];

/**
 * Every KMS action that uses a key's material, plus CreateGrant, which hands that use to someone
 * else (an administrator with CreateGrant can grant itself Decrypt).
 */
export const KMS_USAGE_ACTIONS: readonly string[] = [
  'kms:CreateGrant', 'kms:Decrypt', 'kms:DeriveSharedSecret', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:GenerateMac', 'kms:ReEncryptFrom',
  'kms:ReEncryptTo', 'kms:Sign', 'kms:Verify', 'kms:VerifyMac',
];

/**
 * What HipaaKmsKey gives key administrators (and the account root): the default policy's
 * administrator statement with `kms:Create*` narrowed to `kms:CreateAlias`, so an administrator
 * cannot create a grant that lets it use the key.
 */
export const KEY_ADMINISTRATOR_ACTIONS: readonly string[] = [
  'kms:CreateAlias', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*',
  'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];

/** What HipaaKmsKey gives key users: the default policy's key user statement. */
export const KEY_USER_ACTIONS: readonly string[] = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/** What HipaaKmsKey lets key users do with grants, only for AWS resources (`kms:GrantIsForAWSResource`). */
export const KEY_USER_GRANT_ACTIONS: readonly string[] = ['kms:CreateGrant', 'kms:ListGrants'];

/** The administrative and the usage actions that `patterns` (`kms:*`, `kms:Get*`, `*`) allow. */
export function kmsDuties(patterns: readonly string[]): { admin: string[]; usage: string[] } {
  const covered = (actions: readonly string[]) => actions.filter((a) => patterns.some((p) => actionMatches(p, a)));
  return { admin: covered(KMS_ADMIN_ACTIONS), usage: covered(KMS_USAGE_ACTIONS) };
}

/** Type tokens of the resources that carry a key policy: keys, multi-Region replica keys and separate key policies. */
export const KMS_POLICY_KINDS: readonly string[] = ['aws:kms/key:Key', 'aws:kms/replicaKey:ReplicaKey', 'aws:kms/keyPolicy:KeyPolicy'];

/** How messages name a KMS resource: `KMS key 'phi'`, `KMS replica key 'phi-west'`, `KMS key policy 'phi'`. */
export function kmsLabel(kind: string, name: string): string {
  if (kind === 'aws:kms/replicaKey:ReplicaKey') return `KMS replica key '${name}'`;
  if (kind === 'aws:kms/keyPolicy:KeyPolicy') return `KMS key policy '${name}'`;
  return `KMS key '${name}'`;
}
