import type { FlowEdge, FlowGraph, FlowNode, VendorMatch } from '../../../flows/flow-graph';
import { FlowDiagram, renderFlowDiagrams } from '../../../flows/render-svg';
import { sourceLabel } from '../../common';
import { HtmlContext, safeId } from '../context';
import { html, Html, join, trusted } from '../escape';
import { status, yesNo } from '../parts';

/**
 * Section 3: the PHI data-flow diagrams (lib/flows/render-svg) and the flow table, which is the
 * complete evidence (a diagram of a large graph is split per namespace).
 */
export function flowsSection(ctx: HtmlContext): Html {
  const graph = ctx.meta.flowGraph;
  if (!graph) {
    return html`<section id="flows" aria-labelledby="flows-h">
<h2 id="flows-h">3. PHI data flows</h2>
<p>No data-flow graph was given to this report, so it shows no flows.</p>
</section>`;
  }
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const names = new NodeNames();
  const exposed = graph.nodes.filter((n) => n.exposed && n.exposed.length > 0);
  return html`<section id="flows" aria-labelledby="flows-h">
<h2 id="flows-h">3. PHI data flows</h2>
<p>${graph.nodes.length} nodes, ${graph.edges.length} allowed flows (${graph.edges.filter((e) => e.phi).length} can carry PHI) in ${graph.namespaces.length === 0 ? 'no namespace' : graph.namespaces.length === 1 ? '1 namespace' : `${graph.namespaces.length} namespaces`}. Read from NetworkPolicies, Services, Ingresses and the other objects checked: a flow is what the manifests allow, not traffic that was observed.</p>
${diagrams(graph)}
${exposed.length > 0 && html`<h3>Workloads no NetworkPolicy restricts</h3>
<ul>${exposed.map((n) => html`<li>${status('EXPOSED')} ${nodeName(n)}: ${n.exposed!.join(' and ')} not restricted${n.phi ? ' (handles PHI)' : ''}</li>`)}</ul>`}
<div class="scroll">
<table class="flows">
<caption>Allowed flows (${graph.edges.length})</caption>
<thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Ports</th><th scope="col">Transport</th><th scope="col">PHI</th><th scope="col">Allowed by</th><th scope="col">Vendor / BAA</th></tr></thead>
<tbody>
${join(graph.edges.map((e) => edgeRow(e, nodes, names)))}
</tbody>
</table>
</div>
</section>`;
}

function diagrams(graph: FlowGraph): Html {
  if (graph.nodes.length === 0) return html`<p>The graph is empty: no flows were found in the objects checked.</p>`;
  const drawn: FlowDiagram[] = renderFlowDiagrams(graph);
  return html`${drawn.map((d) => html`<figure class="diagram">
<figcaption>${d.title}</figcaption>
${safeSvg(d.svg) ? trusted(d.svg) : html`<p>${status('NOT DRAWN')} The diagram was left out: it contained a script or an external reference. The table below is the evidence.</p>`}
</figure>`)}`;
}

/**
 * Whether a diagram may be inlined: an `<svg>` element with no script, event handler, foreign object
 * or reference to anything outside the document (the renderer promises this; the report checks it).
 */
export function safeSvg(svg: string): boolean {
  const s = svg.trimStart();
  if (!/^<svg[\s>]/.test(s)) return false;
  return !/<script|<foreignObject|<iframe|\son[a-z]+\s*=|(?:href|src)\s*=\s*(?!["']?#)|url\(\s*(?!["']?#)|@import|javascript:/i.test(s);
}

/** {@link nodeName} of each node, made once: a node is an end of many flows (30,000 rows on 10,000 Deployments). */
class NodeNames {
  private readonly names = new Map<FlowNode, Html>();

  public of(n: FlowNode): Html {
    let name = this.names.get(n);
    if (name === undefined) this.names.set(n, (name = nodeName(n)));
    return name;
  }
}

function edgeRow(e: FlowEdge, nodes: Map<string, FlowNode>, names: NodeNames): Html {
  const from = nodes.get(e.from);
  const to = nodes.get(e.to);
  const where = sourceLabel(e.source);
  return html`<tr${e.phi ? html` class="phi"` : ''}><td>${from ? names.of(from) : e.from}</td><td>${to ? names.of(to) : e.to}</td><td>${e.ports.length > 0 ? e.ports.join(', ') : 'none'}</td><td>${status(e.transport.toUpperCase())}</td><td>${e.phi ? status('PHI') : yesNo(false)}</td><td>${e.via}${where && html`<br><span class="where">${where}</span>`}</td><td>${vendorCell(e.vendor ?? to?.vendor)}</td></tr>
`;
}

/** `records-api (workload, patient-records, PHI)`. */
export function nodeName(n: FlowNode): Html {
  const facts = [n.kind.replace(/-/g, ' '), n.namespace, n.phi ? 'PHI' : undefined].filter((x): x is string => !!x);
  return html`<span class="node">${n.label}</span> <span class="facts">(${facts.join(', ')})</span>`;
}

/** What the BAA register says about a destination. */
export function vendorCell(v: VendorMatch | undefined): Html {
  if (!v) return html`—`;
  return html`${status(v.status.toUpperCase())}${v.vendorId && html` <a href="#vendor-${safeId(v.vendorId)}">${v.vendorId}</a>`}: ${v.reason}`;
}
