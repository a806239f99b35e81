import { ApiObject, Chart, Names, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct, IConstruct } from 'constructs';
import type { IEncryptedStorageClass } from './encrypted-storage';
import type { VolumeSpec } from './encrypted-volume-props';
import type { EncryptedVolumeProvider } from './encrypted-volume-provider';
import { childPath, describe } from './input-problems';
import { toLabelValue } from './label-value';
import { encryptedVolumeProps } from './props-checks';
import { HipaaValidation } from './validation';
import { addWaivers, MAX_WAIVER_MONTHS_KEY } from './waivers';
import { OWNER_LABEL, PHI_LABEL } from '../labels';
import { clusterScoped } from './cluster-scoped';

/** Props of {@link EncryptedVolume}. */
export interface EncryptedVolumeProps {
  /**
   * The CSI driver and the customer-managed key its volumes are encrypted with:
   * `EncryptedVolumeProvider.awsEbs({ kmsKeyId })`, `.awsEfs({ fileSystemId, encryptionAtRest })`,
   * `.gcePd({ kmsKeyName })` or `.azureDisk({ diskEncryptionSetId })`.
   */
  readonly provider: EncryptedVolumeProvider;
  /**
   * Name of the StorageClass (and of the VolumeSnapshotClass). StorageClasses are cluster-wide:
   * pick a name no other app uses.
   * @default - a stable name made from the construct path, e.g. `clinic-data-c8a1b2c3`
   */
  readonly storageClassName?: string;
  /** Whether the volumes hold PHI (label `hipaa-constructs.io/phi` on the classes and the claims). @default true */
  readonly phi?: boolean;
  /** Team or person accountable for the storage (label `hipaa-constructs.io/owner`). @default - not labelled */
  readonly owner?: string;
  /**
   * Whether to write a VolumeSnapshotClass (snapshot.storage.k8s.io/v1, deletionPolicy Retain)
   * for the driver, so VolumeSnapshots (and Velero's CSI snapshots) of the volumes outlive their
   * objects. Refused for EFS, whose CSI driver takes no snapshots.
   * @default - true for EBS, GCE PD and Azure Disk; false for EFS
   */
  readonly snapshotClass?: boolean;
}

/** Options of {@link EncryptedVolume.claim}. */
export interface EncryptedVolumeClaimOptions {
  /** Storage the claim requests, a whole number of GiB (an EBS gp3 volume is 1 GiB to 16 TiB). EFS does not enforce it. */
  readonly size: Size;
  /**
   * Access modes of the claim; each must be one the driver supports (EBS and Azure Disk:
   * ReadWriteOnce, ReadWriteOncePod; GCE PD also ReadOnlyMany; EFS any).
   * @default - [ReadWriteMany] for EFS, [ReadWriteOnce] otherwise
   */
  readonly accessModes?: kplus.PersistentVolumeAccessMode[];
  /** Name of the PersistentVolumeClaim. @default - generated from the construct path */
  readonly name?: string;
}

/**
 * A StorageClass whose volumes are encrypted at rest with a customer-managed key, with the
 * VolumeSnapshotClass for its driver, and claims on it. One construct per provider choice (AWS
 * EBS CSI gp3 under a KMS key; AWS EFS CSI access points on an encrypted file system, TLS in
 * transit; GCE PD under a Cloud KMS key; Azure Disk under a disk encryption set). Volumes and
 * snapshots are kept when their objects are deleted (reclaimPolicy and deletionPolicy Retain),
 * bound where their pod is scheduled (WaitForFirstConsumer), and may grow (allowVolumeExpansion,
 * but for EFS, which is elastic). The class and the snapshot class are cluster-scoped: they carry
 * no namespace even in a chart that has one; claims land in their chart's namespace.
 *
 * The key is checked when the construct is created (the same checks as
 * k8s-storage-class-encryption), and the chart is checked by the full rule pack at synth.
 */
export class EncryptedVolume extends Construct implements IEncryptedStorageClass {
  /** Name of the StorageClass claims use. */
  public readonly storageClassName: string;
  /** Whether the class is labelled PHI (claims on it are too). */
  public readonly phi: boolean;
  /** The CSI driver, e.g. `ebs.csi.aws.com`. */
  public readonly provisioner: string;
  /** The StorageClass. */
  public readonly storageClass: k8s.KubeStorageClass;
  /** The VolumeSnapshotClass, when one is written. */
  public readonly volumeSnapshotClass?: ApiObject;

