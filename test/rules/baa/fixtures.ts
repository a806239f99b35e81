/** Hand-built data-flow graphs and a register for the BAA rules' tests. */
import type { BaaRegister } from '../../../lib/baa/baa-register';
import { parseBaaRegister } from '../../../lib/baa/read-baa-register';
import type { Resource } from '../../../lib/check/resource';
import type { Destination, FlowEdge, FlowGraph, FlowNode, FlowNodeKind } from '../../../lib/flows/flow-graph';

/** The time the rules judge dates at in these tests. */
export const NOW = new Date('2026-06-15T12:00:00Z');

/** A register with one vendor of each BAA state. */
export const REGISTER: BaaRegister = parseBaaRegister(`apiVersion: hipaa-constructs.io/v1
kind: BaaRegister
vendors:
  - id: aws
    name: AWS
    provider: aws
    baa: {status: signed, signed: 2025-03-01, reviewBy: 2027-03-01, ref: "AWS Artifact, org o-abc"}
    services: [s3, kms, ecr, eks, logs, secretsmanager, backup]
    match: {registries: ["*.dkr.ecr.*.amazonaws.com"], accounts: ["123456789012"]}
  - id: datadog
    name: Datadog
    baa: {status: signed, signed: 2024-01-10, expires: 2026-06-14, ref: "contract DD-7"}
    match: {logDestinations: ["https://http-intake.logs.datadoghq.com"]}
  - id: stripe
    name: Stripe
    baa: {status: pending}
    match: {hosts: [api.stripe.com]}
  - id: labs
    name: Acme Labs
    baa: {status: signed, signed: 2025-01-01, reviewBy: 2026-01-01}
    match: {cidrs: [203.0.113.0/24], secretStores: ["https://vault.acme-labs.example"]}
  - id: dockerhub
    name: Docker Hub
    baa: {status: none}
    match: {registries: [docker.io]}
internal: {cidrs: [10.0.0.0/8]}
`, 'hipaa-baa.yaml');

/** The same register with AWS's services listing one off the eligible list. */
export const REGISTER_WITH_INELIGIBLE_SERVICE: BaaRegister = {
  ...REGISTER,
  vendors: REGISTER.vendors.map((v) => (v.id === 'aws' ? { ...v, services: [...v.services!, 'sagemaker-geospatial'] } : v)),
};

/** A workload node. */
export function workload(namespace: string, name: string, phi: boolean): FlowNode {
  return {
    id: `workload:${namespace}/Deployment/${name}`, kind: 'workload', label: name, namespace, phi, object: { kind: 'Deployment', namespace, name },
  };
}

/** An external node introduced by `object` at `path`. */
export function external(
  kind: FlowNodeKind, destination: Destination, object: { kind: string; namespace?: string; name: string }, path: string,
): FlowNode {
  return { id: `${kind}:${destination.value}`, kind, label: destination.value, phi: false, destination, object, path };
}

/** An edge; PHI when either end is a PHI node. */
export function edge(from: FlowNode, to: FlowNode): FlowEdge {
  return { id: `${from.id}->${to.id}`, from: from.id, to: to.id, ports: ['*'], phi: from.phi || to.phi, transport: 'unknown', via: 'test' };
}

/** A graph of nodes and edges, sorted as the builder sorts them. */
export function graph(nodes: FlowNode[], edges: FlowEdge[]): FlowGraph {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const namespaces = [...new Set(nodes.flatMap((n) => (n.namespace ? [n.namespace] : [])))].sort();
  return { nodes: [...nodes].sort(byId), edges: [...edges].sort(byId), namespaces };
}

/** A Resource for an object a node names. */
export function resource(kind: string, namespace: string | undefined, name: string): Resource {
  return { kind, namespace, name, body: { kind, metadata: { name, ...(namespace ? { namespace } : {}) } } };
}

/** A PHI workload `clinic/records-api` and a non-PHI one `clinic/docs`, each sending to `to`. */
export function flowsTo(to: FlowNode, phi = true): FlowGraph {
  const api = workload('clinic', 'records-api', phi);
  return graph([api, to], [edge(api, to)]);
}
