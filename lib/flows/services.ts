/**
 * Services as nodes of the data-flow graph: a Service's edge to each workload its selector picks
 * (on the target ports, named ports resolved), so a reader can follow Ingress host -> Service ->
 * workload. These edges are not NetworkPolicy flows (a Service is an address, not a sender); the
 * NetworkPolicy edges say which pods may actually connect. An ExternalName Service names a host
 * outside the cluster: it becomes an external-host node that the namespace's workloads allowed to
 * leave the cluster may reach.
 */
import { ClusterIndex, IndexedWorkload, objectRef } from './cluster-index';
import { hostNode } from './external-nodes';
import type { FlowGraphBuilder } from './graph-builder';
import type { Isolation } from './network-policies';
import { receiverTransport } from './network-policies';
import { formatPort, formatPorts, portItem, PortSet, rulePorts, unionPorts } from './ports';
import type { Resource } from '../check/resource';
import { phiLabelOf } from '../rules/k8s/phi-classification';
import { isObject } from '../rules/k8s/support/objects';

/** `service:<namespace>/<name>`. */
export function serviceId(ns: string, name: string): string {
  return `service:${ns}/${name}`;
}

/** Adds every Service (and its edges to the workloads it selects); ExternalName Services as external hosts. */
export function addServices(index: ClusterIndex, isolation: ReadonlyMap<string, Isolation>, graph: FlowGraphBuilder): void {
  for (const svc of index.ctx.ofKind('Service')) {
    const ns = index.namespaceOf(svc);
    const spec = isObject(svc.body.spec) ? svc.body.spec : {};
    if (spec.type === 'ExternalName' && typeof spec.externalName === 'string' && spec.externalName !== '') {
      addExternalName(index, isolation, graph, svc, ns, spec);
      continue;
    }
    const id = serviceId(ns, svc.name);
    const selected = index.serviceWorkloads(ns, spec.selector);
    graph.node({
      id,
      kind: 'service',
      label: svc.name,
      namespace: ns,
      phi: servicePhi(index, svc, ns, selected),
      source: svc.source,
      object: objectRef(svc, ns),
    });
    const ports = Array.isArray(spec.ports) ? spec.ports.filter(isObject) : [];
    for (const w of selected) {
      graph.edge({
        from: id,
        to: w.id,
        ports: formatPorts(targetPorts(ports, w)),
        transport: receiverTransport(w),
        via: `Service ${ns}/${svc.name} selects the pods`,
        source: svc.source,
      });
    }
  }
}

/**
 * Whether a Service reaches PHI, as servicePhiReason (phi-classification.ts) judges it, from the
 * workloads the label index found (servicePhiReason scans every workload of the namespace per
 * Service, which is quadratic on large namespaces): it selects a PHI workload, its namespace counts
 * as PHI, it is labelled "true", or it selects no checked workload and is not labelled "false"
 * while unclassified counts as PHI.
 */
function servicePhi(index: ClusterIndex, svc: Resource, ns: string, selected: readonly IndexedWorkload[]): boolean {
  if (selected.some((w) => w.phi) || index.isPhiNamespace(ns)) return true;
  const own = phiLabelOf(svc.body.metadata?.labels);
  if (own === 'true') return true;
  return selected.length === 0 && own !== 'false' && index.ctx.settings.unclassifiedIsPhi;
}

/** The ports a Service's port list sends to on a workload's pods. */
function targetPorts(ports: readonly Record<string, any>[], w: IndexedWorkload): PortSet {
  if (ports.length === 0) return 'any';
  let set: PortSet = [];
  for (const p of ports) {
    const protocol = typeof p.protocol === 'string' ? p.protocol.toUpperCase() : 'TCP';
    set = unionPorts(set, [portItem(protocol, p.targetPort ?? p.port, undefined, w.namedPorts)]);
  }
  return set;
}

/** A Service's `port` entries as the graph writes them (`TCP/443`). */
export function servicePorts(svc: Resource, port?: unknown): string[] {
  const ports = Array.isArray(svc.body.spec?.ports) ? svc.body.spec.ports.filter(isObject) : [];
  const picked = port === undefined ? ports : ports.filter((p: Record<string, any>) => p.port === port || (typeof port === 'string' && p.name === port));
  const items = picked.map((p: Record<string, any>) => portItem(typeof p.protocol === 'string' ? p.protocol.toUpperCase() : 'TCP', p.port, undefined));
  if (items.length === 0 && typeof port === 'number') return [formatPort({ protocol: 'TCP', start: port, end: port })];
  return items.length === 0 ? ['*'] : formatPorts(items);
}

function addExternalName(
  index: ClusterIndex, isolation: ReadonlyMap<string, Isolation>, graph: FlowGraphBuilder, svc: Resource, ns: string, spec: Record<string, any>,
): void {
  const node = graph.node(hostNode(String(spec.externalName).toLowerCase(), { resource: svc, namespace: ns, path: 'spec.externalName' }));
  const ports = Array.isArray(spec.ports) && spec.ports.length > 0 ? servicePorts(svc) : ['*'];
  for (const w of index.workloads.get(ns) ?? []) {
    const out = externalEgress(isolation.get(w.id));
    const allowed = out === undefined ? [] : intersectTexts(ports, out);
    if (allowed.length === 0) continue;
    graph.edge({ from: w.id, to: node.id, ports: allowed, transport: 'unknown', via: `Service ${ns}/${svc.name} (ExternalName ${spec.externalName})`, source: svc.source });
  }
}

/**
 * The ports a workload may send to outside the cluster on: every port when no policy isolates it
 * for egress, else those of its egress rules with no peers or with an ipBlock peer; undefined when none.
 */
export function externalEgress(iso: Isolation | undefined): PortSet | undefined {
  if (iso?.egress === undefined) return 'any';
  let ports: PortSet | undefined;
  for (const rule of iso.egress) {
    const open = rule.peers === undefined || rule.peers.length === 0 || rule.peers.some((p) => isObject(p) && isObject(p.ipBlock));
    if (open) ports = ports === undefined ? rulePorts(rule.ports) : unionPorts(ports, rulePorts(rule.ports));
  }
  return ports;
}

/** Written ports (`TCP/443`, `*`) a port set also allows. */
export function intersectTexts(ports: readonly string[], allowed: PortSet): string[] {
  if (allowed === 'any') return [...ports];
  const out = new Set<string>();
  const items = allowed;
  for (const p of ports) {
    if (p === '*') {
      for (const t of formatPorts(items)) out.add(t);
      continue;
    }
    const [protocol, rest] = p.split('/');
    const n = Number(rest);
    for (const a of items) {
      if (a.protocol !== protocol) continue;
      if (a.start === undefined || rest === '*' || (!Number.isNaN(n) && n >= a.start && n <= (a.end ?? a.start))) out.add(rest === '*' ? formatPort(a) : p);
    }
  }
  return [...out];
}
