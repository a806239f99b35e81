import type { FlowGraph } from './flow-graph';
import type { BaaRegister } from '../baa/baa-register';
import type { Resource } from '../check/resource';

/** Options of {@link buildFlowGraph}. */
export interface FlowGraphOptions {
  /** Namespace of namespaced objects that name none. @default 'default' */
  readonly defaultNamespace?: string;
  /** Whether objects nobody classified count as PHI, as in the check. @default true */
  readonly unclassifiedIsPhi?: boolean;
  /** The BAA register external nodes and edges are resolved against. @default - none: no vendor on any node */
  readonly baaRegister?: BaaRegister;
  /** The time BAA dates are judged against. @default - now */
  readonly now?: Date;
}

/** The PHI data-flow graph of a set of objects (linear in the objects). */
export function buildFlowGraph(_resources: readonly Resource[], _options: FlowGraphOptions = {}): FlowGraph {
  // FOUNDATION PLACEHOLDER (issue 13): the flow-graph helper replaces this with the real builder.
  return { nodes: [], edges: [], namespaces: [] };
}
