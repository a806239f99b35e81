/**
 * The permission policy documents IAM resources carry, found where @pulumi/aws 7 puts them: the
 * `policy` of a managed policy and of a role's, user's or group's inline policy, each
 * `inlinePolicies[i].policy` of a role; and the AWS-managed policies a role or an attachment
 * names. Shared by the IAM rules. Not a rule itself.
 */
import type { Resource } from '../../../check/resource';

/** Resources whose `policy` input is a permission policy. */
const POLICY_KINDS = ['aws:iam/policy:Policy', 'aws:iam/rolePolicy:RolePolicy', 'aws:iam/userPolicy:UserPolicy', 'aws:iam/groupPolicy:GroupPolicy'];

/** Type tokens of the resources that carry permission policies (see {@link permissionDocuments}). */
export const IAM_PERMISSION_POLICY_KINDS: readonly string[] = [...POLICY_KINDS, 'aws:iam/role:Role'];

/** Type tokens of the resources that attach a managed policy by ARN (`policyArn`). */
export const IAM_POLICY_ATTACHMENT_KINDS: readonly string[] = [
  'aws:iam/rolePolicyAttachment:RolePolicyAttachment', 'aws:iam/userPolicyAttachment:UserPolicyAttachment',
  'aws:iam/groupPolicyAttachment:GroupPolicyAttachment', 'aws:iam/policyAttachment:PolicyAttachment',
];

/** A permission policy document of a resource and the input path it is at. */
export interface PermissionDocument {
  /** Input path, e.g. `policy` or `inlinePolicies[0].policy`. */
  readonly path: string;
  /** The document as given (JSON text or an object). */
  readonly document: unknown;
}

/** The permission policy documents of an IAM resource (none for other kinds). */
export function permissionDocuments(resource: Resource): PermissionDocument[] {
  if (POLICY_KINDS.includes(resource.kind)) {
    return resource.body.policy === undefined || resource.body.policy === null ? [] : [{ path: 'policy', document: resource.body.policy }];
  }
  if (resource.kind === 'aws:iam/role:Role' && Array.isArray(resource.body.inlinePolicies)) {
    return resource.body.inlinePolicies
      .map((p: unknown, i: number) => ({ path: `inlinePolicies[${i}].policy`, document: (p as { policy?: unknown } | null)?.policy }))
      .filter((d: PermissionDocument) => typeof d.document === 'string' ? d.document !== '' : d.document !== undefined && d.document !== null);
  }
  return [];
}

/** The managed policy ARNs a resource attaches, with their input paths. */
export function attachedPolicyArns(resource: Resource): Array<{ path: string; arn: string }> {
  if (IAM_POLICY_ATTACHMENT_KINDS.includes(resource.kind)) {
    return typeof resource.body.policyArn === 'string' ? [{ path: 'policyArn', arn: resource.body.policyArn }] : [];
  }
  if (resource.kind === 'aws:iam/role:Role' && Array.isArray(resource.body.managedPolicyArns)) {
    return resource.body.managedPolicyArns.flatMap((arn: unknown, i: number) => (typeof arn === 'string' ? [{ path: `managedPolicyArns[${i}]`, arn }] : []));
  }
  return [];
}
