/**
 * The data-flow graph as table rows, shared by the HTML and Markdown reports: one row per flow,
 * and one row per destination outside the cluster with its vendor/BAA status. The rows are the
 * evidence; the diagrams only draw them.
 */
import type { FlowGraph, FlowNode } from './flow-graph';
import { isExternal, KIND_TEXT, nodeName, portsText, TRANSPORT_TEXT, vendorText } from './flow-text';

/** One flow of the table. */
export interface FlowTableRow {
  /** Edge id (`from->to`). */
  readonly id: string;
  /** Who opens the connection, in words (`clinic/portal (Deployment)`). */
  readonly from: string;
  /** Who accepts it, in words. */
  readonly to: string;
  /** Ports in words (`TCP/8080`, `any port`). */
  readonly ports: string;
  /** Transport in words (`mTLS`, `TLS`, `plain text`, `unknown`). */
  readonly transport: string;
  /** Whether PHI can travel on it. */
  readonly phi: boolean;
  /** What allows it. */
  readonly via: string;
  /** The vendor/BAA status of an external destination in words; '' for in-cluster flows or when no register was given. */
  readonly vendor: string;
  /** Whether the receiving end is outside the cluster. */
  readonly external: boolean;
}

/** One destination outside the cluster. */
export interface DestinationRow {
  /** Node id. */
  readonly id: string;
  /** What it is, in words (`backup target`). */
  readonly kind: string;
  /** The destination (`s3://clinic-phi-backups`, `10.20.0.0/16`). */
  readonly name: string;
  /** Provider, service and account when known (`aws s3`, `aws ecr 123456789012`); ''. */
  readonly provider: string;
  /** The vendor/BAA status in words; '' when no register was given. */
  readonly vendor: string;
  /** How many flows reach it, and how many of them can carry PHI. */
  readonly flows: { readonly all: number; readonly phi: number };
  /** Where it was declared (`NetworkPolicy clinic/records-api spec.egress[1].to[0].ipBlock.cidr`); '' for a pseudo-node. */
  readonly declaredIn: string;
}

/** One row per flow, in edge id order. */
export function flowTableRows(graph: FlowGraph): FlowTableRow[] {
  const nodes = nodeMap(graph);
  return graph.edges.map((e) => {
    const to = nodes.get(e.to)!;
    return {
      id: e.id,
      from: nodeName(nodes.get(e.from)!),
      to: nodeName(to),
      ports: portsText(e.ports),
      transport: TRANSPORT_TEXT[e.transport],
      phi: e.phi,
      via: e.via,
      vendor: vendorText(e.vendor ?? to.vendor),
      external: isExternal(to),
    };
  });
}

/** One row per node outside the cluster (the internet included), in id order. */
export function destinationRows(graph: FlowGraph): DestinationRow[] {
  const into = new Map<string, { all: number; phi: number }>();
  for (const e of graph.edges) {
    const c = into.get(e.to) ?? { all: 0, phi: 0 };
    c.all++;
    if (e.phi) c.phi++;
    into.set(e.to, c);
  }
  return graph.nodes.filter(isExternal).map((n) => ({
    id: n.id,
    kind: KIND_TEXT[n.kind],
    name: n.label,
    provider: [n.destination?.provider, n.destination?.service, n.destination?.account].filter((x) => x !== undefined).join(' '),
    vendor: vendorText(n.vendor),
    flows: into.get(n.id) ?? { all: 0, phi: 0 },
    declaredIn: declaredIn(n),
  }));
}

/** `Kind namespace/name path`, or '' for a pseudo-node. */
export function declaredIn(n: FlowNode): string {
  if (n.object === undefined) return '';
  return `${n.object.kind} ${n.object.namespace !== undefined ? `${n.object.namespace}/` : ''}${n.object.name}${n.path !== undefined ? ` ${n.path}` : ''}`;
}

function nodeMap(graph: FlowGraph): Map<string, FlowNode> {
  return new Map(graph.nodes.map((n) => [n.id, n]));
}
