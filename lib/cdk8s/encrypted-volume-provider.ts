/**
 * Where an {@link EncryptedVolume}'s volumes come from, and under which customer-managed key they
 * are encrypted at rest: one static factory per CSI driver. The options are checked by the
 * EncryptedVolume that receives them, which reports every problem with its construct path.
 */

/** Options of an AWS EBS CSI (`ebs.csi.aws.com`) class: gp3 volumes under a customer-managed KMS key. */
export interface AwsEbsVolumeOptions {
  /**
   * The customer-managed KMS key the volumes (and their snapshots) are encrypted with: its full ARN
   * (`arn:aws:kms:us-east-1:123456789012:key/<key id>`) or an alias ARN (`arn:aws:kms:...:alias/<name>`),
   * as the EBS CSI driver documents it. A bare key id or `alias/<name>` is refused (it would resolve in
   * whatever account and region a volume is created in); AWS-managed keys (`alias/aws/ebs`) are refused
   * (k8s-storage-class-encryption). The EBS CSI
   * driver's IAM role needs kms:CreateGrant, kms:GenerateDataKeyWithoutPlaintext and kms:Decrypt on it.
   */
  readonly kmsKeyId: string;
  /** Provisioned IOPS of each gp3 volume, 3000 to 16000 (`iops`); claims above 3000 need at least 1 GiB per 500 IOPS. @default - the gp3 baseline, 3000 */
  readonly iops?: number;
  /** Provisioned throughput of each gp3 volume in MiB/s, 125 to 1000 and at most IOPS / 4 (`throughput`). @default - the gp3 baseline, 125 */
  readonly throughput?: number;
  /** File system the driver formats the volumes with (`csi.storage.k8s.io/fstype`). @default 'ext4' */
  readonly fsType?: 'ext4' | 'xfs';
}

/**
 * How encryption at rest of an EFS file system was verified. EFS encrypts at rest per file
 * system, when the file system is created (outside Kubernetes); a StorageClass cannot show it, so
 * the rules report such a class as unverifiable (k8s-storage-class-encryption-unverified, and
 * k8s-phi-claim-storage-unknown on its claims). What is stated here becomes the reason of the
 * waivers the EncryptedVolume adds for those two findings, with the expiry given, so the
 * statement is reviewed again like any accepted risk.
 */
export interface EfsEncryptionAtRest {
  /**
   * ARN of the customer-managed KMS key the file system is encrypted with (`aws efs
   * describe-file-systems --file-system-id fs-...` shows `"Encrypted": true` and this `KmsKeyId`).
   * Validated like an EBS key (a full key or alias ARN); an AWS-managed key (`alias/aws/elasticfilesystem`) is refused.
   * @default - none: then `acknowledgement` must say how encryption at rest was verified
   */
  readonly kmsKeyId?: string;
  /**
   * How encryption at rest with a customer-managed key was verified, when the key is not stated
   * (at least 20 characters and 3 words), e.g. 'Encrypted with the clinic CMK per CHG-1234, checked with describe-file-systems'.
   * @default - none: then `kmsKeyId` is required
   */
  readonly acknowledgement?: string;
  /** Last day (YYYY-MM-DD, UTC) the statement holds, at most 12 months ahead (the waiver expiry limit): it must be verified again by then. */
  readonly expires: string;
  /** Who verified it (person, team or e-mail). @default - not recorded */
  readonly owner?: string;
  /** Ticket or change record of the verification. @default - not recorded */
  readonly ticket?: string;
}

/**
 * Options of an AWS EFS CSI (`efs.csi.aws.com`) class: dynamic provisioning of one access point per
 * claim (`provisioningMode: efs-ap`) on an existing file system. Encryption in transit is the
 * driver's default (TLS through efs-utils) and the class never turns it off (`encryptInTransit` is
 * not written; the driver treats the `tls` mount option as deprecated).
 */
