import type { Rule } from '../../../check/rule';
import { BUCKET_KINDS } from '../support/s3-bucket';

/** A bucket's objects are never deleted with it. */
export const s3ForceDestroy: Rule = {
  id: 'aws-s3-force-destroy',
  title: 'S3 buckets must not set forceDestroy',
  description:
    'forceDestroy makes Pulumi delete every object (and version) of the bucket when the bucket is deleted or replaced: ' +
    'one mistaken `pulumi destroy` or a replacing change erases the PHI or evidence in it. Every bucket is judged.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(A)', '164.312(c)(1)'],
  kinds: BUCKET_KINDS,
  fix: 'Remove forceDestroy (it defaults to false); empty a bucket deliberately, outside the stack, when it must go.',
  check(resource, _ctx, report) {
    if (resource.body.forceDestroy === true) report({ path: 'forceDestroy', message: `bucket '${resource.name}' sets forceDestroy: true, so deleting it deletes every object in it` });
  },
};
