import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { estate, fixture } from './fixtures';
import { buildFlowGraph } from '../../lib/flows/build-flow-graph';
import type { FlowGraph } from '../../lib/flows/flow-graph';
import { destinationRows, flowTableRows } from '../../lib/flows/flow-table';
import { renderFlowDot } from '../../lib/flows/render-dot';
import { renderFlowMermaid } from '../../lib/flows/render-mermaid';
import { DIAGRAM_NODE_LIMIT, renderFlowDiagrams, WHOLE_GRAPH_LIMIT } from '../../lib/flows/render-svg';

const NOW = new Date('2026-12-01T00:00:00Z');
const graph = buildFlowGraph(estate(), { now: NOW });

/** A graph whose labels hold every character that breaks DOT, Mermaid or XML. */
const NASTY = 'a"b\\c<d>&e#f|g`h\'i\nj';
const nasty: FlowGraph = {
  nodes: [
    { id: `workload:ns/Deployment/${NASTY}`, kind: 'workload', label: NASTY, namespace: 'n"s<1>', phi: true, exposed: ['ingress'], object: { kind: 'Deployment', namespace: 'ns', name: NASTY } },
    { id: `host:${NASTY}`, kind: 'external-host', label: NASTY, phi: false, destination: { type: 'host', value: NASTY }, vendor: { status: 'unregistered', reason: `no vendor matches ${NASTY}` } },
  ],
  edges: [{ id: `workload:ns/Deployment/${NASTY}->host:${NASTY}`, from: `workload:ns/Deployment/${NASTY}`, to: `host:${NASTY}`, ports: ['TCP/443'], phi: true, transport: 'plaintext', via: NASTY }],
  namespaces: ['n"s<1>'],
};

/** Whether xmllint accepts the document. */
function xmlWellFormed(xml: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'flows-svg-'));
  const file = join(dir, 'd.svg');
  writeFileSync(file, xml);
  execFileSync('xmllint', ['--noout', file], { stdio: 'pipe' });
}

/**
 * A small DOT reader: quoted strings closed (escapes honoured), braces balanced outside strings,
 * every statement line a node, edge, attribute or subgraph statement.
 */
function checkDot(dot: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < dot.length; i++) {
    const c = dot[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      else if (c === '\n') throw new Error(`raw line break inside a DOT string at ${i}`);
    } else if (c === '"') {inString = true;} else if (c === '{') {depth++;} else if (c === '}') {
      depth--;
      if (depth < 0) throw new Error(`unbalanced } at ${i}`);
    }
  }
  expect(inString).toBe(false);
  expect(depth).toBe(0);
  const q = '"(?:[^"\\\\]|\\\\.)*"';
  const attrs = `\\[(?:[a-z]+=(?:${q}|[A-Za-z0-9.,#]+)(?:, )?)*\\];`;
  const statement = new RegExp(`^(?:${q} ${attrs}|${q} -> ${q} ${attrs}|(?:graph|node|edge) ${attrs}|subgraph "cluster_[0-9]+" \\{|label=${q};|style="[a-z,]+";|color="#[0-9a-f]+";|\\}|digraph "phi-data-flows" \\{)$`);
  for (const line of dot.split('\n')) {
    if (line.trim() === '') continue;
    expect(line.trim()).toMatch(statement);
  }
}

/**
 * Mermaid lines of the shapes the renderer writes, with nothing but entity codes inside quoted
 * labels: no `"`, no raw `<`/`>` but `<br/>`, no `|` inside an edge label, no line breaks.
 */
function checkMermaid(text: string): void {
  const label = '"(?:[^"<>|`]|<br/>)*"';
  const line = new RegExp(`^(?:flowchart LR|n[0-9]+(?:\\[${label}\\]|\\(\\[${label}\\]\\)|\\[/${label}/\\])|subgraph ns[0-9]+\\[${label}\\]|end|n[0-9]+ (?:-->|-\\.->)\\|${label}\\| n[0-9]+|classDef [a-z]+ [a-z0-9:#,. -]+|class (?:n[0-9]+,?)+ [a-z]+|linkStyle (?:[0-9]+,?)+ [a-z0-9:#,.-]+)$`);
  const lines = text.trimEnd().split('\n');
  for (const l of lines) expect(l.trim()).toMatch(line);
  expect(lines.filter((l) => l.trim().startsWith('subgraph')).length).toBe(lines.filter((l) => l.trim() === 'end').length);
}

