import { compliantKey } from './fixtures';
import { kmsKeyRotation } from '../../../../lib/rules/aws/kms/kms-key-rotation';
import { awsViolations, runAwsRule } from '../../../helpers/aws-pack-test';

describe('aws-kms-key-rotation', () => {
  test('flags a key without rotation, with rotation off, and with a period AWS refuses (findings sorted by key name)', () => {
    const result = runAwsRule(kmsKeyRotation, [
      compliantKey('unset', { enableKeyRotation: undefined }),
      compliantKey('off', { enableKeyRotation: false }),
      compliantKey('short', { rotationPeriodInDays: 30 }),
      compliantKey('long', { rotationPeriodInDays: 3000 }),
    ]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "rotationPeriodInDays: KMS key 'long' has rotationPeriodInDays 3000; AWS KMS accepts a whole number of days from 90 to 2560",
      "enableKeyRotation: KMS key 'off' sets enableKeyRotation: false: its key material never rotates",
      "rotationPeriodInDays: KMS key 'short' has rotationPeriodInDays 30; AWS KMS accepts a whole number of days from 90 to 2560",
      "enableKeyRotation: KMS key 'unset' does not set enableKeyRotation: its key material never rotates",
    ]);
    expect(result.unwaived[3].fix).toBe(kmsKeyRotation.fix);
  });

  test('passes rotating keys (any valid period or none) and keys that cannot rotate', () => {
    expect(awsViolations(kmsKeyRotation, [
      compliantKey(),
      compliantKey('default-period', { rotationPeriodInDays: undefined }),
      compliantKey('fast', { rotationPeriodInDays: 90 }),
      compliantKey('signing', { enableKeyRotation: false, customerMasterKeySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' }),
      compliantKey('hsm', { enableKeyRotation: false, customKeyStoreId: 'cks-1234567890abcdef0' }),
    ])).toEqual([]);
  });
});
