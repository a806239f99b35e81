import { ACCOUNT_ROOT, ADMIN, compliantKey, KEY_USER_ACTIONS, separatedPolicy, statement, USER } from './fixtures';
import { kmsKeyPolicySeparation } from '../../../../lib/rules/aws/kms/kms-key-policy-separation';
import { awsViolations, res, runAwsRule } from '../../../helpers/aws-pack-test';

const policy = (...statements: Array<Record<string, unknown>>) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('aws-kms-key-policy-separation', () => {
  test('flags a key without a policy (the AWS default gives the account kms:*), with the fix', () => {
    const result = runAwsRule(kmsKeyPolicySeparation, [compliantKey('phi', { policy: undefined })]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "policy: KMS key 'phi' sets no key policy: AWS applies its default policy, which gives the account root kms:* and lets any IAM policy in the account both administer and use the key",
    ]);
    expect(result.unwaived[0].fix).toBe(kmsKeyPolicySeparation.fix);
  });

  test('flags kms:* to the account root, as in the AWS default policy', () => {
    expect(awsViolations(kmsKeyPolicySeparation, [compliantKey('phi', { policy: policy(statement({ AWS: ACCOUNT_ROOT }, 'kms:*', { Sid: 'Enable IAM User Permissions' })) })])).toEqual([
      `policy: KMS key 'phi' lets principal AWS ${ACCOUNT_ROOT} both administer it (kms:CancelKeyDeletion, kms:CreateAlias, kms:DeleteAlias, ...) ` +
        'and use it (kms:CreateGrant, kms:Decrypt, kms:DeriveSharedSecret, ...) through Statement[0] (Enable IAM User Permissions)',
    ]);
  });

  test('flags a principal that gets both duties across statements, through *, NotAction, or Create* (which covers CreateGrant)', () => {
    expect(awsViolations(kmsKeyPolicySeparation, [
      compliantKey('a-across', { policy: separatedPolicy([statement({ AWS: USER }, ['kms:PutKeyPolicy'])]) }),
      compliantKey('b-star', { policy: policy(statement({ AWS: [ADMIN] }, '*')) }),
      compliantKey('c-not-action', { policy: policy({ Effect: 'Allow', Principal: { AWS: ADMIN }, NotAction: 'kms:Sign', Resource: '*' }) }),
      compliantKey('d-create', { policy: policy(statement({ AWS: ADMIN }, ['kms:Create*', 'kms:Disable*'])) }),
      compliantKey('e-anyone', { policy: policy(statement('*', ['kms:Decrypt', 'kms:ScheduleKeyDeletion'], { Condition: { StringEquals: { 'kms:CallerAccount': '123456789012' } } })) }),
    ])).toEqual([
      `policy: KMS key 'a-across' lets principal AWS ${USER} both administer it (kms:PutKeyPolicy) and use it (kms:CreateGrant, kms:Decrypt, kms:Encrypt, ...) ` +
        'through Statement[2] (KeyUsers), Statement[3] (Grants), Statement[4]',
      `policy: KMS key 'b-star' lets principal AWS ${ADMIN} both administer it (kms:CancelKeyDeletion, kms:CreateAlias, kms:DeleteAlias, ...) and use it (kms:CreateGrant, kms:Decrypt, kms:DeriveSharedSecret, ...) through Statement[0]`,
      `policy: KMS key 'c-not-action' lets principal AWS ${ADMIN} both administer it (kms:CancelKeyDeletion, kms:CreateAlias, kms:DeleteAlias, ...) and use it (kms:CreateGrant, kms:Decrypt, kms:DeriveSharedSecret, ...) through Statement[0]`,
      `policy: KMS key 'd-create' lets principal AWS ${ADMIN} both administer it (kms:CreateAlias, kms:DisableKey, kms:DisableKeyRotation) and use it (kms:CreateGrant) through Statement[0]`,
      "policy: KMS key 'e-anyone' lets any principal (*) both administer it (kms:ScheduleKeyDeletion) and use it (kms:Decrypt) through Statement[0]",
    ]);
  });

  test('judges replica keys and separate key policy resources too; a key without a policy still fails beside one', () => {
    expect(awsViolations(kmsKeyPolicySeparation, [
      compliantKey('phi', { policy: undefined }),
      res('aws:kms/keyPolicy:KeyPolicy', 'phi', { keyId: 'phi-id', policy: policy(statement({ AWS: ADMIN }, 'kms:*')) }),
      res('aws:kms/replicaKey:ReplicaKey', 'phi-west', { primaryKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab', policy: policy(statement({ AWS: USER }, ['kms:Decrypt', 'kms:DisableKey'])) }),
      res('aws:kms/replicaKey:ReplicaKey', 'phi-east', { primaryKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab', policy: separatedPolicy() }),
    ])).toEqual([
      "policy: KMS key 'phi' sets no key policy: AWS applies its default policy, which gives the account root kms:* and lets any IAM policy in the account both administer and use the key " +
        '(if an aws:kms/keyPolicy:KeyPolicy sets it, this check cannot tie that resource to the key: give the policy on the key)',
      `policy: KMS key policy 'phi' lets principal AWS ${ADMIN} both administer it (kms:CancelKeyDeletion, kms:CreateAlias, kms:DeleteAlias, ...) and use it (kms:CreateGrant, kms:Decrypt, kms:DeriveSharedSecret, ...) through Statement[0]`,
      `policy: KMS replica key 'phi-west' lets principal AWS ${USER} both administer it (kms:DisableKey) and use it (kms:Decrypt) through Statement[0]`,
    ]);
  });

  test('flags a policy that is not valid JSON or not a policy', () => {
    expect(awsViolations(kmsKeyPolicySeparation, [compliantKey('json', { policy: '{"Statement": [' }), compliantKey('shape', { policy: '{"Version": "2012-10-17"}' })])).toEqual([
      expect.stringMatching(/^policy: KMS key 'json' has a key policy that is not valid JSON: /),
      "policy: KMS key 'shape' has a key policy that has no Statement",
    ]);
  });

  test('passes separated duties, read-only actions on both sides, service principals that only use it, and Deny statements', () => {
    expect(awsViolations(kmsKeyPolicySeparation, [
      compliantKey(),
      compliantKey('logs', {
        policy: separatedPolicy([
          statement({ Service: 'logs.us-east-1.amazonaws.com' }, ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            { Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/eks/*' } } }),
          { Effect: 'Deny', Principal: { AWS: USER }, Action: 'kms:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ]),
      }),
      compliantKey('object', { policy: JSON.parse(separatedPolicy()) }),
    ])).toEqual([]);
  });

  describe('usage granted to the account, limited by aws:PrincipalArn (key users created after the key)', () => {
    const LATER = 'arn:aws:iam::123456789012:role/prod-cluster';
    const byArn = (op: string, arns: string | string[], extra: Record<string, unknown> = {}) => ({ Condition: { [op]: { 'aws:PrincipalArn': arns }, ...extra } });

    test('passes: exact role ARNs none of which administers (ArnEquals, ArnLike, StringEquals), with grants and kms:ViaService', () => {
      expect(awsViolations(kmsKeyPolicySeparation, [
        compliantKey('arn-equals', {
          policy: separatedPolicy([
            statement({ AWS: ACCOUNT_ROOT }, KEY_USER_ACTIONS, { Sid: 'KeyUserRoles', ...byArn('ArnEquals', [LATER, 'arn:aws:iam::123456789012:role/platform/prod-ebs-csi']) }),
            statement({ AWS: ACCOUNT_ROOT }, ['kms:CreateGrant', 'kms:ListGrants'],
              byArn('ArnEquals', [LATER], { Bool: { 'kms:GrantIsForAWSResource': 'true' }, StringEquals: { 'kms:ViaService': 'eks.us-east-1.amazonaws.com' } })),
          ]),
        }),
        compliantKey('arn-like', { policy: separatedPolicy([statement({ AWS: '123456789012' }, 'kms:Decrypt', byArn('ArnLike', LATER))]) }),
        compliantKey('string-equals', { policy: separatedPolicy([statement({ AWS: [ACCOUNT_ROOT] }, 'kms:Decrypt', byArn('StringEquals', LATER))]) }),
      ])).toEqual([]);
    });

    test('flags: no such condition, a wildcard in it, an administrator among the ARNs, an operator that does not narrow', () => {
      expect(awsViolations(kmsKeyPolicySeparation, [
        compliantKey('a-no-condition', { policy: separatedPolicy([statement({ AWS: ACCOUNT_ROOT }, KEY_USER_ACTIONS, { Sid: 'RootUses' })]) }),
        compliantKey('b-wildcard', { policy: separatedPolicy([statement({ AWS: ACCOUNT_ROOT }, 'kms:Decrypt', byArn('ArnLike', [LATER, 'arn:aws:iam::123456789012:role/prod-*']))]) }),
        compliantKey('c-admin', { policy: separatedPolicy([statement({ AWS: ACCOUNT_ROOT }, 'kms:Decrypt', byArn('ArnEquals', [LATER, ADMIN]))]) }),
        compliantKey('d-for-any-value', { policy: separatedPolicy([statement({ AWS: ACCOUNT_ROOT }, 'kms:Decrypt', byArn('ForAnyValue:ArnEquals', LATER))]) }),
        compliantKey('e-other-key', { policy: separatedPolicy([statement({ AWS: ACCOUNT_ROOT }, 'kms:Decrypt', { Condition: { ArnEquals: { 'aws:SourceArn': LATER } } })]) }),
      ])).toEqual([
        `policy: KMS key 'a-no-condition' lets principal AWS ${ACCOUNT_ROOT} both administer it (kms:CancelKeyDeletion, kms:CreateAlias, kms:DeleteAlias, ...) ` +
          'and use it (kms:Decrypt, kms:Encrypt, kms:GenerateDataKey, ...) through Statement[0] (AccountRootAdministers), Statement[4] (RootUses)',
        `policy: KMS key 'b-wildcard' lets principal AWS ${ACCOUNT_ROOT} both administer it (kms:CancelKeyDeletion, kms:CreateAlias, kms:DeleteAlias, ...) ` +
          'and use it (kms:Decrypt) through Statement[0] (AccountRootAdministers), Statement[4] (aws:PrincipalArn arn:aws:iam::123456789012:role/prod-* is a pattern, not named principals)',
        `policy: KMS key 'c-admin' lets principal AWS ${ADMIN} both administer it (kms:CancelKeyDeletion, kms:CreateAlias, kms:DeleteAlias, ...) ` +
          'and use it (kms:Decrypt) through Statement[1] (KeyAdministrators), Statement[4]',
        `policy: KMS key 'd-for-any-value' lets principal AWS ${ACCOUNT_ROOT} both administer it (kms:CancelKeyDeletion, kms:CreateAlias, kms:DeleteAlias, ...) ` +
          'and use it (kms:Decrypt) through Statement[0] (AccountRootAdministers), Statement[4]',
        `policy: KMS key 'e-other-key' lets principal AWS ${ACCOUNT_ROOT} both administer it (kms:CancelKeyDeletion, kms:CreateAlias, kms:DeleteAlias, ...) ` +
          'and use it (kms:Decrypt) through Statement[0] (AccountRootAdministers), Statement[4]',
      ]);
    });
  });
});
