/**
 * HipaaDockerHost: an Amazon Linux 2023 EC2 host (one instance, or an Auto Scaling group) that runs
 * Docker for PHI workloads, hardened at every layer the host owns:
 *
 * - **Disk**: the gp3 root volume is encrypted with the customer-managed key (`key`): EBS encrypts
 *   the volume, its snapshots and the data moving between the instance and the volume, which is the
 *   full-disk encryption of the host (/var/lib/docker with every image, container layer and volume
 *   lives on it). The volume is kept when its instance terminates (`deleteRootVolumeOnTermination`
 *   false, DESIGN principle 5: what may hold PHI is not lost by default); set it to true for hosts
 *   that keep no data, or scale-ins and replacements leave (encrypted, billed) volumes behind.
 * - **Key**: EBS uses the key on behalf of whoever launches the instance. An Auto Scaling group
 *   launches through EC2 Auto Scaling's service-linked role, which only a key policy can admit:
 *   create the HipaaKmsKey with `...HipaaDockerHost.keyUsers(name, { capacity })` (its
 *   `serviceLinkedRoleUsers`). A single `instance` is launched by the credentials Pulumi runs with,
 *   which then must be a user of the key (its `users`): a HipaaKmsKey administrator cannot use it,
 *   so the default is an Auto Scaling group of one. The key must also let CloudWatch Logs use it for
 *   the host's two log groups (`servicePrincipals.cloudWatchLogGroupArns`, e.g.
 *   `arn:aws:logs:<region>:<account>:log-group:/hipaa-constructs/<name>/*`, see
 *   {@link HipaaDockerHost.logGroupNames}).
 * - **Metadata**: IMDSv2 only, PUT response hop limit 1. Containers on Docker's bridge networks are one
 *   hop behind the host, so the token response never reaches them: no container can take the
 *   instance role's credentials (only `network_mode: host` would, which the Compose rules refuse).
 * - **Access**: no SSH key pair and no port 22; people reach the host through SSM Session Manager
 *   (IAM-authenticated, logged). The role has the SSM agent's actions of AmazonSSMManagedInstanceCore
 *   except ssm:GetParameter(s) on every parameter, and may write only into its own two log groups.
 * - **Network**: private subnets only, no public IP (set explicitly false, whatever the subnet's
 *   default); a security group whose ingress is only the `ingress` given (never 0.0.0.0/0 or ::/0,
 *   never 22, never the Docker API ports 2375/2376) and whose egress is HTTPS to the `egress`
 *   destinations only: the VPC interface endpoints of ssm, ssmmessages, ec2messages, logs, ecr.api
 *   and ecr.dkr (their security group or CIDR) and the S3 gateway endpoint's prefix list (ECR image
 *   layers and the Amazon Linux package repositories are in S3), or a proxy. DNS (the VPC resolver),
 *   the instance metadata service and the Amazon Time Sync Service (169.254.169.123) are link-local
 *   services that security groups do not filter.
 * - **User data** (see docker-host-user-data.ts): installs Docker, writes the hardened daemon.json of
 *   hardenedDaemonConfig (userns-remap, no-new-privileges, icc off, live-restore, awslogs...) with the
 *   userns-remap user prepared, auditd rules for Docker's files and binaries, chrony on the Amazon
 *   Time Sync Service, the CloudWatch agent shipping the journal, secure log, cloud-init output and
 *   audit log, and DOCKER_CONTENT_TRUST=1 for every shell (the docker CLI then pulls and runs only
 *   signed tags or references by digest; registries without Docker Content Trust signatures, such as
 *   ECR, are used by digest, as the Dockerfile and Compose rules require anyway).
 * - **Logs**: two log groups under the key, kept six years, protected and retained on delete: the
 *   host's (`/hipaa-constructs/<name>/host`: journal with the daemon's logs, audit log, logins) and the
 *   containers' (`/hipaa-constructs/<name>/containers`, through the daemon's awslogs driver). Two, so
 *   that access to application output (which may carry PHI) and to host evidence is granted apart.
 *
 * **Authorization plugin (CIS 2.12)**. Without one, anyone who reaches the Docker socket (root, or an
 * SSM session that becomes root) may start a privileged container and own the host. Give
 * `authorizationPlugin.image`, the OPA plugin (`openpolicyagent/opa-docker-authz-v2`) pinned by a
 * digest you have verified, and the host installs it with a policy that denies privileged and
 * host-namespace containers, Docker socket and host system mounts, unconfined profiles and
 * root-equivalent capabilities. The component does not pick the digest for you: a plugin runs as
 * root inside the daemon's request path, so which build runs there is a decision for your
 * change process, and a digest this library shipped would go stale. The plugin fails closed: while
 * it is down the daemon refuses API calls; recover through SSM by removing authorization-plugins from
 * daemon.json and restarting Docker (an audited change, see the auditd rules). Without the plugin, the
 * component refuses to build unless `daemonWaivers` waives docker-daemon-authorization-plugin with
 * a reason and expiry; the waiver is written as a tag (`hipaa-constructs.io/docker-waiver/<rule>`) on
 * the launch template and instances, where auditors see it.
 */
