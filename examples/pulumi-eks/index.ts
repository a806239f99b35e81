// `pulumi up` in this folder runs this file (Pulumi.yaml). Before the first run:
//   pulumi stack init dev
//   pulumi config set aws:region us-east-1
//   pulumi config set --path 'privateSubnetIds[0]' subnet-0123456789abcdef0
//   pulumi config set --path 'privateSubnetIds[1]' subnet-0fedcba9876543210
//   pulumi config set adminRoleArn arn:aws:iam::<account>:role/platform-admin
//   pulumi config set auditorRoleArn arn:aws:iam::<account>:role/compliance-auditor
//   pulumi config set deployerRoleArn arn:aws:iam::<account>:role/platform-admin   # optional
// and, in a new account, once: aws iam create-service-linked-role --aws-service-name autoscaling.amazonaws.com
import { getCallerIdentity } from '@pulumi/aws/getCallerIdentity';
import * as pulumi from '@pulumi/pulumi';
import { clinicStack } from './stack';

export = async () => {
  const config = new pulumi.Config();
  const { accountId } = await getCallerIdentity({});
  const stack = clinicStack({
    account: accountId,
    region: new pulumi.Config('aws').require('region'),
    privateSubnetIds: config.requireObject<string[]>('privateSubnetIds'),
    adminRoleArn: config.require('adminRoleArn'),
    auditorRoleArn: config.require('auditorRoleArn'),
    deployerRoleArn: config.get('deployerRoleArn'),
  });
  return {
    keyArn: stack.key.arn,
    clusterName: stack.cluster.clusterName,
    kubeconfig: stack.cluster.kubeconfig,
    auditBucket: stack.audit.bucket.bucketName,
    trailArn: stack.audit.trailArn,
    secretsRoleArn: stack.secrets.roleArn,
    veleroBucket: stack.veleroBucket.bucketName,
  };
};
