import { namespaceDefaultDeny } from './namespace-default-deny';
import { namespacePhiLabel } from './namespace-phi-label';
import { noDefaultNamespace } from './no-default-namespace';
import { podSecurityAdmissionLabels } from './pod-security-admission-labels';
import { workloadNetworkPolicy } from './workload-network-policy';
import type { RulePack } from '../../../check/rule';

/** Namespaces: Pod Security Admission labels, default-deny NetworkPolicies, workloads selected by NetworkPolicies, PHI classification. */
export const namespacePack: RulePack = {
  name: 'kubernetes-namespace',
  description: 'Namespaces: Pod Security Admission labels, default-deny NetworkPolicies, workloads selected by NetworkPolicies, PHI classification, no use of the default namespace.',
  rules: [podSecurityAdmissionLabels, namespacePhiLabel, namespaceDefaultDeny, workloadNetworkPolicy, noDefaultNamespace],
};
