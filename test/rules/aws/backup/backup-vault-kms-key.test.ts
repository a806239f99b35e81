import { check } from '../../../../lib/check/engine';
import { fromPulumiResource } from '../../../../lib/check/pulumi-resource';
import { backupVaultKmsKey } from '../../../../lib/rules/aws/backup/backup-vault-kms-key';
import { TEST_NOW } from '../../../helpers/rule-test';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const found = (inputs: Record<string, unknown>) =>
  check([fromPulumiResource({ type: 'aws:backup/vault:Vault', name: 'phi', inputs })], { name: 't', description: 't', rules: [backupVaultKmsKey] }, { now: TEST_NOW })
    .unwaived.map((f) => `${f.path}: ${f.message}`);

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
