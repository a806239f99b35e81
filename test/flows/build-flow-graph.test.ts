import { estate, fixture } from './fixtures';
import { parseBaaRegister } from '../../lib/baa/read-baa-register';
import { evidenceCheck } from '../../lib/check/evidence-check';
import { parseManifests } from '../../lib/check/manifests';
import { buildFlowGraph } from '../../lib/flows/build-flow-graph';
import type { FlowEdge, FlowGraph, FlowNode } from '../../lib/flows/flow-graph';
import { kubernetesPack } from '../../lib/rules/k8s';

const W = (ns: string, kind: string, name: string) => `workload:${ns}/${kind}/${name}`;
const PORTAL = W('clinic', 'Deployment', 'portal');
const API = W('clinic', 'Deployment', 'records-api');
const DB = W('clinic', 'StatefulSet', 'records-db');
const REPORTER = W('analytics', 'Deployment', 'reporter');
const LEGACY = W('legacy', 'Deployment', 'legacy-app');
const WORKER = W('legacy', 'Deployment', 'legacy-worker');

function node(g: FlowGraph, id: string): FlowNode {
  const n = g.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}; nodes: ${g.nodes.map((x) => x.id).join(', ')}`);
  return n;
}

function edge(g: FlowGraph, from: string, to: string): FlowEdge {
  const e = g.edges.find((x) => x.from === from && x.to === to);
  if (!e) throw new Error(`no edge ${from} -> ${to}; edges from it: ${g.edges.filter((x) => x.from === from).map((x) => x.to).join(', ')}`);
  return e;
}

function noEdge(g: FlowGraph, from: string, to: string): void {
  expect(g.edges.find((x) => x.from === from && x.to === to)).toBeUndefined();
}

describe('buildFlowGraph', () => {
  const g = buildFlowGraph(estate());

  test('nodes and edges are sorted by id, edge ids are from->to, and every edge names nodes of the graph', () => {
    const ids = g.nodes.map((n) => n.id);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(ids).size).toBe(ids.length);
    const edgeIds = g.edges.map((e) => e.id);
    expect(edgeIds).toEqual([...edgeIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const e of g.edges) {
      expect(e.id).toBe(`${e.from}->${e.to}`);
      expect(ids).toContain(e.from);
      expect(ids).toContain(e.to);
    }
    expect(g.namespaces).toEqual(['analytics', 'audit-logging', 'clinic', 'ingress-nginx', 'kube-system', 'legacy'].filter((ns) => g.nodes.some((n) => n.namespace === ns)));
  });

  test('is deterministic: the same objects give the same graph', () => {
    expect(JSON.stringify(buildFlowGraph(estate()))).toBe(JSON.stringify(g));
  });

  test('workloads are PHI as the rules judge them', () => {
    expect(node(g, PORTAL)).toMatchObject({ kind: 'workload', label: 'portal', namespace: 'clinic', phi: true, object: { kind: 'Deployment', namespace: 'clinic', name: 'portal' } });
    expect(node(g, LEGACY).phi).toBe(false); // labelled "false"
    expect(node(g, WORKER).phi).toBe(true); // unclassified counts as PHI
    expect(buildFlowGraph(estate(), { unclassifiedIsPhi: false }).nodes.find((n) => n.id === WORKER)!.phi).toBe(false);
  });

  test('the way in: internet -> ingress controller -> host (TLS) -> Service -> portal, and the controller may reach the portal on the named port', () => {
    const host = 'ingress:clinic/portal/portal.clinic.example.com';
    expect(node(g, host)).toMatchObject({ kind: 'ingress', label: 'portal.clinic.example.com (TLS)', phi: true, path: 'spec.rules[0].host' });
    expect(edge(g, 'internet', 'ingress-controller')).toMatchObject({ ports: ['TCP/443'], transport: 'tls', phi: false });
    expect(edge(g, 'ingress-controller', host)).toMatchObject({ ports: ['TCP/443'], transport: 'tls', phi: true });
    expect(edge(g, host, 'service:clinic/portal')).toMatchObject({ ports: ['TCP/443'], transport: 'mtls' });
    expect(edge(g, 'service:clinic/portal', PORTAL)).toMatchObject({ ports: ['TCP/8443'], transport: 'mtls' });
    expect(edge(g, 'ingress-controller', PORTAL)).toMatchObject({ ports: ['TCP/8443'], transport: 'mtls', phi: true, via: 'NetworkPolicy clinic/portal' });
  });

  test('in-cluster flows need both the sender\'s egress and the receiver\'s ingress, on the ports both allow', () => {
    expect(edge(g, PORTAL, API)).toMatchObject({
      ports: ['TCP/8080'],
      transport: 'mtls',
      phi: true,
      via: 'NetworkPolicy clinic/records-api (ingress), NetworkPolicy clinic/portal (egress)',
    });
    expect(edge(g, API, DB)).toMatchObject({ ports: ['TCP/5432'], transport: 'mtls', phi: true });
    // The portal's egress does not name the database, and the database admits only the API.
    noEdge(g, PORTAL, DB);
    // Cross-namespace: the API admits the reporter (its namespace by name); the reporter's egress names namespaces labelled team=clinic.
    expect(edge(g, REPORTER, API)).toMatchObject({ ports: ['TCP/8080'], transport: 'mtls' });
    // No edge back: the API's egress names only the database and the subnet.
    noEdge(g, API, REPORTER);
  });

  test('pods selected for ingress and egress are not exposed; pods no policy selects are, with edges from and to the internet', () => {
    expect(node(g, API).exposed).toBeUndefined();
    expect(node(g, LEGACY).exposed).toEqual(['ingress', 'egress']);
    expect(edge(g, 'internet', LEGACY)).toMatchObject({ ports: ['*'], via: 'no NetworkPolicy selects the pod for ingress', phi: false });
    expect(edge(g, LEGACY, 'internet')).toMatchObject({ ports: ['*'], via: 'no NetworkPolicy selects the pod for egress' });
    expect(edge(g, 'internet', WORKER).phi).toBe(true);
    // Unisolated workloads of a namespace are not paired with each other (the internet edges say it).
    noEdge(g, LEGACY, WORKER);
    // The reporter is isolated for ingress by its policy (no ingress rule), so nothing reaches it.
    expect(node(g, REPORTER).exposed).toBeUndefined();
    expect(g.edges.filter((e) => e.to === REPORTER)).toEqual([]);
  });

  test('external IP blocks: the database subnet, and an ipBlock with except', () => {
    expect(node(g, 'cidr:10.20.0.0/16')).toMatchObject({
      kind: 'external-cidr',
      label: '10.20.0.0/16',
      phi: false,
      destination: { type: 'cidr', value: '10.20.0.0/16' },
      object: { kind: 'NetworkPolicy', namespace: 'clinic', name: 'records-api' },
      path: 'spec.egress[1].to[0].ipBlock.cidr',
    });
    expect(edge(g, API, 'cidr:10.20.0.0/16')).toMatchObject({ ports: ['TCP/5432'], phi: true });
    const open = 'cidr:0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12';
    expect(node(g, open)).toMatchObject({ destination: { type: 'cidr', value: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12'] } });
    expect(edge(g, REPORTER, open)).toMatchObject({ ports: ['TCP/443'], phi: true });
  });

  test('selectors that match no checked workload become peers; the ingress controller\'s namespace becomes the controller', () => {
    expect(node(g, 'peer:kube-system/k8s-app=kube-dns')).toMatchObject({ kind: 'peer', namespace: 'kube-system', path: 'spec.egress[0].to[0]' });
    expect(edge(g, API, 'peer:kube-system/k8s-app=kube-dns').ports).toEqual(['TCP/53', 'UDP/53']);
    expect(g.nodes.some((n) => n.namespace === 'ingress-nginx')).toBe(false);
    // A namespaceSelector by a label other than the name may select namespaces beyond the checked ones.
    expect(edge(g, REPORTER, 'peer:namespaces team=clinic/app=records-api').ports).toEqual(['TCP/8080']);
  });

  test('external hosts: Cilium toFQDNs, an Istio ServiceEntry and an ExternalName Service', () => {
    expect(node(g, 'host:api.vendor-analytics.com')).toMatchObject({ kind: 'external-host', destination: { type: 'host', value: 'api.vendor-analytics.com' }, path: 'spec.egress[0].toFQDNs[0].matchName' });
    expect(edge(g, REPORTER, 'host:api.vendor-analytics.com')).toMatchObject({ ports: ['TCP/443'], phi: true, via: 'CiliumNetworkPolicy analytics/reporter-fqdn' });
    expect(edge(g, REPORTER, 'host:terminology.example.org')).toMatchObject({ ports: ['TCP/443'], transport: 'tls' });
    expect(node(g, 'host:api.payments.example.net')).toMatchObject({ object: { kind: 'Service', namespace: 'legacy', name: 'payments' }, path: 'spec.externalName' });
    expect(edge(g, LEGACY, 'host:api.payments.example.net').ports).toEqual(['*']);
  });

  test('secret store, backup target, log sinks and registries, with their destinations', () => {
    expect(node(g, 'secret-store:aws/secretsmanager.us-east-1.amazonaws.com')).toMatchObject({
      kind: 'secret-store',
      label: 'AWS Secrets Manager (us-east-1)',
      destination: { type: 'secret-store', value: 'secretsmanager.us-east-1.amazonaws.com', provider: 'aws', service: 'secretsmanager', account: '123456789012' },
      object: { kind: 'SecretStore', namespace: 'clinic', name: 'aws-secrets' },
      path: 'spec.provider.aws',
    });
    expect(edge(g, API, 'secret-store:aws/secretsmanager.us-east-1.amazonaws.com')).toMatchObject({ ports: ['TCP/443'], transport: 'tls', phi: true });
    expect(node(g, 'backup-target:s3://clinic-phi-backups/clinic')).toMatchObject({
      destination: { type: 'bucket', value: 'clinic-phi-backups', provider: 'aws', service: 's3' },
      object: { kind: 'BackupStorageLocation', namespace: 'velero', name: 'default' },
      path: 'spec.objectStorage.bucket',
    });
    expect(edge(g, DB, 'backup-target:s3://clinic-phi-backups/clinic')).toMatchObject({ transport: 'tls', phi: true, via: 'Velero Schedule velero/clinic-6h to BackupStorageLocation default' });
    noEdge(g, API, 'backup-target:s3://clinic-phi-backups/clinic'); // no persistent data
    const fluent = W('audit-logging', 'DaemonSet', 'fluent-bit');
    expect(node(g, 'log-sink:cloudwatch:/aws/eks/clinic/containers')).toMatchObject({
      kind: 'log-sink',
      destination: { type: 'log-destination', value: 'cloudwatch:/aws/eks/clinic/containers', provider: 'aws', service: 'logs' },
      object: { kind: 'ConfigMap', namespace: 'audit-logging', name: 'fluent-bit-config' },
      path: 'data["fluent-bit.conf"]',
    });
    // The forwarder is not PHI, but it ships every pod's logs, and PHI workloads exist.
    expect(node(g, fluent).phi).toBe(false);
    expect(edge(g, fluent, 'log-sink:cloudwatch:/aws/eks/clinic/containers')).toMatchObject({ transport: 'tls', phi: true });
    expect(edge(g, fluent, 'log-sink:http://logs.example-siem.com:8088')).toMatchObject({ ports: ['TCP/8088'], transport: 'plaintext' });
    expect(node(g, 'registry:123456789012.dkr.ecr.us-east-1.amazonaws.com').destination).toEqual({
      type: 'registry', value: '123456789012.dkr.ecr.us-east-1.amazonaws.com', provider: 'aws', service: 'ecr', account: '123456789012',
    });
    expect(node(g, 'registry:docker.io').destination).toEqual({ type: 'registry', value: 'docker.io' });
    expect(edge(g, LEGACY, 'registry:docker.io')).toMatchObject({ ports: ['TCP/443'], transport: 'tls', via: 'image library/nginx' });
  });

  test('transport is mTLS only into a namespace with STRICT mesh mTLS', () => {
    const noMesh = fixture('clinic.yaml').filter((r) => r.kind !== 'PeerAuthentication');
    const plain = buildFlowGraph(noMesh);
    expect(edge(plain, PORTAL, API).transport).toBe('unknown');
    // The controller re-encrypts to the portal (backend-protocol HTTPS).
    expect(edge(plain, 'ingress:clinic/portal/portal.clinic.example.com', 'service:clinic/portal').transport).toBe('tls');
  });

  test('egress to anywhere (a rule without `to`, an ipBlock 0.0.0.0/0, Cilium world) is an IP block declared where it was opened', () => {
    const open = buildFlowGraph(parseManifests(`apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: ghcr.io/acme/api:1}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: anywhere, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{ports: [{port: 443}]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: world, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: api}}
  egress: [{toEntities: [world]}]
