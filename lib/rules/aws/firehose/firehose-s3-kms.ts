import type { Rule } from '../../../check/rule';
import { keyArnProblem } from '../support/customer-managed-key';

/** Delivery streams write S3 objects under a customer-managed key. */
export const firehoseS3Kms: Rule = {
  id: 'aws-firehose-s3-kms',
  title: 'Firehose delivery streams into S3 must write objects with a customer-managed key (extendedS3Configuration.kmsKeyArn)',
  description:
    'Without kmsKeyArn Firehose writes objects with the bucket\'s default encryption, whatever that is when it delivers; ' +
    'naming the key makes every delivered object SSE-KMS under your key, and lets the Firehose role be limited to that key. ' +
    'Streams to other destinations are not judged.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)'],
  kinds: ['aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream'],
  fix: 'Set extendedS3Configuration.kmsKeyArn to the ARN of the bucket\'s customer-managed key (HipaaAuditStore does).',
  check(resource, _ctx, report) {
    if (resource.body.destination !== 'extended_s3') return;
    const problem = keyArnProblem(resource.body.extendedS3Configuration?.kmsKeyArn);
    if (problem) report({ path: 'extendedS3Configuration.kmsKeyArn', message: `delivery stream '${resource.name}' writes S3 objects with ${problem}: give a customer-managed key's ARN` });
  },
};
