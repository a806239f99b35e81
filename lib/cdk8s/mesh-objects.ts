/**
 * What a HipaaNamespace with a mesh writes (loaded on first use, with the generated Istio and
 * Linkerd classes): the namespace's labels and annotations, its namespace-wide objects, and, at
 * synth, the authorization derived from the flows declared on its workloads.
 *
 * A flow becomes mesh authorization on the receiving workload when its source has an identity
 * the mesh authenticates:
 * - a workload of the app: its ServiceAccount (Istio principal `<trust domain>/ns/<ns>/sa/<sa>`,
 *   Linkerd identityRef kind ServiceAccount);
 * - a namespace named (a HipaaNamespace, `kplus.Namespaces.select(..., { names })`) or pods of one
 *   (`kplus.Pods.select`): every meshed pod of that namespace (Istio `source.namespaces`, Linkerd
 *   identityRef kind Namespace). The NetworkPolicy keeps the pod-level selection; the mesh cannot
 *   authenticate pod labels.
 * Sources without a mesh identity (IP blocks, namespaces selected by label, every namespace) stay
 * NetworkPolicy-only: the mesh would refuse their connections (STRICT mTLS, Linkerd's deny default),
 * so such flows on TCP ports are refused at synth unless the receiver waives k8s-phi-namespace-mtls.
 * A workload whose pods opt out of the receiver's mesh (such as a NetworkPolicyProbe's) gets no
 * authorization either; k8s-phi-namespace-mtls flags its pods unless it waives that rule.
 * UDP and SCTP ports stay NetworkPolicy-only too: the meshes authorize TCP only.
 */
import { ApiObject, Chart } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import type { IConstruct } from 'constructs';
import { MESH_MTLS_RULE } from './namespace-mesh';
import type { MeshFlow, MeshNamespace, MeshSource, NamespaceMesh } from './namespace-mesh';
import { waiversOf } from './waivers';
import * as linkerd from '../imports/policy.linkerd.io';
import * as istio from '../imports/security.istio.io';
import { podOutsideMesh } from '../rules/k8s/support/mesh-membership';

/** Labels and annotations the Namespace gets for its mesh. */
export function meshNamespaceMetadata(mesh: NamespaceMesh): { labels: Record<string, string>; annotations: Record<string, string> } {
  if (mesh.provider === 'linkerd') {
    return { labels: {}, annotations: { 'linkerd.io/inject': 'enabled', 'config.linkerd.io/default-inbound-policy': 'deny' } };
  }
  const labels: Record<string, string> = mesh.revision === undefined ? { 'istio-injection': 'enabled' } : { 'istio.io/rev': mesh.revision };
  return { labels, annotations: {} };
}

/**
 * The namespace-wide objects: for Istio a PeerAuthentication `default` (mTLS mode) and an
 * AuthorizationPolicy `allow-nothing` (an ALLOW policy without rules: every request to the
 * namespace's workloads is denied unless another ALLOW policy matches it). Linkerd's default
 * deny is the namespace annotation.
 */
export function writeMeshNamespaceObjects(scope: IConstruct, ns: MeshNamespace): IConstruct[] {
  if (ns.mesh.provider !== 'istio') return [];
  const metadata = (name: string) => ({ name, namespace: ns.name, labels: { ...ns.labels } });
  const mode = ns.mesh.mode === 'PERMISSIVE' ? istio.PeerAuthenticationSpecMtlsMode.PERMISSIVE : istio.PeerAuthenticationSpecMtlsMode.STRICT;
  return [
    new istio.PeerAuthentication(scope as any, 'MeshPeerAuthentication', { metadata: metadata('default'), spec: { mtls: { mode } } }),
    new istio.AuthorizationPolicy(scope as any, 'MeshAllowNothing', { metadata: metadata('allow-nothing'), spec: {} }),
  ];
}

/** One receiving workload's allowed sources, by port. */
interface Receiver {
  readonly workload: kplus.AbstractPod;
  readonly ports: Map<number, Map<string, MeshSource>>;
}

/**
 * Writes the authorization of the flows into each mesh namespace's workloads; returns the
 * problems (one line each) and the charts that got objects.
 */
