import { firehoseS3Kms } from '../../../../lib/rules/aws/firehose/firehose-s3-kms';
import { awsViolations } from '../rule-fixtures';
import { stream } from './fixtures';

describe('aws-firehose-s3-kms', () => {
  test('flags an S3 destination without kmsKeyArn or with an alias', () => {
    expect(awsViolations(firehoseS3Kms, stream({ extendedS3Configuration: { roleArn: 'r', bucketArn: 'arn:aws:s3:::acme-audit' } }))).toEqual([
      "extendedS3Configuration.kmsKeyArn: delivery stream 'logs' writes S3 objects with no key: give a customer-managed key's ARN",
    ]);
    expect(awsViolations(firehoseS3Kms, stream({ extendedS3Configuration: { roleArn: 'r', bucketArn: 'b', kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:alias/aws/s3' } }))).toEqual([
      "extendedS3Configuration.kmsKeyArn: delivery stream 'logs' writes S3 objects with an AWS-managed key (arn:aws:kms:us-east-1:123456789012:alias/aws/s3), not a customer-managed one: give a customer-managed key's ARN",
    ]);
  });
  test('passes a key ARN, and other destinations', () => {
    expect(awsViolations(firehoseS3Kms, stream())).toEqual([]);
    expect(awsViolations(firehoseS3Kms, stream({ destination: 'splunk', extendedS3Configuration: undefined }))).toEqual([]);
  });
});
