import { secretKmsKey } from '../../../../lib/rules/aws/secrets/secret-kms-key';
import { awsViolations, res, TEST_KEY_ARN as KEY } from '../../../helpers/aws-pack-test';

const found = (inputs: Record<string, unknown>) =>
  awsViolations(secretKmsKey, [res('aws:secretsmanager/secret:Secret', 'db', inputs)]);

describe('aws-secret-kms-key', () => {
  test('flags a secret under the AWS-managed key', () => {
    expect(found({ name: 'clinic/db' })).toEqual(["kmsKeyId: secret 'db' sets no kmsKeyId: its values are encrypted with the AWS-managed key aws/secretsmanager, not a customer-managed one"]);
    expect(found({ kmsKeyId: 'alias/aws/secretsmanager' })).toEqual(["kmsKeyId: secret 'db' has kmsKeyId 'alias/aws/secretsmanager', an AWS-managed key, not a customer-managed one"]);
    expect(found({ kmsKeyId: 'my key' })).toEqual([expect.stringMatching(/^kmsKeyId: secret 'db' has kmsKeyId that 'my key' is not a KMS key ARN/)]);
  });

  test('passes a customer-managed key (ARN, alias or id)', () => {
    expect(found({ kmsKeyId: KEY })).toEqual([]);
    expect(found({ kmsKeyId: 'alias/clinic-secrets' })).toEqual([]);
  });
});
