import type { Rule } from '../../../check/rule';
import { BUCKET_KINDS, partsOf, S3_PARTS } from '../support/s3-bucket';

const SETTINGS = ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets'] as const;

/** Buckets block every form of public access. */
export const s3PublicAccessBlock: Rule = {
  id: 'aws-s3-public-access-block',
  title: 'S3 buckets must block public access (all four settings true)',
  description:
    'The bucket-level public access block refuses public ACLs and public bucket policies and ignores any that exist, ' +
    'so a mistaken grant cannot publish PHI or evidence. All four settings are needed; every bucket is judged.',
  severity: 'error',
  controls: ['164.312(a)(1)'],
  kinds: BUCKET_KINDS,
  fix: `Use HipaaWormBucket, or add a BucketPublicAccessBlock for the bucket with ${SETTINGS.join(', ')} all true.`,
  check(resource, ctx, report) {
    const blocks = partsOf(ctx, S3_PARTS.publicAccessBlock, resource);
    if (blocks.length === 0) {
      report({ path: 'publicAccessBlock', message: `bucket '${resource.name}' has no BucketPublicAccessBlock` });
      return;
    }
    const off = SETTINGS.filter((s) => !blocks.some((b) => b.body[s] === true));
    if (off.length > 0) report({ path: 'publicAccessBlock', message: `bucket '${resource.name}' has a public access block without ${off.join(', ')} set to true` });
  },
};
