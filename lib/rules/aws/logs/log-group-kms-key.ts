import type { Rule } from '../../../check/rule';
import { keyArnProblem } from '../support/customer-managed-key';

/** Log groups are encrypted with a customer-managed key. */
export const logGroupKmsKey: Rule = {
  id: 'aws-log-group-kms-key',
  title: 'CloudWatch log groups must be encrypted with a customer-managed KMS key (kmsKeyId, a key ARN)',
  description:
    'Logs hold audit trails and, despite redaction, fragments of PHI. Without kmsKeyId CloudWatch Logs encrypts them with ' +
    'a key of its own that no key policy of yours governs and no CloudTrail record of yours shows. CloudWatch Logs takes ' +
    'the key ARN (not an alias), and the key policy must let the logs service of the region use it.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)'],
  kinds: ['aws:cloudwatch/logGroup:LogGroup'],
  fix: 'Set kmsKeyId to the ARN of a customer-managed key (e.g. a HipaaKmsKey\'s arn) whose key policy allows logs.<region>.amazonaws.com.',
  check(resource, _ctx, report) {
    const id: unknown = resource.body.kmsKeyId;
    if (id === undefined || id === '') {
      report({ path: 'kmsKeyId', message: `log group '${resource.name}' has no kmsKeyId: its logs are encrypted only with a key CloudWatch Logs owns` });
      return;
    }
    const problem = keyArnProblem(id);
    if (problem) report({ path: 'kmsKeyId', message: `log group '${resource.name}' has kmsKeyId ${problem}: CloudWatch Logs needs the ARN of a customer-managed key` });
  },
};