export function writeMeshAuthorization(namespaces: readonly MeshNamespace[], flows: readonly MeshFlow[]): { errors: string[]; charts: Set<Chart> } {
  const errors: string[] = [];
  const charts = new Set<Chart>();
  const outside = callersOutsideMesh(namespaces, flows);
  linkerdProbes(namespaces, errors);
  // One pass over the flows, then one over each namespace's own: linear in flows and namespaces.
  const byNamespace = new Map<string, MeshFlow[]>();
  for (const flow of flows) {
    const list = byNamespace.get(flow.receiver.metadata.namespace ?? '');
    if (list) list.push(flow);
    else byNamespace.set(flow.receiver.metadata.namespace ?? '', [flow]);
  }
  for (const ns of namespaces) {
    const receivers = new Map<kplus.AbstractPod, Receiver>();
    for (const flow of byNamespace.get(ns.name) ?? []) {
      const ports = tcpPorts(flow, errors);
      const sources = meshSources(flow, ns.mesh, errors);
      for (const s of sources) outside(ns, flow, s, errors);
      if (ports.length > 0 && sources.length === 0 && !optedOut(flow.source, ns.mesh)) withoutIdentity(ns, flow, errors);
      if (ports.length === 0 || sources.length === 0) continue;
      let receiver = receivers.get(flow.receiver);
      if (!receiver) receivers.set(flow.receiver, receiver = { workload: flow.receiver, ports: new Map() });
      for (const port of ports) {
        const allowed = receiver.ports.get(port) ?? new Map<string, MeshSource>();
        receiver.ports.set(port, allowed);
        for (const s of sources) allowed.set(sourceKey(s), s);
      }
    }
    const names = new Set<string>();
    for (const receiver of receivers.values()) {
      const written = ns.mesh.provider === 'istio' ? istioAllow(ns, receiver, names) : linkerdAllow(ns, receiver, names);
      for (const o of written) {
        o.node.addDependency(ns.dependsOn);
        charts.add(Chart.of(o));
      }
    }
  }
  return { errors, charts };
}

/** The Istio ALLOW policy of one workload: one rule per set of ports, naming every source allowed on them. */
function istioAllow(ns: MeshNamespace, receiver: Receiver, names: Set<string>): IConstruct[] {
  const trustDomain = ns.mesh.trustDomain ?? 'cluster.local';
  // Ports with the same sources share a rule.
  const bySources = new Map<string, { sources: MeshSource[]; ports: number[] }>();
  for (const port of [...receiver.ports.keys()].sort((a, b) => a - b)) {
    const sources = [...receiver.ports.get(port)!.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, s]) => s);
    const key = sources.map(sourceKey).join(',');
    const entry = bySources.get(key) ?? { sources, ports: [] };
    entry.ports.push(port);
    bySources.set(key, entry);
  }
  const rules = [...bySources.values()].map(({ sources, ports }) => ({
    from: sources.map((s) => ({
      source: s.kind === 'serviceAccount' ? { principals: [`${trustDomain}/ns/${s.namespace}/sa/${s.name}`] } : { namespaces: [s.namespace] },
    })),
    to: [{ operation: { ports: ports.map(String) } }],
  }));
  const name = uniqueName(`allow-${receiver.workload.name}`, receiver.workload, names);
  return [new istio.AuthorizationPolicy(ns.scope as any, `MeshAllow-${receiver.workload.node.addr.slice(0, 16)}`, {
    metadata: { name, namespace: ns.name, labels: { ...ns.labels } },
    spec: {
      selector: { matchLabels: podLabels(receiver.workload) },
      action: istio.AuthorizationPolicySpecAction.ALLOW,
      rules,
    },
  })];
}

/** Linkerd: per port a Server (deny unless authorized), a MeshTLSAuthentication of the sources and the AuthorizationPolicy joining them. */
function linkerdAllow(ns: MeshNamespace, receiver: Receiver, names: Set<string>): IConstruct[] {
  const out: IConstruct[] = [];
  const metadata = (name: string) => ({ name, namespace: ns.name, labels: { ...ns.labels } });
  for (const port of [...receiver.ports.keys()].sort((a, b) => a - b)) {
    const sources = [...receiver.ports.get(port)!.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, s]) => s);
    const name = uniqueName(`${receiver.workload.name}-${port}`, receiver.workload, names);
    const id = `${receiver.workload.node.addr.slice(0, 16)}-${port}`;
    out.push(new linkerd.Server(ns.scope as any, `MeshServer-${id}`, {
      metadata: metadata(name),
      spec: { podSelector: { matchLabels: podLabels(receiver.workload) }, port, accessPolicy: 'deny' },
    }));
    out.push(new linkerd.MeshTlsAuthentication(ns.scope as any, `MeshAuthentication-${id}`, {
      metadata: metadata(name),
      spec: {
        identityRefs: sources.map((s) => (s.kind === 'serviceAccount'
          ? { kind: 'ServiceAccount', name: s.name, namespace: s.namespace }
          : { kind: 'Namespace', name: s.namespace })),
      },
    }));
    out.push(new linkerd.AuthorizationPolicy(ns.scope as any, `MeshAuthorization-${id}`, {
      metadata: metadata(name),
      spec: {
        targetRef: { group: 'policy.linkerd.io', kind: 'Server', name },
        requiredAuthenticationRefs: [{ group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name }],
      },
    }));
  }
  return out;
}

