/**
 * ARNs the components write or check: the partitions an ARN may name, the partition read from a
 * key ARN (the components' resources live in the key's partition) and the ARNs of AWS-managed
 * IAM policies.
 */
import type * as pulumi from '@pulumi/pulumi';

/** A regular expression fragment matching the partitions of an ARN (`aws`, `aws-us-gov`, `aws-cn`); no capturing group. */
export const ARN_PARTITION = '(?:aws|aws-us-gov|aws-cn)';

/** The partition of an ARN (`arn:<partition>:...`), `aws` when the value has none. */
export function partitionOf(arn: pulumi.Output<string>): pulumi.Output<string> {
  return arn.apply((a) => a.split(':')[1] || 'aws');
}

/** The ARN of an AWS-managed IAM policy, e.g. `arn:aws:iam::aws:policy/AmazonEKSClusterPolicy`. */
export function awsManagedPolicyArn(partition: string, policyPath: string): string {
  return `arn:${partition}:iam::aws:policy/${policyPath}`;
}
