import type { RulePack } from '../../../check/rule';

/** Secrets Manager: customer-managed keys and rotation. */
export const secretsPack: RulePack = {
  name: 'aws-secrets',
  description: 'Secrets Manager: customer-managed keys and rotation.',
  rules: [],
};
