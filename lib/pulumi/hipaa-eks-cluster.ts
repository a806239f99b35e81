/**
 * HipaaEksCluster: an EKS cluster for PHI workloads, built from the @pulumi/aws submodules (not
 * @pulumi/eks, which leaves control-plane logs off, the public endpoint open and Secrets under an
 * AWS-owned key).
 */
import * as cloudwatch from '@pulumi/aws/cloudwatch';
import * as eks from '@pulumi/aws/eks';
import * as iam from '@pulumi/aws/iam';
import { Provider as KubernetesProvider } from '@pulumi/kubernetes/provider';
import * as pulumi from '@pulumi/pulumi';
import { awsManagedPolicyArn, partitionOf } from './aws-arns';
import { componentProblems } from './component-problems';
import { waivedRuleIds, waiverTags } from './component-waivers';
import { DataProtectionArgs, dataResourceOptions } from './data-protection';
import { createNodeGroup, EksNodeGroupOptions, resolveNodeGroups } from './eks-node-group';
import { AUTO_SCALING_SERVICE_LINKED_ROLE } from './hipaa-kms-key';
import { createIrsaRole, IClusterOidc, irsaTrustPolicy } from './irsa-role';
import { KeyInput, keyArnOf } from './key-input';
import { explicitRoleNameProblem, MAX_ROLE_NAME } from './role-name';
import { describe, InputProblems } from '../cdk8s/input-problems';
import type { Waiver } from '../check/waiver';
import { waiverTagKey } from '../check/waiver-tags';
import { ADMIN_ACCESS_POLICIES } from '../rules/aws/eks/eks-cluster-admin-principal';
import { publicAccessCidrProblem } from '../rules/aws/eks/eks-endpoint-private';
import { CLOUDWATCH_RETENTION_DAYS } from '../rules/aws/support/cloudwatch-retention';
import { CONTROL_PLANE_LOG_TYPES, controlPlaneLogGroupName } from '../rules/aws/support/eks';
import { SIX_YEARS_IN_DAYS } from '../rules/aws/support/six-years';
import { parseIamRoleArn, ROLE_ARN_EXAMPLE } from '../rules/k8s/support/aws-identity';
import { parseCidr } from '../rules/k8s/support/cidr';

/**
 * Kubernetes versions accepted for new clusters: those EKS supports (standard or extended) as known
 * to this release. 1.35 (released on EKS 2026-01-28) is in standard support until 2027-03-27; 1.32
 * to 1.34 are in extended support (extra cost per cluster hour). Update with the EKS calendar:
 * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
 */
export const EKS_VERSIONS: readonly string[] = ['1.32', '1.33', '1.34', '1.35', '1.36'];
/** The version a HipaaEksCluster runs unless told otherwise: in standard support until March 2027. */
export const DEFAULT_EKS_VERSION = '1.35';

/** The rule whose waiver lets `publicAccessCidrs` hold a wide block (written as a tag on the cluster). */
export const PUBLIC_ENDPOINT_RULE = 'aws-eks-endpoint-private';
/** The rule whose waiver lets `logRetentionInDays` be below six years (written as a tag on the log group). */
export const LOG_RETENTION_RULE = 'aws-eks-control-plane-log-retention';

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
/** The cluster's IAM roles and what their default names append to the component name. */
const ROLE_SUFFIXES = { cluster: '-cluster', node: '-node', ebsCsi: '-ebs-csi', vpcCni: '-vpc-cni' } as const;
type RoleKey = keyof typeof ROLE_SUFFIXES;
const ACCESS_POLICY = (partition: string, policy: string) => `arn:${partition}:eks::aws:cluster-access-policy/${policy}`;

/**
 * Names of a {@link HipaaEksCluster}'s IAM roles. They are fixed names, not Pulumi auto-names (which
 * end in a random suffix), so a key created before the cluster can name its users
 * ({@link HipaaEksCluster.keyUsers}). IAM role names are unique in an account: two stacks in one
 * account need different component names or different `roleNames`.
 */