import * as autoscaling from '@pulumi/aws/autoscaling';
import * as cloudwatch from '@pulumi/aws/cloudwatch';
import * as ec2 from '@pulumi/aws/ec2';
import { getRegionOutput } from '@pulumi/aws/getRegion';
import * as iam from '@pulumi/aws/iam';
import * as pulumi from '@pulumi/pulumi';
import { componentProblems } from './component-problems';
import { waivedRuleIds, waiverTags } from './component-waivers';
import { DataProtectionArgs, dataResourceOptions } from './data-protection';
import { dockerHostUserData } from './docker-host-user-data';
import { AUTO_SCALING_SERVICE_LINKED_ROLE } from './hipaa-kms-key';
import { KeyInput, keyArnOf } from './key-input';
import { roleNameProblem } from './role-name';
import { describe, InputProblems } from '../cdk8s/input-problems';
import { Waiver, waiverProblems } from '../check/waiver';
import { waiverTagValue } from '../check/waiver-tags';
import { hardenedDaemonConfig } from '../docker/daemon-config';
import { CLOUDWATCH_RETENTION_DAYS } from '../rules/aws/support/cloudwatch-retention';
import { SIX_YEARS_IN_DAYS } from '../rules/aws/support/six-years';
import { parseCidr } from '../rules/k8s/support/cidr';
import { parseImageReference, hasSha256Digest } from '../rules/k8s/workload/image-reference';

/** The daemon rule a host without an authorization plugin needs a waiver of. */
export const DOCKER_AUTHZ_RULE = 'docker-daemon-authorization-plugin';
/** The AWS rule whose waiver lets `logRetentionInDays` be below six years (written as a tag on both log groups). */
export const DOCKER_HOST_LOG_RETENTION_RULE = 'aws-log-group-retention';
/** Prefix of the tags that carry waivers of Docker daemon rules (the AWS pack reads only `hipaa-constructs.io/waiver/`). */
export const DOCKER_WAIVER_TAG_PREFIX = 'hipaa-constructs.io/docker-waiver/';
/** The name the authorization plugin is installed under and daemon.json names. */
export const DOCKER_AUTHZ_PLUGIN_ALIAS = 'opa-docker-authz';
/** The root device of the Amazon Linux 2023 AMIs. */
export const AL2023_ROOT_DEVICE = '/dev/xvda';

const OPEN_INGRESS_RULE = 'aws-ec2-security-group-open-ingress';
const EBS_RULE = 'aws-ec2-launch-template-ebs-encryption';
const NAME = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/;
const VPC_ID = /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SECURITY_GROUP_ID = /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/;
const PREFIX_LIST_ID = /^pl-[0-9a-f]{8}([0-9a-f]{9})?$/;
const AMI_ID = /^ami-[0-9a-f]{8}([0-9a-f]{9})?$/;
const SSM_IMAGE = /^resolve:ssm:\/?[\w./-]+$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\d[a-z0-9-]*\.[a-z0-9-]+$/;
const DEVICE_NAME = /^\/dev\/(sd|xvd)[a-z]$/;
/** A plugin reference as the user data may quote it: registry, path, tag and digest characters only. */
const PLUGIN_REFERENCE = /^[a-z0-9][a-z0-9._/:-]*(@sha256:[0-9a-f]+)?$/;
/** Graviton families (m7g, c6gn, t4g, r8gd...): the arm64 AMI. */
const GRAVITON = /^[a-z]+\d+g[a-z]*\./;
/** Most instances an Auto Scaling group of this component runs. */
export const MAX_DOCKER_HOSTS = 100;
/** Ports an ingress rule may never open: SSH (the host has no key; use SSM) and the Docker Engine API. */
const FORBIDDEN_PORTS: ReadonlyArray<readonly [number, string]> = [
  [22, 'SSH: the host has no key pair and no SSH access; reach it through SSM Session Manager'],
  [2375, 'the Docker Engine API without TLS: the daemon listens on its Unix socket only'],
  [2376, 'the Docker Engine API: the daemon listens on its Unix socket only; run docker commands through SSM'],
];

/** The AL2023 AMI for an architecture, resolved by EC2 at each launch from the public SSM parameter. */
export function al2023ImageId(architecture: 'x86_64' | 'arm64'): string {
  return `resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${architecture}`;
}

/** One ingress rule of the host's security group: a port (range) from CIDR blocks and/or security groups. */
export interface HipaaDockerHostIngress {
  /** The port (or first port of the range) the host's containers publish, 1 to 65535. */
  readonly port: number;
  /** Last port of the range. @default - `port` only */
  readonly toPort?: number;
  /** `tcp` or `udp`. @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp';
  /** IPv4 or IPv6 CIDR blocks that may connect (never 0.0.0.0/0 or ::/0). @default - none */
  readonly cidrBlocks?: string[];
  /** Security groups whose members may connect (e.g. the load balancer's). @default - none */
  readonly securityGroupIds?: Array<pulumi.Input<string>>;
  /** What the rule is for. @default `port <port>` */
  readonly description?: string;
}

/** Where the host may connect to, over HTTPS (443/tcp) only. At least one destination. */
export interface HipaaDockerHostEgress {
  /** CIDR blocks (e.g. the VPC endpoints' subnets, or a proxy); never 0.0.0.0/0 or ::/0. @default - none */
  readonly cidrBlocks?: string[];
  /** Security groups, e.g. the one of the VPC interface endpoints (ssm, ssmmessages, ec2messages, logs, ecr.api, ecr.dkr). @default - none */
  readonly securityGroupIds?: Array<pulumi.Input<string>>;
  /** Managed prefix lists, e.g. the S3 gateway endpoint's (`pl-...`: ECR layers and the Amazon Linux repositories). @default - none */
  readonly prefixListIds?: Array<pulumi.Input<string>>;
}

/** One instance, launched by Pulumi (whose credentials must then be a user of the key). */
export interface HipaaDockerHostSingleInstance {
  /** Always true. */
  readonly instance: true;
}

/** An Auto Scaling group (launched by EC2 Auto Scaling's service-linked role, which the key policy must admit). */
export interface HipaaDockerHostGroupCapacity {
  /** Fewest instances (0 to 100). */
  readonly min: number;
  /** Most instances (1 to 100, at least `min`). */
  readonly max: number;
  /** Instances to run (between min and max). @default - min */
  readonly desired?: number;
}

