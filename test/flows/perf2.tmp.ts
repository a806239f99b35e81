import { fromManifest } from '../../lib/check/resource';
import { ClusterIndex, objectRef } from '../../lib/flows/cluster-index';
import { addCiliumEgress, addServiceEntries } from '../../lib/flows/external-hosts';
import { FlowGraphBuilder } from '../../lib/flows/graph-builder';
import { addIngresses } from '../../lib/flows/ingress';
import { addLogSinks } from '../../lib/flows/log-sinks';
import { podAcceptsOnlyMtls } from '../../lib/flows/mesh-transport';
import { addNetworkPolicyFlows, isolationOf } from '../../lib/flows/network-policies';
import { addRegistries } from '../../lib/flows/registries';
import { addServices } from '../../lib/flows/services';
import { addBackupTargets, addSecretStores } from '../../lib/flows/stores';
const N = 10000;
const objs: any[] = [];
for (let i = 0; i < N; i++) {
  const ns = 'ns-0'; const app = `app-${i}`; const next = `app-${(i + 1) % N}`;
  objs.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: app, namespace: ns }, spec: { selector: { matchLabels: { app } }, template: { metadata: { labels: { app, tier: 'web' } }, spec: { containers: [{ name: 'c', image: `registry.example.com/x/${app}:1`, ports: [{ name: 'http', containerPort: 8080 }] }] } } } });
  objs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace: ns }, spec: { selector: { app }, ports: [{ port: 80, targetPort: 'http' }] } });
  objs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: app, namespace: ns }, spec: { podSelector: { matchLabels: { app } }, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: `app-${(i - 1 + N) % N}` } } }], ports: [{ port: 'http' }] }], egress: [{ to: [{ podSelector: { matchLabels: { app: next } } }], ports: [{ port: 8080 }] }, { to: [{ ipBlock: { cidr: '10.20.0.0/16' } }] }] } });
}
objs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: 'ns-0' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
objs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-dns', namespace: 'ns-0' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] }] } });
const resources = objs.map((o) => fromManifest(o));
for (let run = 0; run < 3; run++) {
  const times: string[] = [];
  let t = process.hrtime.bigint();
  const lap = (name: string) => { const n = process.hrtime.bigint(); times.push(`${name} ${(Number(n - t) / 1e6).toFixed(0)}`); t = n; };
  const index = new ClusterIndex(resources, { defaultNamespace: 'default', unclassifiedIsPhi: true, now: new Date(0) }, podAcceptsOnlyMtls); lap('index');
  const graph = new FlowGraphBuilder();
  for (const list of index.workloads.values()) for (const w of list) graph.node({ id: w.id, kind: 'workload', label: w.resource.name, namespace: w.namespace, phi: w.phi, source: w.resource.source, object: objectRef(w.resource, w.namespace) });
  lap('nodes');
  const isolation = isolationOf(index); lap('isolation');
  addServices(index, isolation, graph); lap('services');
  addIngresses(index, graph); lap('ingress');
  addNetworkPolicyFlows(index, isolation, graph); lap('np');
  addCiliumEgress(index, graph); addServiceEntries(index, isolation, graph); lap('ext');
  addSecretStores(index, graph); addBackupTargets(index, graph); addLogSinks(index, graph); lap('stores');
  addRegistries(index, graph); lap('registries');
  graph.build(); lap('build');
  console.log(times.join(' | '));
}
{
  const t = process.hrtime.bigint();
  const s = JSON.stringify(objs); JSON.parse(s);
  console.log('calibration: JSON round trip of the objects', (Number(process.hrtime.bigint() - t) / 1e6).toFixed(0), 'ms', s.length, 'chars');
}
