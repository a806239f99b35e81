import type { Rule } from '../../../check/rule';
import { BUCKET_KINDS, partsOf, S3_PARTS } from '../support/s3-bucket';

/** Buckets keep every version of every object. */
export const s3Versioning: Rule = {
  id: 'aws-s3-versioning',
  title: 'S3 buckets must have versioning enabled',
  description:
    'Without versioning an overwrite or delete destroys the object; with it, the previous versions stay and can be ' +
    'restored, and Object Lock (which needs versioning) can protect them. Every bucket, tagged or not, is judged.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.308(a)(7)(ii)(A)'],
  kinds: BUCKET_KINDS,
  fix: 'Use HipaaWormBucket, or add a BucketVersioning with versioningConfiguration: { status: "Enabled" } for the bucket.',
  check(resource, ctx, report) {
    const statuses = partsOf(ctx, S3_PARTS.versioning, resource).map((v) => v.body.versioningConfiguration?.status);
    if (statuses.includes('Enabled') || resource.body.versioning?.enabled === true) return;
    report({
      path: 'versioning',
      message: statuses.length === 0
        ? `bucket '${resource.name}' has no BucketVersioning with status Enabled`
        : `bucket '${resource.name}' has versioning status ${statuses.map((s) => JSON.stringify(s)).join(', ')}, not Enabled`,
    });
  },
};
