/**
 * EncryptedVolume props and claim options: their validation at construction (every problem at
 * once, with the rule each one would break), and what a valid provider writes (one source for the
 * StorageClass parameters, the snapshot support and the claims' access modes and sizes). Loaded on
 * first use (lib/cdk8s/props-checks.ts), like the other constructs' prop checks.
 */
import { SizeRoundingBehavior } from 'cdk8s';
import type { EncryptedVolumeClaimOptions } from './encrypted-volume';
import type { AwsEbsVolumeOptions, AwsEfsVolumeOptions, AzureDiskVolumeOptions, EncryptedVolumeProviderKind, GcePdVolumeOptions } from './encrypted-volume-provider';
import { describe, InputProblems, isPlainObject } from './input-problems';
import { fromManifest } from '../check/resource';
import { waiverProblems } from '../check/waiver';
import { AZURE_DES, AZURE_DES_EXAMPLE, classEncryption, GCP_KEY, GCP_KEY_EXAMPLE } from '../rules/k8s/storage/encryption';
import { KMS_KEY_ARN_EXAMPLE, parseKmsKey } from '../rules/k8s/support/kms-key';
import { nameViolation } from '../rules/k8s/workload/valid-name';

/** The rule that judges a StorageClass's key. */
const CLASS_RULE = 'k8s-storage-class-encryption';
/** The rule that reports a class (EFS) whose encryption cannot be seen in the class. */
const UNVERIFIED_RULE = 'k8s-storage-class-encryption-unverified';
/** The rule that reports PHI claims on such a class. */
const CLAIM_UNKNOWN_RULE = 'k8s-phi-claim-storage-unknown';

const FACTORIES = 'EncryptedVolumeProvider.awsEbs({ kmsKeyId }), .awsEfs({ fileSystemId, encryptionAtRest }), .gcePd({ kmsKeyName }) or .azureDisk({ diskEncryptionSetId })';
const KINDS: readonly EncryptedVolumeProviderKind[] = ['aws-ebs', 'aws-efs', 'gce-pd', 'azure-disk'];

const RWO = 'ReadWriteOnce';
const RWOP = 'ReadWriteOncePod';
const ROX = 'ReadOnlyMany';
const RWX = 'ReadWriteMany';
const ALL_MODES = [RWO, ROX, RWX, RWOP];

/** gp3 limits (Amazon EBS volume types): size in GiB, IOPS, throughput in MiB/s, throughput per IOPS. */
export const GP3 = {
  minGiB: 1, maxGiB: 16384, minIops: 3000, maxIops: 16000, minThroughput: 125, maxThroughput: 1000, throughputPerIops: 0.25, maxIopsPerGiB: 500,
} as const;

const EFS_FILE_SYSTEM = /^fs-[0-9a-f]{8,40}$/;
const DIRECTORY_PERMS = /^[0-7]{3}$/;
const EFS_BASE_PATH = /^\/[^\0]*$/;

/** What a provider writes and allows, once its options are valid. */
export interface VolumeSpec {
  /** The CSI driver (StorageClass `provisioner`, VolumeSnapshotClass `driver`). */
  readonly provisioner: string;
  /** StorageClass `parameters`. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Whether the driver can expand a claim's volume. */
  readonly allowVolumeExpansion: boolean;
  /** Whether the driver takes CSI snapshots (a VolumeSnapshotClass is useful). */
  readonly snapshots: boolean;
  /** Access modes the driver's volumes support. */
  readonly accessModes: readonly string[];
  /** Access modes a claim gets when it names none. */
  readonly defaultAccessModes: readonly string[];
  /** Smallest and largest claim the driver provisions, in GiB (undefined: no limit checked). */
  readonly sizeGiB?: { readonly min: number; readonly max: number; readonly why: string };
  /** For EFS: the stated encryption at rest, waived on the class and its claims with this reason and expiry. */
  readonly statement?: {
    readonly reason: string;
    readonly expires: string;
    readonly owner?: string;
    readonly ticket?: string;
    /** The rules waived: [on the class, on its claims]. */
    readonly ruleIds: readonly [string, string];
  };
}

