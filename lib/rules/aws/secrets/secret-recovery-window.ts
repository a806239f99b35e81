import type { Rule } from '../../../check/rule';

/** Deleted secrets stay recoverable for a recovery window; replicas never overwrite other secrets. */
export const secretRecoveryWindow: Rule = {
  id: 'aws-secret-recovery-window',
  title: 'Secrets Manager secrets must keep a recovery window and must not overwrite replicas',
  description:
    'recoveryWindowInDays 0 deletes a secret at once, with no way back: an accidental `pulumi destroy` or a rename ' +
    'loses the credential and with it access to the PHI it protects. AWS allows 7 to 30 days (30 when unset). ' +
    'forceOverwriteReplicaSecret true lets the replica silently replace a secret of the same name in another region.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)'],
  kinds: ['aws:secretsmanager/secret:Secret'],
  fix: 'Leave recoveryWindowInDays unset (30 days) or set it between 7 and 30, and leave forceOverwriteReplicaSecret unset.',
  check(resource, _ctx, report) {
    const days: unknown = resource.body.recoveryWindowInDays;
    if (days !== undefined && days !== null) {
      if (days === 0) {
        report({ path: 'recoveryWindowInDays', message: `secret '${resource.name}' has recoveryWindowInDays 0: deleting it deletes it at once, with no recovery window` });
      } else if (typeof days !== 'number' || !Number.isInteger(days) || days < 7 || days > 30) {
        report({ path: 'recoveryWindowInDays', message: `secret '${resource.name}' has recoveryWindowInDays ${JSON.stringify(days)}; AWS accepts a whole number of days from 7 to 30` });
      }
    }
    if (resource.body.forceOverwriteReplicaSecret === true) {
      report({ path: 'forceOverwriteReplicaSecret', message: `secret '${resource.name}' has forceOverwriteReplicaSecret true: its replicas overwrite a secret of the same name in the replica regions` });
    }
  },
};
