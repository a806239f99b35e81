import { backupPlanRetention } from './backup-plan-retention';
import { backupSelectionRole } from './backup-selection-role';
import { backupVaultKmsKey } from './backup-vault-kms-key';
import { backupVaultLock } from './backup-vault-lock';
import type { RulePack } from '../../../check/rule';

/** AWS Backup: vaults under a customer-managed key with a vault lock, plans with retention. */
export const backupPack: RulePack = {
  name: 'aws-backup',
  description: 'AWS Backup: vaults under a customer-managed key with a vault lock, plans with retention.',
  rules: [backupVaultKmsKey, backupVaultLock, backupPlanRetention, backupSelectionRole],
};
