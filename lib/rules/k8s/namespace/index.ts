import type { RulePack } from '../../../check/rule';

/** Namespaces: Pod Security Admission labels, default-deny NetworkPolicies, workloads selected by NetworkPolicies, PHI classification. */
export const namespacePack: RulePack = {
  name: 'kubernetes-namespace',
  description: 'Namespaces: Pod Security Admission labels, default-deny NetworkPolicies, workloads selected by NetworkPolicies, PHI classification.',
  rules: [],
};