export interface HipaaEksClusterRoleNames {
  /** The EKS cluster role (it uses the key for Secrets envelope encryption). @default `<name>-cluster` */
  readonly cluster?: string;
  /** The nodes' role. @default `<name>-node` */
  readonly node?: string;
  /** The EBS CSI controller's IRSA role (it uses the key for encrypted volumes). @default `<name>-ebs-csi` */
  readonly ebsCsi?: string;
  /** The VPC CNI's IRSA role. @default `<name>-vpc-cni` */
  readonly vpcCni?: string;
}

/**
 * The key users a {@link HipaaEksCluster} needs, in the shape of the HipaaKmsKey args of the same
 * names: spread it into them, or concatenate with other components' users.
 */
export interface HipaaEksClusterKeyUsers {
  /** The cluster role and the EBS CSI role: give to HipaaKmsKey `userRoleNames`. */
  readonly userRoleNames: string[];
  /** EC2 Auto Scaling's service-linked role, which launches the nodes with key-encrypted root volumes: give to HipaaKmsKey `serviceLinkedRoleUsers`. */
  readonly serviceLinkedRoleUsers: string[];
}

/** Args of {@link HipaaEksCluster}. */
export interface HipaaEksClusterArgs extends DataProtectionArgs {
  /**
   * Private subnets of the VPC, in at least two Availability Zones (EKS requires two). The control
   * plane's network interfaces and the nodes go there. A plain list is checked at construction.
   */
  readonly subnetIds: pulumi.Input<string>[] | pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The customer-managed key (a HipaaKmsKey, or a key ARN) that envelope-encrypts Secrets, the
   * control-plane log group and the nodes' root volumes, and that the EBS CSI driver may use for
   * EncryptedVolume. Its key policy must let CloudWatch Logs (logs.<region>.amazonaws.com) use it,
   * and the cluster role, the EBS CSI role and EC2 Auto Scaling's service-linked role: create the
   * key with `HipaaEksCluster.keyUsers(name, { roleNames })` as its users (the roles do not exist
   * yet when the key is created).
   */
  readonly key: KeyInput;
  /**
   * Names of the cluster's IAM roles (1 to 64 letters, digits and + = , . @ _ -), fixed so a key
   * can name them before they exist. Give the same value to {@link HipaaEksCluster.keyUsers}.
   * @default `<name>-cluster`, `<name>-node`, `<name>-ebs-csi`, `<name>-vpc-cni`
   */
  readonly roleNames?: HipaaEksClusterRoleNames;
  /** Name of the EKS cluster (1 to 100 letters, digits, '-' and '_'). @default - the component's name */
  readonly clusterName?: string;
  /** Kubernetes version, one of {@link EKS_VERSIONS}. @default '1.35' */
  readonly version?: string;
  /**
   * CIDR blocks that may reach the public API endpoint. Unset: the endpoint is private only (reach
   * it from the VPC, a VPN or a bastion). Blocks wider than IPv4 /16 or IPv6 /48 (0.0.0.0/0 above
   * all) are refused unless `waivers` waives aws-eks-endpoint-private.
   * @default - no public endpoint
   */
  readonly publicAccessCidrs?: string[];
  /**
   * Days CloudWatch Logs keeps the control-plane logs: a value CloudWatch accepts, 2192 (six years)
   * or more, or 0 (never expire). Below six years needs a waiver of aws-eks-control-plane-log-retention.
   * @default 2192
   */
  readonly logRetentionInDays?: number;
  /** Managed node groups by name (lower-case letters, digits, '-'). @default { default: {} } (2 to 4 m6i.large nodes) */
  readonly nodeGroups?: Record<string, EksNodeGroupOptions>;
  /**
   * ARNs of IAM roles that get AmazonEKSClusterAdminPolicy on the whole cluster (access entries).
   * The cluster gives its creator no implicit admin: with none here, nobody (Pulumi included) can
   * use the Kubernetes API until an access entry is added.
   * @default []
   */
  readonly adminRoleArns?: string[];
  /**
   * ARNs of IAM roles that get AmazonEKSViewPolicy on the whole cluster: read access to workloads,
   * configuration and RBAC, but not to Secrets (AmazonEKSAdminViewPolicy would include them).
   * @default []
   */
  readonly auditorRoleArns?: string[];
  /**
   * Role the `provider` assumes (`aws eks get-token --role-arn`) to deploy charts; one of
   * `adminRoleArns`. Unset: the credentials Pulumi runs with, which then must be an admin role.
   * @default - Pulumi's own credentials
   */
  readonly deployerRoleArn?: string;
  /**
   * Accepted risks, written as tags on the resource they concern: aws-eks-endpoint-private (on the
   * cluster, for wide `publicAccessCidrs`) and aws-eks-control-plane-log-retention (on the log group).
   * @default - none
   */
  readonly waivers?: readonly Waiver[];
  /** Tags of every resource created. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An EKS cluster for PHI workloads: Secrets envelope-encrypted with a customer-managed key; the
 * API endpoint private (or public only to narrow CIDR blocks); all five control-plane log types in
 * a log group created first, under the key, kept six years; access entries only (no aws-auth, no
 * implicit admin for the creator); an IAM OIDC provider for IRSA; managed node groups on launch
 * templates with IMDSv2 (hop limit 1), key-encrypted gp3 root volumes and no SSH; the VPC CNI and
 * EBS CSI driver add-ons with their own IRSA roles (the node role has no CNI permissions); and a
 * Kubernetes provider for HipaaChart.
 */
export class HipaaEksCluster extends pulumi.ComponentResource implements IClusterOidc {
  /**
   * The users a key must admit before this cluster (component `name`, the same `roleNames`) can
   * use it: the cluster role and the EBS CSI role by name, and EC2 Auto Scaling's service-linked
   * role. Give them to the HipaaKmsKey the cluster takes:
   * `new HipaaKmsKey('eks', { administrators, ...HipaaEksCluster.keyUsers('prod') })`.
   * Refuses role names IAM would refuse, as the constructor does.
   */
  public static keyUsers(name: string, args?: Pick<HipaaEksClusterArgs, 'roleNames'>): HipaaEksClusterKeyUsers {
    const problems = componentProblems('HipaaEksCluster', name);
    const names = resolveRoleNames(name, args?.roleNames, problems);
    problems.throwIfAny();
    return { userRoleNames: [names.cluster, names.ebsCsi], serviceLinkedRoleUsers: [AUTO_SCALING_SERVICE_LINKED_ROLE] };
  }

