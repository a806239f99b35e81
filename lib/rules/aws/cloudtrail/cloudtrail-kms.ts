import type { Rule } from '../../../check/rule';
import { keyArnProblem } from '../support/customer-managed-key';

/** Trails encrypt their log files with a customer-managed key. */
export const cloudtrailKms: Rule = {
  id: 'aws-cloudtrail-kms',
  title: 'CloudTrail trails must encrypt log files with a customer-managed KMS key (kmsKeyId, a key ARN)',
  description:
    'Without kmsKeyId CloudTrail log files get the bucket\'s SSE-S3 encryption, which anyone allowed to read the bucket ' +
    'can decrypt; SSE-KMS under your key adds the key policy as a second gate and records every decryption.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.312(b)'],
  kinds: ['aws:cloudtrail/trail:Trail'],
  fix: 'Set kmsKeyId to the ARN of a customer-managed key whose key policy allows cloudtrail.amazonaws.com kms:GenerateDataKey* (HipaaAuditStore does).',
  check(resource, _ctx, report) {
    const problem = keyArnProblem(resource.body.kmsKeyId);
    if (problem) report({ path: 'kmsKeyId', message: `trail '${resource.name}' encrypts its log files with ${problem}: give a customer-managed key's ARN` });
  },
};
