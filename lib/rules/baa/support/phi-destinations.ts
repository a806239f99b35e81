/**
 * The external destinations of the PHI data-flow graph an object introduced, with what the BAA
 * register says about each: what every BAA rule reads. Pure functions of (graph, register,
 * object), so rules can be tested on hand-built graphs; not a rule.
 */
import type { Vendor, BaaRegister } from '../../../baa/baa-register';
import { resolveDestination } from '../../../baa/resolve-destination';
import type { Resource } from '../../../check/resource';
import type { Destination, FlowGraph, FlowNode, VendorMatch } from '../../../flows/flow-graph';

/** Which BAA rule judges an external node: by what the destination is. */
export type DestinationFamily = 'egress' | 'registry' | 'log-sink' | 'backup-target' | 'secret-store';

/** An external node an object introduced that PHI can reach, judged against the register. */
export interface PhiDestination {
  /** The node. */
  readonly node: FlowNode;
  /** What it is. */
  readonly destination: Destination;
  /** Which rule family judges it. */
  readonly family: DestinationFamily;
  /** What the register says about it. */
  readonly vendor: VendorMatch;
  /** The register's vendor that matched. @default - none matched */
  readonly registerVendor?: Vendor;
  /** The PHI ends of the edges that reach it, as messages name them (`workload clinic/api`), sorted. */
  readonly phiPeers: readonly string[];
  /** Field path of the object where the node is declared. */
  readonly path: string;
}

/** Where to look a node's object up: the graph's external nodes by the object that introduced them. */
interface GraphIndex {
  /** Kind -> name -> the nodes objects of that kind and name introduced (any namespace). */
  readonly byObject: Map<string, Map<string, { node: FlowNode; peers: string[] }[]>>;
}

const indexes = new WeakMap<FlowGraph, GraphIndex>();

/** The family of an external node with a destination; undefined for in-cluster nodes and nodes without one. */
export function familyOf(node: FlowNode): DestinationFamily | undefined {
  if (node.destination === undefined) return undefined;
  switch (node.kind) {
    case 'registry': return 'registry';
    case 'log-sink': return 'log-sink';
    case 'backup-target': return 'backup-target';
    case 'secret-store': return 'secret-store';
    case 'internet':
    case 'external-cidr':
    case 'external-host': return 'egress';
    default:
      return undefined;
  }
}

/**
 * The external nodes `resource` introduced (node.object names its kind, namespace and name) that a
 * PHI edge reaches, in node id order, each resolved against the register at `now` (the graph's own
 * vendor match when it has one).
 */
export function phiDestinationsOf(
  graph: FlowGraph, register: BaaRegister, resource: Resource, now: Date, defaultNamespace: string,
): PhiDestination[] {
  const entries = indexOf(graph).byObject.get(resource.kind)?.get(resource.name);
  if (entries === undefined) return [];
  const namespace = resource.namespace ?? defaultNamespace;
  const out: PhiDestination[] = [];
  for (const { node, peers } of entries) {
    const ns = node.object!.namespace;
    if (peers.length === 0 || (ns !== namespace && ns !== resource.namespace)) continue;
    const destination = node.destination!;
    const vendor = node.vendor ?? resolveDestination(register, destination, now);
    const registerVendor = vendor.vendorId === undefined ? undefined : register.vendors.find((v) => v.id === vendor.vendorId);
    out.push({ node, destination, family: familyOf(node)!, vendor, registerVendor, phiPeers: peers, path: node.path ?? '' });
  }
  return out.sort((a, b) => (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0));
}

/** Names the PHI ends of a destination for a message: `workload clinic/api`, `workload clinic/api and 2 more`. */
export function peersText(d: PhiDestination): string {
  const [first, ...rest] = d.phiPeers;
  return rest.length === 0 ? first : `${first} and ${rest.length} more`;
}

/** A vendor as messages name it: `AWS (aws)`, or `aws` when it has no name of its own. */
export function vendorText(vendor: Vendor | undefined, id: string | undefined): string {
  if (vendor === undefined) return id ?? 'unknown';
  return vendor.name !== undefined && vendor.name !== vendor.id ? `${vendor.name} (${vendor.id})` : vendor.id;
}

function indexOf(graph: FlowGraph): GraphIndex {
  let index = indexes.get(graph);
  if (index !== undefined) return index;
  const nodes = new Map<string, FlowNode>();
  for (const n of graph.nodes) nodes.set(n.id, n);
  const peers = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    if (!e.phi) continue;
    addPeer(peers, nodes, e.to, e.from);
    addPeer(peers, nodes, e.from, e.to);
  }
  const byObject: GraphIndex['byObject'] = new Map();
  for (const n of graph.nodes) {
    if (n.object === undefined || familyOf(n) === undefined) continue;
    let byName = byObject.get(n.object.kind);
    if (byName === undefined) byObject.set(n.object.kind, (byName = new Map()));
    const list = byName.get(n.object.name) ?? [];
    list.push({ node: n, peers: [...(peers.get(n.id) ?? [])].sort() });
    byName.set(n.object.name, list);
  }
  index = { byObject };
  indexes.set(graph, index);
  return index;
}

/** Records that PHI can travel between external node `id` and node `otherId` (named by its PHI end). */
function addPeer(peers: Map<string, Set<string>>, nodes: Map<string, FlowNode>, id: string, otherId: string): void {
  const node = nodes.get(id);
  if (node === undefined || familyOf(node) === undefined) return;
  const other = nodes.get(otherId);
  const name = other === undefined ? otherId : nodeText(other);
  let set = peers.get(id);
  if (set === undefined) peers.set(id, (set = new Set()));
  set.add(name);
}

/** A node as messages name it: `workload clinic/records-api`, `peer clinic/app=worker`. */
function nodeText(node: FlowNode): string {
  return `${node.kind} ${node.namespace !== undefined ? `${node.namespace}/` : ''}${node.label}`;
}