  /** The EKS cluster. */
  public readonly cluster: eks.Cluster;
  /** Name of the EKS cluster. */
  public readonly clusterName: pulumi.Output<string>;
  /** The API server endpoint (https://...). */
  public readonly endpoint: pulumi.Output<string>;
  /** ARN of the cluster's IAM OIDC provider (for IRSA trust policies). */
  public readonly oidcProviderArn: pulumi.Output<string>;
  /** The cluster's OIDC issuer without `https://`. */
  public readonly oidcIssuer: pulumi.Output<string>;
  /** ARN of the key that encrypts Secrets, logs and node volumes. */
  public readonly keyArn: pulumi.Output<string>;
  /** ARN of the key the EBS CSI driver's role may use: pass it to EncryptedVolume (`EncryptedVolumeProvider.awsEbs({ kmsKeyId })`). */
  public readonly ebsCsiKeyArn: pulumi.Output<string>;
  /** ARN of the EBS CSI controller's IRSA role. */
  public readonly ebsCsiRoleArn: pulumi.Output<string>;
  /** ARN of the nodes' IAM role. */
  public readonly nodeRoleArn: pulumi.Output<string>;
  /** Name of the control-plane log group. */
  public readonly logGroupName: pulumi.Output<string>;
  /** The control-plane log group. */
  public readonly logGroup: cloudwatch.LogGroup;
  /** The managed node groups, by name. */
  public readonly nodeGroups: Record<string, eks.NodeGroup>;
  /** A kubeconfig that authenticates with `aws eks get-token` (secret). */
  public readonly kubeconfig: pulumi.Output<string>;
  /** Kubernetes provider for the cluster: give it to HipaaChart (or any Kubernetes resource). */
  public readonly provider: KubernetesProvider;
  /** Names of the cluster's IAM roles (as given in `roleNames`, or the defaults). */
  public readonly roleNames: Required<HipaaEksClusterRoleNames>;

