import { describeOpenPeer, openPeer, opensEverything, phiSelectedBy, rulesInForce } from './peers';
import type { Rule } from '../../../check/rule';
import { phiNamespaces } from '../exposure/phi';
import { isKubernetesNetworkPolicy, policyFacts } from '../namespace/network-policy';

/**
 * Why `peer` (a NetworkPolicy peer as written in YAML) opens ingress to anyone, e.g.
 * `any IPv4 address (ipBlock 0.0.0.0/0)`; undefined when it names its sources. The rule and
 * SecureDeployment (which refuses such a flow at construction) both decide with this.
 */
export function openIngressSource(peer: unknown): string | undefined {
  const open = openPeer(peer);
  return open === undefined ? undefined : describeOpenPeer(open);
}

/** PHI workloads accept traffic only from named sources, never from any address or every namespace. */
export const phiOpenIngress: Rule = {
  id: 'k8s-phi-open-ingress',
  title: 'NetworkPolicies must not allow ingress to PHI workloads from any address or from every namespace',
  description:
    'A NetworkPolicy ingress rule opens a PHI workload to its sources. A source of ipBlock 0.0.0.0/0 or ::/0 (with or ' +
    'without except blocks) is any address, inside or outside the cluster; a namespaceSelector that selects every ' +
    'namespace ({}, or only Exists/NotIn on kubernetes.io/metadata.name) lets a pod in any namespace, including ones ' +
    'created later by other teams, reach the workload; a rule without from allows both. HIPAA access control and ' +
    'transmission security ask that PHI be reachable only by the systems that need it, along declared paths. A policy ' +
    'is about PHI when its podSelector selects a workload classified as PHI, or it is in a PHI namespace. Rules that ' +
    'open every port from everywhere on every pod of a PHI namespace are reported by k8s-phi-namespace-allow-all instead.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(e)(1)'],
  kinds: ['NetworkPolicy'],
  fix:
    'Name the sources in from: the namespaces (by name, e.g. the ingress controller\'s) and pods that must reach the ' +
    'workload, or the CIDR of the load balancer or partner network. Traffic from outside the cluster should enter ' +
    'through the ingress controller. With SecureDeployment, declare each source in the ingress prop. If the workload ' +
    'must accept traffic from anywhere, waive k8s-phi-open-ingress with the reason and the compensating control.',
  check(resource, ctx, report) {
    if (!isKubernetesNetworkPolicy(resource)) return;
    const policy = policyFacts(resource);
    const allowAllRuleApplies = policy.selectsAllPods && phiNamespaces(ctx).has(ctx.namespaceOf(resource));
    let phi: string | undefined;
    let phiKnown = false;
    for (const rule of rulesInForce(policy, 'ingress')) {
      if (allowAllRuleApplies && opensEverything(rule) !== undefined) continue;
      const open: Array<{ path: string; what: string }> = [];
      if (rule.peers.length === 0) {
        open.push({ path: rule.path, what: 'every address and every pod of the cluster (the rule names no from)' });
      } else {
        rule.peers.forEach((peer, j) => {
          const what = openIngressSource(peer);
          if (what !== undefined) open.push({ path: `${rule.path}.from[${j}]`, what });
        });
      }
      if (open.length === 0) continue;
      if (!phiKnown) {
        phi = phiSelectedBy(resource, policy.podSelector, ctx);
        phiKnown = true;
      }
      if (phi === undefined) return;
      for (const o of open) report({ path: o.path, message: `allows ingress from ${o.what} to ${phi}` });
    }
  },
};