`, 'open.yaml'));
    expect(node(open, 'cidr:0.0.0.0/0')).toMatchObject({ kind: 'external-cidr', object: { kind: 'NetworkPolicy', namespace: 'shop', name: 'anywhere' }, path: 'spec.egress[0]' });
    expect(edge(open, W('shop', 'Deployment', 'api'), 'cidr:0.0.0.0/0')).toMatchObject({
      ports: ['*'], phi: true, via: 'CiliumNetworkPolicy shop/world; NetworkPolicy shop/anywhere allows egress to anywhere',
    });
    // Isolated for egress by the policy, so not exposed for egress; nothing restricts its ingress.
    expect(node(open, W('shop', 'Deployment', 'api')).exposed).toEqual(['ingress']);
  });

  test('with a BAA register, every external node carries what the register says about it', () => {
    const register = parseBaaRegister(`apiVersion: hipaa-constructs.io/v1
kind: BaaRegister
vendors:
  - id: aws
    provider: aws
    baa: {status: signed, signed: 2025-03-01, expires: 2027-03-01}
    services: [s3, ecr, logs, secretsmanager]
    match: {accounts: ["123456789012"]}
  - id: dockerhub
    baa: {status: none}
    match: {registries: [docker.io]}
internal: {cidrs: [10.0.0.0/8]}
`, 'hipaa-baa.yaml');
    const withVendors = buildFlowGraph(estate(), { baaRegister: register, now: new Date('2026-12-01T00:00:00Z') });
    expect(node(withVendors, 'cidr:10.20.0.0/16').vendor?.status).toBe('internal');
    expect(node(withVendors, 'registry:123456789012.dkr.ecr.us-east-1.amazonaws.com').vendor).toMatchObject({ status: 'covered', vendorId: 'aws' });
    expect(node(withVendors, 'backup-target:s3://clinic-phi-backups/clinic').vendor).toMatchObject({ status: 'covered', vendorId: 'aws' });
    expect(node(withVendors, 'registry:docker.io').vendor).toMatchObject({ status: 'no-baa', vendorId: 'dockerhub' });
    expect(node(withVendors, 'host:api.vendor-analytics.com').vendor?.status).toBe('unregistered');
    // Edges to an external node carry its vendor match; in-cluster nodes and edges carry none.
    expect(edge(withVendors, DB, 'backup-target:s3://clinic-phi-backups/clinic').vendor).toEqual(node(withVendors, 'backup-target:s3://clinic-phi-backups/clinic').vendor);
    expect(node(withVendors, API).vendor).toBeUndefined();
    expect(edge(withVendors, PORTAL, API).vendor).toBeUndefined();
    // Without a register, no node carries a vendor.
    expect(g.nodes.filter((n) => n.vendor !== undefined)).toEqual([]);
  });

  test('no objects: an empty graph', () => {
    expect(buildFlowGraph([])).toEqual({ nodes: [], edges: [], namespaces: [] });
  });
});

describe('buildFlowGraph is built once per objects array and settings', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const register = parseBaaRegister(`apiVersion: hipaa-constructs.io/v1
kind: BaaRegister
vendors:
  - id: aws
    provider: aws
    baa: {status: signed, signed: 2025-03-01, expires: 2027-03-01}
    services: [s3, ecr, logs, secretsmanager]
    match: {accounts: ["123456789012"]}
