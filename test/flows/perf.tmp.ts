import { fromManifest } from '../../lib/check/resource';
import { buildFlowGraph } from '../../lib/flows/build-flow-graph';
const N = Number(process.argv[2] ?? 10000);
const NS = Number(process.argv[3] ?? 1);
const objs: any[] = [];
for (let i = 0; i < N; i++) {
  const ns = `ns-${i % NS}`;
  const app = `app-${i}`;
  const next = `app-${(i + NS) % N}`;
  objs.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace: ns }, spec: { selector: { matchLabels: { app } }, template: { metadata: { labels: { app, tier: 'web' } }, spec: { containers: [{ name: 'c', image: `registry.example.com/x/${app}:1`, ports: [{ name: 'http', containerPort: 8080 }] }] } } } });
  objs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace: ns }, spec: { selector: { app }, ports: [{ port: 80, targetPort: 'http' }] } });
  objs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: app, namespace: ns }, spec: { podSelector: { matchLabels: { app } }, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: `app-${(i - NS + N) % N}` } } }], ports: [{ port: 'http' }] }], egress: [{ to: [{ podSelector: { matchLabels: { app: next } } }], ports: [{ port: 8080 }] }, { to: [{ ipBlock: { cidr: '10.20.0.0/16' } }] }] } });
}
for (let n = 0; n < NS; n++) {
  objs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: `ns-${n}` }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
  objs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-dns', namespace: `ns-${n}` }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] }] } });
}
const resources = objs.map((o) => fromManifest(o));
for (let run = 0; run < 3; run++) {
  const t = process.hrtime.bigint();
  const g = buildFlowGraph(resources, { now: new Date(0) });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(`${N} Deployments in ${NS} namespaces (${resources.length} objects): ${g.nodes.length} nodes, ${g.edges.length} edges in ${ms.toFixed(0)} ms`);
}
