import type { RulePack } from '../../../check/rule';

/** EC2 launch templates and EBS: IMDSv2 required, encrypted volumes with a customer-managed key, no SSH keys. */
export const ec2Pack: RulePack = {
  name: 'aws-ec2',
  description: 'EC2 launch templates and EBS: IMDSv2 required, encrypted volumes with a customer-managed key, no SSH keys.',
  rules: [],
};
