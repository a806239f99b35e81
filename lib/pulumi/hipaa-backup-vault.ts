/**
 * An AWS Backup vault for PHI: recovery points encrypted with a customer-managed key, a
 * compliance-mode vault lock keeping them at least six years, a backup plan and a selection whose
 * role holds only the AWS Backup managed policies; optionally the IAM role Velero (in the cluster)
 * uses to write its backups to an Object Lock bucket under the key and to snapshot EBS volumes.
 *
 * The vault lock is in compliance mode: `changeableForDays` (3 by default) after the stack first
 * creates it, the lock becomes immutable. From then on nobody (not the root user, not AWS) can
 * remove the lock, shorten `minRetentionDays`, delete a recovery point before its retention ends,
 * or delete the vault while it holds recovery points. Try it on a test stack first.
 */
import * as backup from '@pulumi/aws/backup';
import * as iam from '@pulumi/aws/iam';
import type { Provider } from '@pulumi/kubernetes/provider';
import * as pulumi from '@pulumi/pulumi';
import { ARN_PARTITION, awsManagedPolicyArn, partitionOf } from './aws-arns';
import { componentProblems } from './component-problems';
import { waivedRuleIds, waiverTags } from './component-waivers';
import { DataProtectionArgs, dataResourceOptions } from './data-protection';
import { HipaaChart } from './hipaa-chart';
import { createIrsaRole, IClusterOidc, IrsaStatement } from './irsa-role';
import { KeyInput, keyArnOf } from './key-input';
import { explicitRoleNameProblem, roleNameProblem } from './role-name';
import type { BackupSchedule, BackupScheduleProps } from '../cdk8s/backup-schedule';
import { describe, InputProblems } from '../cdk8s/input-problems';
import type { HipaaValidationProps } from '../cdk8s/validation';
import type { Waiver } from '../check/waiver';
import { SIX_YEARS_IN_DAYS } from '../rules/aws/support/six-years';

/** Where a rule's recovery points are copied, e.g. a vault in another region or account. */
export interface HipaaBackupCopy {
  /** ARN of the destination vault (`arn:<partition>:backup:<region>:<account>:backup-vault:<name>`); it needs its own lock. */
  readonly destinationVaultArn: pulumi.Input<string>;
  /** Days after which copies are deleted (at least six years unless aws-backup-plan-retention is waived). @default - the rule's deleteAfterDays */
  readonly deleteAfterDays?: number;
  /** Days after which copies move to cold storage. @default - the rule's coldStorageAfterDays */
  readonly coldStorageAfterDays?: number;
}

/** One rule of the backup plan. */
export interface HipaaBackupRule {
  /** Name of the rule (1 to 50 letters, digits, '.', '-' and '_'). */
  readonly name: string;
  /**
   * When backups start: an AWS cron expression in UTC with six fields, one of day-of-month and
   * day-of-week `?`, minutes a single number (AWS Backup runs at most hourly), e.g. `cron(0 5 ? * * *)`.
   * @default 'cron(0 5 ? * * *)' (every day at 05:00 UTC)
   */
  readonly schedule?: string;
  /** Days after creation that recovery points are deleted (at least the vault's minRetentionDays). @default - the vault's minRetentionDays (2192, six years) */
  readonly deleteAfterDays?: number;
  /** Days after creation that recovery points move to cold storage (then kept there at least 90 days). @default - never */
  readonly coldStorageAfterDays?: number;
  /** Minutes a backup may wait to start (at least 60). @default 60 */
  readonly startWindowMinutes?: number;
  /** Minutes a backup may run before it is cancelled (at least 60 more than the start window). @default 1440 */
  readonly completionWindowMinutes?: number;
  /** Copies of each recovery point to other vaults. @default - none */
  readonly copyTo?: HipaaBackupCopy[];
}

/** What AWS Backup backs up: resources by ARN, by tag, or both. */
export interface HipaaBackupSelection {
  /** ARNs (or AWS Backup ARN patterns) of the resources to back up; `*` is refused. @default - none */
  readonly resources?: pulumi.Input<string>[];
  /** Back up every resource carrying all these tags (STRINGEQUALS). @default - none */
  readonly tags?: Record<string, string>;
  /** ARNs (or patterns) of resources never to back up. @default - none */
  readonly notResources?: pulumi.Input<string>[];
}