  constructor(name: string, args: HipaaEksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hipaa-constructs:aws:EksCluster', name, {}, opts);
    const problems = componentProblems('HipaaEksCluster', name);
    if (args === null || typeof args !== 'object') {
      problems.add('args', `expected an object with subnetIds and key, got ${describe(args)}.`);
      problems.throwIfAny();
    }
    const roleNames = resolveRoleNames(name, args.roleNames, problems);
    const clusterName = args.clusterName ?? name;
    if (typeof clusterName !== 'string' || !CLUSTER_NAME.test(clusterName)) {
      problems.add('clusterName', `${describe(clusterName)} is not an EKS cluster name: 1 to 100 letters, digits, '-' and '_', starting with a letter or digit.`);
    }
    checkSubnets(args.subnetIds, problems);
    keyUserProblems(args.key, roleNames, problems);
    const keyArn = keyArnOf(args.key, 'key', problems, (v) => pulumi.output(v), 'aws-eks-secrets-encryption');
    const version = args.version ?? DEFAULT_EKS_VERSION;
    if (!EKS_VERSIONS.includes(version)) {
      problems.add('version', `${describe(version)} is not a Kubernetes version EKS offers; use one of ${EKS_VERSIONS.join(', ')} (default ${DEFAULT_EKS_VERSION}).`);
    }
    const waived = waivedRuleIds(args.waivers);
    const tags = waiverTags(args.waivers, 'waivers', problems);
    (Array.isArray(args.waivers) ? args.waivers : []).forEach((w, i) => {
      if (w && typeof w.ruleId === 'string' && w.ruleId !== PUBLIC_ENDPOINT_RULE && w.ruleId !== LOG_RETENTION_RULE) {
        problems.add(`waivers[${i}]`, `waives '${w.ruleId}', but HipaaEksCluster writes nothing that rule flags; it takes waivers of ${PUBLIC_ENDPOINT_RULE} (publicAccessCidrs) and ${LOG_RETENTION_RULE} (logRetentionInDays) only.`);
      }
    });
    const publicAccessCidrs = checkPublicCidrs(args.publicAccessCidrs, waived.has(PUBLIC_ENDPOINT_RULE), problems);
    const retention = checkRetention(args.logRetentionInDays, waived.has(LOG_RETENTION_RULE), problems);
    const groups = resolveNodeGroups(args.nodeGroups, 'nodeGroups', Math.max(1, 54 - name.length), problems);
    const admins = checkRoleArns(args.adminRoleArns, 'adminRoleArns', problems);
    const auditors = checkRoleArns(args.auditorRoleArns, 'auditorRoleArns', problems);
    auditors.forEach((arn, i) => {
      if (admins.includes(arn)) problems.add(`auditorRoleArns[${i}]`, `'${arn}' is also in adminRoleArns; a principal has one access entry, give it one role (aws-eks-cluster-admin-principal).`);
    });
    if (args.deployerRoleArn !== undefined && !admins.includes(args.deployerRoleArn)) {
      problems.add('deployerRoleArn', `${typeof args.deployerRoleArn === 'string' ? `'${args.deployerRoleArn}'` : describe(args.deployerRoleArn)} is not in adminRoleArns; the role that deploys charts needs an admin access entry (add it to adminRoleArns).`);
    }
    if (args.tags !== undefined && problems.object(args.tags, 'tags')) {
      for (const [k, v] of Object.entries(args.tags)) if (typeof v !== 'string') problems.add(`tags.${k}`, `expected a string, got ${describe(v)}.`);
    }
    problems.throwIfAny();

    const userTags = args.tags ?? {};
    const pick = (ruleId: string) => (tags[waiverTagKey(ruleId)] ? { [waiverTagKey(ruleId)]: tags[waiverTagKey(ruleId)] } : {});
    const child = { parent: this };

    // Control-plane log group first: EKS would otherwise create it without a key and with no expiry.
    this.logGroup = new cloudwatch.LogGroup(`${name}-control-plane`, {
      name: controlPlaneLogGroupName(clusterName),
      retentionInDays: retention,
      kmsKeyId: keyArn,
      tags: { ...userTags, ...pick(LOG_RETENTION_RULE) },
    }, dataResourceOptions(args, child));

    this.roleNames = roleNames;
    const clusterRole = new iam.Role(`${name}-cluster`, {
      name: roleNames.cluster,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
      }),
      description: `EKS cluster role of ${clusterName}`,
      tags: userTags,
    }, child);
    const partition = partitionOf(keyArn);
    const clusterPolicy = new iam.RolePolicyAttachment(`${name}-cluster`, {
      role: clusterRole.name,
      policyArn: partition.apply((p) => awsManagedPolicyArn(p, 'AmazonEKSClusterPolicy')),
    }, child);
    // The control plane encrypts and decrypts Secrets' data keys with the key (envelope encryption).
    const clusterKeyPolicy = new iam.RolePolicy(`${name}-cluster-key`, {
      role: clusterRole.name,
      policy: keyArn.apply((arn) => JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], Resource: [arn] }],
      })),
    }, child);

    this.cluster = new eks.Cluster(`${name}-cluster`, {
      name: clusterName,
      version,
      roleArn: clusterRole.arn,
      vpcConfig: {
        subnetIds: args.subnetIds as pulumi.Input<pulumi.Input<string>[]>,
        endpointPrivateAccess: true,
        endpointPublicAccess: publicAccessCidrs !== undefined,
        ...(publicAccessCidrs !== undefined ? { publicAccessCidrs } : {}),
      },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn } },
      enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      // vpc-cni, kube-proxy and coredns come as managed add-ons below (vpc-cni with its own IRSA role).
      bootstrapSelfManagedAddons: false,
      tags: { ...userTags, ...pick(PUBLIC_ENDPOINT_RULE) },
    }, dataResourceOptions(args, { ...child, dependsOn: [this.logGroup, clusterPolicy, clusterKeyPolicy] }));

    this.clusterName = this.cluster.name;
    this.endpoint = this.cluster.endpoint;
    this.keyArn = keyArn;
    this.ebsCsiKeyArn = keyArn;
    this.logGroupName = this.logGroup.name;
    const issuerUrl = this.cluster.identities.apply((ids) => ids?.[0]?.oidcs?.[0]?.issuer ?? '');
    // IAM validates EKS issuers' TLS against its trusted root CAs; no thumbprint is needed (or used).
    const oidc = new iam.OpenIdConnectProvider(`${name}-oidc`, {
      url: issuerUrl,
      clientIdLists: ['sts.amazonaws.com'],
      tags: userTags,
    }, child);
    this.oidcProviderArn = oidc.arn;
    this.oidcIssuer = issuerUrl.apply((u) => u.replace(/^https:\/\//, ''));

    // VPC CNI: its own IRSA role with AmazonEKS_CNI_Policy, so the node role (and every pod that
    // could reach it) has no ENI permissions.
    const cniRole = new iam.Role(`${name}-vpc-cni`, {
      name: roleNames.vpcCni,
      assumeRolePolicy: irsaTrustPolicy(this, 'kube-system', 'aws-node'),
      description: 'IRSA role of service account kube-system/aws-node (VPC CNI)',
      maxSessionDuration: 3600,
      tags: userTags,
    }, child);
    const cniPolicy = new iam.RolePolicyAttachment(`${name}-vpc-cni`, {
      role: cniRole.name,
      policyArn: partition.apply((p) => awsManagedPolicyArn(p, 'AmazonEKS_CNI_Policy')),
    }, child);
    const addon = (addonName: string, extra: Partial<eks.AddonArgs>, dependsOn: pulumi.Resource[]) =>
      new eks.Addon(`${name}-${addonName}`, {
        clusterName: this.cluster.name,
        addonName,
        resolveConflictsOnCreate: 'OVERWRITE',
        resolveConflictsOnUpdate: 'PRESERVE',
        tags: userTags,
        ...extra,
      }, { ...child, dependsOn });
    const vpcCni = addon('vpc-cni', { serviceAccountRoleArn: cniRole.arn }, [cniPolicy]);
    const kubeProxy = addon('kube-proxy', {}, []);

    const nodeRole = new iam.Role(`${name}-node`, {
      name: roleNames.node,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
      description: `Nodes of EKS cluster ${clusterName}`,
      tags: userTags,
    }, child);
    const nodePolicies = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryPullOnly'].map((policy) =>
      new iam.RolePolicyAttachment(`${name}-node-${policy === 'AmazonEKSWorkerNodePolicy' ? 'worker' : 'ecr'}`, {
        role: nodeRole.name,
        policyArn: partition.apply((p) => awsManagedPolicyArn(p, policy)),
      }, child));
    this.nodeRoleArn = nodeRole.arn;

    this.nodeGroups = {};
    const nodeGroupList: eks.NodeGroup[] = [];
    for (const group of groups) {
      const { nodeGroup } = createNodeGroup(`${name}-${group.key}`, group, {
        clusterName: this.cluster.name,
        nodeRoleArn: nodeRole.arn,
        subnetIds: args.subnetIds as pulumi.Input<pulumi.Input<string>[]>,
        keyArn,
        tags: userTags,
      }, { ...child, dependsOn: [vpcCni, kubeProxy, ...nodePolicies] });
      this.nodeGroups[group.key] = nodeGroup;
      nodeGroupList.push(nodeGroup);
    }
    addon('coredns', {}, nodeGroupList);

    // EBS CSI driver: IRSA role with the AWS managed policy plus use of the key for encrypted
    // volumes, on this key only (https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html).
    const ebsCsi = createIrsaRole(`${name}-ebs-csi`, {
      cluster: this,
      namespace: 'kube-system',
      serviceAccount: 'ebs-csi-controller-sa',
      roleName: roleNames.ebsCsi,
      statements: [
        { actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'], resources: [keyArn], conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } },
        { actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'], resources: [keyArn] },
      ],
      tags: userTags,
    }, this);
    const ebsCsiPolicy = new iam.RolePolicyAttachment(`${name}-ebs-csi`, {
      role: ebsCsi.role.name,
      policyArn: partition.apply((p) => awsManagedPolicyArn(p, 'service-role/AmazonEBSCSIDriverPolicy')),
    }, child);
    addon('aws-ebs-csi-driver', { serviceAccountRoleArn: ebsCsi.role.arn }, [...nodeGroupList, ebsCsiPolicy, ebsCsi.policy]);
    this.ebsCsiRoleArn = ebsCsi.role.arn;

    const associations: pulumi.Resource[] = [];
    const grant = (kind: 'admin' | 'auditor', arns: string[], policy: string) => arns.forEach((principalArn, i) => {
      const entry = new eks.AccessEntry(`${name}-${kind}-${i}`, { clusterName: this.cluster.name, principalArn, type: 'STANDARD', tags: userTags }, child);
      associations.push(new eks.AccessPolicyAssociation(`${name}-${kind}-${i}`, {
        clusterName: this.cluster.name,
        principalArn,
        policyArn: partition.apply((p) => ACCESS_POLICY(p, policy)),
        accessScope: { type: 'cluster' },
      }, { ...child, dependsOn: [entry] }));
    });
    grant('admin', admins, ADMIN_ACCESS_POLICIES[0]);
    grant('auditor', auditors, 'AmazonEKSViewPolicy');

    this.kubeconfig = pulumi.secret(pulumi.all([this.cluster.name, this.cluster.endpoint, this.cluster.certificateAuthority, this.cluster.arn])
      .apply(([cluster, server, ca, arn]) => kubeconfigFor(cluster, server, ca?.data ?? '', arn.split(':')[3] ?? '', args.deployerRoleArn)));
    this.provider = new KubernetesProvider(`${name}-k8s`, { kubeconfig: this.kubeconfig, enableServerSideApply: true }, { ...child, dependsOn: associations });

    this.registerOutputs({
      clusterName: this.clusterName,
      endpoint: this.endpoint,
      oidcProviderArn: this.oidcProviderArn,
      oidcIssuer: this.oidcIssuer,
      keyArn: this.keyArn,
      ebsCsiRoleArn: this.ebsCsiRoleArn,
      nodeRoleArn: this.nodeRoleArn,
      logGroupName: this.logGroupName,
    });
  }
}

/** A kubeconfig for one cluster whose user runs `aws eks get-token` (optionally assuming `roleArn`). */
export function kubeconfigFor(cluster: string, server: string, caData: string, region: string, roleArn?: string): string {
  return JSON.stringify({
    'apiVersion': 'v1',
    'kind': 'Config',
    'clusters': [{ name: cluster, cluster: { 'server': server, 'certificate-authority-data': caData } }],
    'contexts': [{ name: cluster, context: { cluster, user: cluster } }],
    'current-context': cluster,
    'users': [{
      name: cluster,
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: 'aws',
          args: ['eks', 'get-token', '--cluster-name', cluster, '--region', region, '--output', 'json', ...(roleArn ? ['--role-arn', roleArn] : [])],
          interactiveMode: 'Never',
        },
      },
    }],
  });
}

