import type { FlowGraph } from './flow-graph';

/** The data-flow graph as Graphviz DOT. */
export function renderFlowDot(_graph: FlowGraph): string {
  throw new Error('renderFlowDot: not implemented yet');
}