/**
 * The bucket Velero writes to: a HipaaWormBucket (dataClass 'backup'), or any bucket with Object Lock
 * in COMPLIANCE mode, versioning and SSE-KMS under the key. Uploads to an Object Lock bucket need a
 * checksum, which velero-plugin-for-aws sends from v1.9.1 on (CRC32; never set its checksumAlgorithm to '').
 */
export interface VeleroBucketRef {
  /** Name of the bucket. */
  readonly bucketName: pulumi.Input<string>;
  /** ARN of the bucket. */
  readonly arn: pulumi.Input<string>;
}

/** The BackupSchedule chart a {@link HipaaBackupVault} deploys for Velero (through HipaaChart). */
export interface HipaaVeleroChartArgs {
  /**
   * The BackupSchedule's props besides `storage` and `veleroNamespace`, which the component fills in
   * (the bucket, the key's region, the key, Velero's namespace): the namespaces, retention, RPO, RTO,
   * schedule, restore test...
   */
  readonly schedule: Omit<BackupScheduleProps, 'storage' | 'veleroNamespace'>;
  /** Path inside the bucket backups are written under. @default - the bucket's root */
  readonly prefix?: string;
  /** The Kubernetes provider of the cluster, e.g. a HipaaEksCluster's. @default - the stack's default Kubernetes provider */
  readonly provider?: Provider;
  /** Settings of the check the chart must pass before it is deployed (HipaaChart `validation`). @default - the full Kubernetes pack */
  readonly validation?: HipaaValidationProps;
}

/** Velero's IAM role (IRSA). */
export interface HipaaVeleroArgs {
  /** The cluster Velero runs in. */
  readonly cluster: IClusterOidc;
  /** The S3 bucket Velero writes its backups to (Object Lock COMPLIANCE, versioning, SSE-KMS with the key). */
  readonly bucket: VeleroBucketRef;
  /** Name of Velero's role, so its ARN is known before it exists (e.g. for the key's users). @default - auto-named `<name>-velero-<random>` */
  readonly roleName?: string;
  /** Namespace of Velero's ServiceAccount. @default 'velero' */
  readonly namespace?: string;
  /** Name of Velero's ServiceAccount. @default 'velero' */
  readonly serviceAccount?: string;
  /**
   * KMS keys of the EBS volumes Velero snapshots and restores (EncryptedVolume's key): restoring a
   * volume from an encrypted snapshot needs the key, through EC2 only.
   * @default - none (snapshots can be taken, volumes cannot be restored from CMK-encrypted snapshots)
   */
  readonly volumeKeys?: KeyInput[];
  /**
   * Deploy a BackupSchedule (Velero Schedule, BackupStorageLocation on the bucket with SSE-KMS under
   * the key, VolumeSnapshotLocation) through a HipaaChart, checked by the full Kubernetes pack first.
   * Velero itself (its Deployment and the ServiceAccount annotated with `veleroRole`'s ARN) is installed separately.
   * @default - no chart
   */
  readonly chart?: HipaaVeleroChartArgs;
}

/** Arguments of {@link HipaaBackupVault}. */
export interface HipaaBackupVaultArgs extends DataProtectionArgs {
  /** The customer-managed KMS key recovery points (and Velero's backups) are encrypted with: a HipaaKmsKey or a key ARN. */
  readonly key: KeyInput;
  /** Name of the vault (2 to 50 letters, digits, '-' and '_'). @default - the component's name */
  readonly vaultName?: string;
  /**
   * Days every recovery point in the vault is kept at least (vault lock). Below six years (2192
   * days) only with a waiver of aws-backup-vault-lock.
   * @default 2192
   */
  readonly minRetentionDays?: number;
  /** Days a recovery point may be kept at most (vault lock). @default - no maximum */
  readonly maxRetentionDays?: number;
  /**
   * Days until the compliance-mode vault lock becomes immutable (at least 3, AWS's cooling-off
   * period). Until then it can be changed or removed; after it, never.
   * @default 3
   */
  readonly changeableForDays?: number;
  /** The rules of the backup plan. @default - one daily rule, 'daily', keeping recovery points minRetentionDays */
  readonly rules?: HipaaBackupRule[];
  /** Name of the role AWS Backup assumes, so its ARN is known before it exists. @default - auto-named `<name>-backup-<random>` */
  readonly backupRoleName?: string;
  /** What the plan backs up (at least resources or tags). */
  readonly selection: HipaaBackupSelection;
  /** Velero's IAM role, when Velero backs up the cluster into the bucket. @default - none */
  readonly velero?: HipaaVeleroArgs;
  /** Accepted findings (e.g. a shorter retention), written as tags on the vault, the plan or the role the rule judges. @default - none */
  readonly waivers?: readonly Waiver[];
  /** Tags of every resource created. @default - none */
  readonly tags?: Record<string, string>;
}

