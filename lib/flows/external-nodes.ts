/**
 * Nodes for destinations outside the cluster, with the `destination` the BAA register is matched
 * against. One node per destination: two objects naming the same bucket or host share it (the
 * first one read names it, for findings).
 */
import { objectRef } from './cluster-index';
import type { Destination, FlowNode, FlowNodeKind } from './flow-graph';
import { INTERNET_ID } from './peers';
import type { Resource } from '../check/resource';

/** Where a node was declared: the object and the field path. */
export interface Declared {
  /** The object. */
  readonly resource: Resource;
  /** Its namespace, when namespaced. @default - cluster-scoped */
  readonly namespace?: string;
  /** Field path of the declaration. */
  readonly path: string;
}

/**
 * The node of an IP block. `0.0.0.0/0` stays an IP block (not the internet pseudo-node) so the
 * object that opened it is named, and the BAA rules report there.
 */
export function cidrNode(cidr: string, except: readonly string[], at: Declared): FlowNode {
  const text = except.length > 0 ? `${cidr} except ${[...except].sort().join(', ')}` : cidr;
  return externalNode('external-cidr', `cidr:${text}`, text, { type: 'cidr', value: cidr, ...(except.length > 0 ? { except: [...except].sort() } : {}) }, at);
}

/** The node of a host name outside the cluster. */
export function hostNode(host: string, at: Declared): FlowNode {
  return externalNode('external-host', `host:${host}`, host, { type: 'host', value: host }, at);
}

/** An external node of any kind. */
export function externalNode(kind: FlowNodeKind, id: string, label: string, destination: Destination, at: Declared): FlowNode {
  return {
    id,
    kind,
    label,
    phi: false,
    destination,
    source: at.resource.source,
    object: objectRef(at.resource, at.namespace),
    path: at.path,
  };
}

/** Whether a node id is the internet's. */
export function isInternet(id: string): boolean {
  return id === INTERNET_ID;
}
