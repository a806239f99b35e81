/**
 * The data-flow graph as a Mermaid `flowchart LR` (the text inside a ```mermaid block; GitHub
 * renders it): a subgraph per namespace, PHI nodes styled and marked `PHI` in their label (not
 * colour alone), exposed workloads marked, edges labelled with ports and transport. Node ids are
 * `n<index>` (the node's position in the id-sorted graph), so no id can break the syntax; labels
 * are quoted with Mermaid's entity codes for the characters that would end or change them.
 */
import type { FlowGraph, FlowNode } from './flow-graph';
import { nodeTextLines, portsText, TRANSPORT_TEXT } from './flow-text';

/** Text for inside a quoted Mermaid label: `"`, `#`, `<`, `>`, `&`, backticks and line breaks as entity codes. */
export function mermaidText(s: string): string {
  let out = '';
  for (const ch of s) {
    switch (ch) {
      case '#': out += '#35;'; break;
      case '"': out += '#quot;'; break;
      case '<': out += '#lt;'; break;
      case '>': out += '#gt;'; break;
      case '&': out += '#amp;'; break;
      case '`': out += '#96;'; break;
      case '|': out += '#124;'; break;
      case '\n': case '\r': out += ' '; break;
      default: out += ch;
    }
  }
  return out;
}

/** The data-flow graph as a Mermaid `flowchart`. */
export function renderFlowMermaid(graph: FlowGraph): string {
  const ids = new Map<string, string>();
  graph.nodes.forEach((n, i) => ids.set(n.id, `n${i}`));
  const out: string[] = ['flowchart LR'];
  const byNamespace = new Map<string, FlowNode[]>();
  for (const n of graph.nodes) {
    if (n.namespace === undefined) {
      out.push(`  ${ids.get(n.id)}${shape(n)}`);
      continue;
    }
    const list = byNamespace.get(n.namespace);
    if (list) list.push(n);
    else byNamespace.set(n.namespace, [n]);
  }
  graph.namespaces.forEach((ns, i) => {
    const nodes = byNamespace.get(ns) ?? [];
    if (nodes.length === 0) return;
    out.push(`  subgraph ns${i}["${mermaidText(`namespace ${ns}`)}"]`);
    for (const n of nodes) out.push(`    ${ids.get(n.id)}${shape(n)}`);
    out.push('  end');
  });
  const phiLinks: number[] = [];
  graph.edges.forEach((e, i) => {
    const label = `${portsText(e.ports)} · ${TRANSPORT_TEXT[e.transport]}${e.phi ? ' · PHI' : ''}`;
    const arrow = e.transport === 'plaintext' || e.transport === 'unknown' ? '-.->' : '-->';
    out.push(`  ${ids.get(e.from)} ${arrow}|"${mermaidText(label)}"| ${ids.get(e.to)}`);
    if (e.phi) phiLinks.push(i);
  });
  out.push('  classDef phi fill:#fde2e1,stroke:#b42318,stroke-width:2px,color:#1a1a1a');
  out.push('  classDef exposed stroke:#b54708,stroke-width:3px,stroke-dasharray:4 2');
  out.push('  classDef external fill:#eef4ff,stroke:#3538cd,color:#1a1a1a');
  const phi = graph.nodes.filter((n) => n.phi).map((n) => ids.get(n.id));
  const exposed = graph.nodes.filter((n) => n.exposed && n.exposed.length > 0).map((n) => ids.get(n.id));
  const external = graph.nodes.filter((n) => !n.phi && (n.destination !== undefined || n.kind === 'internet')).map((n) => ids.get(n.id));
  if (phi.length > 0) out.push(`  class ${phi.join(',')} phi`);
  if (external.length > 0) out.push(`  class ${external.join(',')} external`);
  if (exposed.length > 0) out.push(`  class ${exposed.join(',')} exposed`);
  if (phiLinks.length > 0) out.push(`  linkStyle ${phiLinks.join(',')} stroke:#b42318,stroke-width:2px`);
  return `${out.join('\n')}\n`;
}

function shape(n: FlowNode): string {
  const lines = nodeTextLines(n);
  const text = lines.map(mermaidText).join('<br/>');
  if (n.kind === 'internet' || n.kind === 'ingress-controller') return `(["${text}"])`;
  if (n.destination !== undefined) return `[/"${text}"/]`;
  return `["${text}"]`;
}
