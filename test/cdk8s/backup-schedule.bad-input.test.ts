import { Duration } from 'cdk8s';
import { BackupSchedule } from '../../lib/cdk8s';
import { BACKUP_KEY as KEY, backupProps } from '../helpers/backup';
import { expectRefusal, newChart } from '../helpers/cdk8s';
import { SOON } from '../helpers/dates';

const EXAMPLE = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const build = (props: unknown) => () => new BackupSchedule(newChart(), 'backup', props as any);

describe('BackupSchedule refuses bad input with one exact error', () => {
  test('a location without a customer key', () => {
    expectRefusal(build(backupProps({ storage: { bucket: 'clinic-backups', region: 'us-east-1' } as any })),
      '[test/backup] storage.kmsKeyId: is required: Velero does not encrypt backups itself, and without a customer-managed key the backups (every manifest and Secret of the namespaces) ' +
      "would be stored under the bucket's default encryption (k8s-velero-location-kms-key). Set it to the ARN of a customer-managed KMS key the Velero role may use, e.g. " + `${EXAMPLE}.`);
  });

  test('an AWS-managed key, a malformed key, a key in another region', () => {
    expectRefusal(build(backupProps({ storage: { bucket: 'clinic-backups', region: 'us-east-1', kmsKeyId: 'alias/aws/s3' } })),
      "[test/backup] storage.kmsKeyId: 'alias/aws/s3' is an AWS-managed key, not a customer-managed one: you cannot restrict or audit who uses it, or revoke it (k8s-velero-location-kms-key). " +
      `Use the ARN of a customer-managed KMS key, e.g. ${EXAMPLE}.`);
    expectRefusal(build(backupProps({ storage: { bucket: 'clinic-backups', region: 'us-east-1', kmsKeyId: 'arn:aws:kms:us-east-1:12345:key/x' } })),
      "[test/backup] storage.kmsKeyId: 'arn:aws:kms:us-east-1:12345:key/x' has account '12345'; expected 12 digits (k8s-velero-location-kms-key). " +
      `Use the ARN of a customer-managed KMS key, e.g. ${EXAMPLE}.`);
    expectRefusal(build(backupProps({ storage: { bucket: 'clinic-backups', region: 'eu-west-1', kmsKeyId: KEY } })),
      "[test/backup] storage.kmsKeyId: the key is in region us-east-1, not eu-west-1; S3 encrypts objects only with a key in the bucket's region. Use a key in eu-west-1 (a multi-Region replica key works).");
  });

  test('a region with a typo names the nearest region', () => {
    expectRefusal(build(backupProps({ storage: { bucket: 'clinic-backups', region: 'us-eats-1', kmsKeyId: KEY } })),
      "[test/backup] storage.region: 'us-eats-1' is not an AWS region: 'eats' is not a direction of an AWS region name " +
      "(central, east, north, northeast, northwest, south, southeast, southwest, west); the nearest region is us-east-1; use a region name such as 'us-east-1'.");
  });

  test('Velero\'s namespace among the namespaces backed up', () => {
    expectRefusal(build(backupProps({ namespaces: ['clinic'], veleroNamespace: 'clinic' })),
      "[test/backup] veleroNamespace: 'clinic' is both Velero's namespace and one the schedule backs up: whoever may edit objects there (the namespace's operators) " +
      "could point the BackupStorageLocation at another bucket and take every backup with them, and a restore would overwrite Velero's own objects. " +
      "Keep Velero in a namespace of its own (veleroNamespace, default 'velero') that no application uses.");
    expectRefusal(build(backupProps({ namespaces: ['clinic', 'velero'] })),
      "[test/backup] namespaces: 'velero' is both Velero's namespace and one the schedule backs up: whoever may edit objects there (the namespace's operators) " +
      "could point the BackupStorageLocation at another bucket and take every backup with them, and a restore would overwrite Velero's own objects. " +
      "Keep Velero in a namespace of its own (veleroNamespace, default 'velero') that no application uses.");
  });

  test('retention below the TTL', () => {
    expectRefusal(build(backupProps({ ttl: Duration.days(30) })),
      '[test/backup] ttl: 720h (30 days) is shorter than the retention (2160h (90 days)): Velero would delete backups the retention promises (k8s-velero-schedule-retention). ' +
      'Leave ttl unset (it defaults to the retention) or set it to at least the retention.');
  });

  test('a schedule Velero would refuse, and one in another time zone (which Velero runs, but whose gaps move at daylight-saving changes)', () => {
    expectRefusal(build(backupProps({ schedule: '@weekly ', rpo: Duration.days(7) })),
      "[test/backup] schedule: '@weekly ' has spaces around the descriptor, which Velero matches exactly; write '@weekly', so Velero would refuse the Schedule (FailedValidation) " +
      "and take no backups (k8s-velero-schedule-rpo). Use five fields in UTC, e.g. '0 2 * * *', or @daily.");
    expectRefusal(build(backupProps({ schedule: 'CRON_TZ=America/New_York 0 2 * * *' })),
      "[test/backup] schedule: 'CRON_TZ=America/New_York 0 2 * * *' sets time zone 'America/New_York'; write the schedule in UTC (drop the CRON_TZ= prefix), so the time between " +
      "runs does not change at daylight-saving changes; its gaps cannot be checked against the RPO (k8s-velero-schedule-rpo). Use five fields in UTC, e.g. '0 2 * * *', or @daily.");
  });

  test('an RPO the schedule cannot meet, naming the gap', () => {
    expectRefusal(build(backupProps({ schedule: '0 2 * * 1-5' })),
      "[test/backup] schedule: '0 2 * * 1-5' leaves up to 72h (3 days), e.g. from 2024-01-05T02:00Z to 2024-01-08T02:00Z between backups, more than the RPO of 24h (1 day) (k8s-velero-schedule-rpo). " +
      "Run backups at least every 24h, e.g. '0 2 * * *', or state the RPO the schedule meets.");
    expectRefusal(build(backupProps({ rpo: Duration.hours(5) })),
      "[test/backup] schedule: '0 2 * * *' leaves up to 24h (1 day), e.g. from 2024-01-01T02:00Z to 2024-01-02T02:00Z between backups, more than the RPO of 5h (k8s-velero-schedule-rpo). " +
      "Run backups at least every 5h, e.g. '0 */4 * * *', or state the RPO the schedule meets.");
    expectRefusal(build(backupProps({ schedule: '0 0 30 2 *', rpo: Duration.days(3650) })),
      "[test/backup] schedule: '0 0 30 2 *' never runs (no date matches it), so no backup is ever taken (k8s-velero-schedule-rpo). Use a schedule that runs, e.g. '0 2 * * *'.");
  });

  test('a bad bucket name', () => {
    for (const [bucket, why] of [
      ['Clinic_Backups', 'may hold only lower-case letters, digits, dots and hyphens'],
      ['ab', 'is 2 characters long; S3 bucket names have 3 to 63'],
      ['-clinic', 'must begin and end with a letter or digit'],
      ['clinic..backups', 'must not hold two adjacent dots'],
      ['192.168.5.4', 'must not be formatted as an IP address'],
      ['xn--clinic', "must not start with 'xn--', which S3 reserves"],
      ['clinic-s3alias', "must not end with '-s3alias', which S3 reserves"],
    ]) {
      expectRefusal(build(backupProps({ storage: { bucket, region: 'us-east-1', kmsKeyId: KEY } })),
        `[test/backup] storage.bucket: '${bucket}' ${why}; the AWS plugin could not reach the bucket. Use the bucket's name as S3 shows it, e.g. 'clinic-backups'.`);
    }
  });

  test('every problem at once: missing props, wrong types, a cron Velero refuses, a bad restored-volume key', () => {
    expectRefusal(build({}), [
      '[test/backup] 5 problems in the props (all are listed; fix each):',
      "- namespaces: a BackupSchedule needs at least one namespace to back up (k8s-phi-namespace-backup). List the PHI namespaces, e.g. [recordsNamespace] or ['patient-records'].",
      "- retention: is required: how long backups must be kept, e.g. Duration.days(90) (written as the Schedule's TTL and its hipaa-constructs.io/retention annotation; k8s-velero-schedule-retention).",
      '- rpo: is required: the recovery point objective, the most time between two backups, e.g. Duration.hours(24) (checked against the schedule; k8s-velero-schedule-rpo).',
      '- rto: is required: the recovery time objective, how long a restore may take, e.g. Duration.hours(4) (the restore test fails when a restore takes longer).',
      "- storage: is required: the S3 bucket, its region and the customer-managed KMS key backups are encrypted with, e.g. { bucket: 'clinic-backups', region: 'us-east-1', kmsKeyId: " +
        `'${EXAMPLE}' } (k8s-velero-location-kms-key).`,
    ].join('\n'));
    expectRefusal(build({ ...backupProps(), namespaces: 'clinic', schedule: '0 0 * * 7', retention: 90, snapshots: { restoredVolumeKmsKeyId: 'alias/aws/ebs' }, name: 'Backup_1' }), [
      '[test/backup] 5 problems in the props (all are listed; fix each):',
      "- name: Schedule name 'Backup_1' is not a valid DNS-1123 label: use only lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (k8s-valid-name). Rename name to a valid DNS-1123 label, e.g. 'backup-1'.",
      '- namespaces: expected a list, got a string ("clinic").',
      "- schedule: '0 0 * * 7' has day of week '7': 7 is above the largest day of week (6) (Velero counts Sunday as 0, not 7), so Velero would refuse the Schedule (FailedValidation) and take no backups (k8s-velero-schedule-rpo). Use five fields in UTC, e.g. '0 2 * * *', or @daily.",
      '- retention: expected a Duration (e.g. Duration.days(90)), got a number (90).',
      "- snapshots.restoredVolumeKmsKeyId: 'alias/aws/ebs' is an AWS-managed key, not a customer-managed one: you cannot restrict or audit who uses it, or revoke it (k8s-storage-class-encryption). " +
        `Use the ARN of a customer-managed KMS key, e.g. ${EXAMPLE}.`,
    ].join('\n'));
  });

  test('cluster-scoped resources: names with their API group, or *; includeClusterResources is named as the wrong prop', () => {
    expectRefusal(build({ ...backupProps({ clusterScopedResources: ['ClusterRoles', '*', 'storageclasses.storage.k8s.io'] }), includeClusterResources: true }), [
      '[test/backup] 2 problems in the props (all are listed; fix each):',
      "- clusterScopedResources[0]: 'ClusterRoles' is not a resource name; name each in lower case with its API group, e.g. 'clusterroles.rbac.authorization.k8s.io', or '*' for every cluster-scoped resource.",
      '- includeClusterResources: is not a BackupSchedule prop: list the cluster-scoped resources in clusterScopedResources (includeClusterResources: true would back up and snapshot every PersistentVolume of the cluster).',
    ].join('\n'));
  });

  test('namespaces: patterns, invalid names, wrong types', () => {
    expectRefusal(build(backupProps({ namespaces: ['clinic-*', 'Clinic', 42 as any] })), [
      '[test/backup] 3 problems in the props (all are listed; fix each):',
      "- namespaces[0]: 'clinic-*' is a pattern; a BackupSchedule names each namespace it backs up, so its restore test and the coverage check know them. List the namespaces by name.",
      "- namespaces[1]: namespace 'Clinic' is not a valid DNS-1123 label: use only lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (k8s-valid-name).",
      '- namespaces[2]: expected a HipaaNamespace or a namespace name, got a number (42).',
    ].join('\n'));
  });

  test('waiver problems as elsewhere', () => {
    expectRefusal(build(backupProps({ waivers: [{ ruleId: 'k8s-velero-schedule-rpo', reason: 'short', expires: SOON }] })),
      "[test/backup] waivers[0]: the waiver for rule 'k8s-velero-schedule-rpo' is invalid (waiver-invalid): reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 5 characters, 1 word).");
    expectRefusal(build(backupProps({ waivers: { ruleId: 'k8s-velero-schedule-rpo' } as any })),
      '[test/backup] waivers: must be a list of waivers, e.g. [{ ruleId, reason, expires }] (got one waiver object; wrap it in [ ]) (waiver-invalid).');
  });

  test('a valid waiver is accepted and written onto the objects its rule applies to', () => {
    const b = new BackupSchedule(newChart(), 'backup', backupProps({ waivers: [{ ruleId: 'k8s-velero-schedule-rpo', reason: 'Weekend gap accepted by the records board, ticket SEC-9', expires: SOON }] }));
    expect(b.name).toBe('backup');
  });
});

