import { sampleMeta, sampleResult } from './sample';
import { buildFlowGraph } from '../../lib/flows/build-flow-graph';
import type { FlowGraph } from '../../lib/flows/flow-graph';
import { renderMarkdown } from '../../lib/report/markdown';
import { flowGraphSection, MARKDOWN_MERMAID_EDGE_LIMIT } from '../../lib/report/markdown-flows';
import { estate } from '../flows/fixtures';

const graph = buildFlowGraph(estate(), { now: new Date('2026-12-01T00:00:00Z') });

describe('Markdown report: PHI data flows', () => {
  const md = renderMarkdown(sampleResult(), { ...sampleMeta(), flowGraph: graph });
  const section = md.slice(md.indexOf('## PHI data flows'));

  test('golden', () => {
    expect(section).toMatchSnapshot();
  });

  test('a Mermaid block, the destinations with their vendor/BAA status, and every flow', () => {
    expect(section).toContain('```mermaid\nflowchart LR\n');
    expect(section).toContain('### Destinations outside the cluster');
    expect(section).toContain('| `10.20.0.0/16` | IP block | - | no BAA register given | 1 (1) | NetworkPolicy clinic/records-api spec.egress[1].to[0].ipBlock.cidr |');
    expect(section).toContain('| clinic/portal (Deployment) | clinic/records-api (Deployment) | TCP/8080 | mTLS | **PHI** | NetworkPolicy clinic/records-api (ingress), NetworkPolicy clinic/portal (egress) | - |');
    expect(section).toContain('**Exposed workloads**');
    expect(section).toContain('legacy/legacy-app (ingress, egress)');
    const flowRows = section.slice(section.indexOf('### Flows')).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| From'));
    expect(flowRows).toHaveLength(graph.edges.length);
  });

  test('vendor statuses from the graph; without a register the table says so', () => {
    const withVendor: FlowGraph = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === 'cidr:10.20.0.0/16' ? { ...n, vendor: { status: 'internal', reason: 'the organisation\'s own network 10.0.0.0/8' } } : n)),
    };
    const text = flowGraphSection({ flowGraph: withVendor, baaRegister: { vendors: [] } as any }).join('\n');
    expect(text).toContain('| internal network: the organisation\'s own network 10.0.0.0/8 |');
    expect(text).not.toContain('no BAA register given');
  });

  test('no section without a graph; no diagram above the size limit', () => {
    expect(renderMarkdown(sampleResult(), sampleMeta())).not.toContain('PHI data flows');
    const many: FlowGraph = {
      ...graph,
      edges: Array.from({ length: MARKDOWN_MERMAID_EDGE_LIMIT + 1 }, (_, i) => ({ ...graph.edges[0], id: `e${String(i).padStart(4, '0')}` })),
    };
    const text = flowGraphSection({ flowGraph: many }).join('\n');
    expect(text).not.toContain('```mermaid');
    expect(text).toContain(`more than ${MARKDOWN_MERMAID_EDGE_LIMIT} flows, too many to draw here`);
  });

  test('deterministic', () => {
    expect(renderMarkdown(sampleResult(), { ...sampleMeta(), flowGraph: buildFlowGraph(estate(), { now: new Date('2026-12-01T00:00:00Z') }) })).toBe(md);
  });
});
