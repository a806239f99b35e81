/**
 * A customer-managed KMS key for PHI: automatic rotation, the longest deletion window, an alias,
 * and a key policy that keeps the people who administer the key apart from the principals that
 * use it. Protected and retained on delete by default.
 *
 * The key policy, statement by statement (Sids as written):
 * - `AccountRootAdministers`: the account (`arn:<partition>:iam::<account>:root`) gets the
 *   administrator actions and nothing else. AWS's default policy gives the account `kms:*`, which
 *   lets any IAM policy in the account grant both duties. Dropping the account statement instead
 *   would make the key unmanageable once the listed administrators are deleted (AWS support cannot
 *   recover such a key) and would fail the key policy lockout safety check for a deployer that is
 *   not itself listed. So the account keeps administration (IAM policies can delegate it, e.g. to
 *   the Pulumi deployer, which must read and update the key) but never use: IAM policies alone can
 *   never let anyone encrypt or decrypt with the key; only the `users` below can.
 * - `KeyAdministrators`: `administrators` manage the key (CreateAlias, Describe*, Enable*, List*,
 *   Put*, Update*, Revoke*, Disable*, Get*, Delete*, TagResource, UntagResource,
 *   ScheduleKeyDeletion, CancelKeyDeletion, RotateKeyOnDemand) and cannot use it: no Encrypt,
 *   Decrypt, ReEncrypt*, GenerateDataKey* and no CreateGrant (a grant could hand them Decrypt).
 *   An administrator can still rewrite the policy (PutKeyPolicy): that change is an audited
 *   CloudTrail event, which is why administrators are few and the trail is kept.
 * - `KeyUsers`: `users` may Encrypt, Decrypt, ReEncrypt*, GenerateDataKey* and DescribeKey, only
 *   through the `viaServices` when given (`kms:ViaService` = `<service>.<region>.amazonaws.com`).
 * - `KeyUsersGrantsForAwsResources`: `users` may CreateGrant and ListGrants only for AWS
 *   resources (`kms:GrantIsForAWSResource`), which EBS, EKS, Secrets Manager, RDS and Backup
 *   need to use the key on their behalf.
 * - `KeyUserRoles` / `KeyUserRolesGrantsForAwsResources`: the same two grants of use for the
 *   roles named in `userRoleNames`, written for roles that do not exist yet. KMS refuses a key
 *   policy whose Principal names an IAM role that does not exist (MalformedPolicyDocumentException:
 *   "Policy contains a statement with one or more invalid principals",
 *   https://repost.aws/knowledge-center/kms-policy-error-invalid-principals), and the roles that use
 *   a key are usually created by the components that take the key (HipaaEksCluster's cluster and
 *   EBS CSI roles, the IRSA roles of HipaaSecrets, HipaaBackupVault, HipaaAuditStore): passing their
 *   `role.arn` here would make the key wait for roles that wait for the key. So these statements
 *   name the account (`arn:<partition>:iam::<account>:root`) as Principal - which KMS accepts at
 *   any time - and admit only requests whose `aws:PrincipalArn` is exactly one of those role ARNs
 *   (`ArnEquals`, no wildcards: role names and paths with `*` or `?` are refused). Naming the
 *   account means IAM policies decide too (https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html:
 *   without the key policy's permission IAM policies have no effect; with it they must also allow):
 *   each such role needs an IAM policy allowing the use on this key, which the components' roles
 *   carry. Separation of duties holds as before: no administrator's ARN may be one of them (checked
 *   here, and by aws-kms-key-policy-separation, which reads such a statement as use by those roles,
 *   not by the account), and no other principal of the account can use the key however its IAM
 *   policies read. What the name does not pin is the role's identity across re-creation: a role
 *   deleted and created again under the same name is admitted again (a directly named principal is
 *   tied to the role's unique id); creating roles is an IAM administrator's power, audited in
 *   CloudTrail, as is editing an existing user's trust policy.
 * - `CloudWatchLogs` / `CloudTrailEncrypt` / `CloudTrailDescribeKey`: service principals, only
 *   when `servicePrincipals` asks for them, with the conditions AWS documents.
 *
 * How other services use the key: EKS (secrets envelope encryption), S3 (SSE-KMS, bucket keys),
 * Secrets Manager, AWS Backup, EBS and Firehose call KMS with the credentials of the role that uses
 * them, so put those roles (the EKS cluster role, the IRSA roles of the EBS CSI driver, External
 * Secrets and Velero, the Firehose delivery role, the Backup service role) in `users` when they
 * exist already, or by name in `userRoleNames` when the stack creates them after the key (see
 * `HipaaEksCluster.keyUsers`), and the services in `viaServices`. Node groups whose launch template
 * encrypts root volumes with the key launch through EC2 Auto Scaling: its service-linked role
 * (`arn:aws:iam::<account>:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`)
 * goes in `serviceLinkedRoleUsers` (or its ARN in `users`), never in `userRoleNames`: AWS fixes a
 * service-linked role's permissions, and they include no customer-managed key, so only a key
 * policy that names it lets it use the key - and KMS accepts that only once the role exists (it
 * does once the account has used EC2 Auto Scaling; in a new account create it first,
 * `aws iam create-service-linked-role --aws-service-name autoscaling.amazonaws.com`, or with
 * `iam.ServiceLinkedRole` and `dependsOn` on the key). The users statements are the two AWS
 * documents for it (https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html),
 * which carry no kms:ViaService condition, so leave `viaServices` out for such a key or check that
 * the launches still succeed. CloudWatch Logs and CloudTrail call KMS as their own service
 * principals: list their log groups or trails under `servicePrincipals`.
 */
