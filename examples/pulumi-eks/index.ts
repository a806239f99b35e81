// `pulumi up` in this folder runs this file (Pulumi.yaml). Before the first run:
//   pulumi stack init dev
//   pulumi config set aws:region us-east-1
//   pulumi config set --path 'privateSubnetIds[0]' subnet-0123456789abcdef0
//   pulumi config set --path 'privateSubnetIds[1]' subnet-0fedcba9876543210
//   pulumi config set adminRoleArn arn:aws:iam::<account>:role/platform-admin
//   pulumi config set auditorRoleArn arn:aws:iam::<account>:role/compliance-auditor
//   pulumi config set deployerRoleArn arn:aws:iam::<account>:role/platform-admin   # optional
// and, in a new account, once: aws iam create-service-linked-role --aws-service-name autoscaling.amazonaws.com
// Prerequisites:
// - Credentials that may manage IAM, KMS, EKS, S3, CloudTrail, Firehose, Backup and Secrets Manager. The
//   cluster has access entries only: the Kubernetes side is deployed as deployerRoleArn (assumed by the
//   kubeconfig), or with the ambient credentials, which must then be adminRoleArn itself.
// - Network access to the VPC: the API endpoint is private, so the charts are deployed from a host that
//   reaches it (VPN, bastion, CI runner in the VPC); from elsewhere the Kubernetes resources time out.
// - Private subnets with a NAT gateway or VPC endpoints (ECR api/dkr, S3, STS, EC2, CloudWatch Logs), so
//   nodes can join and pull images; tag them kubernetes.io/role/internal-elb=1 for internal load balancers.
// - The role names in stack.ts (clinic-cluster, clinic-node, clinic-records-secrets, ...) are fixed and IAM
//   names are unique per account: a second copy of the stack in one account needs other names.
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
    deployerRoleArn: config.get('deployerRoleArn') || undefined, // '' (the Pulumi.yaml default) means not set
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