/** The default plan rule's schedule: every day at 05:00 UTC. */
export const DEFAULT_BACKUP_SCHEDULE = 'cron(0 5 ? * * *)';

const VAULT_NAME = /^[A-Za-z0-9_-]{2,50}$/;
const RULE_NAME = /^[A-Za-z0-9._-]{1,50}$/;
const VAULT_ARN = new RegExp(`^arn:${ARN_PARTITION}:backup:[a-z0-9-]+:\\d{12}:backup-vault:[A-Za-z0-9_-]{2,50}$`);
const BACKUP_POLICIES = ['service-role/AWSBackupServiceRolePolicyForBackup', 'service-role/AWSBackupServiceRolePolicyForRestores'];

/**
 * An AWS Backup vault under a customer-managed key with a compliance-mode vault lock (six years by
 * default), a plan, a selection and the role AWS Backup uses; the vault is protected and retained.
 */
export class HipaaBackupVault extends pulumi.ComponentResource {
  /** The vault. */
  public readonly vault: backup.Vault;
  /** The vault lock. */
  public readonly vaultLock: backup.VaultLockConfiguration;
  /** The backup plan. */
  public readonly plan: backup.Plan;
  /** The selection of resources the plan backs up. */
  public readonly selection: backup.Selection;
  /** The role AWS Backup assumes for the selection. */
  public readonly backupRole: iam.Role;
  /** Velero's IRSA role, when `velero` is given. */
  public readonly veleroRole?: iam.Role;
  /** The BackupSchedule chart, when `velero.chart` is given. */
  public readonly veleroChart?: HipaaChart<VeleroChartValues>;
  /** The vault's name. */
  public readonly vaultName: string;
  /** The region of the vault (the key's). */
  public readonly region: pulumi.Output<string>;

