/**
 * The checked objects indexed for the data-flow graph, once per build: workloads per namespace
 * (with their pod labels, named container ports, PHI classification and mesh membership),
 * namespace labels, and a label index so a selector is matched against the few pods carrying one
 * of its labels rather than against every pod (the build stays linear in the objects).
 */
import type { FlowNode } from './flow-graph';
import type { NamedPorts } from './ports';
import { RuleContext, RuleSettings } from '../check/context';
import { DEFAULT_MIN_EGRESS_PREFIX } from '../check/egress-prefix';
import type { Resource } from '../check/resource';
import { classifiedWorkloads, isPhiNamespace } from '../rules/k8s/phi-classification';
import { podTemplate } from '../rules/k8s/pod';
import { matchLabelsMatch, selectorMatches } from '../rules/k8s/selector';
import { isObject } from '../rules/k8s/support/objects';

/** The label Kubernetes sets on every Namespace to its name (what namespaceSelectors usually name). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A pod-bearing object as the graph sees it. */
export interface IndexedWorkload {
  /** The object. */
  readonly resource: Resource;
  /** Its namespace (the default one when it names none). */
  readonly namespace: string;
  /** Node id: `workload:<namespace>/<Kind>/<name>`. */
  readonly id: string;
  /** Labels of its pods. */
  readonly podLabels: Record<string, unknown>;
  /** Named container ports of its pods. */
  readonly namedPorts: NamedPorts;
  /** Whether it counts as PHI, as the rules judge it. */
  readonly phi: boolean;
  /** Whether its pods accept only mutually authenticated (mTLS) connections (STRICT mesh, not opted out). */
  readonly mtls: boolean;
  /** Pod annotations. */
  readonly podAnnotations: Record<string, unknown>;
}

/** The objects of a build, indexed. */
export class ClusterIndex {
  /** The rule context the PHI classification reads (same settings as the check). */
  readonly ctx: RuleContext;
  /** Workloads per namespace, in input order. */
  readonly workloads = new Map<string, IndexedWorkload[]>();
  /** Labels of every namespace an object lands in (a Namespace object's, plus the name label Kubernetes sets). */
  readonly namespaceLabels = new Map<string, Record<string, unknown>>();
  private readonly byLabel = new Map<string, Map<string, IndexedWorkload[]>>();
  private readonly namespaceSelections = new Map<string, readonly string[]>();

  constructor(
    resources: readonly Resource[],
    settings: { defaultNamespace: string; unclassifiedIsPhi: boolean; now: Date },
    strictMtls: (ctx: RuleContext, ns: string, podLabels: unknown, podAnnotations: unknown) => boolean,
  ) {
    const full: RuleSettings = {
      allowedRegistries: [],
      kubernetesVersion: '',
      defaultNamespace: settings.defaultNamespace,
      now: settings.now,
      minEgressPrefix: DEFAULT_MIN_EGRESS_PREFIX,
      unclassifiedIsPhi: settings.unclassifiedIsPhi,
    };
    this.ctx = new RuleContext(resources, full);
    for (const ns of this.ctx.ofKind('Namespace')) {
      const labels = isObject(ns.body.metadata?.labels) ? { ...ns.body.metadata.labels } : {};
      labels[NAMESPACE_NAME_LABEL] = ns.name;
      this.namespaceLabels.set(ns.name, labels);
    }
    for (const r of resources) {
      if (r.kind === 'Namespace' || (r.namespace === undefined && !NAMESPACED_KINDS.has(r.kind))) continue;
      const ns = this.ctx.namespaceOf(r);
      if (!this.namespaceLabels.has(ns)) this.namespaceLabels.set(ns, { [NAMESPACE_NAME_LABEL]: ns });
    }
    for (const [ns, list] of classifiedWorkloads(this.ctx)) {
      const indexed: IndexedWorkload[] = [];
      for (const w of list) {
        const template = podTemplate(w.resource);
        const podLabels = w.podLabels ?? {};
        const podAnnotations = isObject(template?.metadata.annotations) ? template!.metadata.annotations : {};
        const entry: IndexedWorkload = {
          resource: w.resource,
          namespace: ns,
          id: workloadId(ns, w.resource),
          podLabels,
          namedPorts: namedPortsOf(w.resource),
          phi: w.phi !== undefined,
          mtls: strictMtls(this.ctx, ns, podLabels, podAnnotations),
          podAnnotations,
        };
        indexed.push(entry);
        for (const key of Object.keys(podLabels)) {
          const value = podLabels[key];
          if (typeof value !== 'string') continue;
          const pair = `${ns}\u0000${key}`;
          let byValue = this.byLabel.get(pair);
          if (!byValue) this.byLabel.set(pair, (byValue = new Map()));
          const l = byValue.get(value);
          if (l) l.push(entry);
          else byValue.set(value, [entry]);
        }
      }
      this.workloads.set(ns, indexed);
    }
  }

