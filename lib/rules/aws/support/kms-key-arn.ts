/**
 * Whether a value is the ARN of a customer-managed KMS key, as the services that take a key for
 * encryption at rest (S3, CloudWatch Logs, Firehose, CloudTrail) are given it by the AWS rules.
 * Not a rule itself.
 */
import { parseKmsKey } from '../../k8s/support/kms-key';

/** Why `value` is not a customer-managed key ARN (a phrase completing "… is/has"), or undefined when it is one. */
export function keyArnProblem(value: unknown): string | undefined {
  if (value === undefined || value === '') return 'no key';
  const key = parseKmsKey(value);
  if (key.problem !== undefined) return key.problem.replace(/^'[^']*' /, '');
  if (key.key.awsManaged) return `an AWS-managed key (${String(value)}), not a customer-managed one`;
  if (key.key.form !== 'key-arn') return `'${String(value)}', not a key ARN`;
  return undefined;
}
