/**
 * NetworkPolicy semantics, both directions, as edges of the data-flow graph.
 *
 * A pod is isolated for ingress (egress) when some NetworkPolicy of its namespace with that policy
 * type selects it; then only the connections its policies' rules allow are possible. Between two
 * checked workloads a flow exists on the ports that both the sender's egress (unless the sender is
 * not isolated for egress) and the receiver's ingress (unless not isolated for ingress) allow. A
 * workload no policy selects for a direction is `exposed` in that direction: anything may reach it
 * (an edge from `internet`), or it may reach anything (an edge to `internet`).
 *
 * Linear in the objects: pairs of workloads are only looked at when a rule's peer selects them
 * (found through the label index), never all pairs of a namespace.
 */
import { ClusterIndex, IndexedWorkload, objectRef } from './cluster-index';
import { cidrNode } from './external-nodes';
import type { EdgeTransport } from './flow-graph';
import type { FlowGraphBuilder } from './graph-builder';
import { podAcceptsOnlyMtls } from './mesh-transport';
import { INTERNET_ID, internetNode, resolvePeer, peerSelects, ResolvedPeer } from './peers';
import { formatPorts, intersectPorts, isEmptyPorts, PortSet, rulePorts, unionPorts } from './ports';
import type { Resource } from '../check/resource';
import { isObject } from '../rules/k8s/support/objects';

type Direction = 'ingress' | 'egress';

/** One rule of a NetworkPolicy, in one direction. */
export interface PolicyRule {
  /** The policy. */
  readonly policy: Resource;
  /** Its namespace. */
  readonly namespace: string;
  /** Which list the rule is in. */
  readonly direction: Direction;
  /** Index in `spec.ingress` / `spec.egress`. */
  readonly index: number;
  /** The peers (`from` / `to`); undefined or empty: every peer. */
  readonly peers: readonly unknown[] | undefined;
  /** The rule's `ports` as written. */
  readonly ports: unknown;
  /** The peers resolved, once per rule (every pod the policy selects shares them). @default - not resolved yet */
  resolved?: readonly ResolvedPeer[];
}

/** The policies that select a workload, per direction. */
export interface Isolation {
  /** Ingress rules of the policies selecting it; undefined when no policy isolates it for ingress. */
  readonly ingress?: PolicyRule[];
  /** Egress rules of the policies selecting it; undefined when no policy isolates it for egress. */
  readonly egress?: PolicyRule[];
  /** Policies that isolate it, per direction, for `via` texts. */
  readonly policies: { ingress: Resource[]; egress: Resource[] };
}

/** The isolation of every workload a NetworkPolicy selects (keyed by workload id). */
export function isolationOf(index: ClusterIndex): Map<string, Isolation> {
  const map = new Map<string, Isolation>();
  for (const policy of index.ctx.ofKind('NetworkPolicy')) {
    const ns = index.namespaceOf(policy);
    const spec = isObject(policy.body.spec) ? policy.body.spec : {};
    const types = policyTypes(spec);
    const selected = index.selectWorkloads(ns, spec.podSelector ?? {});
    if (selected.length === 0) continue;
    const rules: Record<Direction, PolicyRule[]> = { ingress: [], egress: [] };
    for (const direction of ['ingress', 'egress'] as const) {
      if (!types.includes(direction)) continue;
      const list = Array.isArray(spec[direction]) ? spec[direction] : [];
      list.forEach((rule: unknown, i: number) => {
        if (!isObject(rule)) return;
        const peers = rule[direction === 'ingress' ? 'from' : 'to'];
        rules[direction].push({ policy, namespace: ns, direction, index: i, peers: Array.isArray(peers) ? peers : undefined, ports: rule.ports });
      });
    }
    for (const w of selected) {
      let iso = map.get(w.id) as { ingress?: PolicyRule[]; egress?: PolicyRule[]; policies: { ingress: Resource[]; egress: Resource[] } } | undefined;
      if (iso === undefined) map.set(w.id, (iso = { policies: { ingress: [], egress: [] } }));
      for (const direction of types) {
        (iso[direction] ??= []).push(...rules[direction]);
        iso.policies[direction].push(policy);
      }
    }
  }
  return map;
}