/** Settings of {@link validateEncryptedVolumeProps}. */
export interface VolumeValidationContext {
  /** The construct path, e.g. `chart/data`. */
  readonly where: string;
  /** Today, for the statement's expiry. */
  readonly now: Date;
  /** How many months ahead the statement's expiry may lie. */
  readonly maxWaiverMonths: number;
}

/** Throws one Error listing every problem of `props`; returns what the valid provider writes. */
export function validateEncryptedVolumeProps(ctx: VolumeValidationContext, props: unknown): VolumeSpec {
  const p = new InputProblems(ctx.where);
  if (!isPlainObject(props)) {
    p.add('props', `expected the EncryptedVolume props { provider, ... }, got ${describe(props)}. Pass { provider: ${FACTORIES} }.`);
    p.throwIfAny();
  }
  const v = props as Record<string, any>;
  const kind = providerKind(p, v.provider);
  let spec: VolumeSpec | undefined;
  if (kind !== undefined) {
    const before = p.count;
    const options = v.provider.options;
    if (!isPlainObject(options)) {
      p.add('provider', `the provider has no options (got ${describe(options)}); create it with ${FACTORIES}.`);
    } else if (kind === 'aws-ebs') {
      checkEbs(p, options);
    } else if (kind === 'aws-efs') {
      checkEfs(p, options, ctx);
    } else if (kind === 'gce-pd') {
      checkGce(p, options);
    } else {
      checkAzure(p, options);
    }
    if (p.count === before) spec = volumeSpec(kind, options as any, ctx.where);
  }

  if (p.string(v.storageClassName, 'storageClassName')) {
    const bad = nameViolation('StorageClass', v.storageClassName);
    if (bad) p.add('storageClassName', `${bad.message} (k8s-valid-name). ${(bad.fix ?? '').replace('metadata.name', 'storageClassName')}`);
  }
  p.boolean(v.phi, 'phi');
  if (p.string(v.owner, 'owner') && v.owner.trim() === '') {
    p.add('owner', 'is empty: give the team or person accountable for the storage, or leave owner unset.');
  }
  if (p.boolean(v.snapshotClass, 'snapshotClass') && v.snapshotClass && kind === 'aws-efs') {
    p.add(
      'snapshotClass',
      'the EFS CSI driver (efs.csi.aws.com) takes no CSI snapshots, so a VolumeSnapshotClass for it could never be used ' +
        '(k8s-phi-snapshot-class-retain). Back up EFS file systems with AWS Backup or Velero file-system backup, and leave snapshotClass unset.',
    );
  }

  // The rules are the definition of an encrypted class: what they would flag is refused here.
  if (spec !== undefined) {
    const found = classEncryption(fromManifest({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'x' }, provisioner: spec.provisioner, parameters: spec.parameters }));
    if (found.status === 'not-customer-key') {
      for (const problem of found.problems) p.add('provider', `the class ${problem.message} (${CLASS_RULE}). ${problem.fix}`);
    }
  }
  p.throwIfAny();
  return spec!;
}

/** The provider's kind, or undefined (with a problem recorded) when it is not one of the factories'. */
function providerKind(p: InputProblems, provider: unknown): EncryptedVolumeProviderKind | undefined {
  if (provider === undefined) {
    p.add('provider', `is required: say where the volumes come from and which customer-managed key encrypts them, with ${FACTORIES}.`);
    return undefined;
  }
  if (!isPlainObject(provider) || typeof (provider as any).kind !== 'string') {
    p.add('provider', `expected a provider made by ${FACTORIES}, got ${describe(provider)}.`);
    return undefined;
  }
  const kind = (provider as any).kind as string;
  if (!(KINDS as readonly string[]).includes(kind)) {
    p.add('provider', `unknown provider '${kind}' (known: ${KINDS.join(', ')}); create it with ${FACTORIES}.`);
    return undefined;
  }
  return kind as EncryptedVolumeProviderKind;
}

