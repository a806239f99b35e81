import type { RulePack } from '../../../check/rule';

/** CloudWatch log groups: customer-managed key and six-year retention. */
export const logsPack: RulePack = {
  name: 'aws-logs',
  description: 'CloudWatch log groups: customer-managed key and six-year retention.',
  rules: [],
};
