import { firehoseEncryption } from './firehose-encryption';
import { firehoseS3Kms } from './firehose-s3-kms';
import type { RulePack } from '../../../check/rule';

/** Kinesis Data Firehose: encrypted delivery streams into encrypted destinations. */
export const firehosePack: RulePack = {
  name: 'aws-firehose',
  description: 'Kinesis Data Firehose: encrypted delivery streams into encrypted destinations.',
  rules: [firehoseEncryption, firehoseS3Kms],
};
