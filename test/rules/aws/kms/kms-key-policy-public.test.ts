import { compliantKey, separatedPolicy, statement } from './fixtures';
import { kmsKeyPolicyPublic } from '../../../../lib/rules/aws/kms/kms-key-policy-public';
import { awsViolations } from '../../../helpers/aws-pack-test';

describe('aws-kms-key-policy-public', () => {
  test('flags Principal * and {"AWS": "*"} without a condition', () => {
    expect(awsViolations(kmsKeyPolicyPublic, [
      compliantKey('a', { policy: separatedPolicy([statement('*', 'kms:Decrypt', { Sid: 'Everyone' })]) }),
      compliantKey('b', { policy: separatedPolicy([statement({ AWS: ['*'] }, ['kms:Encrypt', 'kms:DescribeKey'])]) }),
    ])).toEqual([
      "policy: KMS key 'a' policy Statement[4] (Everyone) allows kms:Decrypt to any principal (*) without a Condition",
      "policy: KMS key 'b' policy Statement[4] allows kms:Encrypt, kms:DescribeKey to any principal (*) without a Condition",
    ]);
  });

  test('passes named principals, * with a condition, Deny statements, and leaves a missing policy to the separation rule', () => {
    expect(awsViolations(kmsKeyPolicyPublic, [
      compliantKey(),
      compliantKey('via', { policy: separatedPolicy([statement({ AWS: '*' }, 'kms:Decrypt', { Condition: { StringEquals: { 'kms:CallerAccount': '123456789012', 'kms:ViaService': 'ebs.us-east-1.amazonaws.com' } } })]) }),
      compliantKey('deny', { policy: separatedPolicy([{ Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' }]) }),
      compliantKey('none', { policy: undefined }),
    ])).toEqual([]);
  });

  test('flags * limited only by aws:PrincipalArn patterns open to any account; passes exact ARNs or an account in the pattern', () => {
    const only = (arns: string[]) => ({ Condition: { ArnLike: { 'aws:PrincipalArn': arns } } });
    expect(awsViolations(kmsKeyPolicyPublic, [
      compliantKey('any-account', { policy: separatedPolicy([statement('*', 'kms:Decrypt', only(['arn:aws:iam::*:role/prod-cluster']))]) }),
      compliantKey('star', { policy: separatedPolicy([statement({ AWS: '*' }, 'kms:Decrypt', only(['*']))]) }),
      compliantKey('exact', { policy: separatedPolicy([statement('*', 'kms:Decrypt', only(['arn:aws:iam::123456789012:role/prod-cluster']))]) }),
      compliantKey('own-account', { policy: separatedPolicy([statement('*', 'kms:Decrypt', only(['arn:aws:iam::123456789012:role/prod-*']))]) }),
      compliantKey('with-account-key', {
        policy: separatedPolicy([statement('*', 'kms:Decrypt', {
          Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' }, StringEquals: { 'kms:CallerAccount': '123456789012' } },
        })]),
      }),
    ])).toEqual([
      "policy: KMS key 'any-account' policy Statement[4] allows kms:Decrypt to any principal (*) limited only by aws:PrincipalArn arn:aws:iam::*:role/prod-cluster, which matches principals of any account",
      "policy: KMS key 'star' policy Statement[4] allows kms:Decrypt to any principal (*) limited only by aws:PrincipalArn *, which matches principals of any account",
    ]);
  });
});
