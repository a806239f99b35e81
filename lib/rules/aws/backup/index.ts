import type { RulePack } from '../../../check/rule';

/** AWS Backup: vaults under a customer-managed key with a vault lock, plans with retention. */
export const backupPack: RulePack = {
  name: 'aws-backup',
  description: 'AWS Backup: vaults under a customer-managed key with a vault lock, plans with retention.',
  rules: [],
};
