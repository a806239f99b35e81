import type { PulumiResourceDescription } from '../../../../lib/check/pulumi-resource';
import { backupVaultLock } from '../../../../lib/rules/aws/backup/backup-vault-lock';
import { runAwsRule } from '../../../helpers/aws-pack-test';

const vault: PulumiResourceDescription = { type: 'aws:backup/vault:Vault', name: 'phi', inputs: { name: 'clinic-phi' } };
const lock = (inputs: Record<string, unknown>): PulumiResourceDescription => ({ type: 'aws:backup/vaultLockConfiguration:VaultLockConfiguration', name: 'phi-lock', inputs });
const found = (...resources: PulumiResourceDescription[]) =>
  runAwsRule(backupVaultLock, resources).unwaived.map((f) => f.message);

describe('aws-backup-vault-lock', () => {
  test('flags a vault without a lock, a governance-mode lock and a short minimum', () => {
    expect(found(vault)).toEqual(["vault 'phi' has no VaultLockConfiguration: its recovery points can be deleted before their retention ends"]);
    expect(found(vault, lock({ backupVaultName: 'other', changeableForDays: 3, minRetentionDays: 2192 }))).toHaveLength(1);
    expect(found(vault, lock({ backupVaultName: 'clinic-phi', minRetentionDays: 2192 }))).toEqual([
      "vault 'phi' has a vault lock (phi-lock) in governance mode (no changeableForDays): privileged users can remove it",
    ]);
    expect(found(vault, lock({ backupVaultName: 'clinic-phi', changeableForDays: 3, minRetentionDays: 365 }))).toEqual([
      "vault 'phi' has a vault lock (phi-lock) with minRetentionDays 365, less than six years (2192 days)",
    ]);
    expect(found(vault, lock({ backupVaultName: 'clinic-phi', changeableForDays: 3 }))).toEqual([
      "vault 'phi' has a vault lock (phi-lock) with minRetentionDays unset, less than six years (2192 days)",
    ]);
  });

  test('passes a compliance-mode lock of at least six years', () => {
    expect(found(vault, lock({ backupVaultName: 'clinic-phi', changeableForDays: 3, minRetentionDays: 2192 }))).toEqual([]);
    expect(found({ ...vault, inputs: {} }, lock({ backupVaultName: 'phi', changeableForDays: 30, minRetentionDays: 2557 }))).toEqual([]);
  });
});