export interface AwsEfsVolumeOptions {
  /** The EFS file system the access points are created on: `fs-` and 8 to 40 lower-case hex digits, e.g. `fs-0123456789abcdef0`. */
  readonly fileSystemId: string;
  /** The customer-managed key the file system is encrypted with, or how that was verified. */
  readonly encryptionAtRest: EfsEncryptionAtRest;
  /** Permissions of each access point's root directory, as three octal digits (`directoryPerms`). @default '700' */
  readonly directoryPerms?: string;
  /** POSIX user the access points enforce (`uid`); match the pods' identity. @default 10001 */
  readonly uid?: number;
  /** POSIX group the access points enforce (`gid`). @default 10001 */
  readonly gid?: number;
  /** Directory of the file system under which the access points' directories are created (`basePath`). @default - the file system's root */
  readonly basePath?: string;
}

/** Options of a GCE Persistent Disk CSI (`pd.csi.storage.gke.io`) class under a Cloud KMS key (CMEK). */
export interface GcePdVolumeOptions {
  /**
   * The Cloud KMS key the disks are encrypted with (`disk-encryption-kms-key`):
   * `projects/<project>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>`. The Compute Engine
   * service agent needs roles/cloudkms.cryptoKeyEncrypterDecrypter on it.
   */
  readonly kmsKeyName: string;
  /** Disk type (`type`). @default 'pd-balanced' */
  readonly diskType?: 'pd-balanced' | 'pd-ssd' | 'pd-standard' | 'pd-extreme' | 'hyperdisk-balanced';
}

/** Options of an Azure Disk CSI (`disk.csi.azure.com`) class under a disk encryption set. */
export interface AzureDiskVolumeOptions {
  /**
   * Resource id of the disk encryption set (customer-managed key in Key Vault) the disks are
   * encrypted with (`diskEncryptionSetID`):
   * `/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Compute/diskEncryptionSets/<name>`.
   */
  readonly diskEncryptionSetId: string;
  /** Disk SKU (`skuName`). @default 'Premium_LRS' */
  readonly skuName?: 'Premium_LRS' | 'StandardSSD_LRS' | 'Premium_ZRS' | 'StandardSSD_ZRS' | 'PremiumV2_LRS' | 'Standard_LRS';
}

/** The kinds of provider, one per CSI driver. */
export type EncryptedVolumeProviderKind = 'aws-ebs' | 'aws-efs' | 'gce-pd' | 'azure-disk';

/**
 * The CSI driver and key of an {@link EncryptedVolume}: create one with a static factory,
 * e.g. `EncryptedVolumeProvider.awsEbs({ kmsKeyId })`.
 */
export class EncryptedVolumeProvider {
  /** AWS EBS CSI driver (`ebs.csi.aws.com`): gp3 volumes, `encrypted: "true"` under a customer-managed KMS key. */
  public static awsEbs(options: AwsEbsVolumeOptions): EncryptedVolumeProvider {
    return new EncryptedVolumeProvider('aws-ebs', options);
  }

  /** AWS EFS CSI driver (`efs.csi.aws.com`): an access point per claim on an encrypted file system; TLS in transit. No CSI snapshots. */
  public static awsEfs(options: AwsEfsVolumeOptions): EncryptedVolumeProvider {
    return new EncryptedVolumeProvider('aws-efs', options);
  }

  /** GCE Persistent Disk CSI driver (`pd.csi.storage.gke.io`): disks under a Cloud KMS key (CMEK). */
  public static gcePd(options: GcePdVolumeOptions): EncryptedVolumeProvider {
    return new EncryptedVolumeProvider('gce-pd', options);
  }

  /** Azure Disk CSI driver (`disk.csi.azure.com`): disks under a disk encryption set with a customer-managed key. */
  public static azureDisk(options: AzureDiskVolumeOptions): EncryptedVolumeProvider {
    return new EncryptedVolumeProvider('azure-disk', options);
  }

  private constructor(
    /** Which driver. */
    public readonly kind: EncryptedVolumeProviderKind,
    /** The options given to the factory, checked by the EncryptedVolume. */
    public readonly options: AwsEbsVolumeOptions | AwsEfsVolumeOptions | GcePdVolumeOptions | AzureDiskVolumeOptions,
  ) {}
}
