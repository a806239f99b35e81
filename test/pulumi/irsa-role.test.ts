import * as pulumi from '@pulumi/pulumi';
import { createIrsaRole } from '../../lib/pulumi/irsa-role';
import { awsFindings, one, runProgram } from '../helpers/pulumi';
import { TEST_CLUSTER as cluster } from '../helpers/pulumi-fixtures';

class Parent extends pulumi.ComponentResource {
  constructor(name: string) {
    super('test:index:Parent', name);
  }
}


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

test('roleName fixes the role name (so a key can name the role before it exists); without it the role is auto-named', async () => {
  const resources = await runProgram(() => {
    const statements = [{ actions: ['kms:Decrypt'], resources: ['arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'] }];
    createIrsaRole('named', { cluster, namespace: 'clinic', serviceAccount: 'api', statements, roleName: 'clinic-api' }, new Parent('p'));
    createIrsaRole('auto', { cluster, namespace: 'clinic', serviceAccount: 'web', statements }, new Parent('q'));
  });
  const roles = resources.filter((r) => r.type === 'aws:iam/role:Role');
  expect(roles.map((r) => [r.name, r.inputs.name]).sort()).toEqual([['auto', undefined], ['named', 'clinic-api']]);
});
