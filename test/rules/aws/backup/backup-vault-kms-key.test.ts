import { backupVaultKmsKey } from '../../../../lib/rules/aws/backup/backup-vault-kms-key';
import { awsViolations, res, TEST_KEY_ARN as KEY } from '../../../helpers/aws-pack-test';

const found = (inputs: Record<string, unknown>) =>
  awsViolations(backupVaultKmsKey, [res('aws:backup/vault:Vault', 'phi', inputs)]);

describe('aws-backup-vault-kms-key', () => {
  test('flags a vault without a customer-managed key ARN', () => {
    expect(found({ name: 'phi' })).toEqual(["kmsKeyArn: vault 'phi' sets no kmsKeyArn: its recovery points are encrypted with the AWS-managed key aws/backup"]);
    expect(found({ kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:alias/aws/backup' })).toEqual(["kmsKeyArn: vault 'phi' has kmsKeyArn 'arn:aws:kms:us-east-1:123456789012:alias/aws/backup', an AWS-managed key, not a customer-managed one"]);
    expect(found({ kmsKeyArn: 'alias/clinic' })).toEqual(["kmsKeyArn: vault 'phi' has kmsKeyArn 'alias/clinic', which is not a key ARN (AWS Backup needs arn:<partition>:kms:<region>:<account>:key/<id>)"]);
  });

  test('passes a key ARN', () => {
    expect(found({ kmsKeyArn: KEY })).toEqual([]);
  });
});
