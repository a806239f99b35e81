/**
 * Nothing that holds PHI or evidence is lost by default (DESIGN principle 5): keys, buckets, log
 * groups and vaults are created with `protect` and `retainOnDelete` unless the user opts out.
 */
import type * as pulumi from '@pulumi/pulumi';

/** Whether a component's data-holding resources survive `pulumi destroy` and accidental deletes. */
export interface DataProtectionArgs {
  /**
   * Mark the resources that hold PHI or evidence `protect`ed: Pulumi refuses to delete them until
   * the flag is removed. Set to false only for throw-away stacks (tests, previews).
   * @default true
   */
  readonly protect?: boolean;
  /**
   * Keep the resources that hold PHI or evidence in AWS when they leave the stack (`retainOnDelete`).
   * @default true
   */
  readonly retainOnDelete?: boolean;
}

/** Resource options for a resource that holds PHI or evidence. */
export function dataResourceOptions(args: DataProtectionArgs | undefined, opts: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions {
  return { ...opts, protect: args?.protect ?? true, retainOnDelete: args?.retainOnDelete ?? true };
}