describe('renderFlowDot', () => {
  const dot = renderFlowDot(graph);

  test('golden', () => {
    expect(dot).toMatchSnapshot();
  });

  test('namespaces are clusters; PHI, exposure, ports, transport and vendor status are in the labels', () => {
    expect(dot).toContain('subgraph "cluster_');
    expect(dot).toContain('label="namespace clinic";');
    expect(dot).toContain('"workload:clinic/Deployment/portal" -> "workload:clinic/Deployment/records-api" [label="TCP/8080\\nmTLS · PHI"');
    expect(dot).toContain('"workload:clinic/StatefulSet/records-db" [label="records-db\\nStatefulSet\\nPHI"');
    expect(dot).toContain('EXPOSED: ingress, egress');
    expect(dot).toContain('BAA: no register given');
    checkDot(dot);
  });

  test('escapes quotes, backslashes and line breaks', () => {
    const text = renderFlowDot(nasty);
    checkDot(text);
    expect(text).toContain('a\\"b\\\\c<d>&e#f|g`h\'i\\nj');
  });

  test('deterministic', () => {
    expect(renderFlowDot(buildFlowGraph(estate(), { now: NOW }))).toBe(dot);
  });
});

describe('renderFlowMermaid', () => {
  const mermaid = renderFlowMermaid(graph);

  test('golden', () => {
    expect(mermaid).toMatchSnapshot();
  });

  test('a flowchart with a subgraph per namespace, PHI marked in text and styled, edges with ports and transport', () => {
    expect(mermaid.startsWith('flowchart LR\n')).toBe(true);
    expect(mermaid).toContain('subgraph ns2["namespace clinic"]');
    expect(mermaid).toMatch(/n[0-9]+\["portal<br\/>Deployment<br\/>PHI"\]/);
    expect(mermaid).toContain('-->|"TCP/8080 · mTLS · PHI"|');
    expect(mermaid).toContain('-.->|"TCP/8088 · plain text · PHI"|');
    expect(mermaid).toMatch(/class [n0-9,]+ phi/);
    checkMermaid(mermaid);
  });

  test('labels are escaped with entity codes; ids are sanitised', () => {
    const text = renderFlowMermaid(nasty);
    checkMermaid(text);
    expect(text).toContain('a#quot;b\\c#lt;d#gt;#amp;e#35;f#124;g#96;h\'i j');
    expect(text).toContain('subgraph ns0["namespace n#quot;s#lt;1#gt;"]');
    expect(text).not.toContain(NASTY);
  });
});

