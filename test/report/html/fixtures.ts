/**
 * Hand-written fixtures for the HTML report tests: a small PHI data-flow graph (Internet -> Ingress ->
 * portal -> records-api -> the database subnet, a payment host nobody registered, a registry and a log
 * sink), a BAA register for it, and a stub diagram renderer for tests that pin the report, not the SVG.
 */
import type { BaaRegister } from '../../../lib/baa/baa-register';
import type { CheckResult } from '../../../lib/check/engine';
import type { FlowEdge, FlowGraph, FlowNode } from '../../../lib/flows/flow-graph';
import type { FlowDiagram } from '../../../lib/flows/render-svg';
import type { ReportMetadata } from '../../../lib/report/common';
import { sampleMeta } from '../sample';

const N = (n: FlowNode) => n;
const E = (e: Omit<FlowEdge, 'id'>): FlowEdge => ({ id: `${e.from}->${e.to}`, ...e });

export function sampleFlowGraph(): FlowGraph {
  const nodes: FlowNode[] = [
    N({ id: 'cidr:10.20.0.0/16', kind: 'external-cidr', label: '10.20.0.0/16', phi: true, destination: { type: 'cidr', value: '10.20.0.0/16' }, vendor: { status: 'internal', reason: 'internal network 10.0.0.0/8' } }),
    N({ id: 'host:api.pay.example', kind: 'external-host', label: 'api.pay.example', phi: true, destination: { type: 'host', value: 'api.pay.example' }, vendor: { status: 'unregistered', reason: 'no vendor of the register matches host api.pay.example' } }),
    N({ id: 'ingress:portal.clinic.example', kind: 'ingress', label: 'portal.clinic.example', namespace: 'clinic', phi: false, source: { file: 'manifests/app.yaml', line: 120 } }),
    N({ id: 'ingress-controller', kind: 'ingress-controller', label: 'ingress controller', phi: false }),
    N({ id: 'internet', kind: 'internet', label: 'Internet', phi: false }),
    N({ id: 'log:cloudwatch:/aws/eks/clinic', kind: 'log-sink', label: 'cloudwatch:/aws/eks/clinic', phi: true, destination: { type: 'log-destination', value: 'cloudwatch:/aws/eks/clinic', provider: 'aws', service: 'logs' }, vendor: { status: 'covered', vendorId: 'aws', reason: 'AWS BAA signed 2025-03-01, review by 2027-03-01; logs is HIPAA-eligible' } }),
    N({ id: 'registry:docker.io', kind: 'registry', label: 'docker.io', phi: false, destination: { type: 'registry', value: 'docker.io' }, vendor: { status: 'no-baa', vendorId: 'dockerhub', reason: 'Docker Hub is registered without a BAA' } }),
    N({ id: 'workload:clinic/Deployment/api', kind: 'workload', label: 'api <script>alert(1)</script>', namespace: 'clinic', phi: true, exposed: ['egress'], object: { kind: 'Deployment', namespace: 'clinic', name: 'api' }, source: { file: 'manifests/app.yaml', line: 7 } }),
    N({ id: 'workload:clinic/Deployment/portal', kind: 'workload', label: 'portal', namespace: 'clinic', phi: false, object: { kind: 'Deployment', namespace: 'clinic', name: 'portal' } }),
  ];
  const edges: FlowEdge[] = [
    E({ from: 'ingress-controller', to: 'workload:clinic/Deployment/portal', ports: ['TCP/8080'], phi: false, transport: 'plaintext', via: 'NetworkPolicy clinic/portal-ingress', source: { file: 'manifests/app.yaml', line: 140 } }),
    E({ from: 'ingress:portal.clinic.example', to: 'ingress-controller', ports: ['TCP/443'], phi: false, transport: 'tls', via: 'Ingress clinic/portal (TLS)' }),
    E({ from: 'internet', to: 'ingress:portal.clinic.example', ports: ['TCP/443'], phi: false, transport: 'tls', via: 'Ingress clinic/portal' }),
    E({ from: 'workload:clinic/Deployment/api', to: 'cidr:10.20.0.0/16', ports: ['TCP/5432'], phi: true, transport: 'tls', via: 'NetworkPolicy clinic/api-egress', vendor: { status: 'internal', reason: 'internal network 10.0.0.0/8' } }),
    E({ from: 'workload:clinic/Deployment/api', to: 'host:api.pay.example', ports: ['*'], phi: true, transport: 'unknown', via: 'no NetworkPolicy selects the pod', vendor: { status: 'unregistered', reason: 'no vendor of the register matches host api.pay.example' } }),
    E({ from: 'workload:clinic/Deployment/api', to: 'log:cloudwatch:/aws/eks/clinic', ports: ['TCP/443'], phi: true, transport: 'tls', via: 'log forwarder clinic/fluent-bit', vendor: { status: 'covered', vendorId: 'aws', reason: 'AWS BAA signed 2025-03-01, review by 2027-03-01; logs is HIPAA-eligible' } }),
    E({ from: 'workload:clinic/Deployment/portal', to: 'workload:clinic/Deployment/api', ports: ['TCP/8443'], phi: true, transport: 'mtls', via: 'NetworkPolicy clinic/api-ingress' }),
  ];
  return { nodes, edges, namespaces: ['clinic'] };
}

