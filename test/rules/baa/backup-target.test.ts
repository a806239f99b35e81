import { external, flowsTo, NOW, REGISTER, resource } from './fixtures';
import { backupTargetViolations } from '../../../lib/rules/baa/backup-target';

const BSL = { kind: 'BackupStorageLocation', namespace: 'velero', name: 'default' };
const bsl = resource('BackupStorageLocation', 'velero', 'default');
const PATH = 'spec.objectStorage.bucket';

describe('baa-backup-target', () => {
  test('flags PHI backups to a bucket no vendor matches', () => {
    const bucket = external('backup-target', { type: 'bucket', value: 'phi-backups', provider: 'minio' }, BSL, PATH);
    expect(backupTargetViolations(flowsTo(bucket), REGISTER, bsl, NOW)).toEqual([{
      path: PATH,
      message: 'backs up the PHI of workload clinic/records-api to bucket phi-backups, which no vendor of the BAA register matches',
      fix: 'Add the vendor of bucket phi-backups to the BAA register with its signed BAA (or to internal, if it is the organisation\'s own), or stop sending PHI there.',
    }]);
  });

  test('flags an S3 bucket of an account the AWS BAA does not list', () => {
    const bucket = external('backup-target', { type: 'bucket', value: 'phi-backups', provider: 'aws', service: 's3', account: '999999999999' }, BSL, PATH);
    expect(backupTargetViolations(flowsTo(bucket), REGISTER, bsl, NOW).map((v) => v.message)).toEqual([
      'backs up the PHI of workload clinic/records-api to bucket phi-backups of vendor AWS (aws), which has no BAA that covers it ' +
      '(AWS: account 999999999999 is not among the accounts the BAA covers (123456789012))',
    ]);
  });

  test('passes an S3 bucket under the AWS BAA', () => {
    const bucket = external('backup-target', { type: 'bucket', value: 'phi-backups', provider: 'aws', service: 's3', account: '123456789012' }, BSL, PATH);
    expect(backupTargetViolations(flowsTo(bucket), REGISTER, bsl, NOW)).toEqual([]);
  });
});
