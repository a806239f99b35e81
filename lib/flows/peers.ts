/**
 * NetworkPolicy peers (`from`/`to` entries) as the graph resolves them: the checked workloads they
 * select, an IP block outside the cluster, or, when they select pods the checked objects do not
 * hold (another namespace, a platform component), a `peer` node named after the selector. A peer
 * that selects the ingress controller's pods or namespace becomes the `ingress-controller` node.
 */
import { ClusterIndex, IndexedWorkload, NAMESPACE_NAME_LABEL } from './cluster-index';
import type { FlowNode } from './flow-graph';
import { selectorMatches } from '../rules/k8s/selector';
import { isObject } from '../rules/k8s/support/objects';

/** Id of the ingress controller pseudo-node. */
export const INGRESS_CONTROLLER_ID = 'ingress-controller';
/** Id of the internet pseudo-node. */
export const INTERNET_ID = 'internet';

/** Namespaces ingress controllers are installed in by their charts. */
const INGRESS_CONTROLLER_NAMESPACES: readonly string[] = [
  'ingress-nginx', 'nginx-ingress', 'traefik', 'kong', 'haproxy-controller', 'projectcontour', 'istio-ingress', 'ambassador', 'emissary',
];
/** `app.kubernetes.io/name` (or `app`) of ingress controller pods. */
const INGRESS_CONTROLLER_APPS: readonly string[] = [
  'ingress-nginx', 'nginx-ingress', 'traefik', 'kong', 'haproxy-ingress', 'kubernetes-ingress', 'contour', 'istio-ingressgateway', 'emissary-ingress',
];

/** What a peer stands for. */
export interface ResolvedPeer {
  /** Checked workloads it selects. */
  readonly workloads: readonly IndexedWorkload[];
  /** The pods it selects beyond the checked ones, as a node (none when the checked workloads are all it can select). @default - none */
  readonly node?: FlowNode;
  /** The IP block, when it is one. @default - not an IP block */
  readonly ipBlock?: { readonly cidr: string; readonly except: readonly string[] };
}

/** Resolves one peer of a NetworkPolicy in `policyNs`. */
export function resolvePeer(index: ClusterIndex, peer: unknown, policyNs: string): ResolvedPeer {
  if (!isObject(peer)) return { workloads: [] };
  if (isObject(peer.ipBlock)) {
    const cidr = typeof peer.ipBlock.cidr === 'string' ? peer.ipBlock.cidr : '';
    const except = Array.isArray(peer.ipBlock.except) ? peer.ipBlock.except.filter((e: unknown): e is string => typeof e === 'string') : [];
    return { workloads: [], ipBlock: { cidr, except } };
  }
  const nsSelector = peer.namespaceSelector;
  const podSelector = peer.podSelector ?? {};
  if (nsSelector === undefined && peer.podSelector === undefined) return { workloads: [] };
  const namespaces = nsSelector !== undefined ? index.selectNamespaces(nsSelector) : [policyNs];
  const workloads: IndexedWorkload[] = [];
  for (const ns of namespaces) workloads.push(...index.selectWorkloads(ns, podSelector));
  const pinned = nsSelector === undefined ? [policyNs] : pinnedNamespaces(nsSelector);
  // Pods outside the checked set may match too, unless the selector names its namespaces and pods of them were found.
  const node = workloads.length === 0 || pinned === undefined ? peerNode(index, nsSelector, podSelector, pinned) : undefined;
  return { workloads, node };
}

/** Whether a workload's pods are selected by a peer of a policy in `policyNs`. */
export function peerSelects(index: ClusterIndex, peer: unknown, policyNs: string, w: IndexedWorkload): boolean {
  if (!isObject(peer) || isObject(peer.ipBlock)) return false;
  const nsSelector = peer.namespaceSelector;
  if (nsSelector === undefined && peer.podSelector === undefined) return false;
  if (nsSelector !== undefined ? !index.namespaceSelected(nsSelector, w.namespace) : w.namespace !== policyNs) return false;
  return selectorMatches(peer.podSelector ?? {}, w.podLabels);
}

/** The namespaces a namespaceSelector names by `kubernetes.io/metadata.name`, or undefined when it selects by other labels. */
export function pinnedNamespaces(selector: unknown): readonly string[] | undefined {
  if (!isObject(selector)) return undefined;
  const byLabel = isObject(selector.matchLabels) ? selector.matchLabels[NAMESPACE_NAME_LABEL] : undefined;
  if (typeof byLabel === 'string') return [byLabel];
  if (Array.isArray(selector.matchExpressions)) {
    for (const e of selector.matchExpressions) {
      if (isObject(e) && e.key === NAMESPACE_NAME_LABEL && e.operator === 'In' && Array.isArray(e.values)) return e.values.filter((v: unknown): v is string => typeof v === 'string');
    }
  }
  return undefined;
}

/** The node for pods a selector names beyond the checked workloads. */
function peerNode(index: ClusterIndex, nsSelector: unknown, podSelector: unknown, pinned: readonly string[] | undefined): FlowNode {
  if (looksLikeIngressController(podSelector, pinned)) return ingressControllerNode();
  const pods = describeSelector(podSelector) || 'all pods';
  const where = pinned !== undefined ? pinned.join(',') : `namespaces ${describeSelector(nsSelector) || '*'}`;
  const namespace = pinned !== undefined && pinned.length === 1 ? pinned[0] : undefined;
  const phi = namespace !== undefined ? index.isPhiNamespace(namespace) : index.ctx.settings.unclassifiedIsPhi;
  return {
    id: `peer:${where}/${pods}`,
    kind: 'peer',
    label: `${pods} (${where})`,
    ...(namespace !== undefined ? { namespace } : {}),
    phi,
  };
}

/** The ingress controller pseudo-node. */
export function ingressControllerNode(): FlowNode {
  return { id: INGRESS_CONTROLLER_ID, kind: 'ingress-controller', label: 'ingress controller', phi: false };
}

/** The internet pseudo-node. */
export function internetNode(): FlowNode {
  return { id: INTERNET_ID, kind: 'internet', label: 'internet', phi: false, destination: { type: 'cidr', value: '0.0.0.0/0' } };
}

function looksLikeIngressController(podSelector: unknown, pinned: readonly string[] | undefined): boolean {
  if (pinned !== undefined && pinned.length > 0 && pinned.every((ns) => INGRESS_CONTROLLER_NAMESPACES.includes(ns))) return true;
  const labels = isObject(podSelector) && isObject(podSelector.matchLabels) ? podSelector.matchLabels : {};
  return INGRESS_CONTROLLER_APPS.includes(labels['app.kubernetes.io/name']) || INGRESS_CONTROLLER_APPS.includes(labels.app);
}

/** `app=api,tier In (a,b)`; '' for an empty selector. */
export function describeSelector(selector: unknown): string {
  if (!isObject(selector)) return '';
  const parts: string[] = [];
  if (isObject(selector.matchLabels)) for (const k of Object.keys(selector.matchLabels).sort()) parts.push(`${k}=${String(selector.matchLabels[k])}`);
  if (Array.isArray(selector.matchExpressions)) {
    for (const e of selector.matchExpressions) {
      if (!isObject(e)) continue;
      const values = Array.isArray(e.values) ? ` (${e.values.join(',')})` : '';
      parts.push(`${String(e.key)} ${String(e.operator)}${values}`);
    }
  }
  return parts.join(',');
}