/**
 * The cluster's role names: those given, else `<name>-<role>`; each checked against IAM's rules
 * (a default too long for IAM is refused with the fix), and no name used twice.
 */
function resolveRoleNames(name: string, given: unknown, problems: InputProblems): Required<HipaaEksClusterRoleNames> {
  const out = {} as Record<RoleKey, string>;
  const g = (given !== undefined && problems.object(given, 'roleNames') ? given : {}) as Record<string, unknown>;
  for (const key of Object.keys(g)) {
    if (!(key in ROLE_SUFFIXES)) problems.add(`roleNames.${key}`, `is not a role of the cluster; name ${Object.keys(ROLE_SUFFIXES).join(', ')}.`);
  }
  const seen = new Map<string, RoleKey>();
  for (const key of Object.keys(ROLE_SUFFIXES) as RoleKey[]) {
    const field = `roleNames.${key}`;
    const value = g[key];
    if (value !== undefined) {
      const before = problems.count;
      explicitRoleNameProblem(value, field, problems);
      if (problems.count > before) continue;
      out[key] = value as string;
    } else {
      out[key] = `${name}${ROLE_SUFFIXES[key]}`;
      if (out[key].length > MAX_ROLE_NAME) {
        problems.add(field, `the default '${out[key]}' is ${out[key].length} characters; IAM allows ${MAX_ROLE_NAME}: set ${field}, or use a component name of at most ${MAX_ROLE_NAME - ROLE_SUFFIXES[key].length} characters.`);
        continue;
      }
    }
    const other = seen.get(out[key]);
    if (other !== undefined) problems.add(field, `'${out[key]}' is also roleNames.${other}; each role needs its own name.`);
    else seen.set(out[key], key);
  }
  return out;
}

