/**
 * What isolates a namespace: Pod Security Admission labels, and the NetworkPolicies that deny all
 * ingress and egress of every pod, then allow DNS lookups to kube-dns (UDP and TCP 53).
 * HipaaNamespace and AuditSink's platform namespace both write them; workloads add their declared
 * flows on top.
 */
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { DEFAULT_KUBERNETES_VERSION } from '../check/kubernetes-version';

/**
 * The Pod Security Admission labels: `enforce` at the level given, audit and warn always at
 * `restricted` (so pods an enforce level admits are still reported), each pinned to `version`.
 */
export function podSecurityLabels(enforce: 'restricted' | 'privileged', version = `v${DEFAULT_KUBERNETES_VERSION}`): Record<string, string> {
  return {
    'pod-security.kubernetes.io/enforce': enforce,
    'pod-security.kubernetes.io/enforce-version': version,
    'pod-security.kubernetes.io/audit': 'restricted',
    'pod-security.kubernetes.io/audit-version': version,
    'pod-security.kubernetes.io/warn': 'restricted',
    'pod-security.kubernetes.io/warn-version': version,
  };
}

/** Metadata of an object the namespace's construct writes, by name. */
type ObjectMeta = (name: string) => k8s.ObjectMeta;

/** Writes `default-deny` and, unless `allowDns` is false, `allow-dns-egress` under `scope`. */
export function isolateNamespace(scope: Construct, meta: ObjectMeta, allowDns = true): void {
  new k8s.KubeNetworkPolicy(scope, 'DefaultDeny', {
    metadata: meta('default-deny'),
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  if (!allowDns) return;
  new k8s.KubeNetworkPolicy(scope, 'AllowDns', {
    metadata: meta('allow-dns-egress'),
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        to: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        }],
        ports: [
          { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
          { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
        ],
      }],
    },
  });
}
