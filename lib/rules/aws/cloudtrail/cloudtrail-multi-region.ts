import type { Rule } from '../../../check/rule';

/** Trails record every region and global services. */
export const cloudtrailMultiRegion: Rule = {
  id: 'aws-cloudtrail-multi-region',
  title: 'CloudTrail trails must be multi-region and include global service events',
  description:
    'A single-region trail misses API calls in every other region (an attacker\'s favourite place to start resources), ' +
    'and without global service events it misses IAM and STS calls: who created which role and key.',
  severity: 'error',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  kinds: ['aws:cloudtrail/trail:Trail'],
  fix: 'Set isMultiRegionTrail: true and includeGlobalServiceEvents: true (its default) on the trail (HipaaAuditStore does).',
  check(resource, _ctx, report) {
    if (resource.body.isMultiRegionTrail !== true) report({ path: 'isMultiRegionTrail', message: `trail '${resource.name}' records one region only (isMultiRegionTrail is not true)` });
    if (resource.body.includeGlobalServiceEvents === false) report({ path: 'includeGlobalServiceEvents', message: `trail '${resource.name}' leaves out global service events (IAM, STS, CloudFront)` });
  },
};
