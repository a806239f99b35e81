import type { Rule } from '../../../check/rule';

/** Trails log. */
export const cloudtrailLogging: Rule = {
  id: 'aws-cloudtrail-logging',
  title: 'CloudTrail trails must not have logging turned off',
  description:
    'A trail with enableLogging: false exists but records nothing: the account looks audited and is not.',
  severity: 'error',
  controls: ['164.312(b)'],
  kinds: ['aws:cloudtrail/trail:Trail'],
  fix: 'Remove enableLogging: false (logging is on by default).',
  check(resource, _ctx, report) {
    if (resource.body.enableLogging === false) report({ path: 'enableLogging', message: `trail '${resource.name}' has logging turned off (enableLogging: false)` });
  },
};
