/**
 * The NetworkPolicies behind a workload's declared flows (SecureDeployment `ingress`/`egress`
 * and its `connections.allowFrom/allowTo`).
 *
 * cdk8s-plus writes a policy on both ends of every flow: one selecting the workload, and one
 * selecting the peer, in the peer's namespace. For a peer the app does not own (a namespace it
 * does not create, say `ingress-nginx`) that second policy selects every pod there
 * (`podSelector: {}`) with policyTypes [Egress], which isolates them and cuts them off from DNS,
 * the API server and every other backend. Here:
 *
 * - the workload always gets its side: a policy in its own namespace that selects its pods;
 * - the peer gets its side only when the app owns it: a workload of the same app (in its
 *   namespace), or pods or every pod of a namespace the app creates (a HipaaNamespace or any
 *   Namespace object in any chart of the app, declared before or after the flow). Namespaces
 *   selected by label, every namespace, pods of namespaces the app does not create and IP blocks
 *   get nothing on their side: their owners declare what their pods may send or receive;
 * - a flow declared twice (the `egress` prop and `connections.allowTo`, or workload A's egress
 *   to B and B's ingress from A) is one policy; ports of flows between the same pods and peers
 *   are merged into it.
 *
 * Whether a namespace is created by the app is decided when the app is synthesized (before the
 * synth-time check renders its first chart, or in cdk8s's validation pass), so the order in
 * which charts and constructs are declared does not matter.
 */
