/**
 * How components take a KMS key: a HipaaKmsKey (or anything with an `arn` output) or a key ARN.
 * A plain string is checked at construction: services that take a customer-managed key for
 * envelope or bucket encryption (EKS, S3, CloudWatch Logs, Backup) need the key's ARN, not an
 * alias or a bare id.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { InputProblems } from '../cdk8s/input-problems';
import { KMS_KEY_ARN_EXAMPLE, parseKmsKey } from '../rules/k8s/support/kms-key';

/** A customer-managed KMS key a component encrypts with. */
export interface IHipaaKey {
  /** The key's ARN (`arn:aws:kms:<region>:<account>:key/<id>`). */
  readonly arn: pulumi.Output<string>;
}

/** A key given to a component: a HipaaKmsKey (or any object with an `arn` output), or a key ARN. */
export type KeyInput = IHipaaKey | pulumi.Input<string>;

/** Whether `value` is an IHipaaKey rather than an ARN input. */
export function isHipaaKey(value: unknown): value is IHipaaKey {
  return value !== null && typeof value === 'object' && 'arn' in (value as object) && !('apply' in (value as object));
}

/**
 * The ARN of a key input. A plain string that is not a key ARN is recorded in `problems` (the
 * component throws them together) with `ruleId`, the rule that requires the customer-managed key
 * there; an Output is taken as it is (its value is known only later).
 */
export function keyArnOf(
  value: unknown,
  field: string,
  problems: InputProblems,
  output: (v: pulumi.Input<string>) => pulumi.Output<string>,
  ruleId: string,
): pulumi.Output<string> {
  if (isHipaaKey(value)) return value.arn;
  if (typeof value === 'string') {
    const parsed = parseKmsKey(value);
    if (parsed.problem !== undefined) {
      problems.add(field, `${parsed.problem}. Give a HipaaKmsKey or the ARN of a customer-managed key, e.g. ${KMS_KEY_ARN_EXAMPLE} (${ruleId}).`);
    } else if (parsed.key.form !== 'key-arn') {
      problems.add(field, `'${value}' is ${parsed.key.form === 'alias-arn' ? 'an alias ARN' : parsed.key.form === 'alias-name' ? 'an alias name' : 'a bare key id'}; give the key ARN (e.g. ${KMS_KEY_ARN_EXAMPLE}): ` +
        `EKS, S3 bucket keys, CloudWatch Logs and Backup need the ARN of a customer-managed key (${ruleId}).`);
    }
    return output(value);
  }
  if (value === undefined || value === null) {
    problems.add(field, `is missing: give a HipaaKmsKey or a key ARN such as ${KMS_KEY_ARN_EXAMPLE} (${ruleId}).`);
    return output('');
  }
  if (typeof value === 'object' && 'apply' in (value as object)) return value as pulumi.Output<string>;
  if (typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function') return output(value as Promise<string>);
  problems.add(field, `expected a HipaaKmsKey or a key ARN string, got ${typeof value} (${ruleId}).`);
  return output('');
}