/** The TCP port numbers of a flow (named ports resolved against the receiver's containers); problems go to `errors`. */
function tcpPorts(flow: MeshFlow, errors: string[]): number[] {
  const out: number[] = [];
  for (const p of flow.ports) {
    if ((p.protocol ?? 'TCP') !== 'TCP') continue;
    const value = p.port?.value;
    if (value === undefined || p.endPort !== undefined) {
      const every = value === undefined || (Number(value) <= 1 && p.endPort === 65535);
      errors.push(
        `[${flow.declaredOn.node.path}] ${flow.field}: ${every ? 'allows every TCP port' : `allows the port range ${value}-${p.endPort}`}, ` +
          `which the mesh authorization of namespace '${flow.receiver.metadata.namespace}' cannot express (k8s-phi-namespace-mtls). ` +
          'Name the ports one by one (kplus.NetworkPolicyPort.tcp(port)).',
      );
      continue;
    }
    if (typeof value === 'number') {
      out.push(value);
      continue;
    }
    const resolved = flow.receiver.containers.flatMap((c) => c.ports).find((cp) => cp.name === value)?.number;
    if (resolved === undefined) {
      const known = flow.receiver.containers.flatMap((c) => c.ports).filter((cp) => cp.name).map((cp) => `'${cp.name}'`);
      errors.push(
        `[${flow.declaredOn.node.path}] ${flow.field}: port '${value}' is not the name of a container port of ${flow.receiver.node.path} ` +
          `(${known.length > 0 ? `named ports: ${known.join(', ')}` : 'it names none'}), so the mesh authorization of namespace ` +
          `'${flow.receiver.metadata.namespace}' cannot name it (k8s-phi-namespace-mtls). Use the port number, or name the container port.`,
      );
      continue;
    }
    out.push(resolved);
  }
  return [...new Set(out)];
}

/** The identities the mesh authenticates for the flow's source (none: NetworkPolicy-only). */
function meshSources(flow: MeshFlow, mesh: NamespaceMesh, errors: string[]): MeshSource[] {
  const peer = flow.source;
  const config = peer.toNetworkPolicyPeerConfig();
  if (config.ipBlock) return [];
  if (isWorkload(peer)) {
    // Its pods stay out of the mesh: no identity to authorize (an ALLOW naming it would only widen the policy).
    if (optedOut(peer, mesh)) return [];
    const namespace = peer.metadata.namespace;
    if (namespace === undefined) {
      errors.push(
        `[${flow.declaredOn.node.path}] ${flow.field}: ${peer.node.path} has no namespace, so the mesh authorization of namespace ` +
          `'${flow.receiver.metadata.namespace}' cannot name its ServiceAccount (k8s-phi-namespace-mtls). Give its chart a namespace.`,
      );
      return [];
    }
    return [{ kind: 'serviceAccount', namespace, name: peer.serviceAccount?.name ?? 'default' }];
  }
  const namespaces = peer.toPodSelector()?.toPodSelectorConfig().namespaces;
  // Pods of the receiver's own namespace.
  if (!namespaces) return [{ kind: 'namespace', namespace: flow.receiver.metadata.namespace! }];
  // Namespaces selected by label, or every namespace: no identity to name.
  if (!namespaces.names || (namespaces.labelSelector && !namespaces.labelSelector.isEmpty())) return [];
  return namespaces.names.map((namespace) => ({ kind: 'namespace', namespace }));
}

/**
 * A flow whose source has no identity the mesh authenticates (an IP block, namespaces selected by
 * label or every namespace) on TCP ports: the NetworkPolicy allows it, but STRICT mTLS and the
 * allow-nothing policy (Istio) or the deny default (Linkerd) refuse it, so it can never work. Refused
 * unless the receiving workload (or a construct above it) waives k8s-phi-namespace-mtls, e.g. when
 * the port is excluded from the sidecar by hand.
 */
