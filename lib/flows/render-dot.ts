/**
 * The data-flow graph as Graphviz DOT: namespaces as clusters, PHI nodes and flows in red with a
 * `PHI` marker in their label (not colour alone), exposed workloads marked, edges labelled with
 * their ports and transport, external nodes with their vendor/BAA status. Every id and label is a
 * quoted, escaped DOT string. Deterministic: nodes and edges in id order.
 */
import type { FlowEdge, FlowGraph, FlowNode } from './flow-graph';
import { nodeTextLines, portsText, TRANSPORT_TEXT } from './flow-text';

/** A DOT quoted string: `"` and `\` escaped, line breaks as `\n`. */
export function dotString(s: string): string {
  if (!/["\\\r\n]/.test(s)) return `"${s}"`;
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** The data-flow graph as Graphviz DOT. */
export function renderFlowDot(graph: FlowGraph): string {
  const out: string[] = [
    'digraph "phi-data-flows" {',
    '  graph [rankdir=LR, fontname="Helvetica", label="PHI data flows", labelloc=t];',
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const byNamespace = new Map<string, FlowNode[]>();
  const outside: FlowNode[] = [];
  for (const n of graph.nodes) {
    if (n.namespace === undefined) {outside.push(n);} else {
      const list = byNamespace.get(n.namespace);
      if (list) list.push(n);
      else byNamespace.set(n.namespace, [n]);
    }
  }
  for (const n of outside) out.push(`  ${nodeLine(n)}`);
  graph.namespaces.forEach((ns, i) => {
    const nodes = byNamespace.get(ns) ?? [];
    if (nodes.length === 0) return;
    out.push(`  subgraph "cluster_${i}" {`, `    label=${dotString(`namespace ${ns}`)};`, '    style="rounded,dashed";', '    color="#888888";');
    for (const n of nodes) out.push(`    ${nodeLine(n)}`);
    out.push('  }');
  });
  for (const e of graph.edges) out.push(`  ${edgeLine(e)}`);
  out.push('}', '');
  return out.join('\n');
}

function nodeLine(n: FlowNode): string {
  const lines = nodeTextLines(n);
  const attrs = [`label=${dotString(lines.join('\n'))}`, `tooltip=${dotString(n.id)}`];
  if (n.kind === 'internet' || n.kind === 'ingress-controller') attrs.push('shape=ellipse');
  else if (n.destination !== undefined) attrs.push('shape=component');
  if (n.phi) attrs.push('color="#b42318"', 'fillcolor="#fde2e1"', 'penwidth=2');
  if (n.exposed && n.exposed.length > 0) attrs.push('peripheries=2');
  return `${dotString(n.id)} [${attrs.join(', ')}];`;
}

function edgeLine(e: FlowEdge): string {
  const label = `${portsText(e.ports)}\n${TRANSPORT_TEXT[e.transport]}${e.phi ? ' · PHI' : ''}`;
  const attrs = [`label=${dotString(label)}`, `tooltip=${dotString(e.via)}`];
  if (e.phi) attrs.push('color="#b42318"', 'fontcolor="#b42318"', 'penwidth=1.6');
  if (e.transport === 'plaintext') attrs.push('style=dashed');
  else if (e.transport === 'unknown') attrs.push('style=dotted');
  return `${dotString(e.from)} -> ${dotString(e.to)} [${attrs.join(', ')}];`;
}
