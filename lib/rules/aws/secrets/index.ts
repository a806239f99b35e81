import { secretKmsKey } from './secret-kms-key';
import { secretRecoveryWindow } from './secret-recovery-window';
import { secretRotation } from './secret-rotation';
import type { RulePack } from '../../../check/rule';

/** Secrets Manager: customer-managed keys and rotation. */
export const secretsPack: RulePack = {
  name: 'aws-secrets',
  description: 'Secrets Manager: customer-managed keys and rotation.',
  rules: [secretKmsKey, secretRecoveryWindow, secretRotation],
};
