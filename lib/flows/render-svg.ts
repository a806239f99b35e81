/**
 * The data-flow graph drawn as SVG, with our own layered layout (no dependency): columns by node
 * kind, left to right — internet | ingress controller | Ingress hosts | Services | workloads |
 * peers | destinations outside the cluster (IP blocks, hosts, secret stores, backup targets, log
 * sinks, registries, and the internet again as the destination of egress) — and in the Ingress,
 * Service and workload columns one band per namespace. PHI nodes and flows are red AND marked
 * `PHI` in text; exposed workloads carry an `EXPOSED` line and a double border; external nodes
 * carry their vendor/BAA status; edges are labelled with ports and transport.
 *
 * Up to {@link WHOLE_GRAPH_LIMIT} nodes: one diagram. Above: one diagram per namespace (its nodes
 * and their direct neighbours) and an overview of the external destinations, with the namespaces
 * folded into one node each. A diagram never draws more than {@link DIAGRAM_NODE_LIMIT} nodes (it
 * says how many it left out): the flow table stays the complete evidence.
 *
 * Deterministic: positions follow the id-sorted graph; integer coordinates. Standalone `<svg>`
 * with width, height, viewBox and a `<title>`; no scripts, no external references.
 */
import type { FlowEdge, FlowGraph, FlowNode, FlowNodeKind } from './flow-graph';
import { kindLine, portsText, TRANSPORT_TEXT, vendorBadge } from './flow-text';
import { compare } from './graph-builder';

/** One drawn diagram of the data-flow graph. */
export interface FlowDiagram {
  /** What it shows (`All namespaces`, `Namespace patient-records`). */
  readonly title: string;
  /** The namespace it is limited to. @default - the whole graph */
  readonly namespace?: string;
  /** The diagram: a standalone `<svg>` element (no scripts, no external references). */
  readonly svg: string;
}

/** Largest graph drawn as one diagram. */
export const WHOLE_GRAPH_LIMIT = 60;
/** Most nodes one diagram draws. */
export const DIAGRAM_NODE_LIMIT = 150;

const NODE_W = 210;
const NODE_H = 50;
const ROW_GAP = 14;
const COL_GAP = 130;
const MARGIN = 24;
const TITLE_H = 34;
const BAND_PAD = 10;
const BAND_LABEL_H = 18;

const RED = '#b42318';
const RED_FILL = '#fde2e1';
const ORANGE = '#b54708';
const BLUE = '#3538cd';
const BLUE_FILL = '#eef4ff';
const GREY = '#667085';

/** Column of each node kind (before empty columns are dropped). */
const COLUMN: Record<FlowNodeKind, number> = {
  'internet': 0,
  'ingress-controller': 1,
  'ingress': 2,
  'service': 3,
  'workload': 4,
  'peer': 5,
  'external-cidr': 6,
  'external-host': 6,
  'secret-store': 6,
  'backup-target': 6,
  'log-sink': 6,
  'registry': 6,
};
/** Columns drawn in namespace bands. */
const BANDED = new Set([2, 3, 4]);
/** The internet drawn again as a destination, in the last column. */
const INTERNET_OUT = 'internet\u0000out';

/**
 * The data-flow graph drawn as SVG: one diagram for a small graph, one per namespace above a size
 * (the flow table stays the complete evidence).
 */
export function renderFlowDiagrams(graph: FlowGraph): FlowDiagram[] {
  if (graph.nodes.length === 0) return [{ title: 'All namespaces', svg: drawDiagram(graph, 'PHI data flows: no flows found', 0) }];
  if (graph.nodes.length <= WHOLE_GRAPH_LIMIT) return [{ title: 'All namespaces', svg: drawDiagram(graph, 'PHI data flows: all namespaces', 0) }];
  const diagrams: FlowDiagram[] = [];
  let n = 0;
  const split = namespaceGraphs(graph);
  for (const ns of graph.namespaces) {
    const sub = split.get(ns) ?? { nodes: [], edges: [], namespaces: [] };
    if (sub.nodes.length === 0) continue;
    diagrams.push({ title: `Namespace ${ns}`, namespace: ns, svg: drawDiagram(sub, `PHI data flows: namespace ${ns}`, ++n) });
  }
  diagrams.push({ title: 'External destinations', svg: drawDiagram(externalOverview(graph), 'PHI data flows: destinations outside the cluster, by namespace', ++n) });
  return diagrams;
}