import { createHash } from 'crypto';
import { ApiObject, Chart, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { IConstruct } from 'constructs';
import { appRegistry, existingAppRegistry } from './app-registry';
import { recordMeshFlow } from './namespace-mesh';
import { waiversOf, writeWaiverAnnotations } from './waivers';

/** The rule a flow from anyone breaks (and that SecureDeployment enforces at construction). */
export const OPEN_INGRESS_RULE = 'k8s-phi-open-ingress';

const NAME_LABEL = 'kubernetes.io/metadata.name';
const REGISTRY = Symbol.for('hipaa-constructs.flows');

type Direction = 'Ingress' | 'Egress';

/** How a flow was declared, for error messages: `ingress[0].from` or `connections.allowTo(chart/db)`. */
type Field = string;

/** Where the pods on the peer's end of a flow are, if the app might own them. */
type PeerEnd =
  /** A workload of the app: its side is always written, beside it. */
  | { readonly kind: 'workload'; readonly workload: kplus.AbstractPod; readonly namespace?: string; readonly podSelector: k8s.LabelSelector }
  /** Pods (or every pod) of a namespace named here: their side is written only if the app creates that namespace. */
  | { readonly kind: 'namespace'; readonly namespace: string; readonly podSelector: k8s.LabelSelector };

/** A flow whose peer's end is decided when the app is synthesized. */
interface PendingPeerEnd {
  readonly flows: WorkloadFlows;
  readonly direction: Direction;
  readonly ends: readonly PeerEnd[];
  readonly ports: readonly k8s.NetworkPolicyPort[];
  readonly field: Field;
  /** Only the peer's end was asked for (`isolation: PEER`): an error when the app does not own it. */
  readonly peerOnly: boolean;
}

/** What a flow policy selects and allows, but the ports. */
interface PolicyShape {
  /** Namespace of the policy (and of the pods it selects); undefined for the chart's. */
  readonly namespace: string | undefined;
  /** The pods it selects. */
  readonly podSelector: k8s.LabelSelector;
  /** The direction it allows. */
  readonly direction: Direction;
  /** The peers of its one rule. */
  readonly peers: readonly k8s.NetworkPolicyPeer[];
}

/** One NetworkPolicy: pods of one selector, one direction, one set of peers; the ports of every flow merged. */
class FlowPolicy {
  /** The NetworkPolicy written. */
  readonly object: k8s.KubeNetworkPolicy;
  private readonly ports = new Map<string, k8s.NetworkPolicyPort>();

  constructor(scope: IConstruct, id: string, { namespace, podSelector, direction, peers }: PolicyShape) {
    this.object = new k8s.KubeNetworkPolicy(scope as any, id, {
      metadata: { namespace },
      spec: Lazy.any({
        produce: () => {
          const rule = { ports: [...this.ports.values()] };
          return direction === 'Ingress'
            ? { podSelector, policyTypes: [direction], ingress: [{ from: peers, ...rule }] }
            : { podSelector, policyTypes: [direction], egress: [{ to: peers, ...rule }] };
        },
      }),
    });
  }

  addPorts(ports: readonly k8s.NetworkPolicyPort[]): void {
    for (const p of ports) {
      const key = JSON.stringify(p);
      if (!this.ports.has(key)) this.ports.set(key, p);
    }
  }
}

/** Every flow policy of an app, by what it selects and allows, and the peer ends not yet decided. */
class FlowRegistry {
  /** The registry of the app `scope` is in (created, with its synth-time hook, on first use). */
  static of(scope: IConstruct): FlowRegistry {
    return appRegistry(scope, REGISTRY, (root) => new FlowRegistry(root));
  }

  private readonly policies = new Map<string, FlowPolicy>();
  private readonly pending: PendingPeerEnd[] = [];

  private constructor(private readonly root: IConstruct) {
    // cdk8s validates the whole app before it writes any chart (app.synth, chart.toJson,
    // Testing.synth), so this runs before the first manifest is produced.
    root.node.addValidation({ validate: () => this.decidePeerEnds() });
  }

  /**
   * Adds the ports to the policy of this shape, creating it under `scope`; returns the policy
   * when it was created now.
   */
  allow(scope: IConstruct, shape: PolicyShape, ports: readonly k8s.NetworkPolicyPort[]): k8s.KubeNetworkPolicy | undefined {
    const key = JSON.stringify([shape.namespace ?? '', shape.podSelector, shape.direction, shape.peers]);
    let policy = this.policies.get(key);
    const created = policy === undefined;
    if (!policy) {
      const id = `Allow${shape.direction}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
      policy = new FlowPolicy(scope, id, shape);
      this.policies.set(key, policy);
    }
    policy.addPorts(ports);
    return created ? policy.object : undefined;
  }

  defer(end: PendingPeerEnd): void {
    this.pending.push(end);
  }

  /** Writes the peer ends the app owns; returns an error for each peer-only flow it does not own. */
  decidePeerEnds(): string[] {
    if (this.pending.length === 0) return [];
    const namespaces = appNamespaces(this.root);
    const touched = new Set<Chart>();
    const errors: string[] = [];
    for (const flow of this.pending.splice(0)) {
      const self = flow.flows.workload;
      const opposite: Direction = flow.direction === 'Ingress' ? 'Egress' : 'Ingress';
      const selfPeers = renderPeers(self.toNetworkPolicyPeerConfig());
      const skipped: string[] = [];
      for (const end of flow.ends) {
        let scope: IConstruct;
        let namespace: string | undefined;
        let dependency: IConstruct | undefined;
        if (end.kind === 'workload') {
          scope = end.workload;
          namespace = end.namespace ?? self.metadata.namespace;
        } else {
          const ns = namespaces.get(end.namespace);
          if (ns === undefined) {
            skipped.push(end.namespace);
            continue;
          }
          scope = ns.node.scope ?? ns;
          namespace = end.namespace;
          dependency = ns;
        }
        const created = this.allow(scope, { namespace, podSelector: end.podSelector, direction: opposite, peers: selfPeers }, flow.ports);
        if (created) {
          if (dependency) created.node.addDependency(dependency);
          touched.add(Chart.of(created));
        }
      }
      if (flow.peerOnly && (flow.ends.length === 0 || skipped.length > 0)) {
        const where = skipped.length > 0
          ? `namespace${skipped.length > 1 ? 's' : ''} ${skipped.map((n) => `'${n}'`).join(', ')}, which the app does not create`
          : 'an IP block or namespaces selected by label';
        errors.push(
          `[${self.node.path}] ${flow.field}: isolation PEER asks for a NetworkPolicy on the peer's side only, but the peer is in ${where}; ` +
            'a policy is never written into a namespace the app does not create. Drop the isolation option so the workload gets its side, ' +
            'and have the peer\'s owners allow the flow on theirs.',
        );
      }
    }
    // Objects created now missed the waiver annotations written before this synth.
    for (const chart of touched) writeWaiverAnnotations(chart);
    return errors;
  }
}

/**
 * Writes the peer's side of the app's pending flows now (once; later calls find nothing to do),
 * throwing one Error for flows that cannot be written. The synth-time check calls it before it
 * renders a chart; cdk8s's validation pass does the same for charts without the check.
 */
export function decideFlowPeers(scope: IConstruct): void {
  const registry = existingAppRegistry<FlowRegistry>(scope, REGISTRY);
  const errors = registry?.decidePeerEnds() ?? [];
  if (errors.length > 0) throw new Error(errors.join('\n'));
}

/**
 * The flows of one workload: its side of each flow at once, the peer's side when the app is
 * synthesized. Also serves the workload's `connections`, so both ways of declaring a flow compose.
 */
export class WorkloadFlows {
  private readonly registry: FlowRegistry;

  constructor(
    /** The workload whose pods the flows start or end at. */
    public readonly workload: kplus.AbstractPod,
    /** Whether the workload is classified as PHI (its flows from anyone are refused unless waived). */
    private readonly phi: boolean,
  ) {
    this.registry = FlowRegistry.of(workload);
  }