  private readonly spec: VolumeSpec;
  private readonly labels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: EncryptedVolumeProps) {
    const where = childPath(scope, id);
    const spec = encryptedVolumeProps().validateEncryptedVolumeProps({ where, now: new Date(), maxWaiverMonths: maxWaiverMonthsAbove(scope) }, props);
    super(scope, id);
    this.spec = spec;
    this.phi = props.phi ?? true;
    this.provisioner = spec.provisioner;
    this.storageClassName = props.storageClassName ?? Names.toDnsLabel(this);
    const labels: Record<string, string> = { [PHI_LABEL]: String(this.phi) };
    if (props.owner) labels[OWNER_LABEL] = toLabelValue(props.owner);
    this.labels = labels;

    this.storageClass = new k8s.KubeStorageClass(this, 'StorageClass', {
      metadata: { name: this.storageClassName, labels },
      provisioner: spec.provisioner,
      parameters: { ...spec.parameters },
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: spec.allowVolumeExpansion,
    });
    clusterScoped(this.storageClass);
    if (spec.statement) {
      const { ruleIds, ...statement } = spec.statement;
      addWaivers(this.storageClass, [{ ruleId: ruleIds[0], ...statement }]);
    }

    if (props.snapshotClass ?? spec.snapshots) {
      // The generated class is loaded here, not at import: the cdk8s entry stays light.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { VolumeSnapshotClass, VolumeSnapshotClassDeletionPolicy } = require('../imports/snapshot.storage.k8s.io') as typeof import('../imports/snapshot.storage.k8s.io');
      this.volumeSnapshotClass = new VolumeSnapshotClass(this, 'VolumeSnapshotClass', {
        metadata: { name: this.storageClassName, labels },
        driver: spec.provisioner,
        deletionPolicy: VolumeSnapshotClassDeletionPolicy.RETAIN,
      });
      clusterScoped(this.volumeSnapshotClass);
    }
    HipaaValidation.enable(Chart.of(this));
  }

  /**
   * A PersistentVolumeClaim on this class, in `scope`'s chart and namespace, labelled PHI (as the
   * class) and with the owner. Mount it with `kplus.Volume.fromPersistentVolumeClaim(...)`.
   */
  public claim(scope: Construct, id: string, options: EncryptedVolumeClaimOptions): kplus.PersistentVolumeClaim {
    if (!(scope as IConstruct | undefined)?.node) {
      throw new Error(`[${this.node.path}] claim: expected a construct to create the claim in, got ${describe(scope)}.`);
    }
    if (typeof id !== 'string' || id === '') {
      throw new Error(`[${this.node.path}] claim: the id must be a non-empty string (got ${describe(id)}), e.g. volume.claim(chart, 'db-data', { size: Size.gibibytes(20) }).`);
    }
    const idInUse = scope.node.tryFindChild(id) !== undefined;
    encryptedVolumeProps().validateClaimOptions(childPath(scope, id), this.spec, this.provisioner, options, idInUse);
    const claim = new kplus.PersistentVolumeClaim(scope, id, {
      metadata: { ...(options.name !== undefined ? { name: options.name } : {}), labels: { ...this.labels } },
      storage: options.size,
      storageClassName: this.storageClassName,
      accessModes: options.accessModes ?? this.spec.defaultAccessModes.map((m) => m as kplus.PersistentVolumeAccessMode),
      volumeMode: kplus.PersistentVolumeMode.FILE_SYSTEM,
    });
    if (this.spec.statement) {
      const { ruleIds, ...statement } = this.spec.statement;
      addWaivers(claim, [{ ruleId: ruleIds[1], ...statement }]);
    }
    HipaaValidation.enable(Chart.of(claim));
    return claim;
  }
}

/** The `maxWaiverMonths` recorded by HipaaValidation.enable on `scope` or above (12 when none). */
function maxWaiverMonthsAbove(scope: IConstruct | undefined): number {
  const scopes = scope?.node?.scopes ?? [];
  for (let i = scopes.length - 1; i >= 0; i--) {
    const value = (scopes[i] as any)[MAX_WAIVER_MONTHS_KEY];
    if (value !== undefined) return value;
  }
  return 12;
}