/** How many hosts run, and who launches them. */
export type HipaaDockerHostCapacity = HipaaDockerHostSingleInstance | HipaaDockerHostGroupCapacity;

/** The OPA authorization plugin the host installs (CIS 2.12). */
export interface HipaaDockerHostAuthorizationPlugin {
  /**
   * The plugin, pinned by a sha256 digest you have verified, e.g.
   * `openpolicyagent/opa-docker-authz-v2:0.10@sha256:<64 hex digits>`. It is installed as
   * `opa-docker-authz` with the policy of DOCKER_AUTHZ_POLICY.
   */
  readonly image: string;
}

/** Args of {@link HipaaDockerHost}. */
export interface HipaaDockerHostArgs extends DataProtectionArgs {
  /** The VPC of the subnets (`vpc-...`): the security group is created in it. */
  readonly vpcId: pulumi.Input<string>;
  /**
   * Private subnets the host runs in (`subnet-...`): one for `capacity: { instance: true }`, one or
   * more (in several Availability Zones) for a group. No public IP is ever associated.
   */
  readonly subnetIds: pulumi.Input<string>[] | pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The customer-managed key (a HipaaKmsKey or a key ARN) that encrypts the root volumes and both log
   * groups. Its key policy must admit EC2 Auto Scaling's service-linked role for a group
   * (`HipaaDockerHost.keyUsers`), Pulumi's credentials for a single instance, and CloudWatch Logs for
   * the log groups (`servicePrincipals.cloudWatchLogGroupArns`).
   */
  readonly key: KeyInput;
  /** Where the host may connect over HTTPS: VPC endpoints, the S3 prefix list, a proxy. */
  readonly egress: HipaaDockerHostEgress;
  /** Who may reach which published ports. @default [] (nothing reaches the host; SSM needs no ingress) */
  readonly ingress?: HipaaDockerHostIngress[];
  /** One instance, or an Auto Scaling group. @default { min: 1, max: 1 } (a self-healing group of one) */
  readonly capacity?: HipaaDockerHostCapacity;
  /** EC2 instance type; Graviton types (m7g, t4g...) get the arm64 AMI. @default 'm7i.large' */
  readonly instanceType?: string;
  /**
   * The AMI: an `ami-...` id or `resolve:ssm:<parameter>`. It must be Amazon Linux 2023 (the user data
   * uses dnf and its package names) with its root device at `rootDeviceName`.
   * @default - the latest AL2023 AMI of the instance type's architecture, resolved by EC2 at each launch
   */
  readonly imageId?: string;
  /** Root device of the AMI, mapped to the encrypted volume. @default '/dev/xvda' */
  readonly rootDeviceName?: string;
  /** Size of the encrypted gp3 root volume in GiB (30 to 16384; it holds /var/lib/docker). @default 50 */
  readonly rootVolumeSizeGiB?: number;
  /**
   * Delete the root volume when its instance terminates. Kept by default: it may hold PHI (container
   * volumes, layers, logs not yet shipped). Set true for hosts that keep no data.
   * @default false
   */
  readonly deleteRootVolumeOnTermination?: boolean;
  /**
   * The OPA authorization plugin to install (CIS 2.12).
   * @default - none; then `daemonWaivers` must waive docker-daemon-authorization-plugin
   */
  readonly authorizationPlugin?: HipaaDockerHostAuthorizationPlugin;
  /**
   * Waivers of the Docker daemon rules that the host's daemon.json does not meet: only
   * docker-daemon-authorization-plugin, when no `authorizationPlugin` is given. Written as tags
   * `hipaa-constructs.io/docker-waiver/<rule id>` on the launch template and its instances.
   * @default - none
   */
  readonly daemonWaivers?: readonly Waiver[];
  /**
   * Days both log groups keep logs: a value CloudWatch Logs accepts, 2192 (six years) or more, or 0
   * (never expire). Below six years needs a waiver of aws-log-group-retention in `waivers`.
   * @default 2192
   */
  readonly logRetentionInDays?: number;
  /**
   * Waivers of AWS rules, written as tags on the resources they concern: aws-log-group-retention
   * (on both log groups), for a shorter `logRetentionInDays`.
   * @default - none
   */
  readonly waivers?: readonly Waiver[];
  /** Tags of every resource created (and of the instances, volumes and network interfaces launched). @default - none */
  readonly tags?: Record<string, string>;
}

/** The key users a {@link HipaaDockerHost} needs, in the shape of the HipaaKmsKey args of the same name. */
export interface HipaaDockerHostKeyUsers {
  /** EC2 Auto Scaling's service-linked role for a group (none for a single instance): give to HipaaKmsKey `serviceLinkedRoleUsers`. */
  readonly serviceLinkedRoleUsers: string[];
}

/** Validated args. */
interface ResolvedHost {
  readonly capacity: { instance: true } | { min: number; max: number; desired: number };
  readonly instanceType: string;
  readonly imageId: string;
  readonly rootDeviceName: string;
  readonly rootVolumeSizeGiB: number;
  readonly deleteRootVolumeOnTermination: boolean;
  readonly retention: number;
  readonly ingress: ResolvedIngress[];
  readonly egress: ResolvedEgress;
  readonly daemonWaiverTags: Record<string, string>;
}

interface ResolvedIngress {
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly ipv4: string[];
  readonly ipv6: string[];
  readonly securityGroups: Array<pulumi.Input<string>>;
  readonly description: string;
}

interface ResolvedEgress {
  readonly ipv4: string[];
  readonly ipv6: string[];
  readonly securityGroups: Array<pulumi.Input<string>>;
  readonly prefixLists: Array<pulumi.Input<string>>;
}