/** Adds the NetworkPolicy edges and marks exposed workloads. */
export function addNetworkPolicyFlows(index: ClusterIndex, isolation: ReadonlyMap<string, Isolation>, graph: FlowGraphBuilder): void {
  const byId = new Map<string, IndexedWorkload>();
  for (const list of index.workloads.values()) for (const w of list) byId.set(w.id, w);
  // Pairs of checked workloads some rule names, evaluated once each below.
  const pairs = new Map<string, [IndexedWorkload, IndexedWorkload]>();
  for (const [id, iso] of isolation) {
    const w = byId.get(id)!;
    for (const direction of ['ingress', 'egress'] as const) {
      for (const rule of iso[direction] ?? []) {
        const rulePath = `spec.${direction}[${rule.index}]`;
        const peersField = direction === 'ingress' ? 'from' : 'to';
        if (rule.peers === undefined || rule.peers.length === 0) {
          // Every peer: anything, in or outside the cluster. Egress to anywhere is drawn to 0.0.0.0/0 declared
          // at the rule, so the BAA rules can name the policy that opened it.
          const ports = formatPorts(rulePorts(rule.ports, direction === 'ingress' ? w.namedPorts : undefined));
          const via = `NetworkPolicy ${rule.namespace}/${rule.policy.name} allows ${direction} ${direction === 'ingress' ? 'from' : 'to'} anywhere`;
          if (direction === 'ingress') {
            graph.node(internetNode());
            graph.edge({ from: INTERNET_ID, to: w.id, ports, transport: receiverTransport(w), via, source: rule.policy.source });
          } else {
            const anywhere = graph.node(cidrNode('0.0.0.0/0', [], { resource: rule.policy, namespace: rule.namespace, path: rulePath }));
            graph.edge({ from: w.id, to: anywhere.id, ports, transport: 'unknown', via, source: rule.policy.source });
          }
          continue;
        }
        rule.resolved ??= rule.peers.map((peer) => resolvePeer(index, peer, rule.namespace));
        rule.resolved.forEach((resolved, j) => {
          for (const other of resolved.workloads) {
            if (other.id === w.id) continue;
            const [from, to] = direction === 'ingress' ? [other, w] : [w, other];
            pairs.set(`${from.id}\u0000${to.id}`, [from, to]);
          }
          const declared = { resource: rule.policy, namespace: rule.namespace, path: `${rulePath}.${peersField}[${j}]` };
          const via = `NetworkPolicy ${rule.namespace}/${rule.policy.name}`;
          if (resolved.ipBlock !== undefined) {
            const node = graph.node(cidrNode(resolved.ipBlock.cidr, resolved.ipBlock.except, { ...declared, path: `${declared.path}.ipBlock.cidr` }));
            const ports = formatPorts(rulePorts(rule.ports, direction === 'ingress' ? w.namedPorts : undefined));
            if (direction === 'ingress') graph.edge({ from: node.id, to: w.id, ports, transport: receiverTransport(w), via, source: rule.policy.source });
            else graph.edge({ from: w.id, to: node.id, ports, transport: 'unknown', via, source: rule.policy.source });
          }
          if (resolved.node !== undefined) {
            const node = graph.node({ ...resolved.node, ...(resolved.node.kind === 'peer' ? { source: rule.policy.source, object: objectRef(rule.policy, rule.namespace), path: declared.path } : {}) });
            // Pods outside the checked set: only this side's policy is known.
            const ports = formatPorts(rulePorts(rule.ports, direction === 'ingress' ? w.namedPorts : undefined));
            if (direction === 'ingress') graph.edge({ from: node.id, to: w.id, ports, transport: receiverTransport(w), via, source: rule.policy.source });
            else graph.edge({ from: w.id, to: node.id, ports, transport: peerTransport(index, node.namespace), via, source: rule.policy.source });
          }
        });
      }
    }
  }
  for (const [from, to] of [...pairs.values()]) {
    const out = allowed(index, isolation.get(from.id), 'egress', from, to);
    const into = allowed(index, isolation.get(to.id), 'ingress', to, from);
    const ports = intersectPorts(out.ports, into.ports);
    if (isEmptyPorts(ports)) continue;
    graph.edge({
      from: from.id,
      to: to.id,
      ports: formatPorts(ports),
      transport: receiverTransport(to),
      via: [into.via, out.via].join(', '),
      source: into.source ?? out.source,
    });
  }
  // Exposure: workloads no policy selects for a direction.
  for (const list of index.workloads.values()) {
    for (const w of list) {
      const iso = isolation.get(w.id);
      const exposed: ('ingress' | 'egress')[] = [];
      if (iso?.ingress === undefined) exposed.push('ingress');
      if (iso?.egress === undefined) exposed.push('egress');
      if (exposed.length === 0) continue;
      graph.node(internetNode());
      const node = graph.get(w.id);
      if (node !== undefined) graph.replace({ ...node, exposed });
      if (exposed.includes('ingress')) {
        graph.edge({ from: INTERNET_ID, to: w.id, ports: ['*'], transport: receiverTransport(w), via: 'no NetworkPolicy selects the pod for ingress' });
      }
      if (exposed.includes('egress')) {
        graph.edge({ from: w.id, to: INTERNET_ID, ports: ['*'], transport: 'unknown', via: 'no NetworkPolicy selects the pod for egress' });
      }
    }
  }
}