function checkEbs(p: InputProblems, o: Record<string, any>): void {
  kmsKey(p, o.kmsKeyId, 'provider.kmsKeyId', CLASS_RULE, 'EBS volumes', 'alias/aws/ebs');
  const iopsOk = wholeInRange(p, o.iops, 'provider.iops', GP3.minIops, GP3.maxIops, 'IOPS', 'gp3 volumes take 3000 to 16000 IOPS');
  const tpOk = wholeInRange(p, o.throughput, 'provider.throughput', GP3.minThroughput, GP3.maxThroughput, 'MiB/s', 'gp3 volumes take 125 to 1000 MiB/s');
  if (tpOk && iopsOk !== false && o.throughput !== undefined) {
    const iops: number = o.iops ?? GP3.minIops;
    const most = Math.floor(iops * GP3.throughputPerIops);
    if (o.throughput > most) {
      p.add(
        'provider.throughput',
        `${o.throughput} MiB/s is more than a gp3 volume with ${iops} IOPS${o.iops === undefined ? ' (the default)' : ''} can take: at most 0.25 MiB/s per IOPS, i.e. ${most} MiB/s. ` +
          `Lower throughput to ${most} or less, or raise iops to at least ${Math.ceil(o.throughput / GP3.throughputPerIops)}.`,
      );
    }
  }
  if (o.fsType !== undefined && o.fsType !== 'ext4' && o.fsType !== 'xfs') {
    p.add('provider.fsType', `expected 'ext4' or 'xfs', got ${describe(o.fsType)}.`);
  }
}

function checkEfs(p: InputProblems, o: Record<string, any>, ctx: VolumeValidationContext): void {
  if (o.fileSystemId === undefined) {
    p.add('provider.fileSystemId', 'is required: the id of the EFS file system the access points are created on, e.g. fs-0123456789abcdef0.');
  } else if (p.string(o.fileSystemId, 'provider.fileSystemId') && !EFS_FILE_SYSTEM.test(o.fileSystemId)) {
    p.add('provider.fileSystemId', `'${o.fileSystemId}' is not an EFS file system id: expected fs- and 8 to 40 lower-case hex digits, e.g. fs-0123456789abcdef0 (aws efs describe-file-systems lists them).`);
  }
  if (o.directoryPerms !== undefined && p.string(o.directoryPerms, 'provider.directoryPerms') && !DIRECTORY_PERMS.test(o.directoryPerms)) {
    p.add('provider.directoryPerms', `'${o.directoryPerms}' is not three octal digits (e.g. '700', owner only).`);
  }
  for (const field of ['uid', 'gid'] as const) {
    const value = o[field];
    if (p.number(value, `provider.${field}`) && (!Number.isInteger(value) || value < 0 || value > 4294967295)) {
      p.add(`provider.${field}`, `must be a whole number from 0 to 4294967295 (got ${value}).`);
    } else if (value === 0) {
      p.add(`provider.${field}`, `${field === 'uid' ? 'UID 0 is root' : 'GID 0 is the root group'}: every file on the access point would be owned by it (k8s-run-as-non-root-user). Use the pods' identity, e.g. 10001.`);
    }
  }
  if (p.string(o.basePath, 'provider.basePath') && !EFS_BASE_PATH.test(o.basePath)) {
    p.add('provider.basePath', `'${o.basePath}' is not an absolute path (e.g. '/dynamic').`);
  }

  const at = o.encryptionAtRest;
  const field = 'provider.encryptionAtRest';
  if (at === undefined) {
    p.add(
      field,
      'is required: encryption at rest is a property of the EFS file system, set when it is created, which the StorageClass cannot show ' +
        `(${UNVERIFIED_RULE}). State the file system's customer-managed key ({ kmsKeyId, expires }, from aws efs describe-file-systems) ` +
        'or how it was verified ({ acknowledgement, expires }).',
    );
    return;
  }
  if (!p.object(at, field)) return;
  const keyGiven = at.kmsKeyId !== undefined;
  if (keyGiven) kmsKey(p, at.kmsKeyId, `${field}.kmsKeyId`, UNVERIFIED_RULE, 'the EFS file system', 'alias/aws/elasticfilesystem');
  if (!keyGiven && at.acknowledgement === undefined) {
    p.add(
      field,
      `states neither kmsKeyId nor acknowledgement (${UNVERIFIED_RULE}). Give the ARN of the customer-managed key the file system is encrypted with ` +
        '(aws efs describe-file-systems shows "Encrypted": true and its KmsKeyId), or say how that was verified in acknowledgement.',
    );
  }
  if (at.acknowledgement !== undefined && p.string(at.acknowledgement, `${field}.acknowledgement`)) {
    // The acknowledgement becomes a waiver reason: held to the same minimum.
    const reason = waiverProblems({ ruleId: UNVERIFIED_RULE, reason: at.acknowledgement, expires: '2000-01-01' }).find((x) => x.startsWith('reason'));
    if (reason) {
      const got = /\(got [^)]*\)$/.exec(reason)?.[0] ?? '';
      p.add(`${field}.acknowledgement`, `must say how encryption at rest with a customer-managed key was verified, in at least 20 characters and 3 different words ${got} (${UNVERIFIED_RULE}).`);
    }
  }
  const expiry = waiverProblems({ ruleId: UNVERIFIED_RULE, reason: 'a placeholder reason of enough words', expires: at.expires }, undefined, { now: ctx.now, maxWaiverMonths: ctx.maxWaiverMonths })
    .find((x) => x.startsWith('expires'));
  if (expiry) {
    const said = expiry.replace(/^expires /, '').replace('the waiver holds', 'the statement holds').replace('a waiver is evaluated again', 'the statement is verified again');
    p.add(`${field}.expires`, `${said} (${UNVERIFIED_RULE}).`);
  }
  for (const key of ['owner', 'ticket'] as const) {
    if (p.string(at[key], `${field}.${key}`) && at[key].trim() === '') p.add(`${field}.${key}`, 'is empty: give a value or leave it unset.');
  }
}

