import type { PulumiResourceDescription } from '../../../../lib/check/pulumi-resource';
import { secretRotation } from '../../../../lib/rules/aws/secrets/secret-rotation';
import { runAwsRule } from '../../../helpers/aws-pack-test';
import { TEST_SOON } from '../../../helpers/rule-test';

const secret: PulumiResourceDescription = { type: 'aws:secretsmanager/secret:Secret', name: 'clinic-db', inputs: { name: 'clinic/db' } };
const rotation = (inputs: Record<string, unknown>): PulumiResourceDescription => ({ type: 'aws:secretsmanager/secretRotation:SecretRotation', name: 'clinic-db', inputs });
const result = (...resources: PulumiResourceDescription[]) =>
  runAwsRule(secretRotation, resources);
const found = (...resources: PulumiResourceDescription[]) => result(...resources).unwaived.map((f) => `${f.severity} ${f.resource.name}: ${f.message}`);

describe('aws-secret-rotation', () => {
  test('warns about a secret without a rotation, or whose rotation is turned off', () => {
    expect(found(secret)).toEqual(["warning clinic-db: secret 'clinic-db' has no SecretRotation: its value never changes unless someone changes it by hand"]);
    expect(found(secret, rotation({ secretId: 'clinic/db', rotationEnabled: false }))).toHaveLength(1);
    expect(found(secret, rotation({ secretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:clinic/other-AbCdEf' }))).toHaveLength(1);
  });

  test('passes a secret rotated by name or by ARN, and a waived one', () => {
    expect(found(secret, rotation({ secretId: 'clinic/db', rotationLambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:rotate' }))).toEqual([]);
    expect(found(secret, rotation({ secretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:clinic/db-AbCdEf' }))).toEqual([]);
    const waived = { ...secret, inputs: { ...secret.inputs, tags: { 'hipaa-constructs.io/waiver/aws-secret-rotation': `expires=${TEST_SOON} reason=Vendor API key cannot be rotated by us` } } };
    expect(found(waived)).toEqual([]);
    expect(result(waived).waived.map((f) => f.ruleId)).toEqual(['aws-secret-rotation']);
  });
});
