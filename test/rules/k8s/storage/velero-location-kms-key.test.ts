import { backupLocation, KEY_ARN } from './fixtures';
import { veleroLocationKmsKey } from '../../../../lib/rules/k8s/storage/velero-location-kms-key';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-velero-location-kms-key', () => {
  test('flags an aws location without spec.config.kmsKeyId (or without config), with the fix', () => {
    const result = runRule(veleroLocationKmsKey, [backupLocation({ region: 'us-east-1' }), backupLocation(null, 'velero.io/aws', 'secondary')]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.config.kmsKeyId: BackupStorageLocation 'default' (provider aws) sets no spec.config.kmsKeyId: backups are stored under the bucket's default encryption, not a customer-managed key",
      "spec.config.kmsKeyId: BackupStorageLocation 'secondary' (provider velero.io/aws) sets no spec.config.kmsKeyId: backups are stored under the bucket's default encryption, not a customer-managed key",
    ]);
    expect(result.unwaived[0].fix).toBe(`Set spec.config.kmsKeyId to the ARN of a customer-managed KMS key the Velero role may use, e.g. ${KEY_ARN}.`);
  });

  test('flags a malformed key and an AWS-managed key', () => {
    expect(violations(veleroLocationKmsKey, [backupLocation({ kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/oops' }), backupLocation({ kmsKeyId: 'alias/aws/s3' }, 'aws', 'secondary')])).toEqual([
      "spec.config.kmsKeyId: BackupStorageLocation 'default' (provider aws) has spec.config.kmsKeyId that 'arn:aws:kms:us-east-1:123456789012:key/oops' has key id 'oops'; expected a lower-case UUID or mrk- and 32 hex digits",
      "spec.config.kmsKeyId: BackupStorageLocation 'secondary' (provider aws) has spec.config.kmsKeyId 'alias/aws/s3', an AWS-managed key, not a customer-managed one",
    ]);
  });

  test('passes a customer key in any accepted form, other providers, and other API groups', () => {
    for (const kmsKeyId of [KEY_ARN, 'alias/velero-backups', 'arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/velero']) {
      expect(violations(veleroLocationKmsKey, [backupLocation({ kmsKeyId })])).toEqual([]);
    }
    expect(violations(veleroLocationKmsKey, [backupLocation({}, 'gcp'), backupLocation({}, 'azure', 'secondary')])).toEqual([]);
    const other = backupLocation({});
    other.apiVersion = 'example.com/v1';
    expect(violations(veleroLocationKmsKey, [other])).toEqual([]);
  });
});