import * as aws from '@pulumi/aws/getCallerIdentity';
import * as awsPartition from '@pulumi/aws/getPartition';
import * as awsRegion from '@pulumi/aws/getRegion';
import * as kms from '@pulumi/aws/kms';
import * as pulumi from '@pulumi/pulumi';
import { ARN_PARTITION } from './aws-arns';
import { componentProblems } from './component-problems';
import { waiverTags } from './component-waivers';
import { DataProtectionArgs, dataResourceOptions } from './data-protection';
import type { IHipaaKey } from './key-input';
import { IAM_ROLE_NAME } from './role-name';
import type { InputProblems } from '../cdk8s/input-problems';
import type { Waiver } from '../check/waiver';
import { waiverTagKey } from '../check/waiver-tags';
import { KEY_ADMINISTRATOR_ACTIONS, KEY_USER_ACTIONS, KEY_USER_GRANT_ACTIONS } from '../rules/aws/support/kms-actions';
import { awsRegionProblem } from '../rules/k8s/support/aws-identity';

/** Rule ids the component's refusals name. */
const RULE = {
  separation: 'aws-kms-key-policy-separation',
  deletion: 'aws-kms-key-deletion-window',
  rotation: 'aws-kms-key-rotation',
} as const;

/** Service principals that encrypt with the key as themselves (not through a user's role). */
export interface HipaaKmsKeyServicePrincipals {
  /**
   * CloudWatch Logs (`logs.<region>.amazonaws.com`) may encrypt and decrypt the log groups whose
   * ARNs match these (`ArnLike` on `kms:EncryptionContext:aws:logs:arn`; a trailing `*` is allowed,
   * e.g. `arn:aws:logs:us-east-1:123456789012:log-group:/aws/eks/prod/*`), as documented in
   * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html.
   * @default - CloudWatch Logs may not use the key
   */
  readonly cloudWatchLogGroupArns?: ReadonlyArray<pulumi.Input<string>>;
  /**
   * CloudTrail (`cloudtrail.amazonaws.com`) may generate data keys for and describe the key for
   * these trails only (`aws:SourceArn`, and `kms:EncryptionContext:aws:cloudtrail:arn`), as
   * documented in https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html.
   * Give the ARN the trail will have (`arn:aws:cloudtrail:<region>:<account>:trail/<name>`): the key
   * is created before the trail.
   * @default - CloudTrail may not use the key
   */
  readonly cloudTrailArns?: ReadonlyArray<pulumi.Input<string>>;
}