function checkGce(p: InputProblems, o: Record<string, any>): void {
  const field = 'provider.kmsKeyName';
  if (o.kmsKeyName === undefined) {
    p.add(field, `is required: without disk-encryption-kms-key the disks are encrypted with a Google-managed key (${CLASS_RULE}). Give the Cloud KMS key: ${GCP_KEY_EXAMPLE}.`);
  } else if (p.string(o.kmsKeyName, field) && !GCP_KEY.test(o.kmsKeyName)) {
    p.add(field, `'${o.kmsKeyName}' ${gcpKeyPart(o.kmsKeyName)} (${CLASS_RULE}). Give the Cloud KMS key's resource name: ${GCP_KEY_EXAMPLE}.`);
  }
  oneOf(p, o.diskType, 'provider.diskType', ['pd-balanced', 'pd-ssd', 'pd-standard', 'pd-extreme', 'hyperdisk-balanced']);
}

function checkAzure(p: InputProblems, o: Record<string, any>): void {
  const field = 'provider.diskEncryptionSetId';
  if (o.diskEncryptionSetId === undefined) {
    p.add(field, `is required: without diskEncryptionSetID the disks are encrypted with a platform-managed key (${CLASS_RULE}). Give the disk encryption set's resource id: ${AZURE_DES_EXAMPLE}.`);
  } else if (p.string(o.diskEncryptionSetId, field) && !AZURE_DES.test(o.diskEncryptionSetId)) {
    p.add(field, `'${o.diskEncryptionSetId}' ${azurePart(o.diskEncryptionSetId)} (${CLASS_RULE}). Give it as ${AZURE_DES_EXAMPLE} (az disk-encryption-set show --query id).`);
  }
  oneOf(p, o.skuName, 'provider.skuName', ['Premium_LRS', 'StandardSSD_LRS', 'Premium_ZRS', 'StandardSSD_ZRS', 'PremiumV2_LRS', 'Standard_LRS']);
}

