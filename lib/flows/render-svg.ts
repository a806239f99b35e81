import type { FlowGraph } from './flow-graph';

/** One drawn diagram of the data-flow graph. */
export interface FlowDiagram {
  /** What it shows (`All namespaces`, `Namespace patient-records`). */
  readonly title: string;
  /** The namespace it is limited to. @default - the whole graph */
  readonly namespace?: string;
  /** The diagram: a standalone `<svg>` element (no scripts, no external references). */
  readonly svg: string;
}

/**
 * The data-flow graph drawn as SVG: one diagram for a small graph, one per namespace above a size
 * (the flow table stays the complete evidence).
 */
export function renderFlowDiagrams(_graph: FlowGraph): FlowDiagram[] {
  throw new Error('renderFlowDiagrams: not implemented yet');
}