export function sampleRegister(): BaaRegister {
  return {
    file: 'hipaa-baa.yaml',
    sha256: 'b'.repeat(64),
    vendors: [
      {
        id: 'aws',
        name: 'Amazon Web Services',
        provider: 'aws',
        baa: { status: 'signed', signed: '2025-03-01', reviewBy: '2027-03-01', ref: 'AWS Artifact, org o-abc' },
        services: ['logs', 's3', 'ecr'],
        match: { hosts: ['*.amazonaws.com'], logDestinations: ['cloudwatch:*'] },
        line: 4,
      },
      {
        id: 'dockerhub',
        name: 'Docker Hub',
        baa: { status: 'none', ref: '</script><script>alert("ref")</script>' },
        match: { registries: ['docker.io'] },
        line: 12,
      },
      {
        id: 'backup-co',
        baa: { status: 'signed', signed: '2024-01-10', expires: '2026-12-20', ref: 'Contract C-42', scope: 'Offsite backups' },
        match: { buckets: ['clinic-backups-*'] },
        line: 16,
      },
    ],
    internal: { cidrs: ['10.0.0.0/8'], hosts: [] },
  };
}

/** A fixed diagram per graph, standing in for lib/flows/render-svg in golden tests. */
export function stubDiagrams(graph: FlowGraph): FlowDiagram[] {
  const boxes = graph.nodes.map((n, i) => `<g><rect x="10" y="${10 + i * 30}" width="220" height="24" fill="#eef" stroke="#333"/><text x="16" y="${27 + i * 30}">${n.id.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text></g>`);
  return [{ title: 'All namespaces', svg: `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="${20 + graph.nodes.length * 30}" viewBox="0 0 240 ${20 + graph.nodes.length * 30}" role="img" aria-label="PHI data flows">${boxes.join('')}</svg>` }];
}

/** The sample result with the api Deployment's pull-policy finding baselined, and one stale baseline entry. */
export function baselinedResult(result: CheckResult): CheckResult {
  const mark = { file: '.hipaa-baseline.json', created: '2026-11-01', expires: '2026-12-15' };
  const findings = result.findings.map((f) => (f.ruleId === 'test-pull-always' && f.resource.name === 'api' ? { ...f, baselined: mark } : f));
  const baselined = findings.filter((f) => f.baselined);
  return {
    ...result,
    findings,
    unwaived: findings.filter((f) => !f.waiver && !f.baselined),
    baselined,
    baseline: {
      file: '.hipaa-baseline.json',
      created: '2026-11-01',
      expires: '2026-12-15',
      entries: [
        { rule: 'test-pull-always', kind: 'Deployment', namespace: 'clinic', name: 'api', path: 'spec.template.spec.containers[0].imagePullPolicy', count: 1, message: "container 'api' uses imagePullPolicy: IfNotPresent" },
        { rule: 'test-no-privileged', kind: 'Deployment', namespace: 'clinic', name: 'gone', path: 'spec.template.spec.containers[0].securityContext.privileged' },
      ],
    },
    staleBaseline: [{ rule: 'test-no-privileged', kind: 'Deployment', namespace: 'clinic', name: 'gone', path: 'spec.template.spec.containers[0].securityContext.privileged' }],
  };
}

/** The metadata of the full sample report: graph, register, provenance and a time. */
export function fullMeta(overrides: Partial<ReportMetadata> = {}): ReportMetadata {
  return sampleMeta({
    flowGraph: sampleFlowGraph(),
    baaRegister: sampleRegister(),
    generatedAt: new Date('2026-12-02T12:00:00Z'),
    provenance: { inputs: [{ file: 'manifests/app.yaml', sha256: 'a'.repeat(64) }], git: { commit: 'c'.repeat(40), dirty: false, branch: 'main' } },
    ...overrides,
  });
}

/** Tags that have no end tag in HTML. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * The problems of a small well-formedness check: every element that is not void is closed, in order
 * (script and style contents skipped; `/>` closes SVG elements). Empty when none.
 */
export function tagProblems(text: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = text.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g, '<$1></$1>').replace(/^<!DOCTYPE html>/i, '');
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<(?![a-zA-Z/!])|<!--/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(body))) {
    if (!m[2]) {
      problems.push(`bare '<' at ${m.index}`);
      continue;
    }
    const name = m[2].toLowerCase();
    if (m[1]) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}> at ${m.index}`);
    } else if (!VOID.has(name) && !m[4]) {stack.push(name);}
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  return problems;
}
