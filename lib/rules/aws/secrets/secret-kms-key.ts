import type { Rule } from '../../../check/rule';
import { KMS_KEY_ARN_EXAMPLE } from '../../k8s/support/kms-key';
import { keyReferenceMessage } from '../support/customer-managed-key';

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
    const message = keyReferenceMessage(resource.body.kmsKeyId, {
      subject: `secret '${resource.name}'`,
      field: 'kmsKeyId',
      whenMissing: 'its values are encrypted with the AWS-managed key aws/secretsmanager, not a customer-managed one',
    });
    if (message !== undefined) report({ path: 'kmsKeyId', message });
  },
};
