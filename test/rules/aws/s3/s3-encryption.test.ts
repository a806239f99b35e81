import { s3Encryption } from '../../../../lib/rules/aws/s3/s3-encryption';
import { awsViolations, changed, compliantBucket } from '../rule-fixtures';

const SSE = 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration';
const withRule = (rule: Record<string, any>, dataClass?: string) => changed(compliantBucket({}, dataClass), SSE, (i) => ({ ...i, rules: [rule] }));

describe('aws-s3-encryption', () => {
  test('flags no default encryption, SSE-S3, the AWS-managed key, a missing key and no bucket key (untagged buckets too)', () => {
    expect(awsViolations(s3Encryption, changed(compliantBucket({}, null), SSE, () => undefined))).toEqual([
      "serverSideEncryptionConfiguration: bucket 'audit' has no default encryption configuration (no BucketServerSideEncryptionConfiguration names it)",
    ]);
    expect(awsViolations(s3Encryption, withRule({ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }))).toEqual([
      "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.sseAlgorithm: bucket 'audit' encrypts by default with \"AES256\", not aws:kms under a customer-managed key",
    ]);
    expect(awsViolations(s3Encryption, withRule({ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }))).toEqual([
      "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId: bucket 'audit' uses aws:kms without kmsMasterKeyId, i.e. the AWS-managed aws/s3 key, not a customer-managed key",
    ]);
    expect(awsViolations(s3Encryption, withRule({ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/aws/s3' }, bucketKeyEnabled: true }))).toEqual([
      "serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId: bucket 'audit' names kmsMasterKeyId \"alias/aws/s3\", an AWS-managed key: give the ARN of a customer-managed key",
    ]);
    expect(awsViolations(s3Encryption, withRule({ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' } }))).toEqual([
      "serverSideEncryptionConfiguration.rule.bucketKeyEnabled: bucket 'audit' does not enable the S3 bucket key (bucketKeyEnabled: true) for SSE-KMS",
    ]);
    expect(awsViolations(s3Encryption, changed(compliantBucket({ bucket: undefined }), SSE, () => undefined))[0]).toContain('has no explicit name (input bucket)');
  });

  test('passes SSE-KMS with a customer-managed key and bucket key (separate or inline), and SSE-S3 on an access-log bucket', () => {
    expect(awsViolations(s3Encryption, compliantBucket())).toEqual([]);
    expect(awsViolations(s3Encryption, withRule({ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }, 'access-log'))).toEqual([]);
    const inline = { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }, bucketKeyEnabled: true } };
    expect(awsViolations(s3Encryption, changed(compliantBucket({ serverSideEncryptionConfiguration: inline }), SSE, () => undefined))).toEqual([]);
  });
});
