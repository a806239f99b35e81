import { firehoseEncryption } from '../../../../lib/rules/aws/firehose/firehose-encryption';
import { awsViolations } from '../rule-fixtures';
import { stream } from './fixtures';

describe('aws-firehose-encryption', () => {
  test('flags no encryption, the AWS-owned key and a key that is not a key ARN', () => {
    expect(awsViolations(firehoseEncryption, stream({ serverSideEncryption: undefined }))).toEqual([
      "serverSideEncryption.enabled: delivery stream 'logs' does not encrypt the records it buffers (serverSideEncryption.enabled is not true)",
    ]);
    expect(awsViolations(firehoseEncryption, stream({ serverSideEncryption: { enabled: true } }))).toEqual([
      "serverSideEncryption.keyType: delivery stream 'logs' encrypts with keyType \"AWS_OWNED_CMK\", not CUSTOMER_MANAGED_CMK",
    ]);
    expect(awsViolations(firehoseEncryption, stream({ serverSideEncryption: { enabled: true, keyType: 'CUSTOMER_MANAGED_CMK' } }))).toEqual([
      "serverSideEncryption.keyArn: delivery stream 'logs' has serverSideEncryption.keyArn with no key: give a customer-managed key's ARN",
    ]);
  });
  test('passes CUSTOMER_MANAGED_CMK with a key ARN, and streams reading from Kinesis', () => {
    expect(awsViolations(firehoseEncryption, stream())).toEqual([]);
    expect(awsViolations(firehoseEncryption, stream({ serverSideEncryption: undefined, kinesisSourceConfiguration: { kinesisStreamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/s', roleArn: 'arn:aws:iam::123456789012:role/r' } }))).toEqual([]);
  });
});