/**
 * A HipaaKmsKey that names users by role name (`userRoleNames`) must name this cluster's cluster
 * and EBS CSI roles: otherwise EKS cannot encrypt Secrets and volumes fail to attach, found only
 * when the stack runs. Keys given as ARNs, or naming their users otherwise, are not judged.
 */
function keyUserProblems(key: unknown, roleNames: Required<HipaaEksClusterRoleNames>, problems: InputProblems): void {
  const named = (key as { userRoleNames?: unknown } | undefined)?.userRoleNames;
  if (!Array.isArray(named) || named.length === 0) return;
  const missing = [roleNames.cluster, roleNames.ebsCsi].filter((r) => r && !named.includes(r));
  if (missing.length === 0) return;
  problems.add('key', `its userRoleNames (${named.map((n) => `'${n}'`).join(', ')}) do not include this cluster's ${missing.map((n) => `'${n}'`).join(' and ')}, ` +
    'which must use the key (Secrets envelope encryption, encrypted volumes): create the key with ...HipaaEksCluster.keyUsers(name, { roleNames }), the same name and roleNames as the cluster.');
}

function checkSubnets(value: unknown, problems: InputProblems): void {
  if (value === undefined || value === null) {
    problems.add('subnetIds', 'is missing; give at least two private subnets in different Availability Zones (EKS requires two).');
    return;
  }
  if (!Array.isArray(value)) {
    if (typeof value === 'object' && ('apply' in (value as object) || typeof (value as { then?: unknown }).then === 'function')) return; // an Output or Promise: known only later
    problems.add('subnetIds', `expected a list of subnet ids, got ${describe(value)}.`);
    return;
  }
  if (value.length === 0) {
    problems.add('subnetIds', 'is empty; give at least two private subnets in different Availability Zones (EKS requires two).');
    return;
  }
  if (value.length === 1) problems.add('subnetIds', 'has one subnet; EKS requires subnets in at least two Availability Zones: give two or more private subnets.');
  const seen = new Set<string>();
  value.forEach((s, i) => {
    if (typeof s !== 'string') return; // an Output
    if (!SUBNET_ID.test(s)) problems.add(`subnetIds[${i}]`, `'${s}' is not a subnet id (expected subnet- and 8 or 17 hex digits, e.g. subnet-0123456789abcdef0).`);
    else if (seen.has(s)) problems.add(`subnetIds[${i}]`, `'${s}' is given twice.`);
    seen.add(s);
  });
}

