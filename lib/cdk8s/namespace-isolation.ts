/**
 * The NetworkPolicies that isolate a namespace: deny all ingress and egress of every pod, then
 * allow DNS lookups to kube-dns (UDP and TCP 53). HipaaNamespace and AuditSink's platform
 * namespace both write them; workloads add their declared flows on top.
 */
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';

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
