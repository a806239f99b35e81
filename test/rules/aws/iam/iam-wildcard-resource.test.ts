import { allow, compliantIam, doc, SECRET } from './fixtures';
import { iamWildcardResource, isWildcardResource } from '../../../../lib/rules/aws/iam/iam-wildcard-resource';
import { awsViolations, res, runAwsRule } from '../../../helpers/aws-pack-test';

describe('aws-iam-wildcard-resource', () => {
  // Findings come sorted by type token, then name.
  test('flags sensitive actions on *, on account-wide ARNs and with NotResource, with the fix', () => {
    const result = runAwsRule(iamWildcardResource, [
      res('aws:iam/rolePolicy:RolePolicy', 'a-kms', { policy: doc(allow(['kms:Decrypt', 'kms:DescribeKey'], '*', { Sid: 'Decrypt' })) }),
      res('aws:iam/policy:Policy', 'b-secrets', { policy: doc(allow('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:*')) }),
      res('aws:iam/userPolicy:UserPolicy', 'c-s3', { policy: doc(allow('s3:*', ['arn:aws:s3:::*/*'])) }),
      res('aws:iam/role:Role', 'd-role', { assumeRolePolicy: '{}', inlinePolicies: [{ name: 'logs', policy: doc({ Effect: 'Allow', Action: 'logs:Delete*', NotResource: 'arn:aws:logs:us-east-1:123456789012:log-group:keep' }) }] }),
    ]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "policy: Policy 'b-secrets' policy Statement[0] allows secretsmanager:GetSecretValue on 'arn:aws:secretsmanager:us-east-1:123456789012:secret:*'",
      "inlinePolicies[0].policy: Role 'd-role' inlinePolicies[0].policy Statement[0] allows logs:DeleteLogGroup, logs:DeleteLogStream, logs:DeleteRetentionPolicy on 'NotResource arn:aws:logs:us-east-1:123456789012:log-group:keep'",
      "policy: RolePolicy 'a-kms' policy Statement[0] (Decrypt) allows kms:Decrypt on '*'",
      "policy: UserPolicy 'c-s3' policy Statement[0] allows s3:GetObject, s3:GetObjectVersion, s3:PutObject and 8 more on 'arn:aws:s3:::*/*'",
    ]);
    expect(result.unwaived[0].fix).toBe(iamWildcardResource.fix);
  });

  test('passes sensitive actions on named resources and harmless actions on *', () => {
    expect(awsViolations(iamWildcardResource, [
      ...compliantIam(),
      res('aws:iam/policy:Policy', 'describe', { policy: doc(allow(['ec2:DescribeVolumes', 'ec2:CreateSnapshot', 'kms:ListAliases'], '*'), allow('s3:GetObject', 'arn:aws:s3:::velero-backups/*')) }),
      res('aws:iam/rolePolicy:RolePolicy', 'deny', { policy: doc({ Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' }, allow('kms:Decrypt', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab')) }),
      res('aws:iam/rolePolicy:RolePolicy', 'secret', { policy: doc(allow('secretsmanager:GetSecretValue', SECRET)) }),
    ])).toEqual([]);
  });

  test('wildcard resources: *, and ARNs whose resource part is only a wildcard', () => {
    expect(['*', 'arn:aws:s3:::*', 'arn:aws:s3:::*/*', 'arn:aws:kms:us-east-1:123456789012:key/*', 'arn:aws:kms:*:*:*'].map(isWildcardResource)).toEqual([true, true, true, true, true]);
    expect(['arn:aws:s3:::bucket/*', SECRET, 'arn:aws:secretsmanager:us-east-1:123456789012:secret:clinic/*'].map(isWildcardResource)).toEqual([false, false, false]);
  });
});