/**
 * What `w`'s policies of one direction allow with `other` (ports resolved against the receiver's
 * named ports), and why: `any` when no policy isolates `w` in that direction.
 */
function allowed(index: ClusterIndex, iso: Isolation | undefined, direction: Direction, w: IndexedWorkload, other: IndexedWorkload): { ports: PortSet; via: string; source?: Resource['source'] } {
  const rules = iso?.[direction];
  if (rules === undefined) return { ports: 'any', via: `${direction === 'ingress' ? 'receiver' : 'sender'} not isolated for ${direction}` };
  const receiver = direction === 'ingress' ? w : other;
  let ports: PortSet = [];
  const policies = new Set<string>();
  let source: Resource['source'];
  for (const rule of rules) {
    const applies = rule.peers === undefined || rule.peers.length === 0 || rule.peers.some((p) => peerSelects(index, p, rule.namespace, other));
    if (!applies) continue;
    ports = unionPorts(ports, rulePorts(rule.ports, receiver.namedPorts));
    policies.add(`NetworkPolicy ${rule.namespace}/${rule.policy.name} (${direction})`);
    source ??= rule.policy.source;
  }
  return { ports, via: [...policies].sort().join(', '), source };
}

/** The policy types of a spec: as written, or Ingress plus Egress when it has egress rules. */
function policyTypes(spec: Record<string, any>): Direction[] {
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) {
    const out: Direction[] = [];
    if (spec.policyTypes.includes('Ingress')) out.push('ingress');
    if (spec.policyTypes.includes('Egress')) out.push('egress');
    return out;
  }
  return Array.isArray(spec.egress) ? ['ingress', 'egress'] : ['ingress'];
}

/** `mtls` when the receiving pods accept only mTLS, else unknown. */
export function receiverTransport(w: IndexedWorkload): EdgeTransport {
  return w.mtls ? 'mtls' : 'unknown';
}

/** `mtls` when pods of the peer's namespace accept only mTLS (unless they opt out, which the graph cannot see), else unknown. */
function peerTransport(index: ClusterIndex, ns: string | undefined): EdgeTransport {
  return ns !== undefined && podAcceptsOnlyMtls(index.ctx, ns, {}, {}) ? 'mtls' : 'unknown';
}