  constructor(name: string, args: HipaaBackupVaultArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hipaa-constructs:aws:BackupVault', name, {}, opts);
    const problems = componentProblems('HipaaBackupVault', name);
    const keyArn = keyArnOf(args?.key, 'key', problems, (v) => pulumi.output(v), 'aws-backup-vault-kms-key');
    const waived = waivedRuleIds(args?.waivers);
    const tagsByRule = waiverTags(args?.waivers, 'waivers', problems);
    this.vaultName = vaultNameOf(args?.vaultName, name, problems);
    const lock = lockSettings(args, waived, problems);
    const rules = planRules(args?.rules, lock, waived, problems);
    selectionProblems(args?.selection, problems);
    const velero = veleroSettings(args?.velero, problems);
    const autoNamed = [...(args?.backupRoleName === undefined ? ['-backup'] : []), ...(velero !== undefined && velero.args.roleName === undefined ? ['-velero'] : [])];
    if (autoNamed.length > 0) roleNameProblem(name, autoNamed, problems);
    explicitRoleNameProblem(args?.backupRoleName, 'backupRoleName', problems);
    problems.throwIfAny();

    const tags = args.tags ?? {};
    const waiverTagsFor = (prefix: string) => Object.fromEntries(Object.entries(tagsByRule).filter(([k]) => k.includes(`/aws-${prefix}`)));
    const vaultWaivers = Object.fromEntries(Object.entries(tagsByRule).filter(([k]) => !k.includes('/aws-backup-plan-') && !k.includes('/aws-backup-selection-')));

    this.vault = new backup.Vault(name, {
      name: this.vaultName,
      kmsKeyArn: keyArn,
      forceDestroy: false,
      tags: { ...tags, ...vaultWaivers },
    }, dataResourceOptions(args, { parent: this }));
    // The lock is part of what keeps the recovery points: once immutable, AWS refuses to delete it anyway.
    this.vaultLock = new backup.VaultLockConfiguration(name, {
      backupVaultName: this.vault.name,
      changeableForDays: lock.changeableForDays,
      minRetentionDays: lock.minRetentionDays,
      ...(lock.maxRetentionDays === undefined ? {} : { maxRetentionDays: lock.maxRetentionDays }),
    }, dataResourceOptions(args, { parent: this }));
    this.plan = new backup.Plan(name, {
      name: this.vaultName,
      rules: rules.map((r) => ({
        ruleName: r.name,
        targetVaultName: this.vault.name,
        schedule: r.schedule,
        startWindow: r.startWindowMinutes,
        completionWindow: r.completionWindowMinutes,
        lifecycle: lifecycle(r.deleteAfterDays, r.coldStorageAfterDays),
        recoveryPointTags: tags,
        ...(r.copyTo.length === 0 ? {} : {
          copyActions: r.copyTo.map((c) => ({
            destinationVaultArn: c.destinationVaultArn,
            lifecycle: lifecycle(c.deleteAfterDays, c.coldStorageAfterDays),
          })),
        }),
      })),
      tags: { ...tags, ...waiverTagsFor('backup-plan-') },
    }, dataResourceOptions(args, { parent: this }));

    const partition = partitionOf(keyArn);
    this.region = keyArn.apply((arn) => arn.split(':')[3]);
    this.backupRole = new iam.Role(`${name}-backup`, {
      ...(args.backupRoleName === undefined ? {} : { name: args.backupRoleName }),
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
      description: `AWS Backup role of vault ${this.vaultName}`,
      maxSessionDuration: 3600,
      tags: { ...tags, ...waiverTagsFor('backup-selection-') },
    }, { parent: this });
    const attachments = BACKUP_POLICIES.map((policy) => new iam.RolePolicyAttachment(`${name}-${policy.split('For')[1].toLowerCase()}`, {
      role: this.backupRole.name,
      policyArn: partition.apply((p) => awsManagedPolicyArn(p, policy)),
    }, { parent: this }));
    const selection = args.selection;
    this.selection = new backup.Selection(name, {
      name: this.vaultName,
      planId: this.plan.id,
      iamRoleArn: this.backupRole.arn,
      ...(selection.resources === undefined ? {} : { resources: selection.resources }),
      ...(selection.notResources === undefined ? {} : { notResources: selection.notResources }),
      ...(selection.tags === undefined ? {} : { selectionTags: Object.entries(selection.tags).map(([key, value]) => ({ type: 'STRINGEQUALS', key, value })) }),
    }, { parent: this, dependsOn: attachments });

    if (velero !== undefined) {
      this.veleroRole = veleroRole(name, velero, keyArn, partition, this.region, tags, this).role;
      if (velero.args.chart !== undefined) this.veleroChart = scheduleChart(name, velero, keyArn, this.region, this);
    }
    this.registerOutputs({ vaultArn: this.vault.arn, planId: this.plan.id, region: this.region, veleroRoleArn: this.veleroRole?.arn });
  }
}

/** The values the BackupSchedule chart is built from. */
interface VeleroChartValues extends Record<string, unknown> {
  readonly bucket: string;
  readonly region: string;
  readonly keyArn: string;
}

/** The BackupSchedule chart: storage on the bucket under the key, in Velero's namespace. */
function scheduleChart(name: string, v: VeleroSettings, keyArn: pulumi.Output<string>, region: pulumi.Output<string>,
  parent: pulumi.Resource): HipaaChart<VeleroChartValues> {
  const chart = v.args.chart!;
  return new HipaaChart<VeleroChartValues>(`${name}-velero`, {
    values: { bucket: v.args.bucket.bucketName, region, keyArn },
    provider: chart.provider,
    validation: chart.validation,
    build: (app, values) => {
      // cdk8s is loaded only when the chart is built (the Pulumi entry point stays light).
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { Chart } = require('cdk8s') as typeof import('cdk8s');
      const { BackupSchedule: Schedule } = require('../cdk8s/backup-schedule') as { BackupSchedule: typeof BackupSchedule };
      /* eslint-enable @typescript-eslint/no-require-imports */
      const c = new Chart(app, `${name}-velero`, { namespace: v.namespace });
      new Schedule(c, 'backups', {
        ...chart.schedule,
        veleroNamespace: v.namespace,
        storage: {
          bucket: values.bucket,
          region: values.region,
          kmsKeyId: values.keyArn,
          ...(chart.prefix === undefined ? {} : { prefix: chart.prefix }),
        },
      });
    },
  }, { parent });
}

