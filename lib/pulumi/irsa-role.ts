/**
 * IAM roles for Kubernetes service accounts (IRSA): the trust policy admits exactly one service
 * account of one cluster (`sub`) and only tokens meant for STS (`aud`) - the two conditions
 * aws-iam-irsa-trust checks. Every component that gives a pod AWS access uses this.
 */
import * as iam from '@pulumi/aws/iam';
import * as pulumi from '@pulumi/pulumi';

/** What a role for a service account needs to know about its cluster. */
export interface IClusterOidc {
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: pulumi.Output<string>;
  /** The cluster's OIDC issuer without `https://`, e.g. `oidc.eks.us-east-1.amazonaws.com/id/ABC`. */
  readonly oidcIssuer: pulumi.Output<string>;
}

/** One statement of the role's permission policy. */
export interface IrsaStatement {
  /** Actions allowed, e.g. `secretsmanager:GetSecretValue`; never a wildcard service (`s3:*`). */
  readonly actions: readonly string[];
  /** Resource ARNs the actions apply to. */
  readonly resources: ReadonlyArray<pulumi.Input<string>>;
  /** Conditions, operator -> key -> values, e.g. `{ StringEquals: { 'kms:ViaService': ['secretsmanager.us-east-1.amazonaws.com'] } }`. @default - none */
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, pulumi.Input<string> | ReadonlyArray<pulumi.Input<string>>>>>>;
}

/** What {@link createIrsaRole} creates a role for. */
export interface IrsaRoleArgs {
  /** The cluster whose service account assumes the role. */
  readonly cluster: IClusterOidc;
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Name of the service account. */
  readonly serviceAccount: string;
  /** The permissions, as statements. */
  readonly statements: readonly IrsaStatement[];
  /** Tags of the role. @default - none */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** The role's name, so its ARN is known before it exists (e.g. for a key policy's users). @default - auto-named from the resource name */
  readonly roleName?: string;
}

/**
 * The trust policy of a role for one service account: the cluster's OIDC provider may assume it
 * for `system:serviceaccount:<namespace>:<serviceAccount>` with tokens meant for STS only.
 */
export function irsaTrustPolicy(cluster: IClusterOidc, namespace: string, serviceAccount: string): pulumi.Output<string> {
  return pulumi.all([cluster.oidcProviderArn, cluster.oidcIssuer]).apply(([provider, issuer]) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: provider },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
            [`${issuer}:aud`]: 'sts.amazonaws.com',
          },
        },
      }],
    }),
  );
}

/** The role for one service account and its inline policy, children of `parent`. */
export function createIrsaRole(name: string, args: IrsaRoleArgs, parent: pulumi.Resource): { role: iam.Role; policy: iam.RolePolicy } {
  const assumeRolePolicy = irsaTrustPolicy(args.cluster, args.namespace, args.serviceAccount);
  const role = new iam.Role(name, {
    ...(args.roleName === undefined ? {} : { name: args.roleName }),
    assumeRolePolicy,
    description: `IRSA role of service account ${args.namespace}/${args.serviceAccount}`,
    maxSessionDuration: 3600,
    tags: args.tags,
  }, { parent });
  const policy = new iam.RolePolicy(name, {
    role: role.name,
    policy: pulumi.output(args.statements.map((s) => ({ Effect: 'Allow', Action: [...s.actions], Resource: [...s.resources], ...(s.conditions ? { Condition: s.conditions } : {}) })))
      .apply((statements) => JSON.stringify({ Version: '2012-10-17', Statement: statements })),
  }, { parent });
  return { role, policy };
}