/** The nodes of a namespace, the nodes they exchange flows with, and those flows. */
export function namespaceGraph(graph: FlowGraph, ns: string): FlowGraph {
  return namespaceGraphs(graph).get(ns) ?? { nodes: [], edges: [], namespaces: [] };
}

/** {@link namespaceGraph} of every namespace, in one pass over the edges (linear in the graph). */
function namespaceGraphs(graph: FlowGraph): Map<string, FlowGraph> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const parts = new Map<string, { ids: Set<string>; edges: FlowEdge[] }>();
  const part = (ns: string) => {
    let p = parts.get(ns);
    if (p === undefined) parts.set(ns, (p = { ids: new Set(), edges: [] }));
    return p;
  };
  for (const n of graph.nodes) if (n.namespace !== undefined) part(n.namespace).ids.add(n.id);
  for (const e of graph.edges) {
    const a = byId.get(e.from)?.namespace;
    const b = byId.get(e.to)?.namespace;
    for (const ns of a === b || b === undefined ? [a] : a === undefined ? [b] : [a, b]) {
      if (ns === undefined) continue;
      const p = part(ns);
      p.edges.push(e);
      p.ids.add(e.from);
      p.ids.add(e.to);
    }
  }
  const out = new Map<string, FlowGraph>();
  for (const [ns, p] of parts) {
    const nodes = [...p.ids].sort(compare).map((id) => byId.get(id)!);
    const namespaces = [...new Set(nodes.map((n) => n.namespace).filter((x): x is string => x !== undefined))].sort(compare);
    out.set(ns, { nodes, edges: p.edges, namespaces });
  }
  return out;
}

/** Destinations outside the cluster, each namespace folded into one node: which namespaces send where. */
export function externalOverview(graph: FlowGraph): FlowGraph {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  // Accumulated per folded node and per folded edge, built once at the end (one object per flow
  // was most of this function's time on 30,000 flows).
  const folded = new Map<string, { namespace: string; phi: boolean }>();
  const edges = new Map<string, { from: string; to: string; ports: Set<string>; phi: boolean; transport: FlowEdge['transport'] }>();
  const external = new Map<string, FlowNode>();
  for (const e of graph.edges) {
    const from = byId.get(e.from)!;
    const to = byId.get(e.to)!;
    if (to.destination === undefined || from.namespace === undefined) continue;
    const fid = `namespace:${from.namespace}`;
    const node = folded.get(fid);
    if (node === undefined) folded.set(fid, { namespace: from.namespace, phi: from.phi });
    else node.phi ||= from.phi;
    external.set(to.id, to);
    const id = `${fid}->${to.id}`;
    const edge = edges.get(id);
    if (edge === undefined) {
      edges.set(id, { from: fid, to: to.id, ports: new Set(e.ports), phi: e.phi, transport: e.transport });
    } else {
      for (const port of e.ports) edge.ports.add(port);
      edge.phi ||= e.phi;
      if (edge.transport !== e.transport) edge.transport = 'unknown';
    }
  }
  const foldedNodes: FlowNode[] = [...folded].map(([id, n]) => ({ id, kind: 'workload', label: `namespace ${n.namespace}`, namespace: n.namespace, phi: n.phi }));
  const nodes = [...foldedNodes, ...external.values()].sort((a, b) => compare(a.id, b.id));
  const namespaces = [...new Set(foldedNodes.map((n) => n.namespace!))].sort(compare);
  const folds: FlowEdge[] = [...edges].map(([id, e]) => ({
    id, from: e.from, to: e.to, ports: [...e.ports].sort(compare), phi: e.phi, transport: e.transport, via: 'flows of the namespace',
  }));
  return { nodes, edges: folds.sort((a, b) => compare(a.id, b.id)), namespaces };
}

interface Placed {
  readonly node: FlowNode;
  readonly key: string;
  readonly x: number;
  readonly y: number;
}