/** The resolved velero settings. */
interface VeleroSettings {
  readonly args: HipaaVeleroArgs;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly volumeKeys: pulumi.Output<string>[];
}

function veleroSettings(velero: HipaaVeleroArgs | undefined, problems: InputProblems): VeleroSettings | undefined {
  if (!problems.object(velero, 'velero')) return undefined;
  const v = velero as HipaaVeleroArgs;
  if (v.cluster === undefined || v.cluster === null) problems.add('velero.cluster', 'is missing: give the cluster (HipaaEksCluster, or { oidcProviderArn, oidcIssuer }) Velero runs in.');
  if (v.bucket === undefined) {
    problems.add('velero.bucket', 'is missing: give the Object Lock bucket Velero writes to (a HipaaWormBucket under the same key).');
  } else if (v.bucket === null || typeof v.bucket !== 'object' || v.bucket.bucketName === undefined || v.bucket.arn === undefined) {
    problems.add('velero.bucket', `expected a bucket with bucketName and arn, e.g. a HipaaWormBucket, got ${describe(v.bucket)}.`);
  }
  explicitRoleNameProblem(v.roleName, 'velero.roleName', problems);
  for (const field of ['namespace', 'serviceAccount'] as const) {
    if (problems.string(v[field], `velero.${field}`) && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(v[field]!)) {
      problems.add(`velero.${field}`, `'${v[field]}' is not a DNS-1123 label: use lower-case letters, digits and '-', at most 63 characters (k8s-valid-name).`);
    }
  }
  if (problems.object(v.chart, 'velero.chart')) {
    if (problems.object(v.chart!.schedule, 'velero.chart.schedule', false)) {
      for (const field of ['storage', 'veleroNamespace'] as const) {
        if ((v.chart!.schedule as Record<string, unknown>)[field] !== undefined) {
          problems.add(`velero.chart.schedule.${field}`, `is set by HipaaBackupVault (${field === 'storage' ? 'the Velero bucket, the key\'s region and the key' : 'velero.namespace'}); remove it${field === 'storage' ? ' (use velero.chart.prefix for a path in the bucket)' : ''}.`);
        }
      }
    }
    problems.string(v.chart!.prefix, 'velero.chart.prefix');
  }
  const volumeKeys: pulumi.Output<string>[] = [];
  if (problems.list(v.volumeKeys, 'velero.volumeKeys')) {
    v.volumeKeys!.forEach((k, i) => volumeKeys.push(keyArnOf(k, `velero.volumeKeys[${i}]`, problems, (x) => pulumi.output(x), 'aws-backup-vault-kms-key')));
  }
  return { args: v, namespace: v.namespace ?? 'velero', serviceAccount: v.serviceAccount ?? 'velero', volumeKeys };
}

/**
 * Velero's role, with what velero-plugin-for-aws documents: S3 object access on the bucket only,
 * EBS snapshots and volumes in the key's region, and the key through S3 (and the volume keys through
 * EC2) only. `ec2:DescribeVolumes` and `ec2:DescribeSnapshots` support no resource-level permissions,
 * so IAM accepts them only with `Resource: "*"`; they read metadata, not data.
 */
