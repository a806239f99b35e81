import type { FlowGraph } from './flow-graph';

/** The data-flow graph as a Mermaid `flowchart` (the text inside a ```mermaid block; GitHub renders it). */
export function renderFlowMermaid(_graph: FlowGraph): string {
  throw new Error('renderFlowMermaid: not implemented yet');
}
