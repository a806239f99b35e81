/**
 * The "PHI data flows" section of the Markdown report, when the metadata carries a flow graph: a
 * Mermaid diagram (GitHub renders it), the destinations outside the cluster with their vendor/BAA
 * status, and every flow. The tables are the evidence; the diagram only draws them, and is left
 * out above {@link MARKDOWN_MERMAID_EDGE_LIMIT} flows (Mermaid renderers refuse larger charts).
 */
import type { ReportMetadata } from './common';
import type { FlowGraph } from '../flows/flow-graph';
import { destinationRows, flowTableRows } from '../flows/flow-table';
import { renderFlowMermaid } from '../flows/render-mermaid';

/** Most flows drawn as a Mermaid block. */
export const MARKDOWN_MERMAID_EDGE_LIMIT = 300;

/** The section's lines (none when the metadata has no flow graph). */
export function flowGraphSection(meta: ReportMetadata): string[] {
  const graph = meta.flowGraph;
  if (graph === undefined) return [];
  const out: string[] = ['## PHI data flows', ''];
  const phi = graph.edges.filter((e) => e.phi).length;
  const exposed = graph.nodes.filter((n) => n.exposed !== undefined && n.exposed.length > 0);
  out.push(
    `${plural(graph.edges.length, 'flow')} between ${plural(graph.nodes.length, 'node')}, ${phi} of them can carry PHI ` +
      '(an end is a workload, Service or Ingress that counts as PHI, unclassified ones included). Read from NetworkPolicies ' +
      '(a flow between two workloads needs the sender\'s egress and the receiver\'s ingress), Services, Ingresses, Cilium ' +
      'policies, ServiceEntries, ExternalName Services, External Secrets stores, Velero backup locations, log forwarder ' +
      'configuration and container images. Transport mTLS: the receiving pods accept only mesh mTLS (STRICT).',
    '',
  );
  if (exposed.length > 0) {
    out.push(`**Exposed workloads** (no NetworkPolicy selects their pods for a direction, so anything may reach them or they may reach anything): ${exposed
      .map((n) => `${cell(`${n.namespace}/${n.label}`)} (${n.exposed!.join(', ')})`).join(', ')}.`, '');
  }
  if (graph.edges.length <= MARKDOWN_MERMAID_EDGE_LIMIT) {
    out.push('```mermaid', renderFlowMermaid(graph).trimEnd(), '```', '');
  } else {
    out.push(`The graph has more than ${MARKDOWN_MERMAID_EDGE_LIMIT} flows, too many to draw here; the tables below list every one (the HTML report and the DOT file draw it).`, '');
  }
  out.push(...destinations(graph, meta), ...flows(graph, meta));
  return out;
}

function destinations(graph: FlowGraph, meta: ReportMetadata): string[] {
  const rows = destinationRows(graph);
  if (rows.length === 0) return [];
  const out = ['### Destinations outside the cluster', ''];
  out.push('| Destination | Kind | Provider | Vendor / BAA | Flows in (PHI) | Declared in |', '|---|---|---|---|---:|---|');
  for (const r of rows) {
    out.push(`| ${code(r.name)} | ${r.kind} | ${r.provider === '' ? '-' : cell(r.provider)} | ${vendor(r.vendor, meta)} | ${r.flows.all} (${r.flows.phi}) | ${r.declaredIn === '' ? '-' : cell(r.declaredIn)} |`);
  }
  out.push('');
  return out;
}

function flows(graph: FlowGraph, meta: ReportMetadata): string[] {
  const rows = flowTableRows(graph);
  if (rows.length === 0) return ['No flows found.', ''];
  const out = ['### Flows', ''];
  out.push('| From | To | Ports | Transport | PHI | Via | Vendor / BAA |', '|---|---|---|---|---|---|---|');
  for (const r of rows) {
    out.push(`| ${cell(r.from)} | ${cell(r.to)} | ${cell(r.ports)} | ${r.transport} | ${r.phi ? '**PHI**' : 'no'} | ${cell(r.via)} | ${r.external ? vendor(r.vendor, meta) : '-'} |`);
  }
  out.push('');
  return out;
}

function vendor(text: string, meta: ReportMetadata): string {
  if (text !== '') return cell(text);
  return meta.baaRegister === undefined ? 'no BAA register given' : '-';
}

/** One table cell: one line, the characters escaped that would break the table or turn into markup. */
function cell(text: string): string {
  // Most cells need nothing: tested once, rewritten only then.
  const trimmed = text.trim();
  if (!CELL_SPECIAL.test(trimmed)) return trimmed;
  return trimmed.replace(/\s*\n\s*/g, ' ').replace(/[\\`*|<>_]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

const CELL_SPECIAL = /[\n\\`*|<>_]/;
const CODE_SPECIAL = /[\n|`]/;

/** A code span in a table cell. */
function code(text: string): string {
  if (!CODE_SPECIAL.test(text)) return `\`${text}\``;
  const oneLine = text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  const runs = oneLine.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
