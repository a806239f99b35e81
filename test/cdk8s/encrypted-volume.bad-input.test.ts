import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { EncryptedVolume, EncryptedVolumeProps, EncryptedVolumeProvider, HipaaValidation } from '../../lib/cdk8s';
import { expectRefusal, newChart } from '../helpers/cdk8s';
import { daysFromNow, SOON } from '../helpers/dates';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const FS = 'fs-0123456789abcdef0';
const GIVE_KEY = `Give the ARN of a customer-managed KMS key, e.g. ${KEY}.`;
const FACTORIES = 'EncryptedVolumeProvider.awsEbs({ kmsKeyId }), .awsEfs({ fileSystemId, encryptionAtRest }), .gcePd({ kmsKeyName }) or .azureDisk({ diskEncryptionSetId })';
const GCP_FORM = 'projects/<project>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>';
const AZURE_FORM = '/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Compute/diskEncryptionSets/<name>';
const SUB = '00000000-0000-0000-0000-000000000000';

function volume(props: EncryptedVolumeProps): () => EncryptedVolume {
  return () => new EncryptedVolume(newChart(), 'data', props);
}
const ebs = (kmsKeyId: unknown) => volume({ provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId: kmsKeyId as string }) });

// Each message names the construct path, the field, the rule and the fix; the whole message is
// pinned, so a reworded one is reviewed here, where a user reads it.
describe('EncryptedVolume refuses bad input with an exact, helpful error', () => {
  describe('EBS KMS key', () => {
    test('missing', () => {
      expectRefusal(ebs(undefined), '[test/data] provider.kmsKeyId: is required: without a customer-managed key EBS volumes are encrypted (if at all) with the AWS-managed key alias/aws/ebs, ' +
        `which you cannot restrict, rotate on your schedule or revoke (k8s-storage-class-encryption). ${GIVE_KEY}`);
    });

    test.each([
      ['partition', KEY.replace('arn:aws:', 'arn:aws-x:'), "has partition 'aws-x'; expected aws, aws-us-gov or aws-cn"],
      ['region', KEY.replace('us-east-1', 'useast1'), "has region 'useast1', which is not an AWS region (e.g. us-east-1)"],
      ['region (a typo)', KEY.replace('us-east-1', 'us-eats-1'), "has region 'us-eats-1', which is not an AWS region: 'eats' is not a direction of an AWS region name " +
        '(central, east, north, northeast, northwest, south, southeast, southwest, west); the nearest region is us-east-1'],
      ['region of another partition', KEY.replace('us-east-1', 'us-gov-west-1'), "has region 'us-gov-west-1' in partition aws; that region is in partition aws-us-gov"],
      ['account', KEY.replace('123456789012', '1234'), "has account '1234'; expected 12 digits"],
      ['key id', KEY.replace('1234abcd-', 'XYZ-'), "has key id 'XYZ-12ab-34cd-56ef-1234567890ab'; expected a lower-case UUID or mrk- and 32 hex digits"],
      ['alias', 'arn:aws:kms:us-east-1:123456789012:alias/bad alias', "has alias name 'bad alias'; expected 1 to 250 letters, digits, '/', '_' or '-'"],
      ['service', KEY.replace(':kms:', ':s3:'), "is an ARN of service 's3', not kms"],
    ])('malformed ARN: wrong %s', (_what, key, problem) => {
      expectRefusal(ebs(key), `[test/data] provider.kmsKeyId: '${key}' ${problem} (k8s-storage-class-encryption). ${GIVE_KEY}`);
    });

    test('not a key reference at all', () => {
      expectRefusal(ebs('my-key'), "[test/data] provider.kmsKeyId: 'my-key' is not a KMS key ARN, alias ARN, key id or alias name (expected e.g. " +
        `${KEY}, a key id such as 1234abcd-12ab-34cd-56ef-1234567890ab, or alias/<name>) (k8s-storage-class-encryption). ${GIVE_KEY}`);
    });

    test('not a string (from JavaScript)', () => {
      expectRefusal(ebs(42), `[test/data] provider.kmsKeyId: the key is not a string (42) (k8s-storage-class-encryption). ${GIVE_KEY}`);
    });

    // The EBS CSI driver documents kmsKeyId as the key's full ARN; a bare id or alias resolves wherever the volume is created.
    test('a bare key id instead of the ARN', () => {
      const id = '1234abcd-12ab-34cd-56ef-1234567890ab';
      expectRefusal(ebs(id), `[test/data] provider.kmsKeyId: '${id}' is a bare key id, not an ARN: it names no account or region, ` +
        `so the StorageClass would not say which key protects EBS volumes. Give the full ARN, arn:aws:kms:<region>:<account>:key/${id} (aws kms describe-key --key-id ${id} --query KeyMetadata.Arn prints it).`);
    });

    test('an alias name instead of the alias ARN (EFS statement too)', () => {
      expectRefusal(ebs('alias/clinic-phi'), "[test/data] provider.kmsKeyId: 'alias/clinic-phi' is a bare alias name, not an ARN: it names no account or region, " +
        'so the StorageClass would not say which key protects EBS volumes. Give the full ARN, arn:aws:kms:<region>:<account>:alias/clinic-phi (aws kms describe-key --key-id alias/clinic-phi --query KeyMetadata.Arn prints it).');
      expectRefusal(volume({ provider: EncryptedVolumeProvider.awsEfs({ fileSystemId: FS, encryptionAtRest: { kmsKeyId: 'alias/efs', expires: SOON } }) }),
        "[test/data] provider.encryptionAtRest.kmsKeyId: 'alias/efs' is a bare alias name, not an ARN: it names no account or region, " +
        'so the statement would not say which key protects the EFS file system. Give the full ARN, arn:aws:kms:<region>:<account>:alias/efs (aws kms describe-key --key-id alias/efs --query KeyMetadata.Arn prints it).');
    });

    test.each(['alias/aws/ebs', 'arn:aws:kms:us-east-1:123456789012:alias/aws/ebs'])('the AWS-managed key %s', (key) => {
      expectRefusal(ebs(key), `[test/data] provider.kmsKeyId: '${key}' is an AWS-managed key, not a customer-managed one: you cannot restrict, rotate on your schedule or revoke it (k8s-storage-class-encryption). ${GIVE_KEY}`);
    });
  });

  describe('provider', () => {
    test('unknown provider', () => {
      expectRefusal(volume({ provider: { kind: 'aws-s3', options: {} } as any }),
        `[test/data] provider: unknown provider 'aws-s3' (known: aws-ebs, aws-efs, gce-pd, azure-disk); create it with ${FACTORIES}.`);
    });

    test('a plain object instead of a provider', () => {
      expectRefusal(volume({ provider: { kmsKeyId: KEY } as any }), `[test/data] provider: expected a provider made by ${FACTORIES}, got an object.`);
    });

    test('missing', () => {
      expectRefusal(volume({} as any), `[test/data] provider: is required: say where the volumes come from and which customer-managed key encrypts them, with ${FACTORIES}.`);
    });

    test('no props at all', () => {
      expectRefusal(volume(undefined as any), `[test/data] props: expected the EncryptedVolume props { provider, ... }, got nothing (undefined). Pass { provider: ${FACTORIES} }.`);
    });
  });

  describe('gp3 limits', () => {
    test('IOPS and throughput out of range, reported together', () => {
      expectRefusal(volume({ provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId: KEY, iops: 20000, throughput: 50 }) }), [
        '[test/data] 2 problems in the props (all are listed; fix each):',
        '- provider.iops: 20000 is not a whole number from 3000 to 16000 IOPS: gp3 volumes take 3000 to 16000 IOPS.',
        '- provider.throughput: 50 is not a whole number from 125 to 1000 MiB/s: gp3 volumes take 125 to 1000 MiB/s.',
      ].join('\n'));
    });

    test('throughput above 0.25 MiB/s per IOPS', () => {
      expectRefusal(volume({ provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId: KEY, throughput: 1000 }) }),
        '[test/data] provider.throughput: 1000 MiB/s is more than a gp3 volume with 3000 IOPS (the default) can take: at most 0.25 MiB/s per IOPS, i.e. 750 MiB/s. ' +
        'Lower throughput to 750 or less, or raise iops to at least 4000.');
    });
  });

  test('every problem of the props in one error', () => {
    expectRefusal(volume({ provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId: 'alias/aws/ebs', fsType: 'btrfs' as any }), storageClassName: 'Bad_Name', phi: 'yes' as any, owner: ' ' }), [
      '[test/data] 5 problems in the props (all are listed; fix each):',
      `- provider.kmsKeyId: 'alias/aws/ebs' is an AWS-managed key, not a customer-managed one: you cannot restrict, rotate on your schedule or revoke it (k8s-storage-class-encryption). ${GIVE_KEY}`,
      '- provider.fsType: expected \'ext4\' or \'xfs\', got a string ("btrfs").',
      "- storageClassName: StorageClass name 'Bad_Name' is not a valid DNS-1123 subdomain: use only lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, " +
        "at most 253 characters (k8s-valid-name). Rename storageClassName to a valid DNS-1123 subdomain, e.g. 'bad-name'.",
      '- phi: expected true or false, got a string ("yes").',
      '- owner: is empty: give the team or person accountable for the storage, or leave owner unset.',
    ].join('\n'));
  });

  describe('EFS', () => {
    const efs = (options: any, extra: Partial<EncryptedVolumeProps> = {}) => volume({ provider: EncryptedVolumeProvider.awsEfs(options), ...extra });

    test('no statement of encryption at rest, and a malformed file system id', () => {
      expectRefusal(efs({ fileSystemId: 'fs-123' }), [
        '[test/data] 2 problems in the props (all are listed; fix each):',
        "- provider.fileSystemId: 'fs-123' is not an EFS file system id: expected fs- and 8 to 40 lower-case hex digits, e.g. fs-0123456789abcdef0 (aws efs describe-file-systems lists them).",
        '- provider.encryptionAtRest: is required: encryption at rest is a property of the EFS file system, set when it is created, which the StorageClass cannot show ' +
          "(k8s-storage-class-encryption-unverified). State the file system's customer-managed key ({ kmsKeyId, expires }, from aws efs describe-file-systems) or how it was verified ({ acknowledgement, expires }).",
      ].join('\n'));
    });

    test('neither the key nor an acknowledgement', () => {
      expectRefusal(efs({ fileSystemId: FS, encryptionAtRest: { expires: SOON } }),
        '[test/data] provider.encryptionAtRest: states neither kmsKeyId nor acknowledgement (k8s-storage-class-encryption-unverified). Give the ARN of the customer-managed key the file system is encrypted with ' +
        '(aws efs describe-file-systems shows "Encrypted": true and its KmsKeyId), or say how that was verified in acknowledgement.');
    });

    test('the statement has no expiry', () => {
      expectRefusal(efs({ fileSystemId: FS, encryptionAtRest: { kmsKeyId: KEY } }),
        `[test/data] provider.encryptionAtRest.expires: is missing: give the last day the statement holds (YYYY-MM-DD, at most 12 months ahead, i.e. ${latest()} or earlier), so the accepted risk is evaluated again (45 CFR 164.308(a)(8)) (k8s-storage-class-encryption-unverified).`);
    });

    test('an AWS-managed key, a short acknowledgement, an expiry too far ahead, root identity, bad permissions and base path', () => {
      const far = daysFromNow(800);
      expectRefusal(efs({
        fileSystemId: FS,
        uid: 0,
        gid: -1,
        directoryPerms: '777x',
        basePath: 'rel',
        encryptionAtRest: { kmsKeyId: 'alias/aws/elasticfilesystem', acknowledgement: 'ok', expires: far },
      }), [
        '[test/data] 7 problems in the props (all are listed; fix each):',
        "- provider.directoryPerms: '777x' is not three octal digits (e.g. '700', owner only).",
        "- provider.uid: UID 0 is root: every file on the access point would be owned by it (k8s-run-as-non-root-user). Use the pods' identity, e.g. 10001.",
        '- provider.gid: must be a whole number from 0 to 4294967295 (got -1).',
        "- provider.basePath: 'rel' is not an absolute path (e.g. '/dynamic').",
        "- provider.encryptionAtRest.kmsKeyId: 'alias/aws/elasticfilesystem' is an AWS-managed key, not a customer-managed one: you cannot restrict, rotate on your schedule or revoke it " +
          `(k8s-storage-class-encryption-unverified). ${GIVE_KEY}`,
        '- provider.encryptionAtRest.acknowledgement: must say how encryption at rest with a customer-managed key was verified, in at least 20 characters and 3 different words ' +
          '(got 2 characters, 1 word) (k8s-storage-class-encryption-unverified).',
        `- provider.encryptionAtRest.expires: ${far} is more than 12 months ahead (latest allowed: ${latest()}): the statement is verified again at least that often (45 CFR 164.308(a)(8)); ` +
          'set an earlier date, or raise maxWaiverMonths (hipaa-check: --max-waiver-months) if your review period is longer (k8s-storage-class-encryption-unverified).',
      ].join('\n'));
    });

    test('the expiry limit follows maxWaiverMonths set on the chart', () => {
      const chart = newChart();
      HipaaValidation.enable(chart, { maxWaiverMonths: 1 });
      const expires = daysFromNow(60);
      expect(() => new EncryptedVolume(chart, 'data', { provider: EncryptedVolumeProvider.awsEfs({ fileSystemId: FS, encryptionAtRest: { kmsKeyId: KEY, expires } }) }))
        .toThrow(`[test/data] provider.encryptionAtRest.expires: ${expires} is more than 1 month ahead`);
    });

    test('a snapshot class asked for', () => {
      expectRefusal(efs({ fileSystemId: FS, encryptionAtRest: { kmsKeyId: KEY, expires: SOON } }, { snapshotClass: true }),
        '[test/data] snapshotClass: the EFS CSI driver (efs.csi.aws.com) takes no CSI snapshots, so a VolumeSnapshotClass for it could never be used (k8s-phi-snapshot-class-retain). ' +
        'Back up EFS file systems with AWS Backup or Velero file-system backup, and leave snapshotClass unset.');
    });
  });

  describe('GCE PD key', () => {
    const gce = (kmsKeyName: unknown) => volume({ provider: EncryptedVolumeProvider.gcePd({ kmsKeyName: kmsKeyName as string }) });
    const fix = `(k8s-storage-class-encryption). Give the Cloud KMS key's resource name: ${GCP_FORM}.`;

    test('missing', () => {
      expectRefusal(gce(undefined), `[test/data] provider.kmsKeyName: is required: without disk-encryption-kms-key the disks are encrypted with a Google-managed key (k8s-storage-class-encryption). Give the Cloud KMS key: ${GCP_FORM}.`);
    });

    test.each([
      ['projects/clinic-prod/keyRings/r/cryptoKeys/k', `is not of the form ${GCP_FORM} (6 '/'-separated parts; expected projects, locations, keyRings and cryptoKeys, each followed by a name)`],
      ['projects/p/locations/us-central1/keyRings/r/cryptoKeys/k', "has project 'p'; a project id has 6 to 30 lower-case letters, digits or '-', starting with a letter"],
      ['projects/clinic-prod/locations/US_CENTRAL/keyRings/r/cryptoKeys/k', "has location 'US_CENTRAL'; expected a region such as us-central1"],
      ['projects/clinic-prod/locations/us-central1/keyRings/r.1/cryptoKeys/k', "has key ring 'r.1'; expected 1 to 63 letters, digits, '_' or '-'"],
      ['projects/clinic-prod/locations/us-central1/keyRings/r/cryptoKeys/k k', "has key 'k k'; expected 1 to 63 letters, digits, '_' or '-'"],
    ])('malformed: %s', (key, problem) => {
      expectRefusal(gce(key), `[test/data] provider.kmsKeyName: '${key}' ${problem} ${fix}`);
    });
  });

  describe('Azure disk encryption set', () => {
    const azure = (id: unknown) => volume({ provider: EncryptedVolumeProvider.azureDisk({ diskEncryptionSetId: id as string }) });
    const fix = `(k8s-storage-class-encryption). Give it as ${AZURE_FORM} (az disk-encryption-set show --query id).`;

    test('missing', () => {
      expectRefusal(azure(undefined), '[test/data] provider.diskEncryptionSetId: is required: without diskEncryptionSetID the disks are encrypted with a platform-managed key ' +
        `(k8s-storage-class-encryption). Give the disk encryption set's resource id: ${AZURE_FORM}.`);
    });

    test.each([
      ['/subscriptions/x/resourceGroups/g/providers/Microsoft.Compute/diskEncryptionSets/d', "has subscription 'x'; expected a subscription id (a GUID)"],
      [`/subscriptions/${SUB}/resourceGroups/g g/providers/Microsoft.Compute/diskEncryptionSets/d`, "has resource group 'g g'; expected 1 to 90 letters, digits, '-', '_', '.', '(' or ')'"],
      [`/subscriptions/${SUB}/resourceGroups/g/providers/Microsoft.KeyVault/vaults/d`, 'is not a disk encryption set resource id (expected /subscriptions/…/resourceGroups/…/providers/Microsoft.Compute/diskEncryptionSets/…)'],
      [`/subscriptions/${SUB}/resourceGroups/g/providers/Microsoft.Compute/diskEncryptionSets/d$`, "has disk encryption set name 'd$'; expected 1 to 80 letters, digits, '-', '_' or '.'"],
    ])('malformed: %s', (id, problem) => {
      expectRefusal(azure(id), `[test/data] provider.diskEncryptionSetId: '${id}' ${problem} ${fix}`);
    });
  });

  describe('claims', () => {
    const claim = (options: any, scope?: any) => () => {
      const chart = newChart();
      new EncryptedVolume(chart, 'data', { provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId: KEY }) }).claim(scope === undefined ? chart : scope, 'db', options);
    };

    test('too large for gp3, access modes EBS cannot give, a bad name: all together', () => {
      expectRefusal(claim({ size: Size.tebibytes(17), accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY, 'Everything'], name: 'Bad Name' }), [
        '[test/db] 4 problems in the props (all are listed; fix each):',
        '- size: 17408 GiB is outside what ebs.csi.aws.com provisions: a gp3 volume is 1 GiB to 16 TiB (1 to 16384 GiB).',
        '- accessModes[0]: ReadWriteMany is not supported by ebs.csi.aws.com, whose volumes take ReadWriteOnce or ReadWriteOncePod (an EBS volume attaches to one node). ' +
          'Use one of those, or an EFS EncryptedVolume for storage shared across nodes.',
        '- accessModes[1]: a string ("Everything") is not an access mode (ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod).',
        "- name: PersistentVolumeClaim name 'Bad Name' is not a valid DNS-1123 subdomain: use only lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, " +
          "at most 253 characters (k8s-valid-name). Rename name to a valid DNS-1123 subdomain, e.g. 'bad-name'.",
      ].join('\n'));
    });

    test('too small for the provisioned IOPS (at most 500 IOPS per GiB)', () => {
      const chart = newChart();
      const fast = new EncryptedVolume(chart, 'fast', { provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId: KEY, iops: 16000 }) });
      expectRefusal(() => fast.claim(chart, 'db', { size: Size.gibibytes(31) }),
        '[test/db] size: 31 GiB is outside what ebs.csi.aws.com provisions: a gp3 volume is 1 GiB to 16 TiB, and 16000 IOPS need at least 1 GiB per 500 IOPS (32 to 16384 GiB).');
      expect(fast.claim(chart, 'ok', { size: Size.gibibytes(32) }).storage?.toGibibytes()).toBe(32);
    });

    test('zero size', () => {
      expectRefusal(claim({ size: Size.gibibytes(0) }), '[test/db] size: must be more than zero (got 0Gi).');
    });

    test('not a whole number of GiB', () => {
      expectRefusal(claim({ size: Size.mebibytes(1536) }), '[test/db] size: 1536Mi is not a whole number of GiB; claims are written in Gi (e.g. Size.gibibytes(2)).');
    });

    test('a string for the size, no access modes', () => {
      expectRefusal(claim({ size: '10Gi', accessModes: [] }), [
        '[test/db] 2 problems in the props (all are listed; fix each):',
        '- size: expected a Size (e.g. Size.gibibytes(20)), got a string ("10Gi").',
        '- accessModes: is empty: give at least one, e.g. [ReadWriteOnce], or leave it unset.',
      ].join('\n'));
    });

    test('no size', () => {
      expectRefusal(claim({}), '[test/db] size: is required: how much storage the claim requests, e.g. Size.gibibytes(20).');
    });

    test('no options', () => {
      expectRefusal(claim(undefined), '[test/db] options: expected the claim options { size, accessModes?, name? }, got nothing (undefined).');
    });

    test('an id used twice in one scope, or not a string (JavaScript): the volume\'s words, not the construct tree\'s', () => {
      const chart = newChart();
      const data = new EncryptedVolume(chart, 'data', { provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId: KEY }) });
      data.claim(chart, 'db', { size: Size.gibibytes(1) });
      expectRefusal(() => data.claim(chart, 'db', { size: Size.gibibytes(2) }), "[test/db] id: 'db' is already the id of another construct in this scope (an earlier claim?). Give each claim its own id.");
      expectRefusal(() => data.claim(chart, 42 as any, { size: Size.gibibytes(2) }),
        "[test/data] claim: the id must be a non-empty string (got a number (42)), e.g. volume.claim(chart, 'db-data', { size: Size.gibibytes(20) }).");
    });

    test('no scope', () => {
      expectRefusal(claim({ size: Size.gibibytes(1) }, null), '[test/data] claim: expected a construct to create the claim in, got null.');
    });
  });
});

/** The latest expiry the default 12-month limit allows today. */
function latest(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../lib/check/waiver') as typeof import('../../lib/check/waiver')).latestWaiverExpiry(new Date(), 12);
}
