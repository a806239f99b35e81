import type { RulePack } from '../../../check/rule';

/** EKS clusters: secrets envelope encryption, private endpoint, control-plane logs, node groups, access entries. */
export const eksPack: RulePack = {
  name: 'aws-eks',
  description: 'EKS clusters: secrets envelope encryption, private endpoint, control-plane logs, node groups, access entries.',
  rules: [],
};
