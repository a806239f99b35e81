import { s3PublicAccessBlock } from '../../../../lib/rules/aws/s3/s3-public-access-block';
import { awsViolations, changed, compliantBucket } from '../rule-fixtures';

const PAB = 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock';

describe('aws-s3-public-access-block', () => {
  test('flags a missing block and one with a setting off', () => {
    expect(awsViolations(s3PublicAccessBlock, changed(compliantBucket({}, null), PAB, () => undefined))).toEqual(["publicAccessBlock: bucket 'audit' has no BucketPublicAccessBlock"]);
    const weakened = changed(compliantBucket(), PAB, (i) => ({ ...i, blockPublicPolicy: false, restrictPublicBuckets: undefined }));
    expect(awsViolations(s3PublicAccessBlock, weakened)).toEqual([
      "publicAccessBlock: bucket 'audit' has a public access block without blockPublicPolicy, restrictPublicBuckets set to true",
    ]);
  });

  test('passes all four true', () => {
    expect(awsViolations(s3PublicAccessBlock, compliantBucket())).toEqual([]);
  });
});