`, 'hipaa-baa.yaml');

  test('the same array and settings give the same graph object; other settings or another array build anew', () => {
    const objects = estate();
    const first = buildFlowGraph(objects, { now, baaRegister: register });
    // Defaults spelled out are the same settings.
    expect(buildFlowGraph(objects, { now: new Date(now.getTime()), baaRegister: register, defaultNamespace: 'default', unclassifiedIsPhi: true })).toBe(first);
    const without = buildFlowGraph(objects, { now });
    expect(without).not.toBe(first);
    expect(node(without, 'registry:123456789012.dkr.ecr.us-east-1.amazonaws.com').vendor).toBeUndefined();
    expect(buildFlowGraph(objects, { now, unclassifiedIsPhi: false })).not.toBe(without);
    expect(buildFlowGraph(objects, { now: new Date('2026-12-02T00:00:00Z') })).not.toBe(without);
    const again = buildFlowGraph(estate(), { now, baaRegister: register });
    expect(again).not.toBe(first);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });

  test('evidenceCheck with a register: the BAA rules and the reports share one graph', () => {
    const objects = estate();
    const { flowGraph } = evidenceCheck(objects, kubernetesPack, { baaRegister: register, now, flowGraph: true });
    // The BAA rules built it inside the check (ctx.memo); evidenceCheck returned that same graph.
    expect(flowGraph).toBe(buildFlowGraph(objects, { baaRegister: register, now, defaultNamespace: 'default', unclassifiedIsPhi: true }));
    expect(node(flowGraph!, 'registry:123456789012.dkr.ecr.us-east-1.amazonaws.com').vendor).toMatchObject({ status: 'covered', vendorId: 'aws' });
  });
});