interface Band {
  readonly namespace: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Draws one diagram. */
function drawDiagram(full: FlowGraph, title: string, index: number): string {
  const graph = limit(full);
  const left = full.nodes.length - graph.nodes.length;
  const p = `fd${index}-`;
  // Which nodes go where: the internet splits into a source (left) and a destination (right) copy.
  const internetIn = graph.edges.some((e) => e.from === 'internet');
  const internetOut = graph.edges.some((e) => e.to === 'internet');
  const columns = new Map<number, { node: FlowNode; key: string }[]>();
  const put = (col: number, node: FlowNode, key: string) => {
    const list = columns.get(col);
    if (list) list.push({ node, key });
    else columns.set(col, [{ node, key }]);
  };
  for (const n of graph.nodes) {
    if (n.kind === 'internet') {
      if (internetIn || !internetOut) put(0, n, n.id);
      if (internetOut) put(7, n, INTERNET_OUT);
      continue;
    }
    put(COLUMN[n.kind], n, n.id);
  }
  const used = [...columns.keys()].sort((a, b) => a - b);
  const colX = new Map(used.map((c, i) => [c, MARGIN + i * (NODE_W + COL_GAP)]));
  const placed = new Map<string, Placed>();
  const bands: Band[] = [];
  const top = MARGIN + TITLE_H;
  let bottom = top;
  // Banded columns: one band per namespace, rows shared across the Ingress, Service and workload columns.
  const bandedCols = used.filter((c) => BANDED.has(c));
  if (bandedCols.length > 0) {
    let y = top;
    const namespaces = [...new Set(bandedCols.flatMap((c) => columns.get(c)!.map((e) => e.node.namespace ?? '')))].sort(compare);
    for (const ns of namespaces) {
      let rows = 0;
      for (const c of bandedCols) {
        const inBand = orderInBand(columns.get(c)!.filter((e) => (e.node.namespace ?? '') === ns), c, graph);
        const x = colX.get(c)!;
        inBand.forEach((e, i) => placed.set(e.key, { node: e.node, key: e.key, x, y: y + BAND_LABEL_H + BAND_PAD + i * (NODE_H + ROW_GAP) }));
        rows = Math.max(rows, inBand.length);
      }
      const h = BAND_LABEL_H + 2 * BAND_PAD + rows * (NODE_H + ROW_GAP) - ROW_GAP;
      const x0 = colX.get(bandedCols[0])! - BAND_PAD;
      const x1 = colX.get(bandedCols[bandedCols.length - 1])! + NODE_W + BAND_PAD;
      bands.push({ namespace: ns, x: x0, y, w: x1 - x0, h });
      y += h + ROW_GAP;
    }
    bottom = Math.max(bottom, y);
  }
  for (const c of used) {
    if (BANDED.has(c)) continue;
    const list = columns.get(c)!;
    // The destination column by kind, then id; others by id.
    if (c >= 6) list.sort((a, b) => COLUMN_ORDER.indexOf(a.node.kind) - COLUMN_ORDER.indexOf(b.node.kind) || compare(a.node.id, b.node.id));
    const height = list.length * (NODE_H + ROW_GAP) - ROW_GAP;
    // Centre short columns against the bands.
    const start = top + Math.max(0, Math.floor((bottom - top - height) / 2));
    list.forEach((e, i) => placed.set(e.key, { node: e.node, key: e.key, x: colX.get(c)!, y: start + i * (NODE_H + ROW_GAP) }));
    bottom = Math.max(bottom, start + height + ROW_GAP);
  }
  const width = Math.max(420, MARGIN * 2 + used.length * NODE_W + Math.max(0, used.length - 1) * COL_GAP);
  const legendY = bottom + 6;
  const height = legendY + 40 + (left > 0 ? 18 : 0);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${p}title" font-family="Helvetica, Arial, sans-serif">`);
  out.push(`<title id="${p}title">${esc(title)}</title>`);
  out.push('<defs>',
    `<marker id="${p}arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${GREY}"/></marker>`,
    `<marker id="${p}arrow-phi" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${RED}"/></marker>`,
    '</defs>');
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${MARGIN}" y="${MARGIN + 14}" font-size="16" font-weight="bold" fill="#101828">${esc(title)}</text>`);
  for (const b of bands) {
    out.push(`<g class="namespace"><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="8" fill="#f8f9fc" stroke="#98a2b3" stroke-dasharray="5 3"/>` +
      `<text x="${b.x + 8}" y="${b.y + 14}" font-size="11" fill="#344054">namespace ${esc(b.namespace)}</text></g>`);
  }
  // Edges under the nodes, labels above the edges.
  const labels: string[] = [];
  for (const e of graph.edges) {
    const a = placed.get(e.from);
    const b = placed.get(e.to === 'internet' ? INTERNET_OUT : e.to) ?? placed.get(e.to);
    if (a === undefined || b === undefined) continue;
    const path = edgePath(a, b);
    const colour = e.phi ? RED : GREY;
    const dash = e.transport === 'plaintext' ? ' stroke-dasharray="6 4"' : e.transport === 'unknown' ? ' stroke-dasharray="2 3"' : '';
    out.push(`<path class="flow${e.phi ? ' phi' : ''}" d="${path.d}" fill="none" stroke="${colour}" stroke-width="${e.phi ? 1.8 : 1.2}"${dash} marker-end="url(#${p}arrow${e.phi ? '-phi' : ''})"><title>${esc(`${e.from} -> ${e.to}: ${e.via}`)}</title></path>`);
    const text = `${shorten(portsText(e.ports), 22)} · ${TRANSPORT_TEXT[e.transport]}${e.phi ? ' · PHI' : ''}`;
    const w = Math.ceil(text.length * 5.4) + 6;
    labels.push(`<g class="flow-label"><rect x="${path.lx - Math.floor(w / 2)}" y="${path.ly - 8}" width="${w}" height="13" rx="3" fill="#ffffff" fill-opacity="0.9"/>` +
      `<text x="${path.lx}" y="${path.ly + 2}" font-size="9" text-anchor="middle" fill="${e.phi ? RED : '#344054'}">${esc(text)}</text></g>`);
  }
  out.push(...labels);
  for (const pl of [...placed.values()].sort((x, y) => compare(x.key, y.key))) out.push(nodeSvg(pl));
  // Legend: what colour and line style mean, in words.
  out.push('<g class="legend" font-size="10" fill="#344054">' +
    `<rect x="${MARGIN}" y="${legendY}" width="14" height="10" fill="${RED_FILL}" stroke="${RED}" stroke-width="2"/><text x="${MARGIN + 20}" y="${legendY + 9}">PHI node / flow (also marked "PHI")</text>` +
    `<rect x="${MARGIN + 230}" y="${legendY}" width="14" height="10" fill="#ffffff" stroke="${ORANGE}" stroke-width="3"/><text x="${MARGIN + 250}" y="${legendY + 9}">EXPOSED: no NetworkPolicy selects the pods</text>` +
    `<line x1="${MARGIN}" y1="${legendY + 24}" x2="${MARGIN + 30}" y2="${legendY + 24}" stroke="${GREY}"/><text x="${MARGIN + 36}" y="${legendY + 27}">mTLS / TLS</text>` +
    `<line x1="${MARGIN + 120}" y1="${legendY + 24}" x2="${MARGIN + 150}" y2="${legendY + 24}" stroke="${GREY}" stroke-dasharray="6 4"/><text x="${MARGIN + 156}" y="${legendY + 27}">plain text</text>` +
    `<line x1="${MARGIN + 230}" y1="${legendY + 24}" x2="${MARGIN + 260}" y2="${legendY + 24}" stroke="${GREY}" stroke-dasharray="2 3"/><text x="${MARGIN + 266}" y="${legendY + 27}">transport unknown</text>` +
    (left > 0 ? `<text x="${MARGIN}" y="${legendY + 45}">${esc(`${left} more nodes not drawn (limit ${DIAGRAM_NODE_LIMIT}); the flow table lists every flow.`)}</text>` : '') +
    '</g>');
  out.push('</svg>');
  return out.join('\n');
}

/** Destination column order by kind. */
const COLUMN_ORDER: readonly FlowNodeKind[] = ['external-cidr', 'external-host', 'secret-store', 'backup-target', 'log-sink', 'registry', 'internet'];

/** At most DIAGRAM_NODE_LIMIT nodes: PHI and exposed nodes first, then by id; edges between the kept nodes. */
function limit(graph: FlowGraph): FlowGraph {
  if (graph.nodes.length <= DIAGRAM_NODE_LIMIT) return graph;
  const ranked = [...graph.nodes].sort((a, b) => rank(a) - rank(b) || compare(a.id, b.id)).slice(0, DIAGRAM_NODE_LIMIT);
  const keep = new Set(ranked.map((n) => n.id));
  const edges = graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to));
  return { nodes: graph.nodes.filter((n) => keep.has(n.id)), edges, namespaces: graph.namespaces };
}