function veleroRole(name: string, v: VeleroSettings, keyArn: pulumi.Output<string>, partition: pulumi.Output<string>, region: pulumi.Output<string>,
  tags: Record<string, string>, parent: pulumi.Resource) {
  const account = keyArn.apply((arn) => arn.split(':')[4]);
  const bucketArn = pulumi.output(v.args.bucket.arn);
  const suffix = partition.apply((p) => (p === 'aws-cn' ? '.cn' : ''));
  const statements: IrsaStatement[] = [
    { actions: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots'], resources: ['*'] },
    {
      actions: ['ec2:CreateSnapshot', 'ec2:CreateVolume', 'ec2:CreateTags', 'ec2:DeleteSnapshot'],
      resources: [pulumi.interpolate`arn:${partition}:ec2:${region}:${account}:volume/*`, pulumi.interpolate`arn:${partition}:ec2:${region}::snapshot/*`],
    },
    {
      actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      resources: [pulumi.interpolate`${bucketArn}/*`],
    },
    { actions: ['s3:ListBucket'], resources: [bucketArn] },
    {
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [keyArn],
      conditions: { StringEquals: { 'kms:ViaService': pulumi.interpolate`s3.${region}.amazonaws.com${suffix}` } },
    },
  ];
  if (v.volumeKeys.length > 0) {
    statements.push({
      actions: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
      resources: v.volumeKeys,
      conditions: { StringEquals: { 'kms:ViaService': pulumi.interpolate`ec2.${region}.amazonaws.com${suffix}` } },
    });
  }
  return createIrsaRole(`${name}-velero`, {
    cluster: v.args.cluster, namespace: v.namespace, serviceAccount: v.serviceAccount, statements, tags, roleName: v.args.roleName,
  }, parent);
}

function lifecycle(deleteAfter: number, coldStorageAfter: number | undefined): { deleteAfter: number; coldStorageAfter?: number } {
  return coldStorageAfter === undefined ? { deleteAfter } : { deleteAfter, coldStorageAfter };
}

function vaultNameOf(value: unknown, name: string, problems: InputProblems): string {
  const v = value ?? name;
  if (typeof v !== 'string') {
    problems.add('vaultName', `expected a string, got ${describe(v)}.`);
    return '';
  }
  if (!VAULT_NAME.test(v)) {
    problems.add('vaultName', `'${v}'${value === undefined ? ' (the component\'s name)' : ''} is not a backup vault name: use 2 to 50 letters, digits, '-' and '_'.`);
  }
  return v;
}

interface LockSettings {
  readonly minRetentionDays: number;
  readonly maxRetentionDays?: number;
  readonly changeableForDays: number;
}

function wholeDays(value: unknown, field: string, min: number, max: number, problems: InputProblems): value is number {
  if (value === undefined) return false;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return true;
  problems.add(field, `expected a whole number from ${min} to ${max}, got ${describe(value)}.`);
  return false;
}

function lockSettings(args: HipaaBackupVaultArgs | undefined, waived: ReadonlySet<unknown>, problems: InputProblems): LockSettings {
  const min = args?.minRetentionDays ?? SIX_YEARS_IN_DAYS;
  if (wholeDays(args?.minRetentionDays, 'minRetentionDays', 1, 36500, problems) && min < SIX_YEARS_IN_DAYS && !waived.has('aws-backup-vault-lock')) {
    problems.add('minRetentionDays', `${min} days is less than six years (${SIX_YEARS_IN_DAYS} days), the retention HIPAA requires for documentation; ` +
      'leave it unset, or waive aws-backup-vault-lock in waivers with a reason and expires (aws-backup-vault-lock).');
  }
  let max: number | undefined;
  if (wholeDays(args?.maxRetentionDays, 'maxRetentionDays', 1, 36500, problems)) {
    max = args!.maxRetentionDays;
    if (max! < min) problems.add('maxRetentionDays', `${max} is less than minRetentionDays (${min}); AWS refuses the lock. Raise it or leave it unset.`);
  }
  const changeable = args?.changeableForDays ?? 3;
  wholeDays(args?.changeableForDays, 'changeableForDays', 3, 36500, problems);
  return { minRetentionDays: min, maxRetentionDays: max, changeableForDays: changeable };
}

interface ResolvedRule {
  readonly name: string;
  readonly schedule: string;
  readonly deleteAfterDays: number;
  readonly coldStorageAfterDays?: number;
  readonly startWindowMinutes: number;
  readonly completionWindowMinutes: number;
  readonly copyTo: Array<{ destinationVaultArn: pulumi.Input<string>; deleteAfterDays: number; coldStorageAfterDays?: number }>;
}

function planRules(value: unknown, lock: LockSettings, waived: ReadonlySet<unknown>, problems: InputProblems): ResolvedRule[] {
  const given: unknown = value ?? [{ name: 'daily' }];
  if (!problems.list(given, 'rules', false)) return [];
  if (given.length === 0) {
    problems.add('rules', "is empty: a plan without rules takes no backups. Leave it unset for a daily rule, or give at least one, e.g. [{ name: 'daily' }].");
    return [];
  }
  const names = new Set<string>();
  const out: ResolvedRule[] = [];
  given.forEach((r: unknown, i: number) => {
    const at = `rules[${i}]`;
    if (!problems.object(r, at, false)) return;
    const rule = r as HipaaBackupRule;
    if (rule.name === undefined) {problems.add(`${at}.name`, "is missing: name the rule, e.g. 'daily'.");} else if (problems.string(rule.name, `${at}.name`)) {
      if (!RULE_NAME.test(rule.name)) problems.add(`${at}.name`, `'${rule.name}' is not a backup rule name: use 1 to 50 letters, digits, '.', '-' and '_'.`);
      else if (names.has(rule.name)) problems.add(`${at}.name`, `'${rule.name}' is the name of another rule; name each rule once.`);
      names.add(rule.name);
    }
    const schedule = rule.schedule ?? DEFAULT_BACKUP_SCHEDULE;
    if (problems.string(rule.schedule, `${at}.schedule`) || rule.schedule === undefined) {
      const problem = scheduleProblem(schedule);
      if (problem) problems.add(`${at}.schedule`, `'${schedule}' ${problem}. Use e.g. 'cron(0 5 ? * * *)' (every day at 05:00 UTC).`);
    }
    const deleteAfter = retentionDays(rule.deleteAfterDays, rule.coldStorageAfterDays, `${at}`, lock, waived, problems);
    const start = rule.startWindowMinutes ?? 60;
    wholeDays(rule.startWindowMinutes, `${at}.startWindowMinutes`, 60, 40320, problems);
    const completion = rule.completionWindowMinutes ?? Math.max(1440, start + 60);
    if (wholeDays(rule.completionWindowMinutes, `${at}.completionWindowMinutes`, 120, 100800, problems) && completion < start + 60) {
      problems.add(`${at}.completionWindowMinutes`, `${completion} minutes is not at least 60 more than the start window (${start}); AWS refuses the rule.`);
    }
    const copyTo: ResolvedRule['copyTo'] = [];
    if (problems.list(rule.copyTo, `${at}.copyTo`)) {
      rule.copyTo!.forEach((c: unknown, j: number) => {
        const cat = `${at}.copyTo[${j}]`;
        if (!problems.object(c, cat, false)) return;
        const copy = c as HipaaBackupCopy;
        if (copy.destinationVaultArn === undefined) {problems.add(`${cat}.destinationVaultArn`, 'is missing: give the ARN of the vault to copy to.');} else if (typeof copy.destinationVaultArn === 'string' && !VAULT_ARN.test(copy.destinationVaultArn)) {
          problems.add(`${cat}.destinationVaultArn`, `'${copy.destinationVaultArn}' is not a backup vault ARN; give arn:<partition>:backup:<region>:<account>:backup-vault:<name>.`);
        }
        const cold = copy.coldStorageAfterDays ?? rule.coldStorageAfterDays;
        const del = copy.deleteAfterDays === undefined ? deleteAfter : retentionDays(copy.deleteAfterDays, cold, cat, undefined, waived, problems);
        copyTo.push({ destinationVaultArn: copy.destinationVaultArn, deleteAfterDays: del, coldStorageAfterDays: cold });
      });
    }
    out.push({
      name: rule.name,
      schedule,
      deleteAfterDays: deleteAfter,
      coldStorageAfterDays: rule.coldStorageAfterDays,
      startWindowMinutes: start,
      completionWindowMinutes: completion,
      copyTo,
    });
  });
  return out;
}

/** A rule's (or copy's) deleteAfterDays, checked against six years, the lock and cold storage. */
function retentionDays(value: unknown, cold: unknown, at: string, lock: LockSettings | undefined, waived: ReadonlySet<unknown>,
  problems: InputProblems): number {
  const deleteAfter = (value ?? lock?.minRetentionDays ?? SIX_YEARS_IN_DAYS) as number;
  const field = `${at}.deleteAfterDays`;
  if (value !== undefined && wholeDays(value, field, 1, 36500, problems)) {
    if (deleteAfter < SIX_YEARS_IN_DAYS && !waived.has('aws-backup-plan-retention')) {
      problems.add(field, `${deleteAfter} days is less than six years (${SIX_YEARS_IN_DAYS} days), the retention HIPAA requires for documentation; ` +
        'leave it unset, or waive aws-backup-plan-retention in waivers with a reason and expires (aws-backup-plan-retention).');
    } else if (lock !== undefined && deleteAfter < lock.minRetentionDays) {
      problems.add(field, `${deleteAfter} days is less than the vault lock's minRetentionDays (${lock.minRetentionDays}): AWS Backup fails every backup job of the rule. Keep recovery points at least that long.`);
    } else if (lock?.maxRetentionDays !== undefined && deleteAfter > lock.maxRetentionDays) {
      problems.add(field, `${deleteAfter} days is more than the vault lock's maxRetentionDays (${lock.maxRetentionDays}): AWS Backup fails every backup job of the rule.`);
    }
  }
  if (wholeDays(cold, `${at}.coldStorageAfterDays`, 1, 36500, problems) && deleteAfter < (cold as number) + 90) {
    problems.add(`${at}.coldStorageAfterDays`, `recovery points would be deleted ${deleteAfter - (cold as number)} days after moving to cold storage; AWS requires at least 90; ${deleteAfter - 90 >= 1 ? `move them to cold storage by day ${deleteAfter - 90}, or never` : 'remove coldStorageAfterDays'} (aws-backup-plan-retention).`);
  }
  return deleteAfter;
}

/** Why an AWS Backup schedule expression is refused, or undefined. */
export function scheduleProblem(expr: string): string | undefined {
  const m = /^cron\((.*)\)$/.exec(expr.trim());
  if (!m) return 'is not an AWS cron expression (cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>))';
  const fields = m[1].trim().split(/\s+/);
  if (fields.length !== 6) return `has ${fields.length} fields; AWS cron expressions have six (minutes hours day-of-month month day-of-week year)`;
  const [minutes, hours, dom, month, dow, year] = fields;
  if (!/^([0-9]|[1-5][0-9])$/.test(minutes)) return `has minutes '${minutes}'; give one minute (0-59): AWS Backup starts a rule at most once an hour`;
  if (!/^[0-9*,/-]+$/.test(hours)) return `has hours '${hours}', which is not an hour field (0-23, lists, ranges, steps or *)`;
  if ((dom === '?') === (dow === '?')) return 'must have ? in exactly one of day-of-month and day-of-week';
  for (const [f, label] of [[dom, 'day-of-month'], [month, 'month'], [dow, 'day-of-week'], [year, 'year']] as const) {
    if (!/^[0-9A-Za-z*?,/#L-]+$/.test(f)) return `has ${label} '${f}', which is not a cron field`;
  }
  return undefined;
}

function selectionProblems(value: unknown, problems: InputProblems): void {
  if (value === undefined) {
    problems.add('selection', "is missing: say what to back up, by ARN (resources) or by tag (tags), e.g. { tags: { 'hipaa-constructs.io/phi': 'true' } }.");
    return;
  }
  if (!problems.object(value, 'selection', false)) return;
  const s = value as HipaaBackupSelection;
  const hasResources = problems.list(s.resources, 'selection.resources') && s.resources!.length > 0;
  const hasTags = problems.object(s.tags, 'selection.tags') && Object.keys(s.tags!).length > 0;
  if (!hasResources && !hasTags) {
    problems.add('selection', "selects nothing: give resources (ARNs) or tags, e.g. { tags: { 'hipaa-constructs.io/phi': 'true' } }.");
  }
  for (const field of ['resources', 'notResources'] as const) {
    if (!Array.isArray(s[field])) continue;
    s[field]!.forEach((r, i) => {
      if (r === '*') {
        problems.add(`selection.${field}[${i}]`, "'*' selects every resource of every supported service in the account and region. Name the resources by ARN, or select them by tag.");
      } else if (typeof r === 'string' && !r.startsWith('arn:')) {
        problems.add(`selection.${field}[${i}]`, `'${r}' is not an ARN; give the resource's ARN (e.g. arn:aws:rds:us-east-1:123456789012:db:clinic).`);
      }
    });
  }
  if (s.tags !== undefined && typeof s.tags === 'object') {
    for (const [k, v] of Object.entries(s.tags)) {
      if (typeof v !== 'string') problems.add(`selection.tags["${k}"]`, `expected a string, got ${describe(v)}.`);
    }
  }
}
