/**
 * How the renderers and the flow table name nodes, transports and vendor statuses, so the SVG,
 * DOT, Mermaid and the tables of the HTML and Markdown reports say the same things.
 */
import type { EdgeTransport, FlowNode, FlowNodeKind, VendorMatch } from './flow-graph';

/** Words for a transport. */
export const TRANSPORT_TEXT: Record<EdgeTransport, string> = { mtls: 'mTLS', tls: 'TLS', plaintext: 'plain text', unknown: 'unknown' };

/** Words for a node kind. */
export const KIND_TEXT: Record<FlowNodeKind, string> = {
  'internet': 'internet',
  'ingress-controller': 'ingress controller',
  'ingress': 'Ingress host',
  'service': 'Service',
  'workload': 'workload',
  'peer': 'pods outside the checked objects',
  'external-cidr': 'IP block',
  'external-host': 'external host',
  'secret-store': 'secret store',
  'backup-target': 'backup target',
  'log-sink': 'log sink',
  'registry': 'image registry',
};

/** Words for a vendor status. */
export const VENDOR_STATUS_TEXT: Record<VendorMatch['status'], string> = {
  'internal': 'internal network',
  'covered': 'BAA covered',
  'expired': 'BAA expired',
  'no-baa': 'no BAA',
  'not-eligible': 'service not HIPAA-eligible',
  'unregistered': 'not in the BAA register',
};

/** Whether a node stands for something outside the cluster. */
export function isExternal(node: FlowNode): boolean {
  return node.destination !== undefined || node.kind === 'internet';
}

/** A node as a table names it: `clinic/portal (Deployment)`, `Service clinic/portal`, `portal.example.com`, `10.20.0.0/16`. */
export function nodeName(node: FlowNode): string {
  switch (node.kind) {
    case 'workload':
      return `${node.namespace}/${node.label}${node.object ? ` (${node.object.kind})` : ''}`;
    case 'service':
      return `Service ${node.namespace}/${node.label}`;
    case 'ingress':
      return `Ingress host ${node.label}`;
    default:
      return node.label;
  }
}

/** The lines DOT and Mermaid print in a node: label, kind, PHI, exposure and vendor status, those that apply. */
export function nodeTextLines(n: FlowNode): string[] {
  const lines = [n.label];
  const kind = kindLine(n);
  if (kind !== undefined) lines.push(kind);
  if (n.phi) lines.push('PHI');
  if (n.exposed && n.exposed.length > 0) lines.push(`EXPOSED: ${n.exposed.join(', ')}`);
  const badge = vendorBadge(n);
  if (badge !== undefined) lines.push(badge);
  return lines;
}

/** The second line diagrams print under a node's label: the workload's kind or the node kind; undefined when it repeats the label. */
export function kindLine(node: FlowNode): string | undefined {
  const text = node.kind === 'workload' && node.object ? node.object.kind : KIND_TEXT[node.kind];
  return text === node.label ? undefined : text;
}

/** A vendor match in words: `BAA covered (aws): AWS BAA signed ...`. */
export function vendorText(vendor: VendorMatch | undefined): string {
  if (vendor === undefined) return '';
  return `${VENDOR_STATUS_TEXT[vendor.status]}${vendor.vendorId !== undefined ? ` (${vendor.vendorId})` : ''}: ${vendor.reason}`;
}

/** The short vendor line a diagram prints on an external node. */
export function vendorBadge(node: FlowNode): string | undefined {
  if (!isExternal(node)) return undefined;
  if (node.vendor === undefined) return node.kind === 'internet' ? undefined : 'BAA: no register given';
  return `BAA: ${VENDOR_STATUS_TEXT[node.vendor.status]}${node.vendor.vendorId !== undefined ? ` (${node.vendor.vendorId})` : ''}`;
}

/** The ports of an edge in words: `TCP/8080`, `any port`. */
export function portsText(ports: readonly string[]): string {
  return ports.length === 1 && ports[0] === '*' ? 'any port' : ports.join(', ');
}