function withoutIdentity(ns: MeshNamespace, flow: MeshFlow, errors: string[]): void {
  if (flow.receiver.node.scopes.some((s) => waiversOf(s).some((w) => w.ruleId === MESH_MTLS_RULE))) return;
  const config = flow.source.toNetworkPolicyPeerConfig();
  const what = config.ipBlock ? `the IP block ${config.ipBlock.cidr}` : 'namespaces selected by label (or every namespace)';
  const denial = ns.mesh.provider === 'istio' ? 'STRICT mTLS and the allow-nothing AuthorizationPolicy' : "Linkerd's deny default inbound policy";
  errors.push(
    `[${flow.declaredOn.node.path}] ${flow.field}: ${what} has no identity the ${ns.mesh.provider} mesh of namespace '${ns.name}' authenticates, ` +
      `so ${denial} would refuse the connections the NetworkPolicy allows (${MESH_MTLS_RULE}). ` +
      'Let the callers in through a meshed workload (an ingress gateway or controller in the mesh) and declare the flow from it, ' +
      `or, if the port is kept out of the mesh by other means, waive ${MESH_MTLS_RULE} on ${flow.receiver.node.path}, giving the reason.`,
  );
}

/**
 * Kubelet probes of workloads in a Linkerd namespace that the proxy refuses: Linkerd's policy
 * controller authorizes probes as plain-text HTTP GET requests to the httpGet probe paths only
 * (policy-controller inbound/workload.rs), so under the deny default (and a Server with
 * accessPolicy deny) an HTTPS probe the app terminates is refused and the pods never become
 * ready (linkerd/linkerd2#12806). Refused unless the pods skip the probe's port
 * (`config.linkerd.io/skip-inbound-ports`) or opt out of the mesh, or the workload waives
 * k8s-phi-namespace-mtls (the port kept out of the proxy by other means).
 */
function linkerdProbes(namespaces: readonly MeshNamespace[], errors: string[]): void {
  const linkerdNamespaces = new Set(namespaces.filter((n) => n.mesh.provider === 'linkerd').map((n) => n.name));
  if (linkerdNamespaces.size === 0) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AbstractPod } = require('cdk8s-plus-28') as typeof kplus;
  for (const c of namespaces[0].scope.node.root.node.findAll()) {
    if (!(c instanceof AbstractPod) || !linkerdNamespaces.has(c.metadata.namespace ?? '')) continue;
    const pod = c.podMetadata.toJson();
    if (podOutsideMesh('linkerd', pod.labels, pod.annotations)) continue;
    if (c.node.scopes.some((s) => waiversOf(s).some((w) => w.ruleId === MESH_MTLS_RULE))) continue;
    const skipped = skippedInboundPorts(pod.annotations?.['config.linkerd.io/skip-inbound-ports']);
    c.containers.forEach((container, i) => {
      const kube = container._toKube();
      const probes = [['liveness', kube.livenessProbe], ['readiness', kube.readinessProbe], ['startup', kube.startupProbe]] as const;
      for (const [field, probe] of probes) {
        if (probe?.httpGet?.scheme !== 'HTTPS') continue;
        const port = probe.httpGet.port.value;
        const number = typeof port === 'number' ? port : container.ports.find((cp) => cp.name === port)?.number;
        // The proxy never sees a port the pod skips: the probe reaches the app directly.
        if (number !== undefined && skipped(number)) continue;
        const what = `an HTTPS probe (port ${port})`;
        errors.push(
          `[${c.node.path}] containers[${i}].${field}: ${what} in namespace '${c.metadata.namespace}', whose Linkerd mesh authorizes kubelet probes ` +
            'only as plain HTTP GET requests to the probe paths: the deny default inbound policy refuses it and the pods never become ready ' +
            `(${MESH_MTLS_RULE}). Serve the probe paths over plain HTTP on their own port (kplus.Probe.fromHttpGet(path, { port })), or use an exec probe; ` +
            `if the port is kept out of the proxy (config.linkerd.io/skip-inbound-ports), waive ${MESH_MTLS_RULE} on ${c.node.path}, giving the reason.`,
        );
      }
    });
  }
}

/** Whether a port is in Linkerd's `config.linkerd.io/skip-inbound-ports` list (`8443,9000-9100`). */
function skippedInboundPorts(value: unknown): (port: number) => boolean {
  if (typeof value !== 'string') return () => false;
  const ranges = value.split(',').map((p) => p.trim().split('-').map(Number)).filter((r) => r.every(Number.isInteger));
  return (port) => ranges.some(([from, to]) => port >= from && port <= (to ?? from));
}

