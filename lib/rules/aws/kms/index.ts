import type { RulePack } from '../../../check/rule';

/** KMS keys: rotation, deletion window, key policies that separate administrators from users. */
export const kmsPack: RulePack = {
  name: 'aws-kms',
  description: 'KMS keys: rotation, deletion window, key policies that separate administrators from users.',
  rules: [],
};
