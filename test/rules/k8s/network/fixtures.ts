/**
 * NetworkPolicies for the network rules, around the compliant clinic namespace of
 * test/helpers/fixtures.ts (PHI namespace `clinic`, PHI Deployment `api`).
 */
import { NS } from '../../../helpers/fixtures';

/** The pods of the fixtures' api Deployment. */
export const API_PODS = { matchLabels: { 'app.kubernetes.io/name': 'api' } };

/** A networking.k8s.io/v1 NetworkPolicy with this spec. */
export function policy(name: string, spec: Record<string, unknown>, namespace = NS): any {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

/** A policy selecting the api pods with one ingress rule. */
export function ingressPolicy(rule: Record<string, unknown>, podSelector: unknown = API_PODS, namespace = NS): any {
  return policy('api-ingress', { podSelector, policyTypes: ['Ingress'], ingress: [rule] }, namespace);
}

/** A policy selecting the api pods with one egress rule. */
export function egressPolicy(rule: Record<string, unknown>, podSelector: unknown = API_PODS, namespace = NS): any {
  return policy('api-egress', { podSelector, policyTypes: ['Egress'], egress: [rule] }, namespace);
}

export const TCP_443 = [{ port: 443, protocol: 'TCP' }];

/** A peer of one namespace by name. */
export function namespaceNamed(name: string): Record<string, unknown> {
  return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } };
}
