/**
 * Whether a `kmsKeyId` / `keyArn` input names a customer-managed KMS key, as the AWS rules that
 * require one read it: EKS secrets, launch templates and EBS volumes ({@link customerManagedKeyProblem},
 * whole-sentence problems), and the services that take only a key ARN for encryption at rest -
 * S3, CloudWatch Logs, Firehose, CloudTrail ({@link keyArnProblem}, phrases). Not a rule itself.
 */
import { parseKmsKey } from '../../k8s/support/kms-key';

/**
 * What is wrong with `value` as a customer-managed key reference, or undefined when it is one.
 * `arnOnly` requires an ARN (key or alias ARN), as EKS envelope encryption does; otherwise a bare
 * key id or `alias/<name>` passes too (EC2 and EBS accept them). AWS-managed aliases
 * (`alias/aws/ebs`) are refused: their key policy cannot be restricted or audited by the account.
 */
export function customerManagedKeyProblem(value: unknown, arnOnly = false): string | undefined {
  if (value === undefined || value === null || value === '') return 'no key is given, so AWS uses an AWS-managed key (or none)';
  const parsed = parseKmsKey(value);
  if (parsed.problem !== undefined) return parsed.problem;
  if (parsed.key.awsManaged) return `'${String(value)}' is an AWS-managed key, whose key policy the account cannot restrict or audit`;
  if (arnOnly && parsed.key.form !== 'key-arn' && parsed.key.form !== 'alias-arn') return `'${String(value)}' is not a key ARN`;
  return undefined;
}

/** Why `value` is not a customer-managed key ARN (a phrase completing "… is/has"), or undefined when it is one. */
export function keyArnProblem(value: unknown): string | undefined {
  if (value === undefined || value === '') return 'no key';
  const key = parseKmsKey(value);
  if (key.problem !== undefined) return key.problem.replace(/^'[^']*' /, '');
  if (key.key.awsManaged) return `an AWS-managed key (${String(value)}), not a customer-managed one`;
  if (key.key.form !== 'key-arn') return `'${String(value)}', not a key ARN`;
  return undefined;
}

/** How a rule names the resource and field whose key {@link keyReferenceMessage} judges. */
export interface KeyReference {
  /** The resource as a message names it, e.g. `vault 'phi'`. */
  readonly subject: string;
  /** The input holding the key, e.g. `kmsKeyArn`. */
  readonly field: string;
  /** What happens without a key, completing "<subject> sets no <field>: …". */
  readonly whenMissing: string;
  /** When the service takes only a key ARN: why, completing "… which is not a key ARN (…)". @default - any key reference */
  readonly arnOnly?: string;
}

/** The finding's message when `value` is not a customer-managed key for `ref`, or undefined when it is one. */
export function keyReferenceMessage(value: unknown, ref: KeyReference): string | undefined {
  if (value === undefined || value === null || value === '') return `${ref.subject} sets no ${ref.field}: ${ref.whenMissing}`;
  const parsed = parseKmsKey(value);
  if (parsed.problem !== undefined) return `${ref.subject} has ${ref.field} that ${parsed.problem}`;
  if (parsed.key.awsManaged) return `${ref.subject} has ${ref.field} '${String(value)}', an AWS-managed key, not a customer-managed one`;
  if (ref.arnOnly !== undefined && parsed.key.form !== 'key-arn') return `${ref.subject} has ${ref.field} '${String(value)}', which is not a key ARN (${ref.arnOnly})`;
  return undefined;
}
