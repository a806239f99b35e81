import { Duration } from 'cdk8s';
import type { BackupScheduleProps } from '../../lib/cdk8s';

/** A customer-managed key in us-east-1. */
export const BACKUP_KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** BackupSchedule props that satisfy every rule (backing up `clinic`); override one to break it. */
export function backupProps(overrides: Partial<BackupScheduleProps> = {}): BackupScheduleProps {
  return {
    namespaces: ['clinic'],
    retention: Duration.days(90),
    rpo: Duration.hours(24),
    rto: Duration.hours(4),
    owner: 'platform-team',
    storage: { bucket: 'clinic-backups', prefix: 'velero/clinic', region: 'us-east-1', kmsKeyId: BACKUP_KEY },
    ...overrides,
  };
}
