import type { Rule } from '../../../check/rule';
import { BUCKET_DATA_CLASSES, BUCKET_KINDS, bucketDataClass, DATA_CLASS_TAG, partsOf, S3_PARTS } from '../support/s3-bucket';
import { SIX_YEARS_IN_DAYS } from '../support/six-years';

/** Audit and backup buckets are write-once: Object Lock in COMPLIANCE mode, six years for audit trails. */
export const s3ObjectLock: Rule = {
  id: 'aws-s3-object-lock',
  title: 'Audit and backup buckets must have Object Lock with a COMPLIANCE default retention (at least 6 years for audit)',
  description:
    'Audit trails and backups are evidence: nobody, not even the account root, may delete or overwrite them before their ' +
    'retention ends. S3 Object Lock in COMPLIANCE mode guarantees that (GOVERNANCE mode lets anyone with ' +
    's3:BypassGovernanceRetention delete them). HIPAA requires documentation to be kept six years (164.316(b)(2)(i)), so ' +
    `buckets tagged ${DATA_CLASS_TAG}=audit need a default retention of at least 6 years (or ${SIX_YEARS_IN_DAYS} days); ` +
    'backup buckets need COMPLIANCE mode with any period. Buckets of other classes are not judged; a tag value this ' +
    'rule does not know is reported.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.316(b)(2)(i)', '164.308(a)(7)(ii)(A)'],
  kinds: BUCKET_KINDS,
  fix: 'Use HipaaWormBucket (Object Lock COMPLIANCE, 6 years by default), or set objectLockEnabled: true on the bucket and a ' +
    'BucketObjectLockConfiguration with rule.defaultRetention { mode: "COMPLIANCE", years: 6 }.',
  check(resource, ctx, report) {
    const dataClass = bucketDataClass(resource);
    if (dataClass === undefined) {
      report({
        path: `tags["${DATA_CLASS_TAG}"]`,
        message: `bucket '${resource.name}' has ${DATA_CLASS_TAG} '${String(resource.body.tags[DATA_CLASS_TAG])}', which is not one of ${BUCKET_DATA_CLASSES.join(', ')}`,
        fix: `Tag the bucket ${DATA_CLASS_TAG} with one of ${BUCKET_DATA_CLASSES.join(', ')}.`,
      });
      return;
    }
    if (dataClass !== 'audit' && dataClass !== 'backup') return;
    const inline = resource.body.objectLockConfiguration;
    const enabled = resource.body.objectLockEnabled === true || inline?.objectLockEnabled === 'Enabled';
    if (!enabled) {
      report({ path: 'objectLockEnabled', message: `${dataClass} bucket '${resource.name}' does not have Object Lock enabled (objectLockEnabled: true; it can be set only when the bucket is created)` });
      return;
    }
    const configs = partsOf(ctx, S3_PARTS.objectLock, resource);
    const retention = configs.map((c) => c.body.rule?.defaultRetention).find((r) => r !== undefined) ?? inline?.rule?.defaultRetention;
    if (retention === undefined) {
      report({ path: 'objectLockEnabled', message: `${dataClass} bucket '${resource.name}' has Object Lock enabled but no default retention (no BucketObjectLockConfiguration with rule.defaultRetention): objects written without a retention can be deleted` });
      return;
    }
    if (retention.mode !== 'COMPLIANCE') {
      report({ path: 'objectLockConfiguration.rule.defaultRetention.mode', message: `${dataClass} bucket '${resource.name}' has default retention mode ${JSON.stringify(retention.mode)}, not COMPLIANCE: GOVERNANCE retention can be bypassed with s3:BypassGovernanceRetention` });
    }
    if (dataClass === 'audit') {
      const years = typeof retention.years === 'number' ? retention.years : undefined;
      const days = typeof retention.days === 'number' ? retention.days : undefined;
      const enough = (years !== undefined && years >= 6) || (days !== undefined && days >= SIX_YEARS_IN_DAYS);
      if (!enough) {
        const given = years !== undefined ? `${years} year(s)` : days !== undefined ? `${days} day(s)` : 'no period';
        report({ path: 'objectLockConfiguration.rule.defaultRetention', message: `audit bucket '${resource.name}' has a default retention of ${given}, less than the 6 years (${SIX_YEARS_IN_DAYS} days) HIPAA documentation must be kept` });
      }
    }
  },
};