/** A Docker host for PHI workloads on EC2; see the module comment. */
export class HipaaDockerHost extends pulumi.ComponentResource {
  /**
   * The users a key must admit before this host's volumes can be encrypted with it: EC2 Auto
   * Scaling's service-linked role for a group (the default). Give them to the HipaaKmsKey:
   * `new HipaaKmsKey('docker', { administrators, ...HipaaDockerHost.keyUsers('docker') })`.
   */
  public static keyUsers(name: string, args?: Pick<HipaaDockerHostArgs, 'capacity'>): HipaaDockerHostKeyUsers {
    void name;
    const single = (args?.capacity as { instance?: unknown } | undefined)?.instance === true;
    return { serviceLinkedRoleUsers: single ? [] : [AUTO_SCALING_SERVICE_LINKED_ROLE] };
  }

  /** Names of the host's log groups: the key policy must let CloudWatch Logs use the key for them. */
  public static logGroupNames(name: string): { host: string; containers: string } {
    return { host: `/hipaa-constructs/${name}/host`, containers: `/hipaa-constructs/${name}/containers` };
  }

  /** The security group of the hosts. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The hosts' IAM role (attach more policies to it, e.g. AmazonEC2ContainerRegistryPullOnly for ECR). */
  public readonly role: iam.Role;
  /** The launch template (IMDSv2, encrypted root volume, no key pair, no public IP, the user data). */
  public readonly launchTemplate: ec2.LaunchTemplate;
  /** The log group of the hosts' logs (journal, audit, secure, cloud-init). */
  public readonly hostLogGroup: cloudwatch.LogGroup;
  /** The log group of the containers' logs (the daemon's awslogs driver). */
  public readonly containerLogGroup: cloudwatch.LogGroup;
  /** The Auto Scaling group, unless `capacity` is `{ instance: true }`. */
  public readonly autoScalingGroup?: autoscaling.Group;
  /** The instance, when `capacity` is `{ instance: true }`. */
  public readonly instance?: ec2.Instance;
  /** The user data script (plain text) the hosts run at first boot. */
  public readonly userData: pulumi.Output<string>;
  /** The daemon.json installed on the hosts. */
  public readonly daemonConfig: pulumi.Output<Record<string, unknown>>;
  /** ID of the security group: reference it from the load balancer's or the database's rules. */
  public readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: HipaaDockerHostArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hipaa-constructs:aws:DockerHost', name, {}, opts);
    const problems = componentProblems('HipaaDockerHost', name);
    if (args === null || typeof args !== 'object') {
      problems.add('args', `expected an object with vpcId, subnetIds, key and egress, got ${describe(args)}.`);
      problems.throwIfAny();
    }
    if (!NAME.test(name)) {
      problems.add('name', `'${name}' must be 1 to 40 lower-case letters, digits and '-' (it names the log groups, the role and the tags).`);
    } else {
      roleNameProblem(name, ['-host'], problems);
    }
    const keyArn = keyArnOf(args.key, 'key', problems, (v) => pulumi.output(v), EBS_RULE);
    checkId(args.vpcId, 'vpcId', VPC_ID, 'a VPC id such as vpc-0123456789abcdef0', problems, true);
    const resolved = resolveHost(args, problems);
    const waived = waivedRuleIds(args.waivers);
    const awsWaiverTags = waiverTags(args.waivers, 'waivers', problems);
    (Array.isArray(args.waivers) ? args.waivers : []).forEach((w, i) => {
      if (w && typeof w.ruleId === 'string' && w.ruleId !== DOCKER_HOST_LOG_RETENTION_RULE) {
        problems.add(`waivers[${i}]`, `waives '${w.ruleId}', but HipaaDockerHost writes nothing that rule flags; it takes waivers of ${DOCKER_HOST_LOG_RETENTION_RULE} (logRetentionInDays) only.`);
      }
    });
    const { retention } = resolved;
    const shortRetention = retention !== 0 && retention < SIX_YEARS_IN_DAYS && CLOUDWATCH_RETENTION_DAYS.includes(retention);
    if (shortRetention && !waived.has(DOCKER_HOST_LOG_RETENTION_RULE)) {
      problems.add('logRetentionInDays', `is ${resolved.retention} days, less than six years (${SIX_YEARS_IN_DAYS}): the host's audit and Docker logs must be kept six years; ` +
        `use ${SIX_YEARS_IN_DAYS} or more, or waive ${DOCKER_HOST_LOG_RETENTION_RULE} in waivers with a reason and expires (${DOCKER_HOST_LOG_RETENTION_RULE}).`);
    }
    if (args.tags !== undefined && problems.object(args.tags, 'tags')) {
      for (const [k, v] of Object.entries(args.tags)) if (typeof v !== 'string') problems.add(`tags.${k}`, `expected a string, got ${describe(v)}.`);
    }
    problems.throwIfAny();

    const child = { parent: this };
    const userTags = args.tags ?? {};
    const groups = HipaaDockerHost.logGroupNames(name);
    const region = getRegionOutput({}, child).region;

    const logGroup = (id: string, groupName: string) => new cloudwatch.LogGroup(id, {
      name: groupName,
      kmsKeyId: keyArn,
      retentionInDays: resolved.retention,
      tags: { ...userTags, ...awsWaiverTags },
    }, dataResourceOptions(args, child));
    this.hostLogGroup = logGroup(`${name}-host`, groups.host);
    this.containerLogGroup = logGroup(`${name}-containers`, groups.containers);