/** Which part of a Cloud KMS key name is wrong. */
function gcpKeyPart(value: string): string {
  const parts = value.split('/');
  const names = ['projects', 'locations', 'keyRings', 'cryptoKeys'];
  if (parts.length !== 8 || names.some((n, i) => parts[i * 2] !== n)) {
    return `is not of the form ${GCP_KEY_EXAMPLE} (${parts.length} '/'-separated parts; expected projects, locations, keyRings and cryptoKeys, each followed by a name)`;
  }
  const [, project, , location, , ring, , key] = parts;
  if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project)) return `has project '${project}'; a project id has 6 to 30 lower-case letters, digits or '-', starting with a letter`;
  if (!/^[a-z0-9-]+$/.test(location)) return `has location '${location}'; expected a region such as us-central1`;
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(ring)) return `has key ring '${ring}'; expected 1 to 63 letters, digits, '_' or '-'`;
  return `has key '${key}'; expected 1 to 63 letters, digits, '_' or '-'`;
}

/** Which part of a disk encryption set id is wrong. */
function azurePart(value: string): string {
  const parts = value.split('/');
  const names = ['subscriptions', 'resourceGroups', 'providers'];
  if (parts.length !== 9 || parts[0] !== '' || names.some((n, i) => parts[1 + i * 2].toLowerCase() !== n.toLowerCase()) ||
    parts[6].toLowerCase() !== 'microsoft.compute' || parts[7].toLowerCase() !== 'diskencryptionsets') {
    return 'is not a disk encryption set resource id (expected /subscriptions/…/resourceGroups/…/providers/Microsoft.Compute/diskEncryptionSets/…)';
  }
  const [, , subscription, , group, , , , name] = parts;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(subscription)) return `has subscription '${subscription}'; expected a subscription id (a GUID)`;
  if (!/^[-\w.()]{1,90}$/.test(group)) return `has resource group '${group}'; expected 1 to 90 letters, digits, '-', '_', '.', '(' or ')'`;
  return `has disk encryption set name '${name}'; expected 1 to 80 letters, digits, '-', '_' or '.'`;
}

/** Records a problem unless `value` names a customer-managed AWS KMS key. */
function kmsKey(p: InputProblems, value: unknown, field: string, rule: string, what: string, awsManaged: string): void {
  const fix = `Give the ARN of a customer-managed KMS key, e.g. ${KMS_KEY_ARN_EXAMPLE}.`;
  if (value === undefined) {
    p.add(field, `is required: without a customer-managed key ${what} are encrypted (if at all) with the AWS-managed key ${awsManaged}, which you cannot restrict, rotate on your schedule or revoke (${rule}). ${fix}`);
    return;
  }
  const parsed = parseKmsKey(value);
  if (parsed.problem !== undefined) {
    p.add(field, `${typeof value === 'string' ? '' : 'the key '}${parsed.problem} (${rule}). ${fix}`);
  } else if (parsed.key.awsManaged) {
    p.add(field, `'${value as string}' is an AWS-managed key, not a customer-managed one: you cannot restrict, rotate on your schedule or revoke it (${rule}). ${fix}`);
  } else if (parsed.key.form === 'key-id' || parsed.key.form === 'alias-name') {
    // EC2 would resolve a bare id or alias in whatever account and region the volume is created in;
    // the EBS CSI driver documents kmsKeyId as the key's full ARN, and the class is the evidence of which key protects the data.
    const arn = parsed.key.form === 'key-id' ? `arn:aws:kms:<region>:<account>:key/${parsed.key.id}` : `arn:aws:kms:<region>:<account>:alias/${parsed.key.id}`;
    p.add(
      field,
      `'${value as string}' is a bare ${parsed.key.form === 'key-id' ? 'key id' : 'alias name'}, not an ARN: it names no account or region, ` +
        `so ${rule === CLASS_RULE ? 'the StorageClass' : 'the statement'} would not say which key protects ${what}. ` +
        `Give the full ARN, ${arn} (aws kms describe-key --key-id ${value as string} --query KeyMetadata.Arn prints it).`,
    );
  }
}