// Issue 9 trial 2: a restore-test waiver without an expiry was reported alone, by the test's CronJob
// ([.../RestoreTest/CronJob] waivers[0]), after the schedule's other problems were fixed.
test('waiver problems (the schedule\'s and the restore test\'s) are listed with the other problems, under the props\' field names', () => {
  const reason = 'Restore test creates Velero Restores through the API; its Roles allow only that';
  let error: Error | undefined;
  try {
    build(backupProps({
      storage: { bucket: 'Clinic_Backups', region: 'us-east-1', kmsKeyId: KEY },
      waivers: [{ ruleId: 'k8s-velero-schedule-rpo', reason: 'Weekend gap accepted by the records board, ticket SEC-9' } as any],
      restoreTest: {
        image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/kubectl:1.28.15@sha256:${'c'.repeat(64)}`,
        apiServer: { cidrs: ['10.0.0.0/24'] },
        waivers: [{ ruleId: 'k8s-service-account-token', reason } as any, { ruleId: 'k8s-no-such-rule', reason, expires: SOON }],
      },
    }))();
  } catch (e) {
    error = e as Error;
  }
  expect(error).toBeInstanceOf(Error);
  expect(error!.message.split('\n')).toEqual([
    '[test/backup] 4 problems in the props (all are listed; fix each):',
    "- storage.bucket: 'Clinic_Backups' may hold only lower-case letters, digits, dots and hyphens; the AWS plugin could not reach the bucket. Use the bucket's name as S3 shows it, e.g. 'clinic-backups'.",
    expect.stringMatching(/^- waivers\[0\]: the waiver for rule 'k8s-velero-schedule-rpo' is invalid \(waiver-invalid\): expires is missing: give the last day the waiver holds \(YYYY-MM-DD, at most 12 months ahead/),
    expect.stringMatching(/^- restoreTest\.waivers\[0\]: the waiver for rule 'k8s-service-account-token' is invalid \(waiver-invalid\): expires is missing/),
    expect.stringMatching(/^- restoreTest\.waivers\[1\]: the waiver for rule 'k8s-no-such-rule' is invalid \(waiver-invalid\): .*k8s-no-such-rule/),
  ]);
});

test('a retention, TTL, RPO or RTO of zero names the rule and a value to use', () => {
  expectRefusal(build(backupProps({ retention: Duration.days(0), ttl: Duration.seconds(0), rpo: Duration.hours(0), rto: Duration.minutes(0) })), [
    '[test/backup] 4 problems in the props (all are listed; fix each):',
    '- retention: must be at least one second (got 0 ms): backups are kept that long (k8s-velero-schedule-retention). Use e.g. Duration.days(90).',
    '- ttl: must be at least one second (got 0 ms): Velero keeps each backup that long (k8s-velero-schedule-retention). Leave it unset for the retention.',
    '- rpo: must be at least one second (got 0 ms): the schedule is checked against it (k8s-velero-schedule-rpo). Use e.g. Duration.hours(24).',
    '- rto: must be at least one second (got 0 ms): the restore test fails when a restore takes longer. Use e.g. Duration.hours(4).',
  ].join('\n'));
});
