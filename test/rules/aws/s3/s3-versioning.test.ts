import { s3Versioning } from '../../../../lib/rules/aws/s3/s3-versioning';
import { awsViolations, changed, compliantBucket } from '../rule-fixtures';

const V = 'aws:s3/bucketVersioning:BucketVersioning';

describe('aws-s3-versioning', () => {
  test('flags a bucket without versioning or with it suspended', () => {
    expect(awsViolations(s3Versioning, changed(compliantBucket({}, null), V, () => undefined))).toEqual(["versioning: bucket 'audit' has no BucketVersioning with status Enabled"]);
    expect(awsViolations(s3Versioning, changed(compliantBucket(), V, (i) => ({ ...i, versioningConfiguration: { status: 'Suspended' } })))).toEqual([
      "versioning: bucket 'audit' has versioning status \"Suspended\", not Enabled",
    ]);
    // A versioning resource of another bucket does not count.
    expect(awsViolations(s3Versioning, changed(compliantBucket(), V, (i) => ({ ...i, bucket: 'other' })))).toHaveLength(1);
  });

  test('passes Enabled versioning, separate or inline', () => {
    expect(awsViolations(s3Versioning, compliantBucket())).toEqual([]);
    expect(awsViolations(s3Versioning, changed(compliantBucket({ versioning: { enabled: true } }), V, () => undefined))).toEqual([]);
  });
});
