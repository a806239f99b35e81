import { opensEverything, rulesInForce } from './peers';
import type { Rule } from '../../../check/rule';
import { phiNamespaces } from '../exposure/phi';
import { isKubernetesNetworkPolicy, policyFacts } from '../namespace/network-policy';

/** No policy re-opens all traffic for every pod of a PHI namespace, which would cancel its default deny. */
export const phiNamespaceAllowAll: Rule = {
  id: 'k8s-phi-namespace-allow-all',
  title: 'No NetworkPolicy may allow all ingress or all egress for every pod of a PHI namespace',
  description:
    'NetworkPolicies are additive: a policy that selects every pod (podSelector: {}) and has a rule matching every ' +
    'port and every source or destination (an empty rule {}, a rule without from/to, an ipBlock 0.0.0.0/0 or ::/0, ' +
    'or namespaceSelector: {} with every pod) allows all traffic in that direction for the whole namespace, whatever ' +
    'the default-deny policy next to it says. The namespace then looks isolated to a reviewer while it is not. HIPAA ' +
    'access control and transmission security ask for deny-by-default with declared flows.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(e)(1)'],
  kinds: ['NetworkPolicy'],
  fix:
    'Delete the allow-all policy and declare the flows each workload needs in policies that select its pods by label ' +
    '(SecureDeployment does this from its ingress and egress props). If the namespace must be open for a while, waive ' +
    'k8s-phi-namespace-allow-all on the policy with the reason and an expiry.',
  check(resource, ctx, report) {
    if (!isKubernetesNetworkPolicy(resource)) return;
    const policy = policyFacts(resource);
    if (!policy.selectsAllPods) return;
    const ns = ctx.namespaceOf(resource);
    if (!phiNamespaces(ctx).has(ns)) return;
    for (const direction of ['ingress', 'egress'] as const) {
      for (const rule of rulesInForce(policy, direction)) {
        const opens = opensEverything(rule);
        if (opens === undefined) continue;
        report({
          path: rule.path,
          message: `selects every pod of PHI namespace '${ns}' and ${opens}, which cancels the namespace's default deny`,
        });
      }
    }
  },
};
