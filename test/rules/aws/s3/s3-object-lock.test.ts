import { s3ObjectLock } from '../../../../lib/rules/aws/s3/s3-object-lock';
import { awsViolations, changed, compliantBucket } from '../rule-fixtures';

const LOCK = 'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration';
const BUCKET = 'aws:s3/bucket:Bucket';
const retention = (defaultRetention: Record<string, any>) => changed(compliantBucket(), LOCK, (i) => ({ ...i, rule: { defaultRetention } }));

describe('aws-s3-object-lock', () => {
  test('flags an audit bucket without Object Lock, without a default retention, in GOVERNANCE mode or kept less than 6 years', () => {
    expect(awsViolations(s3ObjectLock, changed(compliantBucket(), BUCKET, (i) => ({ ...i, objectLockEnabled: false })))).toEqual([
      "objectLockEnabled: audit bucket 'audit' does not have Object Lock enabled (objectLockEnabled: true; it can be set only when the bucket is created)",
    ]);
    expect(awsViolations(s3ObjectLock, changed(compliantBucket(), LOCK, () => undefined))).toEqual([
      "objectLockEnabled: audit bucket 'audit' has Object Lock enabled but no default retention (no BucketObjectLockConfiguration with rule.defaultRetention): objects written without a retention can be deleted",
    ]);
    expect(awsViolations(s3ObjectLock, retention({ mode: 'GOVERNANCE', years: 6 }))).toEqual([
      "objectLockConfiguration.rule.defaultRetention.mode: audit bucket 'audit' has default retention mode \"GOVERNANCE\", not COMPLIANCE: GOVERNANCE retention can be bypassed with s3:BypassGovernanceRetention",
    ]);
    expect(awsViolations(s3ObjectLock, retention({ mode: 'COMPLIANCE', days: 2191 }))).toEqual([
      "objectLockConfiguration.rule.defaultRetention: audit bucket 'audit' has a default retention of 2191 day(s), less than the 6 years (2192 days) HIPAA documentation must be kept",
    ]);
    expect(awsViolations(s3ObjectLock, retention({ mode: 'COMPLIANCE', years: 5 }))).toHaveLength(1);
    // A backup bucket needs COMPLIANCE, with any period.
    expect(awsViolations(s3ObjectLock, changed(compliantBucket({}, 'backup'), LOCK, (i) => ({ ...i, rule: { defaultRetention: { mode: 'GOVERNANCE', days: 30 } } })))).toEqual([
      "objectLockConfiguration.rule.defaultRetention.mode: backup bucket 'audit' has default retention mode \"GOVERNANCE\", not COMPLIANCE: GOVERNANCE retention can be bypassed with s3:BypassGovernanceRetention",
    ]);
  });

  test('flags a data-class tag it does not know', () => {
    expect(awsViolations(s3ObjectLock, compliantBucket({}, 'evidence'))).toEqual([
      "tags[\"hipaa-constructs.io/data-class\"]: bucket 'audit' has hipaa-constructs.io/data-class 'evidence', which is not one of audit, backup, access-log, phi",
    ]);
  });

  test('passes COMPLIANCE for 6 years or 2192 days (separate or inline configuration), a backup bucket with a short COMPLIANCE period, and buckets of other classes', () => {
    expect(awsViolations(s3ObjectLock, compliantBucket())).toEqual([]);
    expect(awsViolations(s3ObjectLock, retention({ mode: 'COMPLIANCE', days: 2192 }))).toEqual([]);
    expect(awsViolations(s3ObjectLock, changed(compliantBucket(), LOCK, () => undefined).map((r) => (r.type === BUCKET
      ? { ...r, inputs: { ...r.inputs, objectLockEnabled: undefined, objectLockConfiguration: { objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'COMPLIANCE', years: 7 } } } } }
      : r)))).toEqual([]);
    expect(awsViolations(s3ObjectLock, changed(compliantBucket({}, 'backup'), LOCK, (i) => ({ ...i, rule: { defaultRetention: { mode: 'COMPLIANCE', days: 35 } } })))).toEqual([]);
    expect(awsViolations(s3ObjectLock, changed(compliantBucket({ objectLockEnabled: false }, 'phi'), LOCK, () => undefined))).toEqual([]);
    expect(awsViolations(s3ObjectLock, changed(compliantBucket({ objectLockEnabled: false }, null), LOCK, () => undefined))).toEqual([]);
  });
});
