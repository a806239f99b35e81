import { opensEverything, parseCidr, phiSelectedBy, rulesInForce } from './peers';
import type { Rule } from '../../../check/rule';
import { phiNamespaces } from '../exposure/phi';
import { isKubernetesNetworkPolicy, policyFacts } from '../namespace/network-policy';

/** PHI workloads send traffic only to named destinations: no any-address egress, no CIDR wider than the limit. */
export const phiOpenEgress: Rule = {
  id: 'k8s-phi-open-egress',
  title: 'NetworkPolicies must not allow egress from PHI workloads to any address or to a CIDR wider than the configured prefix',
  description:
    'An egress rule to ipBlock 0.0.0.0/0 or ::/0, or a rule without to, lets a PHI workload send data anywhere: the ' +
    'path exfiltration takes. A very wide block (10.0.0.0/8, 2001:db8::/32) is nearly as open. The widest block ' +
    'allowed is a setting (minEgressPrefix: IPv4 /16 and IPv6 /48 by default, the size of one cloud network or site; ' +
    'HipaaValidation prop minEgressPrefix, hipaa-check --min-egress-prefix). Except blocks do not narrow the block ' +
    'that is checked. HIPAA transmission security and access control ask that PHI leave only along declared paths to ' +
    'systems that need it. A policy is about PHI when its podSelector selects a workload classified as PHI, or it is ' +
    'in a PHI namespace. Rules that open every port to everywhere on every pod of a PHI namespace are reported by ' +
    'k8s-phi-namespace-allow-all instead.',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(a)(1)'],
  kinds: ['NetworkPolicy'],
  fix:
    'Name the destinations in to: the subnet or address of the database or API (e.g. 10.20.0.0/24), or the pods and ' +
    'namespaces by label. Send traffic to the internet through an egress proxy or gateway and allow egress to it only. ' +
    'With SecureDeployment, declare each destination in the egress prop. If a wider block is needed, waive ' +
    'k8s-phi-open-egress with the reason, or set minEgressPrefix for the whole check.',
  check(resource, ctx, report) {
    if (!isKubernetesNetworkPolicy(resource)) return;
    const policy = policyFacts(resource);
    const allowAllRuleApplies = policy.selectsAllPods && phiNamespaces(ctx).has(ctx.namespaceOf(resource));
    const limits = ctx.settings.minEgressPrefix;
    let phi: string | undefined;
    let phiKnown = false;
    for (const rule of rulesInForce(policy, 'egress')) {
      if (allowAllRuleApplies && opensEverything(rule) !== undefined) continue;
      const open: Array<{ path: string; what: string }> = [];
      if (rule.peers.length === 0) {
        open.push({ path: rule.path, what: 'every address (the rule names no to)' });
      } else {
        rule.peers.forEach((peer, j) => {
          const block = (peer as any)?.ipBlock;
          const cidr = parseCidr(block?.cidr);
          if (cidr === undefined) return;
          const limit = cidr.family === 4 ? limits.ipv4 : limits.ipv6;
          if (cidr.prefix >= limit) return;
          const except = Array.isArray(block.except) && block.except.length > 0 ? ` except ${block.except.join(', ')}` : '';
          const what = cidr.prefix === 0
            ? `any IPv${cidr.family} address (ipBlock ${cidr.text}${except})`
            : `${cidr.text}${except}, wider than the /${limit} allowed for IPv${cidr.family} (minEgressPrefix.ipv${cidr.family})`;
          open.push({ path: `${rule.path}.to[${j}].ipBlock.cidr`, what });
        });
      }
      if (open.length === 0) continue;
      if (!phiKnown) {
        phi = phiSelectedBy(resource, policy.podSelector, ctx);
        phiKnown = true;
      }
      if (phi === undefined) return;
      for (const o of open) report({ path: o.path, message: `allows egress to ${o.what} from ${phi}` });
    }
  },
};
