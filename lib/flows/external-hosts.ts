/**
 * Host names and IP blocks outside the cluster that other objects than NetworkPolicies declare:
 * Cilium policies (`toFQDNs`, `toCIDR`, `toCIDRSet`, `toEntities: [world]`) and Istio
 * ServiceEntries (`hosts`). ExternalName Services are in services.ts.
 *
 * Cilium's own isolation is not modelled: its edges are added to the NetworkPolicy ones, so the
 * graph may show more flows than Cilium allows, never fewer.
 */
import { ClusterIndex, IndexedWorkload } from './cluster-index';
import { cidrNode, hostNode } from './external-nodes';
import type { EdgeTransport, FlowNode } from './flow-graph';
import type { FlowGraphBuilder } from './graph-builder';
import type { Isolation } from './network-policies';
import { formatPorts, portItem, PortItem, PortSet } from './ports';
import { externalEgress, intersectTexts } from './services';
import type { Resource } from '../check/resource';
import { isObject } from '../rules/k8s/support/objects';

/** Adds the edges of Cilium policies to hosts and IP blocks outside the cluster. */
export function addCiliumEgress(index: ClusterIndex, graph: FlowGraphBuilder): void {
  for (const kind of ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']) {
    for (const policy of index.ctx.ofKind(kind)) {
      const clusterWide = kind === 'CiliumClusterwideNetworkPolicy';
      const ns = clusterWide ? undefined : index.namespaceOf(policy);
      const specs: { spec: Record<string, any>; path: string }[] = [];
      if (isObject(policy.body.spec)) specs.push({ spec: policy.body.spec, path: 'spec' });
      if (Array.isArray(policy.body.specs)) policy.body.specs.forEach((s: unknown, i: number) => isObject(s) && specs.push({ spec: s, path: `specs[${i}]` }));
      for (const { spec, path } of specs) {
        const selected = ciliumSelected(index, ns, spec.endpointSelector);
        if (selected.length === 0) continue;
        const egress = Array.isArray(spec.egress) ? spec.egress : [];
        egress.forEach((rule: unknown, i: number) => {
          if (!isObject(rule)) return;
          const rulePath = `${path}.egress[${i}]`;
          const ports = ciliumPorts(rule.toPorts);
          const at = (field: string) => ({ resource: policy, namespace: ns, path: `${rulePath}.${field}` });
          const targets: FlowNode[] = [];
          (Array.isArray(rule.toFQDNs) ? rule.toFQDNs : []).forEach((f: unknown, j: number) => {
            if (!isObject(f)) return;
            const name = typeof f.matchName === 'string' ? f.matchName : typeof f.matchPattern === 'string' ? f.matchPattern : undefined;
            if (name !== undefined) targets.push(hostNode(name.toLowerCase(), at(`toFQDNs[${j}].${typeof f.matchName === 'string' ? 'matchName' : 'matchPattern'}`)));
          });
          (Array.isArray(rule.toCIDR) ? rule.toCIDR : []).forEach((c: unknown, j: number) => {
            if (typeof c === 'string') targets.push(cidrNode(c, [], at(`toCIDR[${j}]`)));
          });
          (Array.isArray(rule.toCIDRSet) ? rule.toCIDRSet : []).forEach((c: unknown, j: number) => {
            if (isObject(c) && typeof c.cidr === 'string') {
              const except = Array.isArray(c.except) ? c.except.filter((e: unknown): e is string => typeof e === 'string') : [];
              targets.push(cidrNode(c.cidr, except, at(`toCIDRSet[${j}].cidr`)));
            }
          });
          if (Array.isArray(rule.toEntities)) {
            rule.toEntities.forEach((entity: unknown, j: number) => {
              if (entity === 'world' || entity === 'all') targets.push(cidrNode('0.0.0.0/0', [], at(`toEntities[${j}]`)));
            });
          }
          for (const target of targets) {
            const node = graph.node(target);
            for (const w of selected) {
              graph.edge({ from: w.id, to: node.id, ports: formatPorts(ports), transport: 'unknown', via: `${kind} ${ns !== undefined ? `${ns}/` : ''}${policy.name}`, source: policy.source });
            }
          }
        });
      }
    }
  }
}