function rank(n: FlowNode): number {
  if (n.destination !== undefined || n.kind === 'internet' || n.kind === 'ingress-controller') return 0;
  if (n.exposed !== undefined && n.exposed.length > 0) return 1;
  return n.phi ? 2 : 3;
}

/** Rows of a band column: workloads by id; Services by the first workload they reach; Ingress hosts by the first Service. */
function orderInBand(list: { node: FlowNode; key: string }[], col: number, graph: FlowGraph): { node: FlowNode; key: string }[] {
  const sorted = [...list].sort((a, b) => compare(a.node.id, b.node.id));
  if (col === 4) return sorted;
  const targetKind: FlowNodeKind = col === 3 ? 'workload' : 'service';
  const firstTarget = new Map<string, string>();
  for (const e of graph.edges) {
    if (!e.to.startsWith(`${targetKind}:`)) continue;
    const prior = firstTarget.get(e.from);
    if (prior === undefined || compare(e.to, prior) < 0) firstTarget.set(e.from, e.to);
  }
  return sorted.sort((a, b) => compare(firstTarget.get(a.node.id) ?? '\uffff', firstTarget.get(b.node.id) ?? '\uffff') || compare(a.node.id, b.node.id));
}

/** A cubic curve between two boxes, and where its label goes. */
function edgePath(a: Placed, b: Placed): { d: string; lx: number; ly: number } {
  const ay = a.y + NODE_H / 2;
  const by = b.y + NODE_H / 2;
  if (b.x > a.x) {
    const x1 = a.x + NODE_W;
    const x2 = b.x;
    const dx = Math.round((x2 - x1) / 2);
    return { d: `M${x1},${ay} C${x1 + dx},${ay} ${x2 - dx},${by} ${x2},${by}`, lx: Math.round((x1 + x2) / 2), ly: Math.round((ay + by) / 2) };
  }
  if (b.x < a.x) {
    const x1 = a.x;
    const x2 = b.x + NODE_W;
    const dx = Math.round((x1 - x2) / 2);
    return { d: `M${x1},${ay} C${x1 - dx},${ay} ${x2 + dx},${by} ${x2},${by}`, lx: Math.round((x1 + x2) / 2), ly: Math.round((ay + by) / 2) };
  }
  // Same column: an arc out to the right.
  const x = a.x + NODE_W;
  const bulge = 30 + Math.min(60, Math.round(Math.abs(by - ay) / 4));
  return { d: `M${x},${ay} C${x + bulge},${ay} ${x + bulge},${by} ${x},${by}`, lx: x + Math.round(bulge * 0.75), ly: Math.round((ay + by) / 2) };
}

