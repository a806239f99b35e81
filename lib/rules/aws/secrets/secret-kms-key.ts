import type { Rule } from '../../../check/rule';
import { KMS_KEY_ARN_EXAMPLE, parseKmsKey } from '../../k8s/support/kms-key';

/** Secrets Manager secrets are encrypted with a customer-managed KMS key. */
export const secretKmsKey: Rule = {
  id: 'aws-secret-kms-key',
  title: 'Secrets Manager secrets must be encrypted with a customer-managed KMS key',
  description:
    'A secret without kmsKeyId (or with the AWS-managed alias/aws/secretsmanager) is encrypted with the account\'s ' +
    'AWS-managed key, whose key policy lets every principal of the account that may read the secret decrypt it: you cannot ' +
    'separate who administers the key from who uses it, restrict its use to Secrets Manager, or revoke it. A customer-managed ' +
    'key (HipaaKmsKey) keeps that control and logs every use in CloudTrail.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.312(a)(1)'],
  kinds: ['aws:secretsmanager/secret:Secret'],
  fix: `Set kmsKeyId to the ARN of a customer-managed KMS key (HipaaSecrets takes it as key), e.g. ${KMS_KEY_ARN_EXAMPLE}.`,
  check(resource, _ctx, report) {
    const key: unknown = resource.body.kmsKeyId;
    if (key === undefined || key === null || key === '') {
      report({ path: 'kmsKeyId', message: `secret '${resource.name}' sets no kmsKeyId: its values are encrypted with the AWS-managed key aws/secretsmanager, not a customer-managed one` });
      return;
    }
    const parsed = parseKmsKey(key);
    if (parsed.problem !== undefined) {
      report({ path: 'kmsKeyId', message: `secret '${resource.name}' has kmsKeyId that ${parsed.problem}` });
    } else if (parsed.key.awsManaged) {
      report({ path: 'kmsKeyId', message: `secret '${resource.name}' has kmsKeyId '${key as string}', an AWS-managed key, not a customer-managed one` });
    }
  },
};