  /**
   * Problems with a flow's peer, one sentence each naming `field` and the rule: an ingress from
   * any address or every namespace to a PHI workload, which no waiver of the rule accepts.
   */
  problems(direction: Direction, peer: kplus.INetworkPolicyPeer, field: Field): string[] {
    const problems: string[] = [];
    if (direction === 'Ingress' && this.phi && !this.waived(OPEN_INGRESS_RULE)) {
      // The rule's own test, so the construct refuses exactly what the rule flags; loaded on
      // first use, like the rest of the pack (the cdk8s entry point loads no rule module).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { openIngressSource } = require('../rules/k8s/network/phi-open-ingress') as typeof import('../rules/k8s/network/phi-open-ingress');
      for (const p of renderPeers(peer.toNetworkPolicyPeerConfig())) {
        const open = openIngressSource(p);
        if (open === undefined) continue;
        problems.push(
          `${field}: allows ingress from ${open} to this PHI workload (${OPEN_INGRESS_RULE}). Name the sources instead: ` +
            'the namespaces that must connect (kplus.Namespaces.select(scope, id, { names: [...] }) or a HipaaNamespace), pods in them, ' +
            `or the CIDR of the load balancer; or accept the flow with a waiver of ${OPEN_INGRESS_RULE} in waivers, giving the reason.`,
        );
      }
    }
    return problems;
  }

  /**
   * Allows the flow: the workload's side now, the peer's side at synth when the app owns the
   * peer. `isolation` is cdk8s-plus's: POD writes only the workload's side, PEER only the peer's.
   */
  allow(
    direction: Direction,
    peer: kplus.INetworkPolicyPeer,
    ports: readonly kplus.NetworkPolicyPort[],
    field: Field,
    isolation?: kplus.PodConnectionsIsolation,
  ): void {
    const config = peer.toNetworkPolicyPeerConfig();
    const kubePorts = ports.map((p) => p._toKube());
    const self = this.workload;
    // The receiving workload's side becomes mesh authorization too, if its namespace has a mesh.
    if (direction === 'Ingress' && isolation !== kplus.PodConnectionsIsolation.PEER) {
      recordMeshFlow({ receiver: self, source: peer, ports: kubePorts, declaredOn: self, field });
    } else if (direction === 'Egress' && isolation !== kplus.PodConnectionsIsolation.POD && peer instanceof kplus.AbstractPod && peer.node.root === self.node.root) {
      recordMeshFlow({ receiver: peer, source: self, ports: kubePorts, declaredOn: self, field });
    }
    if (isolation !== kplus.PodConnectionsIsolation.PEER) {
      const podSelector = self.toPodSelectorConfig().labelSelector._toKube();
      this.registry.allow(self, { namespace: self.metadata.namespace, podSelector, direction, peers: renderPeers(config) }, kubePorts);
    }
    if (isolation !== kplus.PodConnectionsIsolation.POD) {
      this.registry.defer({
        flows: this,
        direction,
        ends: peerEnds(peer, config, self),
        ports: kubePorts,
        field,
        peerOnly: isolation === kplus.PodConnectionsIsolation.PEER,
      });
    }
  }

  /** True when a waiver of `ruleId` is held by the workload or a construct above it. */
  private waived(ruleId: string): boolean {
    return this.workload.node.scopes.some((s) => waiversOf(s).some((w) => w.ruleId === ruleId));
  }
}

/**
 * `connections` of a SecureDeployment: cdk8s-plus's API, routed through {@link WorkloadFlows}
 * so a flow is refused, written and merged exactly as one declared in the props.
 */
export class SecureConnections extends kplus.PodConnections {
  constructor(private readonly flows: WorkloadFlows) {
    super(flows.workload);
  }

  /** Allows traffic from the workload to `peer`; ports default to the peer's container ports. */
  public allowTo(peer: kplus.INetworkPolicyPeer, options: kplus.PodConnectionsAllowToOptions = {}): void {
    this.connect('Egress', peer, options.ports ?? containerPorts(peer), `connections.allowTo(${peer.node.path})`, options.isolation);
  }

  /** Allows traffic from `peer` to the workload; ports default to the workload's container ports. */
  public allowFrom(peer: kplus.INetworkPolicyPeer, options: kplus.PodConnectionsAllowFromOptions = {}): void {
    this.connect('Ingress', peer, options.ports ?? containerPorts(this.flows.workload), `connections.allowFrom(${peer.node.path})`, options.isolation);
  }

