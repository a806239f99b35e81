/**
 * Mutual TLS for a HipaaNamespace through a service mesh: the props, and the record of the flows
 * declared on workloads that become mesh authorization when the app is synthesized.
 *
 * This module is loaded with the cdk8s entry point (flows.ts records every flow here), so it
 * holds only the record; what is written (lib/cdk8s/mesh-objects.ts, with the generated Istio and
 * Linkerd classes) and the prop checks (lib/cdk8s/mesh-props.ts) load on first use.
 */
import type * as kplus from 'cdk8s-plus-28';
import type * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import type { IConstruct } from 'constructs';
import { appRegistry, existingAppRegistry } from './app-registry';
import { writeWaiverAnnotations } from './waivers';

/** The rule that asks for mTLS in PHI namespaces, and that PERMISSIVE mode breaks. */
export const MESH_MTLS_RULE = 'k8s-phi-namespace-mtls';

/** The service mesh that encrypts and authenticates traffic in a namespace. */
export type MeshProvider = 'istio' | 'linkerd';

/** Istio's PeerAuthentication mode for the namespace. */
export type IstioMtlsMode = 'STRICT' | 'PERMISSIVE';

/**
 * Mutual TLS for every pod of the namespace, with authorization derived from the flows declared
 * on the namespace's workloads (see README, "Mesh mTLS"). The mesh's CNI plugin must be installed:
 * without it the mesh injects an init container with NET_ADMIN and NET_RAW, which the namespace's
 * Pod Security `restricted` profile refuses. Istio runs with sidecars: ambient mode is not offered,
 * because ztunnel carries the traffic to port 15008 (HBONE), which the flows' NetworkPolicies (on
 * the pods' own ports) do not allow.
 */
export interface NamespaceMesh {
  /**
   * The mesh. `istio`: a PeerAuthentication (mode {@link mode}), the injection label, an
   * allow-nothing AuthorizationPolicy and one ALLOW policy per workload that receives flows.
   * `linkerd`: the `linkerd.io/inject: enabled` and `config.linkerd.io/default-inbound-policy: deny`
   * annotations, and a Server, MeshTLSAuthentication and AuthorizationPolicy per port that receives flows.
   */
  readonly provider: MeshProvider;
  /**
   * Istio only: `STRICT` accepts only mutual TLS. `PERMISSIVE` also accepts plain text, and is
   * refused unless the namespace (its `waivers`, or a construct above it) holds a waiver of
   * k8s-phi-namespace-mtls (the waiver then shows in the reports).
   * @default 'STRICT'
   */
  readonly mode?: IstioMtlsMode;
  /**
   * Istio only: the control-plane revision that injects the sidecars (label `istio.io/rev`, in
   * place of `istio-injection: enabled`).
   * @default - the default revision (`istio-injection: enabled`)
   */
  readonly revision?: string;
  /**
   * Istio only: the mesh's trust domain, the first part of the SPIFFE principals the ALLOW
   * policies name (`<trustDomain>/ns/<namespace>/sa/<service account>`).
   * @default 'cluster.local'
   */
  readonly trustDomain?: string;
}

/** Who may connect, as the mesh authenticates it. */
export type MeshSource =
  /** Pods running as this ServiceAccount. */
  | { readonly kind: 'serviceAccount'; readonly namespace: string; readonly name: string }
  /** Any meshed pod of this namespace. */
  | { readonly kind: 'namespace'; readonly namespace: string };

/** A flow into a workload of the app, as declared (ports and peer not yet interpreted). */
export interface MeshFlow {
  /** The workload that receives the connections. */
  readonly receiver: kplus.AbstractPod;
  /** Who connects: a peer as declared on the flow. */
  readonly source: kplus.INetworkPolicyPeer;
  /** The ports, as the NetworkPolicy writes them. */
  readonly ports: readonly k8s.NetworkPolicyPort[];
  /** The workload the flow was declared on and how (`ingress[0].from`), for messages. */
  readonly declaredOn: IConstruct;
  /** How the flow was declared, for messages. */
  readonly field: string;
}

/** A namespace of the app with a mesh, and where its objects go. */
export interface MeshNamespace {
  /** The HipaaNamespace construct: objects derived from flows are created under it. */
  readonly scope: IConstruct;
  /** Name of the namespace. */
  readonly name: string;
  /** The mesh props as given. */
  readonly mesh: NamespaceMesh;
  /** Labels of every object the namespace writes (PHI and owner). */
  readonly labels: Readonly<Record<string, string>>;
  /** The Namespace object, which every object written in it depends on. */
  readonly dependsOn: IConstruct;
}

const REGISTRY = Symbol.for('hipaa-constructs.mesh');

/** The flows of an app and its mesh namespaces; the authorization is written once, at synth. */
class MeshRegistry {
  static of(scope: IConstruct): MeshRegistry {
    return appRegistry(scope, REGISTRY, (root) => new MeshRegistry(root));
  }

  readonly flows: MeshFlow[] = [];
  readonly namespaces: MeshNamespace[] = [];
  /** Called with each namespace recorded from now on. */
  readonly listeners: Array<(ns: MeshNamespace) => void> = [];
  private decided = false;

  private constructor(root: IConstruct) {
    root.node.addValidation({ validate: () => this.decide() });
  }

  /** Writes the authorization of every mesh namespace (once); returns the problems found. */
  decide(): string[] {
    if (this.decided || this.namespaces.length === 0) return [];
    this.decided = true;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { writeMeshAuthorization } = require('./mesh-objects') as typeof import('./mesh-objects');
    const { errors, charts } = writeMeshAuthorization(this.namespaces, this.flows);
    // Objects created now missed the waiver annotations written before this synth.
    for (const chart of charts) writeWaiverAnnotations(chart);
    return errors;
  }
}

/** Records a flow into `flow.receiver`, for the mesh authorization of its namespace. */
export function recordMeshFlow(flow: MeshFlow): void {
  MeshRegistry.of(flow.receiver).flows.push(flow);
}

/** Records a namespace with a mesh: the authorization of its workloads' flows is written at synth. */
export function recordMeshNamespace(ns: MeshNamespace): void {
  const registry = MeshRegistry.of(ns.scope);
  registry.namespaces.push(ns);
  for (const listener of registry.listeners) listener(ns);
}

/** The mesh of namespace `name` in the app of `scope`, as its HipaaNamespace recorded it so far. */
export function meshProviderOf(scope: IConstruct, name: string): MeshProvider | undefined {
  const registry = existingAppRegistry<MeshRegistry>(scope, REGISTRY);
  return registry?.namespaces.find((n) => n.name === name)?.mesh.provider;
}

/**
 * Calls `listener` with every namespace given a mesh from now on in the app of `scope`, for a
 * construct that depends on the mesh of a namespace created after it (SecureIngress).
 */
export function onMeshNamespace(scope: IConstruct, listener: (ns: MeshNamespace) => void): void {
  MeshRegistry.of(scope).listeners.push(listener);
}

/**
 * Writes the mesh authorization of the app's flows now (once; later calls find nothing to do),
 * throwing one Error for flows that cannot be written. Called before a chart is rendered, like
 * the peer's side of flows.
 */
export function decideMeshAuthorization(scope: IConstruct): void {
  const registry = existingAppRegistry<MeshRegistry>(scope, REGISTRY);
  const errors = registry?.decide() ?? [];
  if (errors.length > 0) throw new Error(errors.join('\n'));
}
