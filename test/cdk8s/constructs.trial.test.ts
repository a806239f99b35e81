// Plain JavaScript callers that pass no scope or no id (issue 9 trial): every construct refuses with
// an Error naming the problem, never a TypeError from deep inside.
import { Cron, Size } from 'cdk8s';
import {
  BackupSchedule, EncryptedVolume, EncryptedVolumeProvider, HipaaNamespace, KmsSecretStore,
  SecureCronJob, SecureDeployment, SecureJob, SecureStatefulSet,
} from '../../lib/cdk8s';
import { backupProps } from '../helpers/backup';
import { container, expectRefusal, jobContainer, newChart } from '../helpers/cdk8s';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ROLE = 'arn:aws:iam::123456789012:role/clinic-secrets';
const HOW = 'Pass the chart (or another construct) as the first argument, the id as the second.';

const builders: Record<string, (scope: any, id: any) => unknown> = {
  EncryptedVolume: (scope, id) => new EncryptedVolume(scope, id, { provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId: KEY }) }),
  KmsSecretStore: (scope, id) => new KmsSecretStore(scope, id, { region: 'us-east-1', roleArn: ROLE }),
  SecureDeployment: (scope, id) => new SecureDeployment(scope, id, { containers: [container()] }),
  HipaaNamespace: (scope, id) => new HipaaNamespace(scope, id, { owner: 'platform-team' }),
  SecureStatefulSet: (scope, id) => new SecureStatefulSet(scope, id, { containers: [container()] }),
  SecureJob: (scope, id) => new SecureJob(scope, id, { containers: [jobContainer()] }),
  SecureCronJob: (scope, id) => new SecureCronJob(scope, id, { containers: [jobContainer()], schedule: Cron.daily() }),
  BackupSchedule: (scope, id) => new BackupSchedule(scope, id, backupProps()),
};

describe.each(Object.keys(builders))('%s from JavaScript', (name) => {
  const build = builders[name];

  test('no scope', () => {
    expectRefusal(() => build(undefined, 'x'), `[x] scope: expected a construct to create it in (e.g. a cdk8s Chart), got nothing (undefined). ${HOW}`);
  });

  test('props given where the scope goes (the scope left out)', () => {
    expectRefusal(() => build('x', { size: Size.gibibytes(1) }), `[?] scope: expected a construct to create it in (e.g. a cdk8s Chart), got a string ("x"). ${HOW}`);
  });

  test('no id', () => {
    expectRefusal(() => build(newChart(), undefined), `[test] id: expected a non-empty string naming the construct, got nothing (undefined). ${HOW}`);
  });
});