/** Records a problem unless `value` (when given) is a whole number in [min, max]; false when it is not, undefined when absent. */
function wholeInRange(p: InputProblems, value: unknown, field: string, min: number, max: number, unit: string, why: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (!p.number(value, field)) return false;
  if (!Number.isInteger(value) || value < min || value > max) {
    p.add(field, `${value} is not a whole number from ${min} to ${max} ${unit}: ${why}.`);
    return false;
  }
  return true;
}

function oneOf(p: InputProblems, value: unknown, field: string, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value as string)) p.add(field, `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}.`);
}

/** What the (valid) options write. */
function volumeSpec(kind: EncryptedVolumeProviderKind, o: any, where: string): VolumeSpec {
  switch (kind) {
    case 'aws-ebs': {
      const e = o as AwsEbsVolumeOptions;
      const parameters: Record<string, string> = { 'type': 'gp3', 'encrypted': 'true', 'kmsKeyId': e.kmsKeyId, 'csi.storage.k8s.io/fstype': e.fsType ?? 'ext4' };
      if (e.iops !== undefined) parameters.iops = String(e.iops);
      if (e.throughput !== undefined) parameters.throughput = String(e.throughput);
      return {
        provisioner: 'ebs.csi.aws.com',
        parameters,
        allowVolumeExpansion: true,
        snapshots: true,
        accessModes: [RWO, RWOP],
        defaultAccessModes: [RWO],
        // Provisioned IOPS above the baseline need at least 1 GiB per 500 IOPS (EC2 refuses a higher ratio).
        sizeGiB: e.iops !== undefined && e.iops > GP3.minIops
          ? { min: Math.ceil(e.iops / GP3.maxIopsPerGiB), max: GP3.maxGiB, why: `a gp3 volume is 1 GiB to 16 TiB, and ${e.iops} IOPS need at least 1 GiB per 500 IOPS` }
          : { min: GP3.minGiB, max: GP3.maxGiB, why: 'a gp3 volume is 1 GiB to 16 TiB' },
      };
    }
    case 'aws-efs': {
      const e = o as AwsEfsVolumeOptions;
      const parameters: Record<string, string> = {
        provisioningMode: 'efs-ap',
        fileSystemId: e.fileSystemId,
        directoryPerms: e.directoryPerms ?? '700',
        uid: String(e.uid ?? 10001),
        gid: String(e.gid ?? 10001),
      };
      if (e.basePath !== undefined) parameters.basePath = e.basePath;
      const at = e.encryptionAtRest;
      const stated = at.kmsKeyId !== undefined
        ? `EFS file system ${e.fileSystemId} is encrypted at rest with customer-managed KMS key ${at.kmsKeyId}${at.acknowledgement ? ` (${at.acknowledgement})` : ''}`
        : `EFS file system ${e.fileSystemId} is encrypted at rest with a customer-managed key: ${at.acknowledgement}`;
      return {
        provisioner: 'efs.csi.aws.com',
        parameters,
        // EFS is elastic: a claim's size is not enforced, and the driver does not expand volumes.
        allowVolumeExpansion: false,
        snapshots: false,
        accessModes: ALL_MODES,
        defaultAccessModes: [RWX],
        statement: {
          reason: `${stated}, as stated to EncryptedVolume ${where} (encryptionAtRest)`,
          expires: at.expires,
          ...(at.owner !== undefined ? { owner: at.owner } : {}),
          ...(at.ticket !== undefined ? { ticket: at.ticket } : {}),
          ruleIds: [UNVERIFIED_RULE, CLAIM_UNKNOWN_RULE],
        },
      };
    }
    case 'gce-pd': {
      const g = o as GcePdVolumeOptions;
      return {
        provisioner: 'pd.csi.storage.gke.io',
        parameters: { 'type': g.diskType ?? 'pd-balanced', 'disk-encryption-kms-key': g.kmsKeyName },
        allowVolumeExpansion: true,
        snapshots: true,
        accessModes: [RWO, RWOP, ROX],
        defaultAccessModes: [RWO],
      };
    }
    case 'azure-disk': {
      const a = o as AzureDiskVolumeOptions;
      return {
        provisioner: 'disk.csi.azure.com',
        parameters: { skuName: a.skuName ?? 'Premium_LRS', diskEncryptionSetID: a.diskEncryptionSetId },
        allowVolumeExpansion: true,
        snapshots: true,
        accessModes: [RWO, RWOP],
        defaultAccessModes: [RWO],
      };
    }
  }
}