/** What a {@link HipaaKmsKey} is created from. */
export interface HipaaKmsKeyArgs extends DataProtectionArgs {
  /**
   * IAM principals that administer the key and cannot use it: role or user ARNs
   * (`arn:aws:iam::<account>:role/<name>`) or assumed-role sessions. At least one. None may also
   * be in `users`. IAM groups cannot be key policy principals.
   */
  readonly administrators: ReadonlyArray<pulumi.Input<string>>;
  /**
   * IAM principals that use the key and cannot administer it (role or user ARNs), named directly
   * in the key policy: they must exist when the key (or its policy) is created, or KMS refuses the
   * policy. None may also be in `administrators`. At least one principal among `users`,
   * `userRoleNames` and `serviceLinkedRoleUsers`.
   * @default [] (then `userRoleNames` or `serviceLinkedRoleUsers` name the users)
   */
  readonly users?: ReadonlyArray<pulumi.Input<string>>;
  /**
   * Names of IAM roles in the key's account that use the key and cannot administer it, for roles
   * the stack creates after the key (the components that take the key create them): `<name>` or
   * `<path>/<name>` (e.g. `platform/prod-cluster`), 1 to 64 letters, digits and `+=,.@_-` for the
   * name, no wildcards. They are admitted by `aws:PrincipalArn` equal to
   * `arn:<partition>:iam::<account>:role/<path/name>` on a statement for the account (see the file
   * comment), so each role also needs an IAM policy that allows the use on this key (the roles of
   * HipaaEksCluster, HipaaSecrets, HipaaBackupVault and HipaaAuditStore have one). Give those
   * components the same names (`roleNames`, `roleName`, ...). `HipaaEksCluster.keyUsers(name)` lists
   * a cluster's. Service-linked roles (`aws-service-role/...`) go in `serviceLinkedRoleUsers`.
   * @default - none
   */
  readonly userRoleNames?: readonly string[];
  /**
   * Service-linked roles that use the key, as `<service principal>/<role name>`, e.g.
   * {@link AUTO_SCALING_SERVICE_LINKED_ROLE} (`autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`)
   * for node groups whose launch templates encrypt volumes with the key. Written as principals
   * `arn:<partition>:iam::<account>:role/aws-service-role/<service principal>/<role name>` in the
   * users statements: a service-linked role's permissions are fixed by AWS and include no
   * customer-managed key, so only the key policy can let it use the key, and KMS accepts that only
   * when the role exists (create it first in an account that never used the service).
   * @default - none
   */
  readonly serviceLinkedRoleUsers?: readonly string[];
  /**
   * Services through which the users may use the key, by service name (`secretsmanager`, `eks`,
   * `s3`, `logs`, `ec2`, `backup`, `firehose`, ...): each becomes `kms:ViaService` =
   * `<service>.<region>.amazonaws.com` on the users' statements, so a user's credentials cannot
   * decrypt outside those services.
   * @default - users may call KMS directly
   */
  readonly viaServices?: readonly string[];
  /** Service principals that use the key as themselves (CloudWatch Logs, CloudTrail). @default - none */
  readonly servicePrincipals?: HipaaKmsKeyServicePrincipals;
  /**
   * Alias of the key: `alias/<name>` (the `alias/` prefix is added when left out); letters,
   * digits, `/`, `_` and `-`, at most 256 characters, never under `alias/aws/`.
   * @default `alias/<component name>`
   */
  readonly alias?: string;
  /** Description of the key. @default `HIPAA customer-managed key <name> (PHI encryption at rest)` */
  readonly description?: string;
  /** Days between automatic rotations of the key material, 90 to 2560. @default 365 */
  readonly rotationPeriodInDays?: number;
  /**
   * Days AWS KMS waits before deleting the key once deletion is scheduled: 30, or 7 to 29 only
   * with a waiver of aws-kms-key-deletion-window in `waivers`.
   * @default 30
   */
  readonly deletionWindowInDays?: number;
  /**
   * Region of the key (and of the `kms:ViaService` and CloudWatch Logs service names).
   * @default - the provider's region
   */
  readonly region?: string;
  /** Tags of the key. @default - none besides waiver tags */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Waivers of AWS rules on the key, written as tags on it (e.g. of aws-kms-key-deletion-window
   * for a shorter deletion window). Each needs `expires` and a reason.
   * @default - none
   */
  readonly waivers?: readonly Waiver[];
}

