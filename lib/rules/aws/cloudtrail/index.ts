import type { RulePack } from '../../../check/rule';

/** CloudTrail: log file validation, KMS encryption, multi-region trails. */
export const cloudtrailPack: RulePack = {
  name: 'aws-cloudtrail',
  description: 'CloudTrail: log file validation, KMS encryption, multi-region trails.',
  rules: [],
};
