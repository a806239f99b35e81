import { KEY } from '../rule-fixtures';

/** A delivery stream that passes the Firehose rules, with `inputs` merged in. */
export function stream(inputs: Record<string, any> = {}) {
  return [{
    type: 'aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream',
    name: 'logs',
    inputs: {
      destination: 'extended_s3',
      serverSideEncryption: { enabled: true, keyType: 'CUSTOMER_MANAGED_CMK', keyArn: KEY },
      extendedS3Configuration: { roleArn: 'arn:aws:iam::123456789012:role/firehose', bucketArn: 'arn:aws:s3:::acme-audit', kmsKeyArn: KEY },
      ...inputs,
    },
  }];
}