    this.securityGroup = new ec2.SecurityGroup(name, {
      vpcId: args.vpcId,
      description: `Docker host ${name}: ingress only as declared, egress HTTPS only to the declared endpoints`,
      ingress: resolved.ingress.map((r) => ({
        protocol: r.protocol,
        fromPort: r.fromPort,
        toPort: r.toPort,
        ...(r.ipv4.length > 0 ? { cidrBlocks: r.ipv4 } : {}),
        ...(r.ipv6.length > 0 ? { ipv6CidrBlocks: r.ipv6 } : {}),
        ...(r.securityGroups.length > 0 ? { securityGroups: r.securityGroups } : {}),
        description: r.description,
      })),
      egress: [{
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        ...(resolved.egress.ipv4.length > 0 ? { cidrBlocks: resolved.egress.ipv4 } : {}),
        ...(resolved.egress.ipv6.length > 0 ? { ipv6CidrBlocks: resolved.egress.ipv6 } : {}),
        ...(resolved.egress.securityGroups.length > 0 ? { securityGroups: resolved.egress.securityGroups } : {}),
        ...(resolved.egress.prefixLists.length > 0 ? { prefixListIds: resolved.egress.prefixLists } : {}),
        description: 'HTTPS to VPC endpoints (SSM, CloudWatch Logs, ECR), S3 and the declared destinations',
      }],
      revokeRulesOnDelete: true,
      tags: { ...userTags, Name: name },
    }, child);
    this.securityGroupId = this.securityGroup.id;

    this.role = new iam.Role(`${name}-host`, {
      description: `Docker host ${name}: SSM Session Manager and its own log groups`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
      tags: userTags,
    }, child);
    const rolePolicy = new iam.RolePolicy(`${name}-host`, {
      role: this.role.name,
      policy: pulumi.all([this.hostLogGroup.arn, this.containerLogGroup.arn])
        .apply(([host, containers]) => JSON.stringify(hostRolePolicy(host, containers))),
    }, child);
    const profile = new iam.InstanceProfile(`${name}-host`, { role: this.role.name, tags: userTags }, child);

    const authorizationPlugins = args.authorizationPlugin ? [DOCKER_AUTHZ_PLUGIN_ALIAS] : undefined;
    this.daemonConfig = region.apply((r) => hardenedDaemonConfig({
      logging: { driver: 'awslogs', options: { 'awslogs-group': groups.containers, 'awslogs-region': r } },
      ...(authorizationPlugins ? { authorizationPlugins } : {}),
    }));
    this.userData = this.daemonConfig.apply((daemonConfig) => dockerHostUserData({
      name,
      daemonConfig,
      hostLogGroupName: groups.host,
      ...(args.authorizationPlugin ? { authorizationPlugin: { image: args.authorizationPlugin.image, alias: DOCKER_AUTHZ_PLUGIN_ALIAS } } : {}),
    }));

    const single = 'instance' in resolved.capacity;
    const subnetIds = args.subnetIds as pulumi.Input<pulumi.Input<string>[]>;
    const launchedTags = { ...userTags, ...resolved.daemonWaiverTags, Name: name };
    this.launchTemplate = new ec2.LaunchTemplate(name, {
      description: `Docker host ${name}: IMDSv2 only (hop limit 1), root volume under the customer-managed key, no SSH key, no public IP`,
      imageId: resolved.imageId,
      instanceType: resolved.instanceType,
      iamInstanceProfile: { arn: profile.arn },
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
      blockDeviceMappings: [{
        deviceName: resolved.rootDeviceName,
        ebs: {
          encrypted: 'true',
          kmsKeyId: keyArn,
          volumeType: 'gp3',
          volumeSize: resolved.rootVolumeSizeGiB,
          deleteOnTermination: String(resolved.deleteRootVolumeOnTermination),
        },
      }],
      networkInterfaces: [{
        deviceIndex: 0,
        associatePublicIpAddress: 'false',
        deleteOnTermination: 'true',
        securityGroups: [this.securityGroup.id],
        // A single instance takes its subnet from the template: RunInstances refuses a subnet both here and on the call.
        ...(single ? { subnetId: pulumi.output(subnetIds).apply((s) => s[0]) } : {}),
      }],
      userData: this.userData.apply((script) => Buffer.from(script, 'utf8').toString('base64')),
      updateDefaultVersion: true,
      tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({ resourceType, tags: launchedTags })),
      tags: { ...userTags, ...resolved.daemonWaiverTags },
    }, child);

    // The hosts ship logs from their first boot: the log groups and the role's policy exist first.
    const launchAfter = [this.hostLogGroup, this.containerLogGroup, rolePolicy];
    const version = this.launchTemplate.latestVersion.apply((v) => String(v));
    if ('instance' in resolved.capacity) {
      this.instance = new ec2.Instance(name, {
        launchTemplate: { id: this.launchTemplate.id, version },
        tags: launchedTags,
      }, { ...child, dependsOn: launchAfter });
    } else {
      const c = resolved.capacity;
      this.autoScalingGroup = new autoscaling.Group(name, {
        minSize: c.min,
        maxSize: c.max,
        desiredCapacity: c.desired,
        vpcZoneIdentifiers: subnetIds,
        launchTemplate: { id: this.launchTemplate.id, version },
        healthCheckType: 'EC2',
        tags: Object.entries({ ...userTags, Name: name }).map(([key, value]) => ({ key, value, propagateAtLaunch: false })),
      }, { ...child, dependsOn: launchAfter });
    }

    this.registerOutputs({
      securityGroupId: this.securityGroupId,
      roleArn: this.role.arn,
      launchTemplateId: this.launchTemplate.id,
      hostLogGroupName: this.hostLogGroup.name,
      containerLogGroupName: this.containerLogGroup.name,
      autoScalingGroupName: this.autoScalingGroup?.name,
      instanceId: this.instance?.id,
    });
  }
}

