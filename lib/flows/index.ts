// The PHI data-flow graph: built from the checked objects, drawn as SVG, DOT and Mermaid, and as
// table rows the HTML and Markdown reports share.
export * from './flow-graph';
export { buildFlowGraph } from './build-flow-graph';
export type { FlowGraphOptions } from './build-flow-graph';
export { renderFlowDiagrams, WHOLE_GRAPH_LIMIT, DIAGRAM_NODE_LIMIT } from './render-svg';
export type { FlowDiagram } from './render-svg';
export { renderFlowDot } from './render-dot';
export { renderFlowMermaid } from './render-mermaid';
export { flowTableRows, destinationRows } from './flow-table';
export type { FlowTableRow, DestinationRow } from './flow-table';
