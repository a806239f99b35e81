/**
 * S3 buckets as the AWS rules read them. In @pulumi/aws 7 a bucket's settings live in separate
 * resources (BucketVersioning, BucketServerSideEncryptionConfiguration, ...) whose `bucket` input
 * names the bucket; the deprecated inline inputs of the Bucket resource are read too. A bucket's
 * data class comes from the tag HipaaWormBucket writes. Not a rule itself.
 */
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';

/** Type tokens of S3 buckets: the aws 7 Bucket and the legacy BucketV2. */
export const BUCKET_KINDS = ['aws:s3/bucket:Bucket', 'aws:s3/bucketV2:BucketV2'];

/** Tag key that says what a bucket holds; the S3 rules read it. */
export const DATA_CLASS_TAG = 'hipaa-constructs.io/data-class';

/**
 * What a bucket holds: `audit` (audit trails and other evidence kept six years, write-once),
 * `backup` (immutable backups), `access-log` (S3 server access logs of other buckets), `phi`
 * (application data). A bucket without the tag counts as `phi` (fail closed).
 */
export type BucketDataClass = 'audit' | 'backup' | 'access-log' | 'phi';

/** The data classes, as written in the tag. */
export const BUCKET_DATA_CLASSES: readonly BucketDataClass[] = ['audit', 'backup', 'access-log', 'phi'];

/** The bucket's data class from its tag: `phi` when untagged, undefined when the tag holds an unknown value. */
export function bucketDataClass(bucket: Resource): BucketDataClass | undefined {
  const value: unknown = bucket.body.tags?.[DATA_CLASS_TAG];
  if (value === undefined) return 'phi';
  return BUCKET_DATA_CLASSES.includes(value as BucketDataClass) ? (value as BucketDataClass) : undefined;
}

/** The values other resources use to name this bucket: its name (`bucket`), and its id and ARN when known. */
export function bucketReferences(bucket: Resource): Set<string> {
  const out = new Set<string>();
  for (const v of [bucket.body.bucket, bucket.body.id, bucket.body.arn]) if (typeof v === 'string' && v !== '') out.add(v);
  return out;
}

/** The resources of `kind` whose `bucket` input names `bucket`. */
export function partsOf(ctx: RuleContext, kind: string, bucket: Resource): Resource[] {
  const refs = bucketReferences(bucket);
  return ctx.ofKind(kind).filter((r) => typeof r.body.bucket === 'string' && refs.has(r.body.bucket));
}

/** How a bucket with no explicit name is described in messages (its settings cannot be matched to it). */
export function unnamedBucketNote(bucket: Resource): string {
  return `bucket '${bucket.name}' has no explicit name (input bucket), so the resources that configure it cannot be matched to it; give it a name`;
}

/** Type tokens of the per-feature S3 resources of @pulumi/aws 7. */
export const S3_PARTS = {
  versioning: 'aws:s3/bucketVersioning:BucketVersioning',
  encryption: 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
  objectLock: 'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration',
  publicAccessBlock: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
  policy: 'aws:s3/bucketPolicy:BucketPolicy',
  logging: 'aws:s3/bucketLogging:BucketLogging',
  lifecycle: 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration',
  ownership: 'aws:s3/bucketOwnershipControls:BucketOwnershipControls',
} as const;