  private connect(
    direction: Direction,
    peer: kplus.INetworkPolicyPeer,
    ports: kplus.NetworkPolicyPort[],
    field: string,
    isolation?: kplus.PodConnectionsIsolation,
  ): void {
    const problems = this.flows.problems(direction, peer, field);
    if (ports.length === 0) {
      problems.unshift(
        `${field}: name the ports this flow may use (options.ports); the ${direction === 'Egress' ? 'peer' : 'workload'} has no container ports ` +
          'to take them from, and a flow open on every port defeats the namespace default-deny.',
      );
    }
    if (problems.length > 0) throw new Error(problems.map((p) => `[${this.flows.workload.node.path}] ${p}`).join('\n'));
    this.flows.allow(direction, peer, ports, field, isolation);
  }
}

/** Peers as a NetworkPolicy rule writes them (what cdk8s-plus writes for the same peer). */
export function renderPeers(config: kplus.NetworkPolicyPeerConfig): k8s.NetworkPolicyPeer[] {
  if (config.ipBlock) {
    return [{ ipBlock: { cidr: config.ipBlock.cidr, ...(config.ipBlock.except ? { except: config.ipBlock.except } : {}) } }];
  }
  const selector = config.podSelector;
  if (!selector) throw new Error('Invalid peer: it has neither an ipBlock nor a podSelector');
  const podSelector = clean(selector.labelSelector._toKube());
  const namespaces = selector.namespaces;
  if (!namespaces?.names) {
    const namespaceSelector = namespaces?.labelSelector ? clean(namespaces.labelSelector._toKube()) : undefined;
    return [namespaceSelector ? { namespaceSelector, podSelector } : { podSelector }];
  }
  // One peer per name: a label selector cannot hold two values of the name label.
  const byLabels = namespaces.labelSelector ? clean(namespaces.labelSelector._toKube()) : {};
  return namespaces.names.map((name) => ({
    podSelector,
    namespaceSelector: clean({ ...byLabels, matchLabels: { ...byLabels.matchLabels, [NAME_LABEL]: name } }),
  }));
}

/** The ends of a flow that the app may own: a workload of the app, or pods of namespaces named. */
function peerEnds(peer: kplus.INetworkPolicyPeer, config: kplus.NetworkPolicyPeerConfig, self: kplus.AbstractPod): PeerEnd[] {
  if (config.ipBlock) return [];
  if (peer instanceof kplus.AbstractPod) {
    if (peer.node.root !== self.node.root) return [];
    return [{ kind: 'workload', workload: peer, namespace: peer.metadata.namespace, podSelector: clean(peer.toPodSelectorConfig().labelSelector._toKube()) }];
  }
  const selector = peer.toPodSelector()?.toPodSelectorConfig();
  if (!selector) return [];
  const podSelector = clean(selector.labelSelector._toKube());
  const namespaces = selector.namespaces;
  if (!namespaces) {
    // No namespace named: the pods are in the workload's own namespace.
    const own = self.metadata.namespace;
    return own === undefined ? [] : [{ kind: 'namespace', namespace: own, podSelector }];
  }
  // Namespaces chosen by label (or every namespace): the app cannot know which they are.
  if (!namespaces.names || (namespaces.labelSelector && !namespaces.labelSelector.isEmpty())) return [];
  return namespaces.names.map((namespace) => ({ kind: 'namespace', namespace, podSelector }));
}

/** Container ports of a workload as TCP/UDP/SCTP NetworkPolicy ports (none for other peers). */
function containerPorts(peer: unknown): kplus.NetworkPolicyPort[] {
  const containers: readonly kplus.Container[] = (peer as { containers?: kplus.Container[] }).containers ?? [];
  return containers.flatMap((c) => c.ports ?? []).map((p) => kplus.NetworkPolicyPort.of({
    port: p.number,
    protocol: (p.protocol as string | undefined as kplus.NetworkProtocol | undefined) ?? kplus.NetworkProtocol.TCP,
  }));
}

/** Namespace objects of the app by name (one pass over the app, at synth). */
function appNamespaces(root: IConstruct): Map<string, ApiObject> {
  const map = new Map<string, ApiObject>();
  for (const c of root.node.findAll()) {
    if (ApiObject.isApiObject(c) && c.kind === 'Namespace' && c.apiVersion === 'v1' && !map.has(c.name)) map.set(c.name, c);
  }
  return map;
}

/** A selector without empty parts, so the same selector always gives the same key. */
function clean(selector: k8s.LabelSelector): k8s.LabelSelector {
  const out: { matchLabels?: Record<string, string>; matchExpressions?: k8s.LabelSelectorRequirement[] } = {};
  if (selector.matchLabels && Object.keys(selector.matchLabels).length > 0) {
    out.matchLabels = Object.fromEntries(Object.entries(selector.matchLabels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  if (selector.matchExpressions && selector.matchExpressions.length > 0) out.matchExpressions = selector.matchExpressions;
  return out;
}
