import { cloudtrailKms } from './cloudtrail-kms';
import { cloudtrailLogValidation } from './cloudtrail-log-validation';
import { cloudtrailLogging } from './cloudtrail-logging';
import { cloudtrailMultiRegion } from './cloudtrail-multi-region';
import type { RulePack } from '../../../check/rule';

/** CloudTrail: log file validation, KMS encryption, multi-region trails. */
export const cloudtrailPack: RulePack = {
  name: 'aws-cloudtrail',
  description: 'CloudTrail: log file validation, KMS encryption, multi-region trails.',
  rules: [cloudtrailLogValidation, cloudtrailKms, cloudtrailMultiRegion, cloudtrailLogging],
};
