import { check } from '../../../../lib/check/engine';
import { fromPulumiResource } from '../../../../lib/check/pulumi-resource';
import { secretRecoveryWindow } from '../../../../lib/rules/aws/secrets/secret-recovery-window';
import { TEST_NOW } from '../../../helpers/rule-test';

const found = (inputs: Record<string, unknown>) =>
  check([fromPulumiResource({ type: 'aws:secretsmanager/secret:Secret', name: 'db', inputs })], { name: 't', description: 't', rules: [secretRecoveryWindow] }, { now: TEST_NOW })
    .unwaived.map((f) => `${f.path}: ${f.message}`);

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
