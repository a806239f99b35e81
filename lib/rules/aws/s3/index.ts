import type { RulePack } from '../../../check/rule';

/** S3 buckets: Object Lock, versioning, SSE-KMS, public access blocks, TLS-only policies, access logging. */
export const s3Pack: RulePack = {
  name: 'aws-s3',
  description: 'S3 buckets: Object Lock, versioning, SSE-KMS, public access blocks, TLS-only policies, access logging.',
  rules: [],
};
