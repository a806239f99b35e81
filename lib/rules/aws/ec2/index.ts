import { ec2EbsVolumeEncryption } from './ec2-ebs-volume-encryption';
import { ec2LaunchTemplateEbsEncryption } from './ec2-launch-template-ebs-encryption';
import { ec2LaunchTemplateImdsv2 } from './ec2-launch-template-imdsv2';
import { ec2LaunchTemplateKeyPair } from './ec2-launch-template-key-pair';
import { ec2PublicIp } from './ec2-public-ip';
import { ec2SecurityGroupOpenIngress } from './ec2-security-group-open-ingress';
import type { RulePack } from '../../../check/rule';

/** EC2 launch templates, instances, EBS and security groups: IMDSv2 required, encrypted volumes with a customer-managed key, no SSH keys, no public IPs, no ingress from the whole internet. */
export const ec2Pack: RulePack = {
  name: 'aws-ec2',
  description: 'EC2 launch templates, instances, EBS and security groups: IMDSv2 required, encrypted volumes with a customer-managed key, no SSH keys, no public IPs, no ingress from the whole internet.',
  rules: [
    ec2LaunchTemplateImdsv2, ec2LaunchTemplateEbsEncryption, ec2LaunchTemplateKeyPair, ec2EbsVolumeEncryption,
    ec2PublicIp, ec2SecurityGroupOpenIngress,
  ],
};