/**
 * The host role's permissions: what the SSM agent needs (AmazonSSMManagedInstanceCore without
 * ssm:GetParameter(s), which would read every parameter of the account), and writing into the two
 * log groups (the CloudWatch agent and the daemon's awslogs driver create their streams).
 */
export function hostRolePolicy(hostLogGroupArn: string, containerLogGroupArn: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'SsmAgent',
        Effect: 'Allow',
        Action: [
          'ssm:DescribeAssociation', 'ssm:GetDeployablePatchSnapshotForInstance', 'ssm:GetDocument', 'ssm:DescribeDocument',
          'ssm:GetManifest', 'ssm:ListAssociations', 'ssm:ListInstanceAssociations', 'ssm:PutInventory', 'ssm:PutComplianceItems',
          'ssm:PutConfigurePackageResult', 'ssm:UpdateAssociationStatus', 'ssm:UpdateInstanceAssociationStatus', 'ssm:UpdateInstanceInformation',
        ],
        Resource: '*',
      },
      {
        Sid: 'SsmSessions',
        Effect: 'Allow',
        Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
        Resource: '*',
      },
      {
        Sid: 'SsmRunCommand',
        Effect: 'Allow',
        Action: ['ec2messages:AcknowledgeMessage', 'ec2messages:DeleteMessage', 'ec2messages:FailMessage', 'ec2messages:GetEndpoint', 'ec2messages:GetMessages', 'ec2messages:SendReply'],
        Resource: '*',
      },
      {
        Sid: 'OwnLogGroups',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        Resource: [hostLogGroupArn, `${hostLogGroupArn}:log-stream:*`, containerLogGroupArn, `${containerLogGroupArn}:log-stream:*`],
      },
    ],
  };
}

/** Validates everything but the key and the waivers of AWS rules; fills in defaults. */
function resolveHost(args: HipaaDockerHostArgs, problems: InputProblems): ResolvedHost {
  const capacity = resolveCapacity(args.capacity, problems);
  const subnetCount = checkSubnets(args.subnetIds, problems);
  if ('instance' in capacity && subnetCount !== undefined && subnetCount > 1) {
    problems.add('subnetIds', `has ${subnetCount} subnets, but capacity { instance: true } runs one instance in one subnet: give one subnet, or use capacity { min, max } for a group across them.`);
  }
  const instanceType = args.instanceType ?? 'm7i.large';
  if (typeof instanceType !== 'string' || !INSTANCE_TYPE.test(instanceType)) {
    problems.add('instanceType', `${describe(instanceType)} is not an EC2 instance type (expected e.g. 'm7i.large').`);
  }
  let imageId = args.imageId;
  if (imageId === undefined) {
    imageId = al2023ImageId(typeof instanceType === 'string' && GRAVITON.test(instanceType) ? 'arm64' : 'x86_64');
  } else if (typeof imageId !== 'string' || (!AMI_ID.test(imageId) && !SSM_IMAGE.test(imageId))) {
    problems.add('imageId', `${describe(imageId)} is neither an AMI id (ami-...) nor resolve:ssm:<parameter>; leave it out for the latest Amazon Linux 2023.`);
  }
  const rootDeviceName = args.rootDeviceName ?? AL2023_ROOT_DEVICE;
  if (typeof rootDeviceName !== 'string' || !DEVICE_NAME.test(rootDeviceName)) {
    problems.add('rootDeviceName', `${describe(rootDeviceName)} is not a device name such as /dev/xvda (the AMI's root device, which the encrypted volume replaces).`);
  }
  const size = args.rootVolumeSizeGiB ?? 50;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 30 || size > 16384) {
    problems.add('rootVolumeSizeGiB', `must be a whole number of GiB from 30 to 16384 (gp3; /var/lib/docker lives on it), got ${describe(size)}.`);
  }
  const deleteOnTermination = args.deleteRootVolumeOnTermination ?? false;
  problems.boolean(deleteOnTermination, 'deleteRootVolumeOnTermination');
  const retention = args.logRetentionInDays ?? SIX_YEARS_IN_DAYS;
  if (typeof retention !== 'number' || (retention !== 0 && !CLOUDWATCH_RETENTION_DAYS.includes(retention))) {
    problems.add('logRetentionInDays', `${describe(retention)} is not a retention CloudWatch Logs accepts; use ${SIX_YEARS_IN_DAYS} (six years), 2557, 2922, 3288, 3653 or 0 (never expire) (${DOCKER_HOST_LOG_RETENTION_RULE}).`);
  }
  return {
    capacity,
    instanceType,
    imageId,
    rootDeviceName,
    rootVolumeSizeGiB: size,
    deleteRootVolumeOnTermination: deleteOnTermination,
    retention: typeof retention === 'number' ? retention : SIX_YEARS_IN_DAYS,
    ingress: resolveIngress(args.ingress, problems),
    egress: resolveEgress(args.egress, problems),
    daemonWaiverTags: resolveAuthorization(args, problems),
  };
}

