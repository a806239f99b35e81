import { check } from '../../../../lib/check/engine';
import { fromPulumiResource } from '../../../../lib/check/pulumi-resource';
import { secretKmsKey } from '../../../../lib/rules/aws/secrets/secret-kms-key';
import { TEST_NOW } from '../../../helpers/rule-test';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const found = (inputs: Record<string, unknown>) =>
  check([fromPulumiResource({ type: 'aws:secretsmanager/secret:Secret', name: 'db', inputs })], { name: 't', description: 't', rules: [secretKmsKey] }, { now: TEST_NOW })
    .unwaived.map((f) => `${f.path}: ${f.message}`);

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
