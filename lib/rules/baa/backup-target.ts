import { baaRule, baaViolations } from './support/baa-rule';
import { destinationJudgement } from './support/destination-rule';

/** The logic of baa-backup-target as a pure function of (graph, register, object), for tests on hand-built graphs. */
export const backupTargetViolations = baaViolations(destinationJudgement('backup-target'));

/** Backups of PHI go only to buckets of vendors with a BAA. */
export const backupTargetRule = baaRule(
  {
    id: 'baa-backup-target',
    title: 'Backups of PHI go only to storage of vendors with a BAA',
    description:
      'A backup location (a Velero BackupStorageLocation bucket) holds copies of every PHI volume and object it backs up; its storage provider maintains PHI on the organisation\'s behalf and is a business associate under 45 CFR 164.308(b)(1), which needs a BAA covering that storage service. Fails closed: a bucket no vendor of the register matches is a finding.',
    severity: 'error',
    controls: ['164.308(b)(1)', '164.314(a)(1)'],
    kinds: ['*'],
    fix: 'Register the bucket\'s provider with its signed BAA in hipaa-baa.yaml (match: {buckets: [...]}, and for a cloud provider the storage service in services), or back up to storage that has one.',
  },
  backupTargetViolations,
);