function nodeSvg(pl: Placed): string {
  const n = pl.node;
  const external = n.destination !== undefined || n.kind === 'internet';
  const exposed = n.exposed !== undefined && n.exposed.length > 0;
  const stroke = n.phi ? RED : exposed ? ORANGE : external ? BLUE : '#475467';
  const fill = n.phi ? RED_FILL : external ? BLUE_FILL : '#ffffff';
  const lines: { text: string; weight?: string; colour?: string }[] = [{ text: shorten(n.label, 34), weight: 'bold' }];
  const second = [kindLine(n), n.phi ? 'PHI' : undefined].filter((x) => x !== undefined).join(' · ');
  if (second !== '') lines.push({ text: second, colour: n.phi ? RED : '#475467' });
  if (exposed) {lines.push({ text: `EXPOSED: ${n.exposed!.join(', ')}`, colour: ORANGE, weight: 'bold' });} else {
    const badge = vendorBadge(n);
    if (badge !== undefined) lines.push({ text: shorten(badge, 38), colour: n.vendor === undefined ? GREY : n.vendor.status === 'covered' || n.vendor.status === 'internal' ? '#067647' : RED });
  }
  const shape = n.kind === 'internet' || n.kind === 'ingress-controller' ? 'rx="22"' : 'rx="6"';
  const border = exposed ? `<rect x="${pl.x - 3}" y="${pl.y - 3}" width="${NODE_W + 6}" height="${NODE_H + 6}" ${shape} fill="none" stroke="${ORANGE}" stroke-width="1.5"/>` : '';
  const text = lines.map((l, i) => `<text x="${pl.x + NODE_W / 2}" y="${pl.y + 15 + i * 13}" font-size="${i === 0 ? 11 : 9.5}" text-anchor="middle"${l.weight ? ` font-weight="${l.weight}"` : ''} fill="${l.colour ?? '#101828'}">${esc(l.text)}</text>`).join('');
  return `<g class="node ${n.kind}${n.phi ? ' phi' : ''}${exposed ? ' exposed' : ''}">${border}<rect x="${pl.x}" y="${pl.y}" width="${NODE_W}" height="${NODE_H}" ${shape} fill="${fill}" stroke="${stroke}" stroke-width="${n.phi ? 2 : 1.2}"/>${text}<title>${esc(n.id)}</title></g>`;
}

function shorten(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** XML text and attribute escaping. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
