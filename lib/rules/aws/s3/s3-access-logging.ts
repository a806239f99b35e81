import type { Rule } from '../../../check/rule';
import { BUCKET_KINDS, bucketDataClass, bucketReferences, DATA_CLASS_TAG, partsOf, S3_PARTS } from '../support/s3-bucket';

/** Every request to a bucket is logged to another bucket. */
export const s3AccessLogging: Rule = {
  id: 'aws-s3-access-logging',
  title: 'S3 buckets must have server access logging to another bucket',
  description:
    'Server access logs record every request to the bucket (who read or tried to delete which object), the audit trail ' +
    'of access to PHI and evidence that CloudTrail data events cost extra to capture. They must go to another bucket: ' +
    'S3 cannot deliver access logs into a bucket with an Object Lock default retention, and a bucket logging to itself ' +
    `logs its own logs. Buckets tagged ${DATA_CLASS_TAG}=access-log (the log targets) are not judged; every other bucket is.`,
  severity: 'error',
  controls: ['164.312(b)'],
  kinds: BUCKET_KINDS,
  fix: 'Use HipaaWormBucket (it creates an access-log bucket or takes accessLogBucket), or add a BucketLogging with ' +
    'bucket: <this bucket> and targetBucket: <a log bucket without Object Lock default retention>.',
  check(resource, ctx, report) {
    if (bucketDataClass(resource) === 'access-log') return;
    const targets = [...partsOf(ctx, S3_PARTS.logging, resource).map((l) => l.body.targetBucket), resource.body.logging?.targetBucket]
      .filter((t): t is string => typeof t === 'string' && t !== '');
    if (targets.length === 0) {
      report({ path: 'logging', message: `bucket '${resource.name}' has no server access logging (no BucketLogging names it)` });
      return;
    }
    const refs = bucketReferences(resource);
    if (targets.every((t) => refs.has(t))) {
      report({ path: 'logging.targetBucket', message: `bucket '${resource.name}' logs its access to itself; send the logs to another bucket` });
    }
  },
};
