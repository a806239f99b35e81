import { s3AccessLogging } from './s3-access-logging';
import { s3Encryption } from './s3-encryption';
import { s3ForceDestroy } from './s3-force-destroy';
import { s3ObjectLock } from './s3-object-lock';
import { s3PublicAccessBlock } from './s3-public-access-block';
import { s3TlsOnly } from './s3-tls-only';
import { s3Versioning } from './s3-versioning';
import type { RulePack } from '../../../check/rule';

/** S3 buckets: Object Lock, versioning, SSE-KMS, public access blocks, TLS-only policies, access logging. */
export const s3Pack: RulePack = {
  name: 'aws-s3',
  description: 'S3 buckets: Object Lock, versioning, SSE-KMS, public access blocks, TLS-only policies, access logging.',
  rules: [s3ObjectLock, s3Encryption, s3Versioning, s3PublicAccessBlock, s3TlsOnly, s3AccessLogging, s3ForceDestroy],
};
