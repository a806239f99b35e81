import { kmsKeyDeletionWindow } from './kms-key-deletion-window';
import { kmsKeyPolicyPublic } from './kms-key-policy-public';
import { kmsKeyPolicySeparation } from './kms-key-policy-separation';
import { kmsKeyRotation } from './kms-key-rotation';
import type { RulePack } from '../../../check/rule';

/** KMS keys: rotation, deletion window, key policies that separate administrators from users. */
export const kmsPack: RulePack = {
  name: 'aws-kms',
  description: 'KMS keys: rotation, deletion window, key policies that separate administrators from users.',
  rules: [kmsKeyRotation, kmsKeyDeletionWindow, kmsKeyPolicySeparation, kmsKeyPolicyPublic],
};
