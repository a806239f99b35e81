/**
 * The PHI data-flow graph: who can send to whom, read from the objects of a check. One graph feeds
 * the BAA rules (every destination outside the cluster must resolve to a vendor with a current BAA),
 * the HTML report's diagram and flow table, the Markdown report's Mermaid block and the DOT file.
 *
 * The types live here so the builder (build-flow-graph.ts), the renderers and the BAA register
 * share one shape; nothing here imports a renderer or a rule.
 */
import type { SourceLocation } from '../check/resource';

/** What a node of the graph stands for. */
export type FlowNodeKind =
  /** Anything outside the cluster that no more specific node names (0.0.0.0/0, a public client). */
  | 'internet'
  /** The cluster's ingress controller, as a peer: the way Ingress traffic enters. */
  | 'ingress-controller'
  /** An Ingress host (`portal.example.com`), TLS or not. */
  | 'ingress'
  /** A Kubernetes Service. */
  | 'service'
  /** A workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod, ...). */
  | 'workload'
  /** Pods a NetworkPolicy names by selector that no checked workload matches (another namespace, a platform component). */
  | 'peer'
  /** An IP block outside the cluster (NetworkPolicy ipBlock). */
  | 'external-cidr'
  /** A host name outside the cluster (Cilium toFQDNs, Istio ServiceEntry, ExternalName Service). */
  | 'external-host'
  /** Where secrets come from (an External Secrets store: AWS Secrets Manager, Vault, ...). */
  | 'secret-store'
  /** Where backups go (a Velero BackupStorageLocation bucket). */
  | 'backup-target'
  /** Where logs go (a log forwarder's destination). */
  | 'log-sink'
  /** An image registry workloads pull from. */
  | 'registry';

/** Every node kind, in the order diagrams lay out their columns (left to right). */
export const FLOW_NODE_KINDS: readonly FlowNodeKind[] = [
  'internet', 'ingress-controller', 'ingress', 'service', 'workload', 'peer',
  'external-cidr', 'external-host', 'secret-store', 'backup-target', 'log-sink', 'registry',
];

/** Node kinds that stand for something outside the cluster: each must resolve to a vendor (or to the organisation's own network). */
export const EXTERNAL_NODE_KINDS: readonly FlowNodeKind[] = ['internet', 'external-cidr', 'external-host', 'secret-store', 'backup-target', 'log-sink', 'registry'];

/** What an external destination is, for matching it against the BAA register. */
export interface Destination {
  /** What kind of destination: an IP block, a host name, an image registry, a bucket, a log destination or a secret store. */
  readonly type: 'cidr' | 'host' | 'registry' | 'bucket' | 'log-destination' | 'secret-store';
  /** The CIDR, host, registry host (and path), bucket name, log destination (`cloudwatch:/aws/eks/x`, a URL) or store endpoint. */
  readonly value: string;
  /** The cloud provider when the object says (`aws` for an S3 Velero location, AWS Secrets Manager). @default - not known */
  readonly provider?: string;
  /** The provider's service, in the eligible-services list's terms (`s3`, `secretsmanager`, `logs`, `ecr`). @default - not known */
  readonly service?: string;
  /** The provider account, when the object says (an ECR host's or an ARN's account). @default - not known */
  readonly account?: string;
  /** For a CIDR: the blocks the NetworkPolicy's ipBlock excepts (`except`), sorted. @default - none excepted */
  readonly except?: readonly string[];
}

/** What the BAA register says about a destination. */
export interface VendorMatch {
  /**
   * - `internal`: the organisation's own network (the register's `internal` entries);
   * - `covered`: a vendor with a current BAA (and, for a cloud provider, a HIPAA-eligible service);
   * - `expired`: the vendor's BAA expired (or its review date passed);
   * - `no-baa`: the vendor is registered without a signed BAA (none, pending);
   * - `not-eligible`: the provider has a BAA, but the service is not on its HIPAA-eligible list;
   * - `unregistered`: no vendor of the register matches the destination.
   */
  readonly status: 'internal' | 'covered' | 'expired' | 'no-baa' | 'not-eligible' | 'unregistered';
  /** Id of the vendor that matched. @default - none matched */
  readonly vendorId?: string;
  /** Why, in words a report prints (`AWS BAA signed 2025-03-01, review by 2027-03-01`). */
  readonly reason: string;
}

/** One node of the graph. */
export interface FlowNode {
  /**
   * Stable id from what the node stands for (`workload:patient-records/Deployment/records-api`,
   * `cidr:10.20.0.0/16`, `host:api.stripe.com`): the same input gives the same ids, in diagrams and tables.
   */
  readonly id: string;
  /** What it stands for. */
  readonly kind: FlowNodeKind;
  /** Short label a diagram prints (`records-api`, `10.20.0.0/16`). */
  readonly label: string;
  /** Namespace of an in-cluster node. @default - outside the cluster or cluster-wide */
  readonly namespace?: string;
  /** Whether the node holds or handles PHI, judged as the rules judge it (unclassified counts as PHI by default). */
  readonly phi: boolean;
  /**
   * For a workload: directions no NetworkPolicy restricts (its pods are selected by no policy of that
   * policy type), so anything may reach it or it may reach anything. @default - none (or not a workload)
   */
  readonly exposed?: readonly ('ingress' | 'egress')[];
  /** For an external node: what it is, for the BAA register. @default - an in-cluster node */
  readonly destination?: Destination;
  /** For an external node: what the BAA register says about it. @default - no register given, or an in-cluster node */
  readonly vendor?: VendorMatch;
  /** The object that introduced the node (file and line, or construct path). @default - none (a pseudo-node) */
  readonly source?: SourceLocation;
  /** The object, as findings name it, that introduced the node. @default - none (a pseudo-node) */
  readonly object?: { readonly kind: string; readonly namespace?: string; readonly name: string };
  /** Field path in that object where the node is declared (`spec.egress[0].to[1].ipBlock.cidr`), for findings. @default - the object as a whole */
  readonly path?: string;
}

/** How traffic on an edge is protected in transit. */
export type EdgeTransport = 'mtls' | 'tls' | 'plaintext' | 'unknown';

/** One allowed flow: `from` may open connections to `to`. */
export interface FlowEdge {
  /** Stable id: `${from}->${to}`. */
  readonly id: string;
  /** Id of the node that opens the connection. */
  readonly from: string;
  /** Id of the node that accepts it. */
  readonly to: string;
  /** Ports allowed, as `TCP/5432` (`TCP/*` for any port of a protocol, `*` for any). Sorted. */
  readonly ports: readonly string[];
  /** Whether PHI can travel on it (an end of it is a PHI node). */
  readonly phi: boolean;
  /** How it is protected in transit: mTLS (mesh STRICT), TLS (Ingress TLS, https destination), plaintext, or unknown. */
  readonly transport: EdgeTransport;
  /** What allows the flow, in words (`NetworkPolicy patient-records/records-api-ingress`, `no NetworkPolicy selects the pod`). */
  readonly via: string;
  /** For an edge to an external node: what the BAA register says about it. @default - in-cluster, or no register given */
  readonly vendor?: VendorMatch;
  /** The object that allows it. @default - none (default-allow) */
  readonly source?: SourceLocation;
}

/** The PHI data-flow graph of a check. Nodes and edges are sorted by id. */
export interface FlowGraph {
  /** Every node. */
  readonly nodes: readonly FlowNode[];
  /** Every allowed flow. */
  readonly edges: readonly FlowEdge[];
  /** Namespaces the graph covers, sorted. */
  readonly namespaces: readonly string[];
}
