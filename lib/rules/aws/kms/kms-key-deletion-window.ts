import type { Rule } from '../../../check/rule';
import { kmsLabel } from '../support/kms-actions';

/** The shortest pending-deletion window allowed: AWS's own default and maximum. */
export const MIN_DELETION_WINDOW_DAYS = 30;

/** A key scheduled for deletion waits the longest window AWS allows, 30 days. */
export const kmsKeyDeletionWindow: Rule = {
  id: 'aws-kms-key-deletion-window',
  title: 'KMS keys must wait 30 days before deletion, so a mistaken or malicious deletion can be cancelled',
  description:
    'Deleting a KMS key destroys its key material: everything encrypted under it (EBS volumes, S3 objects, secrets, ' +
    'backups, audit logs) becomes unreadable for good. AWS KMS waits deletionWindowInDays (7 to 30, 30 by default) ' +
    'before it deletes, and CancelKeyDeletion can stop it until then. A shorter window leaves less time to notice ' +
    'the ScheduleKeyDeletion event in the audit trail and cancel it.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.308(a)(7)(ii)(A)', '164.312(c)(1)'],
  kinds: ['aws:kms/key:Key', 'aws:kms/replicaKey:ReplicaKey'],
  fix: 'Leave deletionWindowInDays unset or set it to 30 (HipaaKmsKey does), or waive aws-kms-key-deletion-window with the reason a shorter window is acceptable.',
  check(resource, _ctx, report) {
    const days: unknown = resource.body.deletionWindowInDays;
    if (days === undefined || days === null) return;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 7 || days > 30) {
      report({ path: 'deletionWindowInDays', message: `${kmsLabel(resource.kind, resource.name)} has deletionWindowInDays ${JSON.stringify(days)}; AWS KMS accepts a whole number of days from 7 to 30` });
    } else if (days < MIN_DELETION_WINDOW_DAYS) {
      report({ path: 'deletionWindowInDays', message: `${kmsLabel(resource.kind, resource.name)} waits only ${days} days before deletion, less than ${MIN_DELETION_WINDOW_DAYS}` });
    }
  },
};