function resolveCapacity(value: unknown, problems: InputProblems): ResolvedHost['capacity'] {
  const fallback = { min: 1, max: 1, desired: 1 };
  const shape = 'expected { instance: true } (one instance) or { min, max, desired? } (an Auto Scaling group)';
  if (value === undefined) return fallback;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.add('capacity', `${shape}, got ${describe(value)}.`);
    return fallback;
  }
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v);
  if ('instance' in v) {
    if (v.instance !== true || keys.length !== 1) {
      problems.add('capacity', `${shape}; { instance } takes only instance: true, got ${JSON.stringify(v)}.`);
      return fallback;
    }
    return { instance: true };
  }
  const unknown = keys.filter((k) => !['min', 'max', 'desired'].includes(k));
  if (unknown.length > 0) problems.add('capacity', `${shape}; unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}.`);
  let ok = true;
  const count = (field: 'min' | 'max' | 'desired', lo: number, optional: boolean) => {
    const n = v[field];
    if (n === undefined && optional) return;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < lo || n > MAX_DOCKER_HOSTS) {
      problems.add(`capacity.${field}`, `must be a whole number from ${lo} to ${MAX_DOCKER_HOSTS}, got ${describe(n)}.`);
      ok = false;
    }
  };
  count('min', 0, false);
  count('max', 1, false);
  count('desired', 0, true);
  if (!ok) return fallback;
  const min = v.min as number;
  const max = v.max as number;
  const desired = (v.desired as number | undefined) ?? min;
  if (min > max) {
    problems.add('capacity.min', `is ${min}, more than max ${max}.`);
  } else if (desired < min || desired > max) {
    problems.add('capacity.desired', `is ${desired}; it must be between min ${min} and max ${max}.`);
  }
  return { min, max, desired };
}

/** The number of subnets when known now (a plain list), else undefined. */
function checkSubnets(value: unknown, problems: InputProblems): number | undefined {
  const fix = 'give the private subnets the host runs in (subnet-..., without a route to an internet gateway)';
  if (value === undefined || value === null) {
    problems.add('subnetIds', `is missing; ${fix}.`);
    return undefined;
  }
  if (!Array.isArray(value)) {
    if (typeof value === 'object' && ('apply' in (value as object) || typeof (value as { then?: unknown }).then === 'function')) return undefined;
    problems.add('subnetIds', `expected a list of subnet ids, got ${describe(value)}; ${fix}.`);
    return undefined;
  }
  if (value.length === 0) {
    problems.add('subnetIds', `is empty; ${fix}.`);
    return 0;
  }
  const seen = new Set<string>();
  value.forEach((s, i) => {
    if (typeof s !== 'string') return; // an Output
    if (!SUBNET_ID.test(s)) problems.add(`subnetIds[${i}]`, `'${s}' is not a subnet id (expected subnet- and 8 or 17 hex digits, e.g. subnet-0123456789abcdef0).`);
    else if (seen.has(s)) problems.add(`subnetIds[${i}]`, `'${s}' is given twice.`);
    seen.add(s);
  });
  return value.length;
}

/** Checks an id given as a plain string (Outputs are taken as they are); records a missing required one. */
function checkId(value: unknown, field: string, pattern: RegExp, what: string, problems: InputProblems, required = false): void {
  if (value === undefined || value === null) {
    if (required) problems.add(field, `is missing; give ${what}.`);
    return;
  }
  if (typeof value === 'string') {
    if (!pattern.test(value)) problems.add(field, `'${value}' is not ${what}.`);
    return;
  }
  if (typeof value === 'object' && ('apply' in (value as object) || typeof (value as { then?: unknown }).then === 'function')) return;
  problems.add(field, `expected ${what}, got ${describe(value)}.`);
}

/** CIDR blocks split by family; 0.0.0.0/0 and ::/0 (and malformed blocks) recorded as problems. */
function cidrsOf(value: unknown, field: string, problems: InputProblems, openProblem: (cidr: string) => string): { ipv4: string[]; ipv6: string[] } {
  const out = { ipv4: [] as string[], ipv6: [] as string[] };
  if (!problems.list(value, field)) return out;
  value.forEach((c, i) => {
    const cidr = parseCidr(c);
    if (cidr === undefined) {
      problems.add(`${field}[${i}]`, `${describe(c)} is not a CIDR block such as 10.0.0.0/16 or 2001:db8::/56.`);
    } else if (cidr.prefix === 0) {
      problems.add(`${field}[${i}]`, openProblem(cidr.text));
    } else {
      (cidr.family === 4 ? out.ipv4 : out.ipv6).push(cidr.text);
    }
  });
  return out;
}

function idList(value: unknown, field: string, pattern: RegExp, what: string, problems: InputProblems): Array<pulumi.Input<string>> {
  if (!problems.list(value, field)) return [];
  value.forEach((v, i) => checkId(v, `${field}[${i}]`, pattern, what, problems, true));
  return value as Array<pulumi.Input<string>>;
}

function resolveIngress(value: unknown, problems: InputProblems): ResolvedIngress[] {
  if (!problems.list(value, 'ingress')) return [];
  const out: ResolvedIngress[] = [];
  value.forEach((raw, i) => {
    const at = `ingress[${i}]`;
    if (!problems.object(raw, at, false)) return;
    const r = raw as HipaaDockerHostIngress;
    const before = problems.count;
    const port = (field: 'port' | 'toPort', optional: boolean): number | undefined => {
      const p = r[field];
      if (p === undefined && optional) return undefined;
      if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 65535) {
        problems.add(`${at}.${field}`, `must be a whole number from 1 to 65535, got ${describe(p)}.`);
        return undefined;
      }
      return p;
    };
    const fromPort = port('port', false);
    const toPort = port('toPort', true) ?? fromPort;
    if (fromPort !== undefined && toPort !== undefined && toPort < fromPort) problems.add(`${at}.toPort`, `is ${toPort}, below port ${fromPort}.`);
    const protocol = r.protocol ?? 'tcp';
    if (protocol !== 'tcp' && protocol !== 'udp') problems.add(`${at}.protocol`, `${describe(protocol)} is not 'tcp' or 'udp'.`);
    if (fromPort !== undefined && toPort !== undefined && protocol === 'tcp') {
      for (const [p, why] of FORBIDDEN_PORTS) {
        if (p >= fromPort && p <= toPort) problems.add(at, `opens port ${p}, ${why}.`);
      }
    }
    const { ipv4, ipv6 } = cidrsOf(r.cidrBlocks, `${at}.cidrBlocks`, problems, (cidr) =>
      `'${cidr}' admits the whole internet; a PHI host takes connections only from named networks: give the load balancer's security group or your networks' CIDR blocks (${OPEN_INGRESS_RULE}).`);
    const securityGroups = idList(r.securityGroupIds, `${at}.securityGroupIds`, SECURITY_GROUP_ID, 'a security group id such as sg-0123456789abcdef0', problems);
    if ((r.cidrBlocks ?? []).length === 0 && securityGroups.length === 0) {
      problems.add(at, 'names no source; give cidrBlocks or securityGroupIds (who may connect).');
    }
    if (r.description !== undefined) problems.string(r.description, `${at}.description`);
    if (problems.count > before) return;
    out.push({ protocol, fromPort: fromPort!, toPort: toPort!, ipv4, ipv6, securityGroups, description: r.description ?? `port ${fromPort}${toPort !== fromPort ? `-${toPort}` : ''}` });
  });
  return out;
}

