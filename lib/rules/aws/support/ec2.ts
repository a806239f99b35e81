/** Type tokens of the EC2 / EBS / VPC resources the ec2 rules read (@pulumi/aws 7). Not a rule. */
export const EC2_LAUNCH_TEMPLATE = 'aws:ec2/launchTemplate:LaunchTemplate';
export const EBS_VOLUME = 'aws:ebs/volume:Volume';
export const EBS_ENCRYPTION_BY_DEFAULT = 'aws:ebs/encryptionByDefault:EncryptionByDefault';
export const EBS_DEFAULT_KMS_KEY = 'aws:ebs/defaultKmsKey:DefaultKmsKey';
export const EC2_INSTANCE = 'aws:ec2/instance:Instance';
export const SECURITY_GROUP = 'aws:ec2/securityGroup:SecurityGroup';
export const SECURITY_GROUP_RULE = 'aws:ec2/securityGroupRule:SecurityGroupRule';
export const SECURITY_GROUP_INGRESS_RULE = 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule';

/** Whether an EBS `encrypted` input is on (launch templates take the string "true", volumes a boolean). */
export function isEncrypted(value: unknown): boolean {
  return value === true || value === 'true';
}