const PARTITION = `(${ARN_PARTITION})`;
const IAM_NAME = '[\\w+=,.@-]{1,64}';
const PRINCIPAL = new RegExp(`^arn:${PARTITION}:(?:iam::(\\d{12}):(?:root|(?:user|role)/(?:[\\x21-\\x7e]*/)?${IAM_NAME})|sts::(\\d{12}):assumed-role/${IAM_NAME}/[\\w+=,.@-]{2,64})$`);
const GROUP = new RegExp(`^arn:${PARTITION}:iam::\\d{12}:group/`);
const ROOT = new RegExp(`^arn:${PARTITION}:iam::\\d{12}:root$`);
const SERVICE = /^[a-z][a-z0-9-]*$/;
const ALIAS_NAME = /^[a-zA-Z0-9/_-]+$/;
const LOG_GROUP_ARN = new RegExp(`^arn:${PARTITION}:logs:[a-z0-9-]+:\\d{12}:log-group:[\\w#+./*-]+(?::\\*)?$`);
const TRAIL_ARN = new RegExp(`^arn:${PARTITION}:cloudtrail:[a-z0-9-]+:\\d{12}:trail/[\\w.-]+$`);
const PRINCIPAL_EXAMPLE = 'arn:aws:iam::123456789012:role/key-admins';
/** A role path is `/`-separated segments of printable ASCII (no wildcards here). */
const ROLE_PATH_SEGMENT = /^[\x21-\x29\x2b-\x2e\x30-\x3e\x40-\x7e]+$/;
const SERVICE_LINKED_ROLE = /^([a-z0-9-]+(?:\.[a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?)\/([\w+=,.@-]{1,64})$/;

/**
 * The service-linked role of EC2 Auto Scaling, for {@link HipaaKmsKeyArgs.serviceLinkedRoleUsers}:
 * node groups whose launch templates encrypt volumes with the key launch through it.
 */
export const AUTO_SCALING_SERVICE_LINKED_ROLE = 'autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling';

/** A customer-managed KMS key whose policy separates administrators from users. */
export class HipaaKmsKey extends pulumi.ComponentResource implements IHipaaKey {
  /** The key's ARN. */
  public readonly arn: pulumi.Output<string>;
  /** The key's id (a UUID). */
  public readonly keyId: pulumi.Output<string>;
  /** The alias name, `alias/<name>`. */
  public readonly aliasName: string;
  /** The key. */
  public readonly key: kms.Key;
  /** The key's alias. */
  public readonly alias: kms.Alias;
  /** The key policy, as written (JSON). */
  public readonly policy: pulumi.Output<string>;
  /** The roles admitted by name (`userRoleNames`, as given). */
  public readonly userRoleNames: readonly string[];
  /** The service-linked roles named as users (`serviceLinkedRoleUsers`, as given). */
  public readonly serviceLinkedRoleUsers: readonly string[];

  constructor(name: string, args: HipaaKmsKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hipaa-constructs:aws:KmsKey', name, {}, opts);
    const problems = componentProblems('HipaaKmsKey', name);
    const a = (args ?? {}) as Partial<HipaaKmsKeyArgs>;
    problems.object(args, 'args', false);

    const administrators = principalList(a.administrators, 'administrators', problems);
    const userRoleNames = roleNameList(a.userRoleNames, problems);
    const serviceLinkedRoles = serviceLinkedRoleList(a.serviceLinkedRoleUsers, problems);
    const byNameOnly = userRoleNames.length > 0 || serviceLinkedRoles.length > 0;
    const users = principalList(a.users, 'users', problems, byNameOnly);
    overlapProblems(administrators, users, problems);
    roleNameOverlapProblems(administrators, userRoleNames, problems);
    const viaServices = serviceList(a.viaServices, problems);
    const logGroupArns = arnList(a.servicePrincipals?.cloudWatchLogGroupArns, 'servicePrincipals.cloudWatchLogGroupArns', LOG_GROUP_ARN,
      'a CloudWatch Logs log group ARN such as arn:aws:logs:us-east-1:123456789012:log-group:/aws/eks/prod/cluster (a trailing * is allowed)', problems);
    const trailArns = arnList(a.servicePrincipals?.cloudTrailArns, 'servicePrincipals.cloudTrailArns', TRAIL_ARN,
      'a CloudTrail trail ARN such as arn:aws:cloudtrail:us-east-1:123456789012:trail/phi-audit', problems);
    if (a.servicePrincipals !== undefined) problems.object(a.servicePrincipals, 'servicePrincipals');
    const aliasName = aliasOf(a.alias, name, problems);
    const rotationPeriodInDays = daysIn(a.rotationPeriodInDays, 'rotationPeriodInDays', 90, 2560,
      `AWS KMS rotates key material every 90 to 2560 days; leave it out for 365 (${RULE.rotation})`, problems);
    const deletionWindowInDays = daysIn(a.deletionWindowInDays, 'deletionWindowInDays', 7, 30,
      `AWS KMS waits 7 to 30 days before deleting a key; leave it out for 30 (${RULE.deletion})`, problems);
    if (a.region !== undefined) {
      const regionProblem = awsRegionProblem(a.region);
      if (regionProblem) problems.add('region', `${regionProblem}; leave it out for the provider's region.`);
    }
    if (a.description !== undefined) problems.string(a.description, 'description');
    const tags = waiverTags(a.waivers, 'waivers', problems);
    if (deletionWindowInDays !== undefined && deletionWindowInDays < 30 && !(waiverTagKey(RULE.deletion) in tags)) {
      problems.add('deletionWindowInDays', `${deletionWindowInDays} days is shorter than the 30-day window that leaves time to notice and cancel a ` +
        `mistaken or malicious deletion; leave it out for 30, or waive ${RULE.deletion} in waivers with a reason and expires (${RULE.deletion}).`);
    }
    problems.throwIfAny();

    const invokeOpts = { parent: this };
    const identity = aws.getCallerIdentityOutput({}, invokeOpts);
    const partition = awsPartition.getPartitionOutput({}, invokeOpts);
    const region = a.region !== undefined ? pulumi.output(a.region) : awsRegion.getRegionOutput({}, invokeOpts).region;

    this.policy = pulumi
      .all([
        identity.accountId, partition.partition, partition.dnsSuffix, region,
        pulumi.all([...administrators]), pulumi.all([...users]), pulumi.all([...logGroupArns]), pulumi.all([...trailArns]),
      ])
      .apply(([account, part, dnsSuffix, reg, admins, keyUsers, logGroups, trails]) => {
        // Principals known only now (Outputs of other resources) get the construction checks here.
        const late = componentProblems('HipaaKmsKey', name);
        admins.forEach((p, i) => principalProblem(p, `administrators[${i}]`, late));
        keyUsers.forEach((p, i) => principalProblem(p, `users[${i}]`, late));
        overlapProblems(admins, keyUsers, late);
        const roleArn = (path: string) => `arn:${part}:iam::${account}:role/${path}`;
        const userRoleArns = userRoleNames.map((r) => roleArn(r.name));
        userRoleArns.forEach((arn, k) => {
          const j = admins.indexOf(arn);
          if (j >= 0) {
            late.add(`userRoleNames[${userRoleNames[k].index}]`, `'${userRoleNames[k].name}' (${arn}) is also administrators[${j}]; a principal either administers the key or uses it, never both: ` +
              `remove it from one list, or use separate roles for the two duties (${RULE.separation}).`);
          }
        });
        late.throwIfAny();
        return JSON.stringify(keyPolicy({
          root: `arn:${part}:iam::${account}:root`,
          administrators: admins,
          users: [...keyUsers, ...serviceLinkedRoles.map((r) => roleArn(`aws-service-role/${r}`))],
          userRoleArns,
          viaServices: viaServices.map((s) => `${s}.${reg}.${dnsSuffix}`),
          logsPrincipal: `logs.${reg}.${dnsSuffix}`,
          logGroups,
          trails,
        }));
      });

    const key = new kms.Key(name, {
      description: a.description ?? `HIPAA customer-managed key ${name} (PHI encryption at rest)`,
      enableKeyRotation: true,
      rotationPeriodInDays: rotationPeriodInDays ?? 365,
      deletionWindowInDays: deletionWindowInDays ?? 30,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      isEnabled: true,
      bypassPolicyLockoutSafetyCheck: false,
      policy: this.policy,
      ...(a.region !== undefined ? { region: a.region } : {}),
      tags: pulumi.output(a.tags ?? {}).apply((t) => ({ ...t, ...tags })),
    }, dataResourceOptions(a, { parent: this }));
    // The alias holds no data, but a key kept after the stack is gone should keep the name people know it by.
    const alias = new kms.Alias(name, {
      name: aliasName,
      targetKeyId: key.keyId,
      ...(a.region !== undefined ? { region: a.region } : {}),
    }, { parent: this, retainOnDelete: a.retainOnDelete ?? true });

    this.key = key;
    this.alias = alias;
    this.arn = key.arn;
    this.keyId = key.keyId;
    this.aliasName = aliasName;
    this.userRoleNames = userRoleNames.map((r) => r.name);
    this.serviceLinkedRoleUsers = serviceLinkedRoles;
    this.registerOutputs({ arn: this.arn, keyId: this.keyId, aliasName, policy: this.policy });
  }
}

/** The inputs of {@link keyPolicy}, all resolved. */
interface KeyPolicyInputs {
  readonly root: string;
  readonly administrators: readonly string[];
  readonly users: readonly string[];
  readonly userRoleArns: readonly string[];
  readonly viaServices: readonly string[];
  readonly logsPrincipal: string;
  readonly logGroups: readonly string[];
  readonly trails: readonly string[];
}

/** The key policy document (see the file comment for each statement). */
function keyPolicy(p: KeyPolicyInputs): object {
  const via = p.viaServices.length > 0 ? { 'kms:ViaService': [...p.viaServices] } : undefined;
  const statements: object[] = [
    { Sid: 'AccountRootAdministers', Effect: 'Allow', Principal: { AWS: p.root }, Action: [...KEY_ADMINISTRATOR_ACTIONS], Resource: '*' },
    { Sid: 'KeyAdministrators', Effect: 'Allow', Principal: { AWS: [...p.administrators] }, Action: [...KEY_ADMINISTRATOR_ACTIONS], Resource: '*' },
  ];
  if (p.users.length > 0) {
    statements.push(
      {
        Sid: 'KeyUsers',
        Effect: 'Allow',
        Principal: { AWS: [...p.users] },
        Action: [...KEY_USER_ACTIONS],
        Resource: '*',
        ...(via ? { Condition: { StringEquals: via } } : {}),
      },
      {
        Sid: 'KeyUsersGrantsForAwsResources',
        Effect: 'Allow',
        Principal: { AWS: [...p.users] },
        Action: [...KEY_USER_GRANT_ACTIONS],
        Resource: '*',
        Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' }, ...(via ? { StringEquals: via } : {}) },
      },
    );
  }
  if (p.userRoleArns.length > 0) {
    // Roles created after the key: the account as Principal, narrowed to exactly these role ARNs.
    const byArn = { 'aws:PrincipalArn': [...p.userRoleArns] };
    statements.push(
      {
        Sid: 'KeyUserRoles',
        Effect: 'Allow',
        Principal: { AWS: p.root },
        Action: [...KEY_USER_ACTIONS],
        Resource: '*',
        Condition: { ArnEquals: byArn, ...(via ? { StringEquals: via } : {}) },
      },
      {
        Sid: 'KeyUserRolesGrantsForAwsResources',
        Effect: 'Allow',
        Principal: { AWS: p.root },
        Action: [...KEY_USER_GRANT_ACTIONS],
        Resource: '*',
        Condition: { ArnEquals: byArn, Bool: { 'kms:GrantIsForAWSResource': 'true' }, ...(via ? { StringEquals: via } : {}) },
      },
    );
  }
  if (p.logGroups.length > 0) {
    statements.push({
      Sid: 'CloudWatchLogs',
      Effect: 'Allow',
      Principal: { Service: p.logsPrincipal },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': [...p.logGroups] } },
    });
  }
  if (p.trails.length > 0) {
    statements.push(
      {
        Sid: 'CloudTrailEncrypt',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': [...p.trails] }, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': [...p.trails] } },
      },
      {
        Sid: 'CloudTrailDescribeKey',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': [...p.trails] } },
      },
    );
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The problem of one principal, recorded at `field`. */
function principalProblem(value: string, field: string, problems: InputProblems): void {
  const fix = `give the ARN of an IAM role or user, e.g. ${PRINCIPAL_EXAMPLE} (${RULE.separation}).`;
  if (value.trim() === '') {problems.add(field, `is empty; ${fix}`);} else if (GROUP.test(value)) {problems.add(field, `'${value}' is an IAM group, which a key policy cannot name as a principal; ${fix}`);} else if (ROOT.test(value)) {
    problems.add(field, `'${value}' is the account root, which already administers the key (and only administers it) through the AccountRootAdministers statement; ` +
      `name the roles or users instead (${RULE.separation}).`);
  } else if (!PRINCIPAL.test(value)) {problems.add(field, `'${value}' is not an IAM principal ARN; ${fix}`);}
}

/**
 * A list of principals, required and non-empty unless `optional` (users named by role name or as
 * service-linked roles instead); plain strings are checked now, Outputs when known.
 */
function principalList(value: unknown, field: 'administrators' | 'users', problems: InputProblems, optional = false): Array<pulumi.Input<string>> {
  if (optional && (value === undefined || (Array.isArray(value) && value.length === 0))) return [];
  if (value === undefined || (Array.isArray(value) && value.length === 0)) {
    const who = field === 'administrators' ? 'who manages the key (and cannot use it)' : 'which roles encrypt and decrypt with it (and cannot manage it)';
    const later = field === 'users' ? ', or name roles the stack creates after the key in userRoleNames (e.g. HipaaEksCluster.keyUsers(name))' : '';
    problems.add(field, `is ${value === undefined ? 'missing' : 'empty'}; list the IAM role or user ARNs ${who}, e.g. ['${PRINCIPAL_EXAMPLE}']${later} (${RULE.separation}).`);
    return [];
  }
  if (!problems.list(value, field, false)) return [];
  const seen = new Map<string, number>();
  value.forEach((p, i) => {
    if (typeof p === 'string') {
      principalProblem(p, `${field}[${i}]`, problems);
      if (seen.has(p)) problems.add(`${field}[${i}]`, `'${p}' is listed twice (also ${field}[${seen.get(p)}]); list each principal once.`);
      else seen.set(p, i);
    } else if (p === null || typeof p !== 'object') {
      problems.add(`${field}[${i}]`, `expected a principal ARN string or an Output of one, got ${p === null ? 'null' : typeof p} (${RULE.separation}).`);
    }
  });
  return value as Array<pulumi.Input<string>>;
}

/** A principal in both lists would both administer and use the key. */
function overlapProblems(
  administrators: ReadonlyArray<pulumi.Input<string>>, users: ReadonlyArray<pulumi.Input<string>>, problems: InputProblems,
): void {
  users.forEach((u, i) => {
    if (typeof u !== 'string') return;
    const j = administrators.indexOf(u);
    if (j < 0) return;
    problems.add(`users[${i}]`, `'${u}' is also administrators[${j}]; a principal either administers the key or uses it, never both: ` +
      `remove it from one list, or use separate roles for the two duties (${RULE.separation}).`);
  });
}

/** A valid entry of `userRoleNames` and its index there. */
interface UserRoleName {
  readonly name: string;
  readonly index: number;
}

/** The valid `userRoleNames`, checked: `<name>` or `<path>/<name>`, no wildcards, no service-linked roles, each once. */
function roleNameList(value: unknown, problems: InputProblems): UserRoleName[] {
  if (value === undefined) return [];
  if (!problems.list(value, 'userRoleNames')) return [];
  if (value.length === 0) {
    problems.add('userRoleNames', "is empty; leave it out, or name the roles the stack creates after the key, e.g. ['prod-cluster'] (HipaaEksCluster.keyUsers(name) lists a cluster's).");
    return [];
  }
  const out: UserRoleName[] = [];
  value.forEach((v, i) => {
    const field = `userRoleNames[${i}]`;
    const problem = userRoleNameProblem(v);
    const earlier = out.find((r) => r.name === v);
    if (problem !== undefined) problems.add(field, problem);
    else if (earlier) problems.add(field, `'${v}' is listed twice (also userRoleNames[${earlier.index}]); list each role once.`);
    else out.push({ name: v as string, index: i });
  });
  return out;
}

/** What is wrong with one entry of `userRoleNames`, or undefined. */
function userRoleNameProblem(v: unknown): string | undefined {
  const shape = "give the role's name, or <path>/<name> for a role with a path (e.g. 'prod-cluster', 'platform/prod-cluster')";
  if (typeof v !== 'string') return `expected a role name, got ${v === null ? 'null' : typeof v}; ${shape}.`;
  if (v.startsWith('arn:')) {
    return `'${v}' is an ARN; ${shape}: the ARN is made from the key's account and partition. For an existing role of another account, put its ARN in users.`;
  }
  if (v.startsWith('aws-service-role/')) {
    return `'${v}' is a service-linked role, whose AWS-fixed permissions include no customer-managed key, so an IAM policy cannot let it use the key: ` +
      `put '${v.slice('aws-service-role/'.length)}' in serviceLinkedRoleUsers, which names it in the key policy (it must exist by then).`;
  }
  if (/[*?]/.test(v)) return `'${v}' holds a wildcard; name each role exactly (a pattern would admit roles created later by anyone who may create roles) (${RULE.separation}).`;
  const parts = v.replace(/^\//, '').split('/');
  const name = parts.pop() as string;
  if (!IAM_ROLE_NAME.test(name)) return `'${v}' does not end in an IAM role name: 1 to 64 letters, digits and + = , . @ _ -; ${shape}.`;
  if (parts.some((p) => !ROLE_PATH_SEGMENT.test(p)) || v.length - name.length > 512) {
    return `'${v}' has a path IAM does not accept (segments of printable ASCII between '/', at most 512 characters); ${shape}.`;
  }
  if (v.startsWith('/')) return `'${v}' starts with '/'; give ${parts.length > 0 ? `'${parts.join('/')}/${name}'` : `'${name}'`} (the ARN's role/ part adds it).`;
  return undefined;
}

/** An administrator role ARN (plain string) whose `role/<path/name>` is one of `userRoleNames` (then also in the key's account). */
function roleNameOverlapProblems(
  administrators: ReadonlyArray<pulumi.Input<string>>, roleNames: readonly UserRoleName[], problems: InputProblems,
): void {
  const roleArn = new RegExp(`^arn:${PARTITION}:iam::\\d{12}:role/`);
  roleNames.forEach(({ name: roleName, index: i }) => {
    const j = administrators.findIndex((a) => typeof a === 'string' && roleArn.test(a) && a.slice(a.indexOf(':role/') + 6) === roleName);
    if (j < 0) return;
    problems.add(`userRoleNames[${i}]`, `'${roleName}' is the role of administrators[${j}] ('${administrators[j] as string}'); a principal either administers the key or uses it, never both: ` +
      `remove it from one list, or use separate roles for the two duties (${RULE.separation}).`);
  });
}

/** The `serviceLinkedRoleUsers`, checked: `<service principal>/<role name>`. */
function serviceLinkedRoleList(value: unknown, problems: InputProblems): string[] {
  if (value === undefined) return [];
  if (!problems.list(value, 'serviceLinkedRoleUsers')) return [];
  if (value.length === 0) {
    problems.add('serviceLinkedRoleUsers', `is empty; leave it out, or name the service-linked roles that use the key, e.g. ['${AUTO_SCALING_SERVICE_LINKED_ROLE}'].`);
    return [];
  }
  const out: string[] = [];
  value.forEach((v, i) => {
    const field = `serviceLinkedRoleUsers[${i}]`;
    const given = typeof v === 'string' ? v.replace(/^(?:arn:[^:]+:iam::\d{12}:role\/)?aws-service-role\//, '') : v;
    if (typeof given !== 'string' || !SERVICE_LINKED_ROLE.test(given)) {
      problems.add(field, `${typeof v === 'string' ? `'${v}'` : JSON.stringify(v)} is not a service-linked role as <service principal>/<role name>, e.g. '${AUTO_SCALING_SERVICE_LINKED_ROLE}'.`);
    } else if (v !== given) {
      problems.add(field, `'${v}': give it as '${given}' (the key adds the account, partition and aws-service-role/ path).`);
    } else if (out.includes(given)) {
      problems.add(field, `'${given}' is listed twice; list each role once.`);
    } else {
      out.push(given);
    }
  });
  return out;
}

/** The `viaServices` names, checked. */
function serviceList(value: unknown, problems: InputProblems): string[] {
  if (value === undefined) return [];
  if (!problems.list(value, 'viaServices')) return [];
  if (value.length === 0) {
    problems.add('viaServices', "is empty; leave it out to let users call KMS directly, or name the services, e.g. ['eks', 's3'].");
    return [];
  }
  const out: string[] = [];
  value.forEach((s, i) => {
    if (typeof s !== 'string' || !SERVICE.test(s)) {
      const host = typeof s === 'string' ? /^([a-z][a-z0-9-]*)\./.exec(s)?.[1] : undefined;
      problems.add(`viaServices[${i}]`, `${JSON.stringify(s)} is not a service name; give the name alone, e.g. '${host ?? 'secretsmanager'}' ` +
        '(it becomes kms:ViaService <service>.<region>.amazonaws.com).');
    } else if (!out.includes(s)) {out.push(s);}
  });
  return out;
}

/** An optional list of ARNs (Outputs taken as they are); an empty list is refused. */
function arnList(value: unknown, field: string, shape: RegExp, what: string, problems: InputProblems): Array<pulumi.Input<string>> {
  if (value === undefined) return [];
  if (!problems.list(value, field)) return [];
  if (value.length === 0) problems.add(field, `is empty; leave it out, or give ${what}.`);
  value.forEach((v, i) => {
    if (typeof v === 'string' && !shape.test(v)) problems.add(`${field}[${i}]`, `'${v}' is not ${what}.`);
    else if (typeof v !== 'string' && (v === null || typeof v !== 'object')) problems.add(`${field}[${i}]`, `expected ${what}, got ${v === null ? 'null' : typeof v}.`);
  });
  return value as Array<pulumi.Input<string>>;
}

/** The alias, `alias/` added when left out, checked as AWS KMS does. */
function aliasOf(value: unknown, name: string, problems: InputProblems): string {
  if (value !== undefined && !problems.string(value, 'alias')) return '';
  const given = value as string | undefined;
  const alias = given === undefined ? `alias/${name}` : given.startsWith('alias/') ? given : `alias/${given}`;
  const rest = alias.slice('alias/'.length);
  const field = 'alias';
  const from = given === undefined ? ' (from the component name; set alias)' : '';
  if (rest === '') problems.add(field, `'${alias}' has no name after alias/; give e.g. alias/phi-data.`);
  else if (!ALIAS_NAME.test(rest)) problems.add(field, `'${alias}'${from} may hold only letters, digits, '/', '_' and '-' after alias/.`);
  else if (alias.length > 256) problems.add(field, `'${alias.slice(0, 40)}...' is ${alias.length} characters; AWS KMS allows at most 256.`);
  else if (alias.startsWith('alias/aws/')) problems.add(field, `'${alias}' is under alias/aws/, which AWS reserves for AWS-managed keys; choose another name, e.g. alias/phi-data.`);
  return alias;
}

/** A whole number of days within [min, max], or undefined when left out (the default applies). */
function daysIn(value: unknown, field: string, min: number, max: number, why: string, problems: InputProblems): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.add(field, `${JSON.stringify(value)} is not a whole number of days from ${min} to ${max}; ${why}.`);
    return undefined;
  }
  return value;
}
