import type { Rule } from '../../../check/rule';
import { parseKmsKey } from '../../k8s/support/kms-key';
import { BUCKET_KINDS, bucketDataClass, bucketReferences, DATA_CLASS_TAG, partsOf, S3_PARTS, unnamedBucketNote } from '../support/s3-bucket';

/** Buckets are encrypted by default with a customer-managed KMS key and an S3 bucket key. */
export const s3Encryption: Rule = {
  id: 'aws-s3-encryption',
  title: 'S3 buckets must encrypt by default with a customer-managed KMS key (SSE-KMS) and a bucket key',
  description:
    'Default encryption with SSE-KMS under a customer-managed key puts every object under a key whose policy and ' +
    'CloudTrail record decide and show who can decrypt it, and that can be disabled to cut off access; SSE-S3 (AES256) ' +
    'and the AWS-managed aws/s3 key offer neither. The bucket key cuts KMS requests (and cost) without weakening that. ' +
    `Buckets tagged ${DATA_CLASS_TAG}=access-log may use SSE-S3 instead: S3 server access logging delivers to SSE-S3 ` +
    'buckets without changes to any key policy. Every other bucket, tagged or not, is judged.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)'],
  kinds: BUCKET_KINDS,
  fix: 'Use HipaaWormBucket with key: <HipaaKmsKey>, or add a BucketServerSideEncryptionConfiguration with rules: [{ ' +
    'applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: <key ARN> }, bucketKeyEnabled: true }].',
  check(resource, ctx, report) {
    const configs = partsOf(ctx, S3_PARTS.encryption, resource);
    const rules: any[] = configs.flatMap((c) => (Array.isArray(c.body.rules) ? c.body.rules : []));
    const inline = resource.body.serverSideEncryptionConfiguration?.rule;
    if (inline !== undefined) rules.push(inline);
    if (rules.length === 0) {
      const unnamed = bucketReferences(resource).size === 0 ? ` (${unnamedBucketNote(resource)})` : '';
      report({ path: 'serverSideEncryptionConfiguration', message: `bucket '${resource.name}' has no default encryption configuration (no BucketServerSideEncryptionConfiguration names it)${unnamed}` });
      return;
    }
    const accessLog = bucketDataClass(resource) === 'access-log';
    for (const rule of rules) {
      const byDefault = rule?.applyServerSideEncryptionByDefault;
      const algorithm = byDefault?.sseAlgorithm;
      if (accessLog && algorithm === 'AES256') continue;
      if (algorithm !== 'aws:kms') {
        report({ path: 'serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.sseAlgorithm', message: `bucket '${resource.name}' encrypts by default with ${JSON.stringify(algorithm)}, not aws:kms under a customer-managed key` });
        continue;
      }
      const key = parseKmsKey(byDefault.kmsMasterKeyId);
      if (byDefault.kmsMasterKeyId === undefined || key.problem !== undefined || key.key.awsManaged) {
        report({
          path: 'serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId',
          message: byDefault.kmsMasterKeyId === undefined
            ? `bucket '${resource.name}' uses aws:kms without kmsMasterKeyId, i.e. the AWS-managed aws/s3 key, not a customer-managed key`
            : `bucket '${resource.name}' names kmsMasterKeyId ${JSON.stringify(byDefault.kmsMasterKeyId)}, ${key.problem ?? 'an AWS-managed key'}: give the ARN of a customer-managed key`,
        });
      }
      if (rule.bucketKeyEnabled !== true) {
        report({ path: 'serverSideEncryptionConfiguration.rule.bucketKeyEnabled', message: `bucket '${resource.name}' does not enable the S3 bucket key (bucketKeyEnabled: true) for SSE-KMS` });
      }
    }
  },
};