/**
 * Throws one Error listing every problem of claim options `options` on a class with `spec`
 * (`idInUse`: the claim's construct id is already taken in its scope).
 */
export function validateClaimOptions(where: string, spec: VolumeSpec, provisioner: string, options: unknown, idInUse = false): void {
  const p = new InputProblems(where);
  if (idInUse) {
    p.add('id', `'${where.split('/').pop()}' is already the id of another construct in this scope (an earlier claim?). Give each claim its own id.`);
  }
  if (!isPlainObject(options)) {
    p.add('options', `expected the claim options { size, accessModes?, name? }, got ${describe(options)}.`);
    p.throwIfAny();
  }
  const o = options as Partial<EncryptedVolumeClaimOptions> & Record<string, any>;
  if (o.size === undefined) {
    p.add('size', 'is required: how much storage the claim requests, e.g. Size.gibibytes(20).');
  } else if (p.instance(o.size, 'size', 'a Size (e.g. Size.gibibytes(20))', 'toKibibytes')) {
    const kib: number = (o.size as any).toKibibytes({ rounding: SizeRoundingBehavior.NONE });
    const gib = kib / (1024 * 1024);
    if (!(gib > 0)) {
      p.add('size', `must be more than zero (got ${(o.size as any).asString()}).`);
    } else if (!Number.isInteger(gib)) {
      p.add('size', `${(o.size as any).asString()} is not a whole number of GiB; claims are written in Gi (e.g. Size.gibibytes(${Math.ceil(gib)})).`);
    } else if (spec.sizeGiB && (gib < spec.sizeGiB.min || gib > spec.sizeGiB.max)) {
      p.add('size', `${gib} GiB is outside what ${provisioner} provisions: ${spec.sizeGiB.why} (${spec.sizeGiB.min} to ${spec.sizeGiB.max} GiB).`);
    }
  }
  if (p.list(o.accessModes, 'accessModes')) {
    if (o.accessModes.length === 0) p.add('accessModes', `is empty: give at least one, e.g. [${spec.defaultAccessModes.join(', ')}], or leave it unset.`);
    o.accessModes.forEach((mode: unknown, i: number) => {
      if (!ALL_MODES.includes(mode as string)) {
        p.add(`accessModes[${i}]`, `${describe(mode)} is not an access mode (${ALL_MODES.join(', ')}).`);
      } else if (!spec.accessModes.includes(mode as string)) {
        p.add(`accessModes[${i}]`, `${mode as string} is not supported by ${provisioner}, whose volumes take ${spec.accessModes.join(' or ')}${provisioner === 'ebs.csi.aws.com' ? ' (an EBS volume attaches to one node)' : ''}. Use one of those, or an EFS EncryptedVolume for storage shared across nodes.`);
      }
    });
  }
  if (p.string(o.name, 'name')) {
    const bad = nameViolation('PersistentVolumeClaim', o.name);
    if (bad) p.add('name', `${bad.message} (k8s-valid-name). ${(bad.fix ?? '').replace('metadata.name', 'name')}`);
  }
  p.throwIfAny();
}
