import { s3AccessLogging } from '../../../../lib/rules/aws/s3/s3-access-logging';
import { awsViolations, changed, compliantBucket, NAME } from '../rule-fixtures';

const L = 'aws:s3/bucketLogging:BucketLogging';

describe('aws-s3-access-logging', () => {
  test('flags a bucket without access logging and one that logs to itself', () => {
    expect(awsViolations(s3AccessLogging, changed(compliantBucket({}, null), L, () => undefined))).toEqual(["logging: bucket 'audit' has no server access logging (no BucketLogging names it)"]);
    expect(awsViolations(s3AccessLogging, changed(compliantBucket(), L, (i) => ({ ...i, targetBucket: NAME })))).toEqual([
      "logging.targetBucket: bucket 'audit' logs its access to itself; send the logs to another bucket",
    ]);
  });

  test('passes logging to another bucket (separate or inline), and access-log buckets themselves', () => {
    expect(awsViolations(s3AccessLogging, compliantBucket())).toEqual([]);
    expect(awsViolations(s3AccessLogging, changed(compliantBucket({ logging: { targetBucket: 'acme-logs' } }), L, () => undefined))).toEqual([]);
    expect(awsViolations(s3AccessLogging, changed(compliantBucket({}, 'access-log'), L, () => undefined))).toEqual([]);
  });
});
