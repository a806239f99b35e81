import { ApiObject, Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import type { BackupRestoreTest, BackupRestoreTestProps } from './backup-restore-test';
import type { BackupSchedulePlan } from './backup-schedule-props';
import type { HipaaNamespace } from './hipaa-namespace';
import { childPath } from './input-problems';
import { toLabelValue } from './label-value';
import { HipaaValidation } from './validation';
import { addWaivers } from './waivers';
import type { Waiver } from '../check/waiver';
import type * as velero from '../imports/velero.io';
import { OWNER_LABEL, PHI_LABEL } from '../labels';

/* eslint-disable @typescript-eslint/no-require-imports */
// Loaded by the first BackupSchedule, not by the cdk8s entry point (its load time is pinned).
const propsChecks = (): typeof import('./backup-schedule-props') => require('./backup-schedule-props');
const veleroImports = (): typeof import('../imports/velero.io') => require('../imports/velero.io');
const restoreTestModule = (): typeof import('./backup-restore-test') => require('./backup-restore-test');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The annotations on the Schedule stating the backup plan (Go durations; the storage rules read them). */
export const BACKUP_PLAN_ANNOTATIONS = {
  retention: 'hipaa-constructs.io/retention',
  rpo: 'hipaa-constructs.io/rpo',
  rto: 'hipaa-constructs.io/rto',
} as const;

/**
 * The cluster-scoped resources a BackupSchedule backs up by default: RBAC, admission configuration
 * (webhooks and ValidatingAdmissionPolicies), CRDs, StorageClasses and VolumeSnapshotClasses.
 */
export const DEFAULT_CLUSTER_SCOPED_RESOURCES: readonly string[] = [
  'clusterroles.rbac.authorization.k8s.io',
  'clusterrolebindings.rbac.authorization.k8s.io',
  'validatingwebhookconfigurations.admissionregistration.k8s.io',
  'mutatingwebhookconfigurations.admissionregistration.k8s.io',
  'validatingadmissionpolicies.admissionregistration.k8s.io',
  'validatingadmissionpolicybindings.admissionregistration.k8s.io',
  'customresourcedefinitions.apiextensions.k8s.io',
  'storageclasses.storage.k8s.io',
  'volumesnapshotclasses.snapshot.storage.k8s.io',
];

/** Where backups are written: an S3 bucket, encrypted with a customer-managed KMS key. */
export interface BackupStorageProps {
  /** Name of the S3 bucket (S3 naming rules are checked). */
  readonly bucket: string;
  /** Path inside the bucket, without leading or trailing '/'. @default - the bucket's root */
  readonly prefix?: string;
  /** AWS region of the bucket, e.g. `us-east-1`. */
  readonly region: string;
  /**
   * Customer-managed KMS key the AWS plugin encrypts every backup object with (SSE-KMS, written as
   * `spec.config.kmsKeyId` of the BackupStorageLocation): a key or alias ARN, key id or `alias/<name>`
   * in the bucket's region; AWS-managed keys (`alias/aws/s3`) are refused. Velero's IAM role needs
   * `kms:GenerateDataKey` and `kms:Decrypt` on it.
   */
  readonly kmsKeyId: string;
}

/** Where EBS volume snapshots are taken (the VolumeSnapshotLocation). */
export interface BackupSnapshotProps {
  /** AWS region of the volumes and their snapshots. @default - the bucket's region (`storage.region`) */
  readonly region?: string;
  /**
   * Customer-managed KMS key that volumes restored from these snapshots are created with
   * (`spec.config.ebsKmsKeyId`). EBS snapshots always carry the key of the volume they are taken
   * from (the EncryptedVolume StorageClass's customer key), and volumes restored from them
   * inherit it; set this only to restore under another key. Only velero-plugin-for-aws builds
   * newer than v1.14.0-rc.1 know the setting; older ones refuse the location.
   * @default - restored volumes keep the snapshot's key
   */
  readonly restoredVolumeKmsKeyId?: string;
}

/** Props of {@link BackupSchedule}. */
export interface BackupScheduleProps {
  /** Name of the Schedule, BackupStorageLocation and VolumeSnapshotLocation (a DNS label: Velero labels backups with it). @default - the construct id */
  readonly name?: string;
  /** Namespace Velero runs in; the Velero objects are written there, because Velero reads them only there. @default 'velero' */
  readonly veleroNamespace?: string;
  /** The namespaces to back up (HipaaNamespace objects or names; at least one, no patterns). */
  readonly namespaces: (HipaaNamespace | string)[];
  /**
   * When backups run: a cron expression as Velero reads it (five fields in UTC, or `@daily`,
   * `@every 6h`...). The longest time between two runs must not exceed `rpo`.
   * @default '0 2 * * *' (every day at 02:00 UTC)
   */
  readonly schedule?: string;
  /** How long backups must be kept (annotation `hipaa-constructs.io/retention`), e.g. `Duration.days(90)`. */
  readonly retention: Duration;
  /** How long Velero keeps each backup (`spec.template.ttl`); at least `retention`. @default - the retention */
  readonly ttl?: Duration;
  /** Recovery point objective: the most time between two backups (annotation `hipaa-constructs.io/rpo`), e.g. `Duration.hours(24)`. */
  readonly rpo: Duration;
  /** Recovery time objective: how long a restore may take (annotation `hipaa-constructs.io/rto`); the restore test fails beyond it. */
  readonly rto: Duration;
  /** The S3 bucket and customer-managed KMS key backups are written with. */
  readonly storage: BackupStorageProps;
  /** Where EBS snapshots of the volumes are taken. @default - in the bucket's region, restored volumes keep the snapshot's key */
  readonly snapshots?: BackupSnapshotProps;
  /**
   * Cluster-scoped resources backed up with the namespaces (`template.includedClusterScopedResources`,
   * Velero's names with their API group), so a restore brings back the access control, admission
   * configuration, CRDs and classes the namespaces depend on. The PersistentVolumes of the
   * namespaces' claims are backed up (and snapshotted) in any case. `['*']` backs up every
   * cluster-scoped object, which includes every PersistentVolume of the cluster (each one
   * snapshotted by every backup); `[]` only the volumes of the claims.
   * @default DEFAULT_CLUSTER_SCOPED_RESOURCES (ClusterRoles and bindings, admission webhooks and policies, CRDs, StorageClasses, VolumeSnapshotClasses)
   */
  readonly clusterScopedResources?: string[];
  /**
   * A scheduled test that restores the latest backup into a scratch namespace, checks it within
   * the RTO and fails loudly (see BackupRestoreTest).
   * @default - no restore test (restores are never tested: add one)
   */
  readonly restoreTest?: BackupRestoreTestProps;
  /** Team or person accountable for the backups (label `hipaa-constructs.io/owner` on the Velero objects and every backup). @default - not labelled */
  readonly owner?: string;
  /** Accepted findings on the objects this construct creates, each with a reason and an expiry at most 12 months ahead. @default - none */
  readonly waivers?: Waiver[];
}

/**
 * A Velero backup plan for PHI namespaces: a `velero.io/v1` Schedule that backs up the
 * namespaces (and the cluster-scoped RBAC, admission configuration, CRDs and classes) with volume snapshots,
 * keeps each backup at least as long as the stated retention, labels every backup PHI, and
 * records its RPO, RTO and retention as annotations; a BackupStorageLocation writing to S3 with
 * SSE-KMS under a customer-managed key (provider `aws`, velero-plugin-for-aws; credentials
 * through IRSA, so no credential Secret); and a VolumeSnapshotLocation for EBS snapshots. The
 * schedule is checked against the RPO (the exact longest gap between two runs) at construction.
 */
export class BackupSchedule extends Construct {
  /** Name of the Schedule (and of its locations). */
  public readonly name: string;
  /** Namespace of the Velero objects. */
  public readonly veleroNamespace: string;
  /** The namespaces backed up. */
  public readonly namespaces: readonly string[];
  /** The cron expression backups run on. */
  public readonly cron: string;
  /** The longest time between two runs of the schedule. */
  public readonly longestGap: Duration;
  /** The Schedule. */
  public readonly schedule: ApiObject;
  /** The BackupStorageLocation. */
  public readonly storageLocation: ApiObject;
  /** The VolumeSnapshotLocation. */
  public readonly snapshotLocation: ApiObject;
  /** The recovery point objective, as given. */
  public readonly rpo: Duration;
  /** The recovery time objective, as given. */
  public readonly rto: Duration;
  /** How long backups must be kept, as given. */
  public readonly retention: Duration;

  /** The team or person accountable for the backups, as given. */
  public readonly owner?: string;
  /** The restore test, when `restoreTest` is given. */
  public readonly restoreTest?: BackupRestoreTest;

  /** @internal */
  public readonly _plan: BackupSchedulePlan;
  private readonly labels: Record<string, string>;

  constructor(scope: Construct, id: string, props: BackupScheduleProps) {
    const plan = propsChecks().validateBackupScheduleProps(childPath(scope, id), id, props, scope.node.root, scope);
    super(scope, id);
    this._plan = plan;
    this.name = props.name ?? id;
    this.veleroNamespace = props.veleroNamespace ?? 'velero';
    this.namespaces = plan.namespaces;
    this.cron = plan.schedule;
    this.longestGap = Duration.millis(plan.gap.ms);
    this.owner = props.owner;
    this.rpo = props.rpo;
    this.rto = props.rto;
    this.retention = props.retention;
    if (props.waivers !== undefined) addWaivers(this, props.waivers);
    HipaaValidation.enable(Chart.of(this));
    this.labels = { [PHI_LABEL]: 'true', ...(props.owner === undefined ? {} : { [OWNER_LABEL]: toLabelValue(props.owner) }) };

    const v = veleroImports();
    const goDuration = propsChecks().goDuration;
    const meta = { name: this.name, namespace: this.veleroNamespace, labels: this.labels };
    this.storageLocation = new v.BackupStorageLocation(this, 'StorageLocation', {
      metadata: meta,
      spec: {
        provider: 'aws',
        objectStorage: { bucket: props.storage.bucket, ...(props.storage.prefix === undefined ? {} : { prefix: props.storage.prefix }) },
        // kmsKeyId makes the plugin upload with SSE-KMS under that key; serverSideEncryption says so explicitly.
        config: { region: props.storage.region, kmsKeyId: props.storage.kmsKeyId, serverSideEncryption: 'aws:kms' },
      },
    });
    const snapshots = props.snapshots ?? {};
    this.snapshotLocation = new v.VolumeSnapshotLocation(this, 'SnapshotLocation', {
      metadata: meta,
      spec: {
        provider: 'aws',
        config: {
          region: snapshots.region ?? props.storage.region,
          ...(snapshots.restoredVolumeKmsKeyId === undefined ? {} : { ebsKmsKeyId: snapshots.restoredVolumeKmsKeyId }),
        },
      },
    });
    const clusterScoped = [...(props.clusterScopedResources ?? DEFAULT_CLUSTER_SCOPED_RESOURCES)];
    const template: velero.ScheduleSpecTemplate = {
      includedNamespaces: [...plan.namespaces],
      // Not includeClusterResources: true, which backs up (and snapshots) every PersistentVolume of the cluster.
      ...(clusterScoped.length === 0 ? {} : { includedClusterScopedResources: clusterScoped }),
      snapshotVolumes: true,
      storageLocation: this.name,
      volumeSnapshotLocations: [this.name],
      ttl: goDuration(plan.ttlMs),
      metadata: { labels: { ...this.labels } },
    };
    this.schedule = new v.Schedule(this, 'Schedule', {
      metadata: {
        ...meta,
        annotations: {
          [BACKUP_PLAN_ANNOTATIONS.retention]: goDuration(plan.retentionMs),
          [BACKUP_PLAN_ANNOTATIONS.rpo]: goDuration(plan.rpoMs),
          [BACKUP_PLAN_ANNOTATIONS.rto]: goDuration(plan.rtoMs),
        },
      },
      spec: {
        schedule: plan.schedule,
        // Owner references would let deleting the Schedule (a rename, a pruned chart) garbage-collect every Backup.
        useOwnerReferencesInBackup: false,
        template,
      },
    });
    this.schedule.node.addDependency(this.storageLocation, this.snapshotLocation);
    if (plan.restoreTest !== undefined && props.restoreTest !== undefined) {
      this.restoreTest = new (restoreTestModule().BackupRestoreTest)(this, 'RestoreTest', props.restoreTest);
    }
  }
}
