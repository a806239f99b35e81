import type { Rule } from '../../../check/rule';
import { KMS_KEY_ARN_EXAMPLE } from '../../k8s/support/kms-key';
import { keyReferenceMessage } from '../support/customer-managed-key';

/** Backup vaults encrypt recovery points with a customer-managed KMS key. */
export const backupVaultKmsKey: Rule = {
  id: 'aws-backup-vault-kms-key',
  title: 'AWS Backup vaults must encrypt recovery points with a customer-managed KMS key',
  description:
    'A vault without kmsKeyArn encrypts its recovery points (copies of every PHI database and volume it backs up) with ' +
    'the AWS-managed key aws/backup, whose use you cannot restrict, separate from its administration or revoke. AWS ' +
    'Backup takes the key as an ARN, and the key cannot be changed after the vault is created.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.308(a)(7)(ii)(A)'],
  kinds: ['aws:backup/vault:Vault'],
  fix: `Set kmsKeyArn to the ARN of a customer-managed KMS key (HipaaBackupVault takes it as key), e.g. ${KMS_KEY_ARN_EXAMPLE}.`,
  check(resource, _ctx, report) {
    const message = keyReferenceMessage(resource.body.kmsKeyArn, {
      subject: `vault '${resource.name}'`,
      field: 'kmsKeyArn',
      whenMissing: 'its recovery points are encrypted with the AWS-managed key aws/backup',
      arnOnly: 'AWS Backup needs arn:<partition>:kms:<region>:<account>:key/<id>',
    });
    if (message !== undefined) report({ path: 'kmsKeyArn', message });
  },
};