/** What marks a namespace's (or a pod's) workloads as injected by each mesh. */
const INJECTED: Record<NamespaceMesh['provider'], (labels: Record<string, string>, annotations: Record<string, string>) => boolean> = {
  istio: (labels) => labels['istio-injection'] === 'enabled' || labels['istio.io/rev'] !== undefined || labels['sidecar.istio.io/inject'] === 'true',
  linkerd: (_labels, annotations) => annotations['linkerd.io/inject'] === 'enabled',
};

/**
 * A check of each mesh source against the Namespaces the app writes: a caller in a namespace of
 * the app that is not in the receiver's mesh has no identity that mesh authenticates, so STRICT
 * mTLS (or Linkerd's deny default) refuses the flow the NetworkPolicies allow. Namespaces the app
 * does not write (an ingress controller's) are left to their owners, as the README says.
 */
type OutsideCheck = (ns: MeshNamespace, flow: MeshFlow, source: MeshSource, errors: string[]) => void;
function callersOutsideMesh(namespaces: readonly MeshNamespace[], flows: readonly MeshFlow[]): OutsideCheck {
  if (flows.length === 0) return () => undefined;
  const root = flows[0].receiver.node.root;
  const meshed = new Map(namespaces.map((n) => [n.name, n.mesh.provider]));
  const appNamespaces = new Map<string, { labels: Record<string, string>; annotations: Record<string, string> }>();
  for (const c of root.node.findAll()) {
    if (ApiObject.isApiObject(c) && c.kind === 'Namespace' && c.apiVersion === 'v1' && !appNamespaces.has(c.name)) {
      const metadata = c.toJson().metadata ?? {};
      appNamespaces.set(c.name, { labels: metadata.labels ?? {}, annotations: metadata.annotations ?? {} });
    }
  }
  return (ns, flow, source, errors) => {
    const provider = ns.mesh.provider;
    const namespace = appNamespaces.get(source.namespace);
    if (namespace === undefined || meshed.get(source.namespace) === provider || INJECTED[provider](namespace.labels, namespace.annotations)) return;
    const peer = flow.source;
    if (isWorkload(peer)) {
      const pod = peer.podMetadata.toJson();
      if (INJECTED[provider](pod.labels ?? {}, pod.annotations ?? {})) return;
    }
    const other = meshed.get(source.namespace);
    const caller = isWorkload(peer) ? `${peer.node.path} (namespace '${source.namespace}')` : `namespace '${source.namespace}'`;
    const fix = provider === 'istio' ? "mesh: { provider: 'istio' }" : "mesh: { provider: 'linkerd' }";
    errors.push(
      `[${flow.declaredOn.node.path}] ${flow.field}: ${caller} is ${other ? `in the ${other} mesh, not in the ${provider} mesh` : 'outside the mesh'} ` +
        `of namespace '${ns.name}', so its pods have no identity that mesh authenticates and the ${provider === 'istio' ? 'STRICT mTLS and ALLOW policies' : 'deny default'} ` +
        `of namespace '${ns.name}' would refuse the connections the NetworkPolicies allow (${MESH_MTLS_RULE}). ` +
        `Put namespace '${source.namespace}' in the same mesh (HipaaNamespace's ${fix}).`,
    );
  };
}

/** Whether the source is a workload whose pods opt out of that mesh (they have no identity in it). */
function optedOut(peer: kplus.INetworkPolicyPeer, mesh: NamespaceMesh): boolean {
  if (!isWorkload(peer)) return false;
  const pod = peer.podMetadata.toJson();
  return podOutsideMesh(mesh.provider, pod.labels, pod.annotations);
}

function isWorkload(peer: kplus.INetworkPolicyPeer): peer is kplus.AbstractPod {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return peer instanceof (require('cdk8s-plus-28') as typeof kplus).AbstractPod;
}

/** The labels the workload's pods are selected by. */
function podLabels(workload: kplus.AbstractPod): Record<string, string> {
  return { ...workload.toPodSelectorConfig().labelSelector._toKube().matchLabels };
}

function sourceKey(s: MeshSource): string {
  return s.kind === 'serviceAccount' ? `sa:${s.namespace}/${s.name}` : `ns:${s.namespace}`;
}

/** `name`, or `name-<hash of the construct address>` when another workload of the namespace took it. */
function uniqueName(name: string, workload: kplus.AbstractPod, names: Set<string>): string {
  const unique = names.has(name) ? `${name}-${workload.node.addr.slice(0, 8)}` : name;
  names.add(unique);
  return unique;
}
