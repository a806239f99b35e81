/**
 * AWS regions and IAM role ARNs, validated exactly: what IRSA's `eks.amazonaws.com/role-arn`
 * annotation and the External Secrets / Secrets Store CSI AWS providers accept. Each problem
 * names the part that is wrong. Shared by the constructs that write them. Not a rule itself.
 */

import { ACCOUNT, PARTITIONS, partitionOfRegion, REGION_SHAPE, regionPartsProblem } from './aws-regions';

/** An example of a well-formed IAM role ARN, for messages. */
export const ROLE_ARN_EXAMPLE = 'arn:aws:iam::123456789012:role/clinic-secrets-reader';

/** IAM role names: 1-64 of letters, digits and `+=,.@_-`. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** IAM paths: `/`, or `/` + printable ASCII (no spaces) + `/`, at most 512 characters. */
const ROLE_PATH = /^\/(?:[\x21-\x7e]*\/)?$/;

/** A parsed IAM role ARN. */
export interface IamRoleArn {
  /** `aws`, `aws-us-gov` or `aws-cn`. */
  readonly partition: string;
  /** The 12-digit account. */
  readonly account: string;
  /** The role's path (`/` when none). */
  readonly path: string;
  /** The role's name. */
  readonly name: string;
}

/** The result of {@link parseIamRoleArn}: the role, or what is wrong with the value. */
export type IamRoleArnResult = { readonly role: IamRoleArn; readonly problem?: undefined } | { readonly role?: undefined; readonly problem: string };

/** What is wrong with an AWS region name, or undefined when it is one (`us-east-1`, `us-gov-west-1`, `cn-north-1`). */
export function awsRegionProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `is ${value === undefined ? 'missing' : `not a string (${JSON.stringify(value)})`}`;
  if (value.trim() === '') return 'is empty';
  if (!REGION_SHAPE.test(value)) return `'${value}' is not an AWS region (expected e.g. us-east-1, eu-central-1, us-gov-west-1)`;
  const typo = regionPartsProblem(value);
  if (typo) return `'${value}' is not an AWS region: ${typo}`;
  return undefined;
}

/**
 * Parses `arn:<partition>:iam::<account>:role/<path/><name>`: partition `aws`, `aws-us-gov` or
 * `aws-cn`, service `iam`, no region (IAM is global), a 12-digit account, and a role name of at
 * most 64 characters after an optional path.
 */
export function parseIamRoleArn(value: unknown): IamRoleArnResult {
  if (typeof value !== 'string') return { problem: `is ${value === undefined ? 'missing' : `not a string (${JSON.stringify(value)})`}` };
  if (value.trim() === '') return { problem: 'is empty' };
  if (value !== value.trim()) return { problem: `'${value}' has leading or trailing whitespace` };
  const parts = value.split(':');
  if (parts[0] !== 'arn' || parts.length !== 6) {
    return { problem: `'${value}' is not an ARN of the form arn:<partition>:iam::<account>:role/<name> (expected e.g. ${ROLE_ARN_EXAMPLE})` };
  }
  const [, partition, service, region, account, resource] = parts;
  if (!(partition in PARTITIONS)) return { problem: `'${value}' has partition '${partition}'; expected aws, aws-us-gov or aws-cn` };
  if (service !== 'iam') return { problem: `'${value}' is an ARN of service '${service}', not iam (an IAM role ARN is arn:${partition}:iam::<account>:role/<name>)` };
  if (region !== '') return { problem: `'${value}' has region '${region}'; IAM ARNs have none (arn:${partition}:iam::<account>:role/<name>)` };
  if (!ACCOUNT.test(account)) return { problem: `'${value}' has account '${account}'; expected 12 digits` };
  if (!resource.startsWith('role/')) {
    const type = resource.split('/')[0];
    return { problem: `'${value}' names ${type === resource ? `'${resource}'` : `a ${type}`}, not a role; expected role/<name> (IRSA assumes a role, never a user's keys)` };
  }
  const rest = resource.slice('role/'.length);
  const slash = rest.lastIndexOf('/');
  const path = slash < 0 ? '/' : `/${rest.slice(0, slash + 1)}`;
  const name = rest.slice(slash + 1);
  if (!ROLE_NAME.test(name)) {
    return { problem: `'${value}' has role name '${name}'; expected 1 to 64 letters, digits or + = , . @ _ -` };
  }
  if (!ROLE_PATH.test(path) || path.length > 512) {
    return { problem: `'${value}' has role path '${path}'; expected printable characters without spaces, at most 512` };
  }
  return { role: { partition, account, path, name } };
}

/** What is wrong with a role of `partition` used in `region`, or undefined when they belong together. */
export function partitionRegionProblem(partition: string, region: string): string | undefined {
  const regionPartition = partitionOfRegion(region);
  if (regionPartition === partition) return undefined;
  return `the role is in partition ${partition} but region '${region}' is in partition ${regionPartition}; IRSA cannot assume a role across partitions`;
}
