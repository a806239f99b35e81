import { encryptedClass, KEY_ARN } from './fixtures';
import { storageClassEncryption } from '../../../../lib/rules/k8s/storage/storage-class-encryption';
import { runRule, violations } from '../../../helpers/rule-test';

const KEY_FIX = `Set parameters.kmsKeyId to the ARN of a customer-managed KMS key, e.g. ${KEY_ARN}.`;

describe('k8s-storage-class-encryption', () => {
  test('passes an EBS CSI class with encrypted "true" and a customer key (ARN, alias ARN, key id, alias name)', () => {
    for (const kmsKeyId of [KEY_ARN, 'arn:aws:kms:us-east-1:123456789012:alias/clinic', '1234abcd-12ab-34cd-56ef-1234567890ab', 'alias/clinic']) {
      expect(violations(storageClassEncryption, [encryptedClass('c', { parameters: { encrypted: 'true', kmsKeyId } })])).toEqual([]);
    }
  });

  test('flags an EBS CSI class without encryption or key, both at once, with exact fixes', () => {
    const result = runRule(storageClassEncryption, [encryptedClass('gp2', { parameters: { type: 'gp2' } })]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "parameters.encrypted: StorageClass 'gp2' does not set parameters.encrypted: its EBS volumes are unencrypted unless the account turns on EBS encryption by default",
      "parameters.kmsKeyId: StorageClass 'gp2' does not set parameters.kmsKeyId: its volumes are encrypted (if at all) with the AWS-managed key alias/aws/ebs, which you cannot restrict, rotate on your schedule or revoke",
    ]);
    expect(result.unwaived.map((f) => f.fix)).toEqual(['Set parameters.encrypted: "true" (a quoted string).', KEY_FIX]);
  });

  test('flags encrypted "false", the AWS-managed key and a malformed key', () => {
    expect(violations(storageClassEncryption, [encryptedClass('a', { parameters: { encrypted: 'false', kmsKeyId: KEY_ARN } })])).toEqual([
      'parameters.encrypted: StorageClass \'a\' sets parameters.encrypted to "false", not "true": its EBS volumes are not encrypted by the class',
    ]);
    expect(violations(storageClassEncryption, [encryptedClass('b', { parameters: { encrypted: 'true', kmsKeyId: 'alias/aws/ebs' } })])).toEqual([
      "parameters.kmsKeyId: StorageClass 'b' has parameters.kmsKeyId 'alias/aws/ebs', an AWS-managed key, not a customer-managed one",
    ]);
    expect(violations(storageClassEncryption, [encryptedClass('c', { parameters: { encrypted: 'true', kmsKeyId: 'arn:aws:kms:us-east-1:1234:key/x' } })])).toEqual([
      "parameters.kmsKeyId: StorageClass 'c' has parameters.kmsKeyId that 'arn:aws:kms:us-east-1:1234:key/x' has account '1234'; expected 12 digits",
    ]);
  });

  test('judges the in-tree kubernetes.io/aws-ebs and EKS Auto Mode provisioners the same way', () => {
    for (const provisioner of ['kubernetes.io/aws-ebs', 'ebs.csi.eks.amazonaws.com']) {
      expect(violations(storageClassEncryption, [encryptedClass('x', { provisioner, parameters: { encrypted: 'true' } })])).toHaveLength(1);
      expect(violations(storageClassEncryption, [encryptedClass('x', { provisioner })])).toEqual([]);
    }
  });

  test('GCE PD needs disk-encryption-kms-key, Azure Disk needs diskEncryptionSetID, in the documented form', () => {
    const gce = (parameters: object) => encryptedClass('pd', { provisioner: 'pd.csi.storage.gke.io', parameters });
    expect(violations(storageClassEncryption, [gce({ type: 'pd-ssd' })])).toEqual([
      "parameters.disk-encryption-kms-key: StorageClass 'pd' does not set parameters.disk-encryption-kms-key: its disks are encrypted with the Google-managed key, not a customer-managed one",
    ]);
    expect(violations(storageClassEncryption, [gce({ 'disk-encryption-kms-key': 'my-key' })])).toEqual([
      "parameters.disk-encryption-kms-key: StorageClass 'pd' has parameters.disk-encryption-kms-key \"my-key\", which is not of the form projects/<project>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>",
    ]);
    expect(violations(storageClassEncryption, [gce({ 'disk-encryption-kms-key': 'projects/clinic-prod/locations/us-central1/keyRings/phi/cryptoKeys/disks' })])).toEqual([]);
    const azure = (parameters: object) => encryptedClass('az', { provisioner: 'disk.csi.azure.com', parameters });
    expect(violations(storageClassEncryption, [azure({ skuName: 'Premium_LRS' })])).toEqual([
      "parameters.diskEncryptionSetID: StorageClass 'az' does not set parameters.diskEncryptionSetID: its disks are encrypted with the platform-managed key, not a customer-managed one",
    ]);
    expect(violations(storageClassEncryption, [azure({ diskEncryptionSetID: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/clinic/providers/Microsoft.Compute/diskEncryptionSets/phi' })])).toEqual([]);
    expect(violations(storageClassEncryption, [azure({ diskEncryptionSetID: 'phi-set' })])).toHaveLength(1);
  });

  test('does not judge EFS or unknown provisioners (the unverified rule warns about them)', () => {
    expect(violations(storageClassEncryption, [encryptedClass('efs', { provisioner: 'efs.csi.aws.com', parameters: { provisioningMode: 'efs-ap' } })])).toEqual([]);
    expect(violations(storageClassEncryption, [encryptedClass('local', { provisioner: 'rancher.io/local-path', parameters: undefined })])).toEqual([]);
  });
});
