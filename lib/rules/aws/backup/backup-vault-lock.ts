import type { Rule } from '../../../check/rule';
import { SIX_YEARS_IN_DAYS } from '../support/six-years';

const LOCK = 'aws:backup/vaultLockConfiguration:VaultLockConfiguration';

/** Backup vaults carry a compliance-mode vault lock with a six-year minimum retention. */
export const backupVaultLock: Rule = {
  id: 'aws-backup-vault-lock',
  title: 'AWS Backup vaults must have a compliance-mode vault lock keeping recovery points at least six years',
  description:
    'Without a vault lock anyone with backup:DeleteRecoveryPoint (or a compromised administrator) can delete the ' +
    'backups, and a lifecycle can be shortened after the fact. A VaultLockConfiguration with changeableForDays is in ' +
    'compliance mode: once that many days have passed (at least 3) nobody, not even the root user or AWS, can remove ' +
    'it or delete a recovery point before minRetentionDays. Without changeableForDays the lock is in governance mode, ' +
    `which privileged users can remove. HIPAA documentation must be kept six years (${SIX_YEARS_IN_DAYS} days).`,
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)', '164.316(b)(2)(i)'],
  kinds: ['aws:backup/vault:Vault'],
  fix: `Add a VaultLockConfiguration for the vault with changeableForDays (at least 3) and minRetentionDays of at least ${SIX_YEARS_IN_DAYS} (HipaaBackupVault creates one).`,
  check(resource, ctx, report) {
    const names = [resource.name, resource.body.name].filter((n): n is string => typeof n === 'string' && n !== '');
    const locks = ctx.ofKind(LOCK).filter((l) => names.includes(l.body.backupVaultName));
    if (locks.length === 0) {
      report({ path: '', message: `vault '${resource.name}' has no VaultLockConfiguration: its recovery points can be deleted before their retention ends` });
      return;
    }
    for (const lock of locks) {
      const changeable: unknown = lock.body.changeableForDays;
      if (changeable === undefined || changeable === null) {
        report({ path: '', message: `vault '${resource.name}' has a vault lock (${lock.name}) in governance mode (no changeableForDays): privileged users can remove it` });
      }
      const min: unknown = lock.body.minRetentionDays;
      if (typeof min !== 'number' || min < SIX_YEARS_IN_DAYS) {
        report({ path: '', message: `vault '${resource.name}' has a vault lock (${lock.name}) with minRetentionDays ${min === undefined ? 'unset' : JSON.stringify(min)}, less than six years (${SIX_YEARS_IN_DAYS} days)` });
      }
    }
  },
};
