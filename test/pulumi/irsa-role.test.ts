import * as pulumi from '@pulumi/pulumi';
import { createIrsaRole } from '../../lib/pulumi/irsa-role';
import { awsFindings, one, runProgram } from '../helpers/pulumi';

class Parent extends pulumi.ComponentResource {
  constructor(name: string) {
    super('test:index:Parent', name);
  }
}

const cluster = {
  oidcProviderArn: pulumi.output('arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC'),
  oidcIssuer: pulumi.output('oidc.eks.us-east-1.amazonaws.com/id/ABC'),
};

test('the trust policy admits exactly one service account, for STS tokens only', async () => {
  const resources = await runProgram(() => {
    createIrsaRole('reader', {
      cluster,
      namespace: 'clinic',
      serviceAccount: 'api',
      statements: [{ actions: ['secretsmanager:GetSecretValue'], resources: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf'] }],
    }, new Parent('p'));
  });
  const trust = JSON.parse(one(resources, 'aws:iam/role:Role').inputs.assumeRolePolicy);
  expect(trust.Statement).toEqual([{
    Effect: 'Allow',
    Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:clinic:api', 'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' } },
  }]);
  expect(JSON.parse(one(resources, 'aws:iam/rolePolicy:RolePolicy').inputs.policy).Statement).toEqual([
    { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf'] },
  ]);
  expect(awsFindings(resources)).toEqual([]);
});