function checkPublicCidrs(value: unknown, waived: boolean, problems: InputProblems): string[] | undefined {
  if (value === undefined) return undefined;
  if (!problems.list(value, 'publicAccessCidrs')) return undefined;
  if (value.length === 0) {
    problems.add('publicAccessCidrs', 'is empty; leave it unset for a private endpoint, or give the CIDR blocks that may reach the public one.');
    return undefined;
  }
  value.forEach((c, i) => {
    const problem = publicAccessCidrProblem(c);
    if (!problem) return;
    if (parseCidr(c) === undefined) {problems.add(`publicAccessCidrs[${i}]`, `${problem}.`);} else if (!waived) {
      problems.add(`publicAccessCidrs[${i}]`, `${problem}: the Kubernetes API of a PHI cluster must not be open that wide; give narrow ranges, ` +
        `leave publicAccessCidrs unset for a private endpoint, or waive ${PUBLIC_ENDPOINT_RULE} in waivers with a reason and expires (${PUBLIC_ENDPOINT_RULE}).`);
    }
  });
  return value as string[];
}

function checkRetention(value: unknown, waived: boolean, problems: InputProblems): number {
  if (value === undefined) return SIX_YEARS_IN_DAYS;
  if (typeof value !== 'number' || (value !== 0 && !CLOUDWATCH_RETENTION_DAYS.includes(value))) {
    problems.add('logRetentionInDays', `${describe(value)} is not a retention CloudWatch Logs accepts; use ${SIX_YEARS_IN_DAYS} (six years), 2557, 2922, 3288, 3653 or 0 (never expire).`);
    return SIX_YEARS_IN_DAYS;
  }
  if (value !== 0 && value < SIX_YEARS_IN_DAYS && !waived) {
    problems.add('logRetentionInDays', `is ${value} days, less than six years (${SIX_YEARS_IN_DAYS}): the control-plane audit trail must be kept six years; ` +
      `use ${SIX_YEARS_IN_DAYS} or more, or waive ${LOG_RETENTION_RULE} in waivers with a reason and expires (${LOG_RETENTION_RULE}).`);
  }
  return value;
}

function checkRoleArns(value: unknown, field: string, problems: InputProblems): string[] {
  if (!problems.list(value, field)) return [];
  const out: string[] = [];
  (value as unknown[]).forEach((arn, i) => {
    const parsed = parseIamRoleArn(arn);
    if (parsed.problem !== undefined) {
      problems.add(`${field}[${i}]`, `${parsed.problem}. Give the ARN of an IAM role, e.g. ${ROLE_ARN_EXAMPLE} (aws-eks-cluster-admin-principal).`);
    } else if (out.includes(arn as string)) {
      problems.add(`${field}[${i}]`, `'${arn}' is given twice.`);
    } else {
      out.push(arn as string);
    }
  });
  return out;
}
