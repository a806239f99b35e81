import { secretRecoveryWindow } from '../../../../lib/rules/aws/secrets/secret-recovery-window';
import { awsViolations, res } from '../../../helpers/aws-pack-test';

const found = (inputs: Record<string, unknown>) =>
  awsViolations(secretRecoveryWindow, [res('aws:secretsmanager/secret:Secret', 'db', inputs)]);

describe('aws-secret-recovery-window', () => {
  test('flags deletion without recovery, windows AWS refuses and replica overwrites', () => {
    expect(found({ recoveryWindowInDays: 0 })).toEqual(["recoveryWindowInDays: secret 'db' has recoveryWindowInDays 0: deleting it deletes it at once, with no recovery window"]);
    expect(found({ recoveryWindowInDays: 3 })).toEqual(["recoveryWindowInDays: secret 'db' has recoveryWindowInDays 3; AWS accepts a whole number of days from 7 to 30"]);
    expect(found({ forceOverwriteReplicaSecret: true })).toEqual(["forceOverwriteReplicaSecret: secret 'db' has forceOverwriteReplicaSecret true: its replicas overwrite a secret of the same name in the replica regions"]);
  });

  test('passes the default and windows of 7 to 30 days', () => {
    expect(found({})).toEqual([]);
    expect(found({ recoveryWindowInDays: 7 })).toEqual([]);
    expect(found({ recoveryWindowInDays: 30, forceOverwriteReplicaSecret: false })).toEqual([]);
  });
});