function resolveEgress(value: unknown, problems: InputProblems): ResolvedEgress {
  const none: ResolvedEgress = { ipv4: [], ipv6: [], securityGroups: [], prefixLists: [] };
  const needs = 'the host needs HTTPS to SSM (ssm, ssmmessages, ec2messages), CloudWatch Logs and ECR (their VPC interface endpoints) and to S3 (the gateway endpoint\'s prefix list)';
  if (value === undefined || value === null) {
    problems.add('egress', `is missing; ${needs}: give egress.securityGroupIds, egress.prefixListIds or egress.cidrBlocks.`);
    return none;
  }
  if (!problems.object(value, 'egress', false)) return none;
  const e = value as HipaaDockerHostEgress;
  const unknown = Object.keys(e).filter((k) => !['cidrBlocks', 'securityGroupIds', 'prefixListIds'].includes(k));
  for (const k of unknown) problems.add(`egress.${k}`, 'is not a field of egress; give cidrBlocks, securityGroupIds or prefixListIds.');
  const { ipv4, ipv6 } = cidrsOf(e.cidrBlocks, 'egress.cidrBlocks', problems, (cidr) =>
    `'${cidr}' lets the host send PHI anywhere on the internet; give the VPC endpoints' security group or subnets, the S3 prefix list, or a proxy's address.`);
  const securityGroups = idList(e.securityGroupIds, 'egress.securityGroupIds', SECURITY_GROUP_ID, 'a security group id such as sg-0123456789abcdef0', problems);
  const prefixLists = idList(e.prefixListIds, 'egress.prefixListIds', PREFIX_LIST_ID, 'a prefix list id such as pl-63a5400a', problems);
  if ((e.cidrBlocks ?? []).length === 0 && securityGroups.length === 0 && prefixLists.length === 0) {
    problems.add('egress', `names no destination; ${needs}.`);
  }
  return { ipv4, ipv6, securityGroups, prefixLists };
}

/** The daemon waiver tags; records a missing plugin without a waiver, a waiver with a plugin, and bad waivers. */
function resolveAuthorization(args: HipaaDockerHostArgs, problems: InputProblems): Record<string, string> {
  const plugin = args.authorizationPlugin;
  if (plugin !== undefined && problems.object(plugin, 'authorizationPlugin')) {
    const image: unknown = plugin.image;
    if (typeof image !== 'string' || !PLUGIN_REFERENCE.test(image)) {
      problems.add('authorizationPlugin.image', `expected the plugin reference pinned by digest, e.g. openpolicyagent/opa-docker-authz-v2:0.10@sha256:<64 hex digits>, got ${describe(image)}.`);
    } else if (!hasSha256Digest(parseImageReference(image))) {
      problems.add('authorizationPlugin.image', `'${image}' is not pinned by digest: a tag can be moved to another build, and the plugin runs as root in the daemon's request path; append @sha256:<digest> of the build you have verified.`);
    }
  }
  const tags: Record<string, string> = {};
  const waivers = args.daemonWaivers;
  if (waivers !== undefined && problems.list(waivers, 'daemonWaivers')) {
    waivers.forEach((w, i) => {
      const field = `daemonWaivers[${i}]`;
      const shape = waiverProblems(w, new Set([DOCKER_AUTHZ_RULE]));
      if (shape.length > 0) {
        problems.add(field, `${shape.join('; ')}; HipaaDockerHost's daemon.json meets every other daemon rule, so only ${DOCKER_AUTHZ_RULE} can be waived (waiver-invalid).`);
        return;
      }
      if (plugin !== undefined) {
        problems.add(field, `waives ${DOCKER_AUTHZ_RULE}, but authorizationPlugin installs one; remove the waiver.`);
        return;
      }
      const key = `${DOCKER_WAIVER_TAG_PREFIX}${w.ruleId}`;
      if (key in tags) {
        problems.add(field, `rule '${w.ruleId}' is waived twice; give one waiver (waiver-invalid).`);
        return;
      }
      const { value, problem } = waiverTagValue(w);
      if (problem) problems.add(field, `waiver of '${w.ruleId}' ${problem} (waiver-invalid).`);
      else tags[key] = value!;
    });
  }
  if (plugin === undefined && Object.keys(tags).length === 0 && !(Array.isArray(waivers) && waivers.some((w) => w?.ruleId === DOCKER_AUTHZ_RULE))) {
    problems.add('authorizationPlugin', 'is missing: without an authorization plugin anyone who reaches the Docker socket can start a privileged container and own the host (CIS 2.12). ' +
      `Give authorizationPlugin.image (openpolicyagent/opa-docker-authz-v2 pinned by digest), or waive ${DOCKER_AUTHZ_RULE} in daemonWaivers with a reason and expires (${DOCKER_AUTHZ_RULE}).`);
  }
  return tags;
}
