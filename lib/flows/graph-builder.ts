/**
 * Collects the nodes and edges of the data-flow graph while the builders read the objects: a node
 * is added once (the first object that introduces it names it), an edge between the same two
 * nodes found twice (by a NetworkPolicy and a Service, by two policies) becomes one edge with the
 * ports and reasons of both. Ends the build sorted by id.
 */
import type { EdgeTransport, FlowEdge, FlowGraph, FlowNode } from './flow-graph';
import { mergePortTexts } from './ports';
import type { SourceLocation } from '../check/resource';

/** An edge as a builder adds it (`id`, `phi` and `vendor` are derived at the end). */
export interface EdgeInput {
  /** Id of the node that opens the connection. */
  readonly from: string;
  /** Id of the node that accepts it. */
  readonly to: string;
  /** Ports, as written in the graph (`TCP/5432`, `*`). */
  readonly ports: readonly string[];
  /** How it is protected in transit. */
  readonly transport: EdgeTransport;
  /** What allows it, in words. */
  readonly via: string;
  /** The object that allows it. @default - none */
  readonly source?: SourceLocation;
  /** PHI can travel on it even though neither end is a PHI node (a log forwarder reading every pod's logs). @default false */
  readonly phi?: boolean;
}

interface MutableEdge {
  from: string;
  to: string;
  ports: string[];
  transport: EdgeTransport;
  via: string[];
  source?: SourceLocation;
  phi: boolean;
}

/** Weakest first: merging two reasons for one edge keeps the weaker protection. */
const TRANSPORT_STRENGTH: Record<EdgeTransport, number> = { plaintext: 0, unknown: 1, tls: 2, mtls: 3 };

/** The graph under construction. */
export class FlowGraphBuilder {
  private readonly nodes = new Map<string, FlowNode>();
  private readonly edges = new Map<string, MutableEdge>();

  /** Adds a node unless one with its id exists; returns the node kept. */
  node(node: FlowNode): FlowNode {
    const existing = this.nodes.get(node.id);
    if (existing !== undefined) return existing;
    this.nodes.set(node.id, node);
    return node;
  }

  /** The node with this id, if added. */
  get(id: string): FlowNode | undefined {
    return this.nodes.get(id);
  }

  /** Replaces a node (same id), e.g. to add the exposure found after it was added. */
  replace(node: FlowNode): void {
    this.nodes.set(node.id, node);
  }

  /** Sets `vendor` on every node with a destination (external nodes), as the BAA register says. */
  resolveVendors(resolve: (d: NonNullable<FlowNode['destination']>) => NonNullable<FlowNode['vendor']>): void {
    for (const [id, n] of this.nodes) if (n.destination !== undefined) this.nodes.set(id, { ...n, vendor: resolve(n.destination) });
  }

  /** Adds an edge, or merges it into the edge between the same nodes. */
  edge(e: EdgeInput): void {
    const id = `${e.from}->${e.to}`;
    const existing = this.edges.get(id);
    if (existing === undefined) {
      this.edges.set(id, {
        from: e.from, to: e.to, ports: mergePortTexts(e.ports, []), transport: e.transport, via: [e.via], source: e.source, phi: e.phi ?? false,
      });
      return;
    }
    existing.ports = mergePortTexts(existing.ports, e.ports);
    if (TRANSPORT_STRENGTH[e.transport] < TRANSPORT_STRENGTH[existing.transport]) existing.transport = e.transport;
    if (!existing.via.includes(e.via)) existing.via.push(e.via);
    existing.source ??= e.source;
    existing.phi ||= e.phi ?? false;
  }

  /** The graph: nodes and edges sorted by id, edge PHI and vendor derived from their ends. */
  build(): FlowGraph {
    const nodes = [...this.nodes.values()].sort((a, b) => compare(a.id, b.id));
    const edges: FlowEdge[] = [];
    for (const [id, e] of [...this.edges].sort((a, b) => compare(a[0], b[0]))) {
      const from = this.nodes.get(e.from);
      const to = this.nodes.get(e.to);
      if (from === undefined || to === undefined) throw new Error(`flow graph: edge ${id} names a node that was not added`);
      const vendor = to.vendor;
      edges.push({
        id,
        from: e.from,
        to: e.to,
        ports: e.ports,
        phi: e.phi || from.phi || to.phi,
        transport: e.transport,
        via: [...e.via].sort(compare).join('; '),
        ...(vendor !== undefined ? { vendor } : {}),
        ...(e.source !== undefined ? { source: e.source } : {}),
      });
    }
    const namespaces = new Set<string>();
    for (const n of nodes) if (n.namespace !== undefined) namespaces.add(n.namespace);
    return { nodes, edges, namespaces: [...namespaces].sort(compare) };
  }
}

/** Code-unit order, the same on every machine (no locale). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
