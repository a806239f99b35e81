/**
 * AWS KMS key references, validated exactly: what the EBS CSI driver's `kmsKeyId`, the in-tree
 * `kubernetes.io/aws-ebs` provisioner and the Velero AWS plugin's `kmsKeyId` accept. They pass
 * the value to EC2 CreateVolume / S3 as `KmsKeyId`, which takes a key ARN, an alias ARN, a bare
 * key id or an alias name (`alias/<name>`). Shared by the storage rules and the constructs that
 * write such keys. Not a rule itself.
 */

import { ACCOUNT, PARTITIONS, partitionOfRegion, REGION_SHAPE, regionPartsProblem } from './aws-regions';

/** A parsed, well-formed KMS key reference. */
export interface KmsKeyRef {
  /** Which of the four accepted forms it is. */
  readonly form: 'key-arn' | 'alias-arn' | 'key-id' | 'alias-name';
  /** The partition of an ARN (`aws`, `aws-us-gov`, `aws-cn`). @default - none for a bare id or alias name */
  readonly partition?: string;
  /** The region of an ARN. @default - none for a bare id or alias name */
  readonly region?: string;
  /** The 12-digit account of an ARN. @default - none for a bare id or alias name */
  readonly account?: string;
  /** The key id (UUID or `mrk-` multi-Region id) or the alias name without `alias/`. */
  readonly id: string;
  /** Whether it names an AWS-managed key (an alias under `alias/aws/`, e.g. `alias/aws/ebs`), not a customer-managed one. */
  readonly awsManaged: boolean;
}

/** The result of {@link parseKmsKey}: the key, or what is wrong with the value. */
export type KmsKeyResult = { readonly key: KmsKeyRef; readonly problem?: undefined } | { readonly key?: undefined; readonly problem: string };

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ALIAS_NAME = /^[a-zA-Z0-9/_-]{1,250}$/;

/** An example of a well-formed customer-managed key ARN, for messages. */
export const KMS_KEY_ARN_EXAMPLE = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/**
 * Parses a KMS key reference. Accepts `arn:<partition>:kms:<region>:<account>:key/<key id>`,
 * `arn:<partition>:kms:<region>:<account>:alias/<name>`, a bare key id (a lower-case UUID or
 * `mrk-` and 32 hex digits) and `alias/<name>`. The partition is `aws`, `aws-us-gov` (regions
 * `us-gov-*`) or `aws-cn` (regions `cn-*`); the account has 12 digits.
 */
export function parseKmsKey(value: unknown): KmsKeyResult {
  if (typeof value !== 'string') return { problem: `is ${value === undefined ? 'missing' : `not a string (${JSON.stringify(value)})`}` };
  if (value.trim() === '') return { problem: 'is empty' };
  if (value !== value.trim()) return { problem: `'${value}' has leading or trailing whitespace` };
  if (value.startsWith('arn:')) return parseArn(value);
  if (value.startsWith('alias/')) return alias(value.slice('alias/'.length), value, {});
  if (KEY_ID.test(value)) return { key: { form: 'key-id', id: value, awsManaged: false } };
  return {
    problem: `'${value}' is not a KMS key ARN, alias ARN, key id or alias name ` +
      `(expected e.g. ${KMS_KEY_ARN_EXAMPLE}, a key id such as 1234abcd-12ab-34cd-56ef-1234567890ab, or alias/<name>)`,
  };
}

function parseArn(value: string): KmsKeyResult {
  const parts = value.split(':');
  if (parts.length !== 6) return { problem: `'${value}' is not an ARN of the form arn:<partition>:kms:<region>:<account>:key/<key id> (it has ${parts.length} ':'-separated parts, not 6)` };
  const [, partition, service, region, account, resource] = parts;
  if (!(partition in PARTITIONS)) return { problem: `'${value}' has partition '${partition}'; expected aws, aws-us-gov or aws-cn` };
  if (service !== 'kms') return { problem: `'${value}' is an ARN of service '${service}', not kms` };
  if (!REGION_SHAPE.test(region)) return { problem: `'${value}' has region '${region}', which is not an AWS region (e.g. us-east-1)` };
  const typo = regionPartsProblem(region);
  if (typo) return { problem: `'${value}' has region '${region}', which is not an AWS region: ${typo}` };
  const prefix = PARTITIONS[partition];
  if (prefix !== undefined && !region.startsWith(prefix)) return { problem: `'${value}' has region '${region}', which is not in partition ${partition} (its regions start with ${prefix})` };
  if (prefix === undefined && (region.startsWith('us-gov-') || region.startsWith('cn-'))) {
    return { problem: `'${value}' has region '${region}' in partition aws; that region is in partition ${partitionOfRegion(region)}` };
  }
  if (!ACCOUNT.test(account)) return { problem: `'${value}' has account '${account}'; expected 12 digits` };
  const where = { partition, region, account };
  if (resource.startsWith('key/')) {
    const id = resource.slice('key/'.length);
    if (!KEY_ID.test(id)) return { problem: `'${value}' has key id '${id}'; expected a lower-case UUID or mrk- and 32 hex digits` };
    return { key: { form: 'key-arn', ...where, id, awsManaged: false } };
  }
  if (resource.startsWith('alias/')) return alias(resource.slice('alias/'.length), value, where);
  return { problem: `'${value}' names '${resource}'; expected key/<key id> or alias/<name>` };
}

function alias(name: string, value: string, where: { partition?: string; region?: string; account?: string }): KmsKeyResult {
  if (!ALIAS_NAME.test(name)) return { problem: `'${value}' has alias name '${name}'; expected 1 to 250 letters, digits, '/', '_' or '-'` };
  return { key: { form: where.partition === undefined ? 'alias-name' : 'alias-arn', ...where, id: name, awsManaged: name.startsWith('aws/') } };
}
