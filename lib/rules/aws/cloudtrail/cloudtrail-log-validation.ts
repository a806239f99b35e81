import type { Rule } from '../../../check/rule';

/** Trails sign digests of their log files. */
export const cloudtrailLogValidation: Rule = {
  id: 'aws-cloudtrail-log-validation',
  title: 'CloudTrail trails must have log file validation enabled',
  description:
    'With log file validation CloudTrail writes signed, chained digest files, so anyone can prove that no log file was ' +
    'changed or deleted after delivery (aws cloudtrail validate-logs); without it tampering leaves no trace.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.312(c)(2)', '164.312(b)'],
  kinds: ['aws:cloudtrail/trail:Trail'],
  fix: 'Set enableLogFileValidation: true on the trail (HipaaAuditStore does).',
  check(resource, _ctx, report) {
    if (resource.body.enableLogFileValidation !== true) report({ path: 'enableLogFileValidation', message: `trail '${resource.name}' does not validate its log files (enableLogFileValidation is not true)` });
  },
};