/** Adds Istio ServiceEntry hosts, reached by the workloads of its namespace allowed to leave the cluster. */
export function addServiceEntries(index: ClusterIndex, isolation: ReadonlyMap<string, Isolation>, graph: FlowGraphBuilder): void {
  for (const entry of index.ctx.ofKind('ServiceEntry')) {
    const ns = index.namespaceOf(entry);
    const spec = isObject(entry.body.spec) ? entry.body.spec : {};
    if (spec.location === 'MESH_INTERNAL') continue;
    const ports = Array.isArray(spec.ports) ? spec.ports.filter(isObject) : [];
    const portTexts = ports.length === 0 ? ['*'] : formatPorts(ports.map((p: Record<string, any>) => portItem(transportProtocol(p.protocol), p.number, undefined)));
    const transport = entryTransport(ports);
    const hosts = Array.isArray(spec.hosts) ? spec.hosts : [];
    hosts.forEach((h: unknown, i: number) => {
      if (typeof h !== 'string' || h === '') return;
      const node = graph.node(hostNode(h.toLowerCase(), { resource: entry, namespace: ns, path: `spec.hosts[${i}]` }));
      for (const w of index.workloads.get(ns) ?? []) addIfAllowed(graph, w, node.id, portTexts, externalEgress(isolation.get(w.id)), transport, `ServiceEntry ${ns}/${entry.name}`, entry);
    });
  }
}

function addIfAllowed(
  graph: FlowGraphBuilder, w: IndexedWorkload, to: string, ports: readonly string[],
  allowed: PortSet | undefined, transport: EdgeTransport, via: string, r: Resource,
): void {
  if (allowed === undefined) return;
  const p = intersectTexts(ports, allowed);
  if (p.length > 0) graph.edge({ from: w.id, to, ports: p, transport, via, source: r.source });
}

/** Workloads a Cilium endpointSelector selects (labels may carry Cilium's `k8s:` source prefix). */
function ciliumSelected(index: ClusterIndex, ns: string | undefined, selector: unknown): readonly IndexedWorkload[] {
  if (!isObject(selector)) return [];
  const matchLabels: Record<string, unknown> = {};
  let namespace = ns;
  for (const [k, v] of Object.entries(isObject(selector.matchLabels) ? selector.matchLabels : {})) {
    const key = k.replace(/^(k8s|any):/, '');
    if (key === 'io.kubernetes.pod.namespace' && typeof v === 'string') namespace = v;
    else matchLabels[key] = v;
  }
  const plain = { ...selector, matchLabels };
  const namespaces = namespace !== undefined ? [namespace] : [...index.workloads.keys()];
  const out: IndexedWorkload[] = [];
  for (const n of namespaces) out.push(...index.selectWorkloads(n, plain));
  return out;
}

/** Cilium `toPorts[].ports[]` (`port` as a string, `protocol` TCP/UDP/ANY); none: every port. */
function ciliumPorts(toPorts: unknown): PortSet {
  if (!Array.isArray(toPorts) || toPorts.length === 0) return 'any';
  const items: PortItem[] = [];
  for (const tp of toPorts) {
    const ports = isObject(tp) && Array.isArray(tp.ports) ? tp.ports : [];
    for (const p of ports) {
      if (!isObject(p)) continue;
      const protocol = typeof p.protocol === 'string' && p.protocol.toUpperCase() !== 'ANY' ? p.protocol.toUpperCase() : 'TCP';
      items.push(portItem(protocol, p.port, p.endPort));
    }
  }
  return items.length === 0 ? 'any' : items;
}

/** The transport protocol of an Istio port protocol (HTTP, HTTPS, TLS, GRPC... run over TCP). */
function transportProtocol(protocol: unknown): string {
  return protocol === 'UDP' ? 'UDP' : 'TCP';
}

/** TLS when every port is HTTPS or TLS; plain text when every port is HTTP; else unknown. */
function entryTransport(ports: readonly Record<string, any>[]): EdgeTransport {
  if (ports.length === 0) return 'unknown';
  const protocols = ports.map((p) => String(p.protocol ?? '').toUpperCase());
  if (protocols.every((p) => p === 'HTTPS' || p === 'TLS')) return 'tls';
  if (protocols.every((p) => p === 'HTTP' || p === 'HTTP2')) return 'plaintext';
  return 'unknown';
}
