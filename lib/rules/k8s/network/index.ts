import { phiNamespaceAllowAll } from './phi-namespace-allow-all';
import { phiOpenEgress } from './phi-open-egress';
import { phiOpenIngress } from './phi-open-ingress';
import type { RulePack } from '../../../check/rule';

/** Network flows of PHI: no ingress from anywhere, no egress to anywhere or to too wide a CIDR, no allow-all policy in a PHI namespace. */
export const networkPack: RulePack = {
  name: 'kubernetes-network',
  description:
    'Network flows of PHI: no ingress to PHI workloads from any address or every namespace, no egress from them to any ' +
    'address or to a CIDR wider than the configured prefix, no policy that allows all traffic for every pod of a PHI namespace.',
  rules: [phiOpenIngress, phiOpenEgress, phiNamespaceAllowAll],
};