describe('renderFlowDiagrams', () => {
  const diagrams = renderFlowDiagrams(graph);

  test('one diagram for a small graph; golden', () => {
    expect(diagrams.map((d) => d.title)).toEqual(['All namespaces']);
    expect(diagrams[0].svg).toMatchSnapshot();
  });

  test('a standalone, well-formed SVG with a title, no scripts and no external references', () => {
    const svg = diagrams[0].svg;
    xmlWellFormed(svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="[0-9]+" height="[0-9]+" viewBox="0 0 [0-9]+ [0-9]+" role="img"/);
    expect(svg).toContain('<title id="fd0-title">PHI data flows: all namespaces</title>');
    expect(svg).not.toMatch(/<script|<foreignObject|href=|@import|url\((?!#)/i);
    expect(svg.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\/(?!logs\.example-siem\.com)/);
  });

  test('PHI nodes are marked in text as well as colour; exposed workloads and vendor status are printed; edges carry ports and transport', () => {
    const svg = diagrams[0].svg;
    expect(svg).toMatch(/<g class="node workload phi"><rect[^>]*stroke="#b42318"[^>]*\/><text[^>]*>records-db<\/text><text[^>]*>StatefulSet · PHI<\/text>/);
    expect(svg).toContain('>EXPOSED: ingress, egress</text>');
    expect(svg).toContain('>BAA: no register given</text>');
    expect(svg).toContain('>TCP/8080 · mTLS · PHI</text>');
    expect(svg).toContain('>TCP/443 · TLS</text>');
    expect(svg).toContain('namespace clinic</text>');
  });

  test('escapes text and attributes', () => {
    const [d] = renderFlowDiagrams(nasty);
    xmlWellFormed(d.svg);
    expect(d.svg).toContain('a&quot;b\\c&lt;d&gt;&amp;e#f|g`h&#39;i');
  });

  test('above the size limit: one diagram per namespace and an overview of external destinations, each well-formed', () => {
    const big = buildFlowGraph(manyNamespaces(12, 5), { now: NOW });
    expect(big.nodes.length).toBeGreaterThan(WHOLE_GRAPH_LIMIT);
    const many = renderFlowDiagrams(big);
    expect(many.map((d) => d.title)).toEqual([...big.namespaces.map((ns) => `Namespace ${ns}`), 'External destinations']);
    expect(many[0].namespace).toBe(big.namespaces[0]);
    for (const d of many) xmlWellFormed(d.svg);
    // Each diagram has ids of its own, so several can sit in one HTML page.
    expect(many[1].svg).toContain('id="fd2-title"');
    expect(many[many.length - 1].svg).toContain('>namespace team-00</text>');
    expect(renderFlowDiagrams(buildFlowGraph(manyNamespaces(12, 5), { now: NOW }))).toEqual(many);
  });

  test('a diagram draws at most the node limit and says how many it left out', () => {
    const huge = buildFlowGraph(manyNamespaces(1, DIAGRAM_NODE_LIMIT + 20), { now: NOW });
    const [ns] = renderFlowDiagrams(huge);
    xmlWellFormed(ns.svg);
    expect(ns.svg).toMatch(/[0-9]+ more nodes not drawn \(limit 150\); the flow table lists every flow\./);
  });

  test('an empty graph draws an empty diagram', () => {
    const [d] = renderFlowDiagrams({ nodes: [], edges: [], namespaces: [] });
    xmlWellFormed(d.svg);
    expect(d.svg).toContain('no flows found');
  });
});

describe('flowTableRows and destinationRows', () => {
  test('one row per flow, in words', () => {
    const rows = flowTableRows(graph);
    expect(rows).toHaveLength(graph.edges.length);
    expect(rows.find((r) => r.id === 'workload:clinic/Deployment/portal->workload:clinic/Deployment/records-api')).toEqual({
      id: 'workload:clinic/Deployment/portal->workload:clinic/Deployment/records-api',
      from: 'clinic/portal (Deployment)',
      to: 'clinic/records-api (Deployment)',
      ports: 'TCP/8080',
      transport: 'mTLS',
      phi: true,
      via: 'NetworkPolicy clinic/records-api (ingress), NetworkPolicy clinic/portal (egress)',
      vendor: '',
      external: false,
    });
    expect(rows.find((r) => r.id === 'workload:legacy/Deployment/legacy-app->internet')).toMatchObject({ ports: 'any port', external: true, phi: false });
  });

  test('one row per external destination, with where it was declared and how many PHI flows reach it', () => {
    const rows = destinationRows(graph);
    expect(rows.find((r) => r.id === 'cidr:10.20.0.0/16')).toEqual({
      id: 'cidr:10.20.0.0/16',
      kind: 'IP block',
      name: '10.20.0.0/16',
      provider: '',
      vendor: '',
      flows: { all: 1, phi: 1 },
      declaredIn: 'NetworkPolicy clinic/records-api spec.egress[1].to[0].ipBlock.cidr',
    });
    expect(rows.find((r) => r.id === 'registry:123456789012.dkr.ecr.us-east-1.amazonaws.com')).toMatchObject({ provider: 'aws ecr 123456789012' });
    expect(rows.map((r) => r.id)).not.toContain('workload:clinic/Deployment/portal');
  });

  test('vendor statuses show when the nodes carry them', () => {
    const rows = flowTableRows(nasty);
    expect(rows[0].vendor).toBe(`not in the BAA register: no vendor matches ${NASTY}`);
  });
});

/** `n` namespaces with `per` workloads each, isolated, each sending to a service in the next namespace and to its own registry. */
function manyNamespaces(n: number, per: number) {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    const ns = `team-${String(i).padStart(2, '0')}`;
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}, labels: {hipaa-constructs.io/phi: "${i % 2 === 0}"}}`);
    for (let j = 0; j < per; j++) {
      docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-${j}, namespace: ${ns}}\nspec:\n  selector: {matchLabels: {app: app-${j}}}\n  template:\n    metadata: {labels: {app: app-${j}}}\n    spec: {containers: [{name: c, image: registry-${i}.example.com/app:${j}}]}`);
    }
    docs.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: out, namespace: ${ns}}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n  egress: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: team-${String((i + 1) % n).padStart(2, '0')}}}, podSelector: {matchLabels: {app: app-0}}}], ports: [{port: 8080}]}]\n  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: app-0}}}]}]`);
  }
  void fixture;
  return parseAll(docs.join('\n---\n'));
}

function parseAll(text: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseManifests } = require('../../lib/check/manifests');
  return parseManifests(text, 'many.yaml');
}
