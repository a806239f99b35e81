import { allow, compliantIam, doc, SECRET } from './fixtures';
import { iamWildcardAction } from '../../../../lib/rules/aws/iam/iam-wildcard-action';
import { awsViolations, res, runAwsRule } from '../../../helpers/aws-pack-test';

describe('aws-iam-wildcard-action', () => {
  // Findings come sorted by type token, then name.
  test('flags *, <service>:* and NotAction in policies, inline policies and role inlinePolicies, with the fix', () => {
    const result = runAwsRule(iamWildcardAction, [
      res('aws:iam/policy:Policy', 'a-admin', { policy: doc(allow('*', '*', { Sid: 'All' })) }),
      res('aws:iam/rolePolicy:RolePolicy', 'b-s3', { policy: doc(allow(['s3:*', 'kms:Decrypt'], '*')) }),
      res('aws:iam/userPolicy:UserPolicy', 'c-not', { policy: doc({ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }) }),
      res('aws:iam/groupPolicy:GroupPolicy', 'd-group', { policy: { Version: '2012-10-17', Statement: allow('secretsmanager:*', SECRET) } }),
      res('aws:iam/role:Role', 'e-role', { assumeRolePolicy: '{}', inlinePolicies: [{ name: 'ok', policy: doc(allow('s3:GetObject', 'arn:aws:s3:::b/*')) }, { name: 'wide', policy: doc(allow('logs:*', '*')) }] }),
    ]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "policy: GroupPolicy 'd-group' policy Statement[0] allows 'secretsmanager:*': every action of the service",
      "policy: Policy 'a-admin' policy Statement[0] (All) allows '*': every action",
      "inlinePolicies[1].policy: Role 'e-role' inlinePolicies[1].policy Statement[0] allows 'logs:*': every action of the service",
      "policy: RolePolicy 'b-s3' policy Statement[0] allows 's3:*': every action of the service",
      "policy: UserPolicy 'c-not' policy Statement[0] allows every action except 'iam:*' (NotAction)",
    ]);
    expect(result.unwaived[0].fix).toBe(iamWildcardAction.fix);
  });

  test('flags full-access AWS-managed policies attached to a role or by an attachment, and unreadable documents', () => {
    expect(awsViolations(iamWildcardAction, [
      res('aws:iam/role:Role', 'a-role', { assumeRolePolicy: '{}', managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonEKSClusterPolicy', 'arn:aws:iam::aws:policy/AdministratorAccess'] }),
      res('aws:iam/rolePolicyAttachment:RolePolicyAttachment', 'b-attach', { role: 'x', policyArn: 'arn:aws-us-gov:iam::aws:policy/AmazonS3FullAccess' }),
      res('aws:iam/policyAttachment:PolicyAttachment', 'c-power', { roles: ['x'], policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }),
      res('aws:iam/policy:Policy', 'd-broken', { policy: 'not json' }),
    ])).toEqual([
      expect.stringMatching(/^policy: Policy 'd-broken' has a policy that is not valid JSON: /),
      "policyArn: PolicyAttachment 'c-power' attaches the AWS-managed policy PowerUserAccess, which allows NotAction (everything but IAM and Organizations)",
      "managedPolicyArns[1]: Role 'a-role' attaches the AWS-managed policy AdministratorAccess, which allows Action \"*\"",
      "policyArn: RolePolicyAttachment 'b-attach' attaches the AWS-managed policy AmazonS3FullAccess, which allows s3:*",
    ]);
  });

  test('passes named actions (prefix wildcards such as s3:Get* included), Deny statements, customer-managed policies', () => {
    expect(awsViolations(iamWildcardAction, [
      ...compliantIam(),
      res('aws:iam/policy:Policy', 'reads', { policy: doc(allow(['s3:Get*', 'ec2:Describe*'], '*'), { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) }),
      res('aws:iam/rolePolicyAttachment:RolePolicyAttachment', 'own', { role: 'x', policyArn: 'arn:aws:iam::123456789012:policy/AdministratorAccess' }),
    ])).toEqual([]);
  });
});
