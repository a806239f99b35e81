import type { Rule } from '../../../check/rule';

/** Key specs whose keys AWS KMS rotates automatically (symmetric encryption keys only). */
const ROTATABLE_SPEC = 'SYMMETRIC_DEFAULT';

/** Customer-managed symmetric keys rotate their key material automatically. */
export const kmsKeyRotation: Rule = {
  id: 'aws-kms-key-rotation',
  title: 'Customer-managed KMS keys must rotate their key material automatically',
  description:
    'A key that never rotates protects every object it ever encrypted with the same key material, so one exposure of ' +
    'that material exposes all of it. With enableKeyRotation, AWS KMS creates new key material on a schedule ' +
    '(rotationPeriodInDays, 90 to 2560 days, 365 by default) and keeps the old material to decrypt older data. ' +
    'Symmetric encryption keys in the AWS KMS key store support it; asymmetric, HMAC, imported and custom-key-store keys ' +
    'do not and are not judged here.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)'],
  kinds: ['aws:kms/key:Key'],
  fix: 'Set enableKeyRotation: true on the key (HipaaKmsKey does), with rotationPeriodInDays between 90 and 2560 if the default 365 does not suit.',
  check(resource, _ctx, report) {
    const body = resource.body;
    const spec: unknown = body.customerMasterKeySpec;
    if (spec !== undefined && spec !== null && spec !== ROTATABLE_SPEC) return;
    if (body.customKeyStoreId || body.xksKeyId) return;
    if (body.enableKeyRotation !== true) {
      report({
        path: 'enableKeyRotation',
        message: `KMS key '${resource.name}' ${body.enableKeyRotation === false ? 'sets enableKeyRotation: false' : 'does not set enableKeyRotation'}: its key material never rotates`,
      });
      return;
    }
    const period: unknown = body.rotationPeriodInDays;
    if (period !== undefined && period !== null && !(typeof period === 'number' && Number.isInteger(period) && period >= 90 && period <= 2560)) {
      report({ path: 'rotationPeriodInDays', message: `KMS key '${resource.name}' has rotationPeriodInDays ${JSON.stringify(period)}; AWS KMS accepts a whole number of days from 90 to 2560` });
    }
  },
};