  /** The namespace an object lands in. */
  namespaceOf(r: Resource): string {
    return this.ctx.namespaceOf(r);
  }

  /** Whether a namespace counts as PHI, as the rules judge it. */
  isPhiNamespace(ns: string): boolean {
    return isPhiNamespace(this.ctx, ns);
  }

  /** Workloads of `ns` whose pods a `metav1.LabelSelector` selects (a missing selector selects none). */
  selectWorkloads(ns: string, selector: unknown): readonly IndexedWorkload[] {
    if (!isObject(selector)) return [];
    return this.candidates(ns, selector.matchLabels).filter((w) => selectorMatches(selector, w.podLabels));
  }

  /** Workloads of `ns` a Service's plain `spec.selector` map selects (empty or missing: none). */
  serviceWorkloads(ns: string, selector: unknown): readonly IndexedWorkload[] {
    if (!isObject(selector) || Object.keys(selector).length === 0) return [];
    return this.candidates(ns, selector).filter((w) => matchLabelsMatch(selector, w.podLabels));
  }

  /** Namespaces (known from the objects) a namespaceSelector selects, sorted; memoised per selector. */
  selectNamespaces(selector: unknown): readonly string[] {
    if (!isObject(selector)) return [];
    const key = JSON.stringify(selector);
    let found = this.namespaceSelections.get(key);
    if (found === undefined) {
      found = [...this.namespaceLabels].filter(([, labels]) => selectorMatches(selector, labels)).map(([name]) => name).sort();
      this.namespaceSelections.set(key, found);
    }
    return found;
  }

  /** Whether namespace `ns` (by its labels) is selected by a namespaceSelector. */
  namespaceSelected(selector: unknown, ns: string): boolean {
    return selectorMatches(selector, this.namespaceLabels.get(ns) ?? { [NAMESPACE_NAME_LABEL]: ns });
  }

  /** Pods of `ns` carrying one of the selector's exact label pairs (the fewest), else every pod of `ns`. */
  private candidates(ns: string, matchLabels: unknown): readonly IndexedWorkload[] {
    let best: readonly IndexedWorkload[] | undefined;
    if (isObject(matchLabels)) {
      for (const key of Object.keys(matchLabels)) {
        const value = matchLabels[key];
        if (typeof value !== 'string') return [];
        const list = this.byLabel.get(`${ns}\u0000${key}`)?.get(value) ?? [];
        if (best === undefined || list.length < best.length) best = list;
      }
    }
    return best ?? this.workloads.get(ns) ?? [];
  }
}

/** `workload:<namespace>/<Kind>/<name>`. */
export function workloadId(ns: string, r: Resource): string {
  return `workload:${ns}/${r.kind}/${r.name}`;
}

/** How a node names the object that introduced it. */
export function objectRef(r: Resource, ns?: string): NonNullable<FlowNode['object']> {
  return ns !== undefined ? { kind: r.kind, namespace: ns, name: r.name } : { kind: r.kind, name: r.name };
}

/** The container ports of a workload's pods that have names. */
function namedPortsOf(r: Resource): NamedPorts {
  const map = new Map<string, { port: number; protocol: string }>();
  for (const c of podTemplate(r)?.containers ?? []) {
    const ports = c.container.ports;
    if (!Array.isArray(ports)) continue;
    for (const p of ports) {
      if (!isObject(p) || typeof p.name !== 'string' || typeof p.containerPort !== 'number') continue;
      if (!map.has(p.name)) map.set(p.name, { port: p.containerPort, protocol: typeof p.protocol === 'string' ? p.protocol.toUpperCase() : 'TCP' });
    }
  }
  return map;
}

/** Kinds that land in the default namespace when they name none. */
const NAMESPACED_KINDS: ReadonlySet<string> = new Set([
  'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob',
  'Service', 'Ingress', 'NetworkPolicy', 'Secret', 'ConfigMap', 'ServiceAccount', 'CiliumNetworkPolicy', 'ServiceEntry',
  'SecretStore', 'ExternalSecret', 'BackupStorageLocation', 'Schedule', 'PeerAuthentication',
]);
