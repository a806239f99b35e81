import { Testing } from 'cdk8s';
import { ClinicChart } from '../../examples/cdk8s-app/clinic-chart';
import { fromManifest } from '../../lib/check/resource';
import { buildFlowGraph } from '../../lib/flows/build-flow-graph';
import type { FlowGraph, FlowNode } from '../../lib/flows/flow-graph';
import { renderFlowDiagrams } from '../../lib/flows/render-svg';

/** The workload of the example whose name starts with `prefix` (cdk8s adds a hash to generated names). */
function workload(g: FlowGraph, kind: string, prefix: string): FlowNode {
  const found = g.nodes.filter((n) => n.kind === 'workload' && n.object?.kind === kind && n.namespace === 'patient-records' && n.label.startsWith(prefix));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('the data-flow graph of examples/cdk8s-app', () => {
  const resources = Testing.synth(new ClinicChart(Testing.app(), 'clinic')).map((m) => fromManifest(m));
  const g = buildFlowGraph(resources, { now: new Date('2026-12-01T00:00:00Z') });
  const edge = (from: string, to: string) => g.edges.find((e) => e.from === from && e.to === to);
  const portal = workload(g, 'Deployment', 'clinic-patient-portal');
  const api = workload(g, 'Deployment', 'clinic-records-api');
  const db = workload(g, 'StatefulSet', 'records-db');

  test('portal <- ingress controller on 8443, behind the TLS host', () => {
    expect(edge('ingress-controller', portal.id)).toMatchObject({ ports: ['TCP/8443'], transport: 'mtls', phi: true });
    expect(edge('ingress-controller', 'ingress:patient-records/patient-portal/portal.clinic.example.com')).toMatchObject({ ports: ['TCP/443'], transport: 'tls' });
    expect(edge('internet', 'ingress-controller')).toMatchObject({ transport: 'tls' });
  });

  test('portal -> records-api on 8080 and records-api -> records-db on 5432, both mTLS and PHI', () => {
    expect(edge(portal.id, api.id)).toMatchObject({ ports: ['TCP/8080'], transport: 'mtls', phi: true });
    expect(edge(api.id, db.id)).toMatchObject({ ports: ['TCP/5432'], transport: 'mtls', phi: true });
    expect(edge(portal.id, db.id)).toBeUndefined();
    expect(edge(db.id, api.id)).toBeUndefined();
  });

  test('no workload of the example is exposed, and none reaches the internet', () => {
    expect(g.nodes.filter((n) => n.exposed !== undefined)).toEqual([]);
    expect(g.edges.filter((e) => e.to === 'internet')).toEqual([]);
  });

  test('the external destinations: Secrets Manager, the S3 backup bucket, the ECR registry, the API server block of the restore test', () => {
    const external = g.nodes.filter((n) => n.destination !== undefined && n.kind !== 'internet').map((n) => [n.id, n.destination]);
    expect(external).toEqual([
      ['backup-target:s3://clinic-phi-backups', { type: 'bucket', value: 'clinic-phi-backups', provider: 'aws', service: 's3' }],
      ['cidr:10.0.0.0/24', { type: 'cidr', value: '10.0.0.0/24' }],
      // The records API's reporting database on RDS, in the VPC's database subnets.
      ['cidr:10.20.0.0/16', { type: 'cidr', value: '10.20.0.0/16' }],
      ['registry:123456789012.dkr.ecr.us-east-1.amazonaws.com', { type: 'registry', value: '123456789012.dkr.ecr.us-east-1.amazonaws.com', provider: 'aws', service: 'ecr', account: '123456789012' }],
      ['secret-store:aws/secretsmanager.us-east-1.amazonaws.com', { type: 'secret-store', value: 'secretsmanager.us-east-1.amazonaws.com', provider: 'aws', service: 'secretsmanager', account: '123456789012' }],
    ]);
    expect(edge(db.id, 'backup-target:s3://clinic-phi-backups')).toMatchObject({ transport: 'tls', phi: true });
    expect(edge(api.id, 'secret-store:aws/secretsmanager.us-east-1.amazonaws.com')).toMatchObject({ transport: 'tls', phi: true });
    expect(edge(api.id, 'cidr:10.20.0.0/16')).toMatchObject({ ports: ['TCP/5432'], phi: true });
  });

  test('drawn as one diagram', () => {
    const diagrams = renderFlowDiagrams(g);
    expect(diagrams).toHaveLength(1);
    expect(diagrams[0].svg).toContain('>portal.clinic.example.com (TLS)</text>');
  });
});
