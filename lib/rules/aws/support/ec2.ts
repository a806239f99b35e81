/** Type tokens of the EC2 / EBS resources the ec2 rules read (@pulumi/aws 7). Not a rule. */
export const EC2_LAUNCH_TEMPLATE = 'aws:ec2/launchTemplate:LaunchTemplate';
export const EBS_VOLUME = 'aws:ebs/volume:Volume';
export const EBS_ENCRYPTION_BY_DEFAULT = 'aws:ebs/encryptionByDefault:EncryptionByDefault';
export const EBS_DEFAULT_KMS_KEY = 'aws:ebs/defaultKmsKey:DefaultKmsKey';

/** Whether an EBS `encrypted` input is on (launch templates take the string "true", volumes a boolean). */
export function isEncrypted(value: unknown): boolean {
  return value === true || value === 'true';
}
