/**
 * What the network rules need to know about the rules and peers of a Kubernetes
 * NetworkPolicy: which peers stand for "any address" or "every namespace", how wide a CIDR is,
 * and which PHI pods a policy selects. Not a rule: the rules in this folder, and the
 * SecureDeployment construct (which refuses the same flows before they are written), read it.
 *
 * Semantics follow the Kubernetes API (networking.k8s.io/v1):
 * - a rule whose `from`/`to` is missing or empty matches every source/destination, inside and
 *   outside the cluster; a rule whose `ports` is missing or empty matches every port;
 * - an `ipBlock` matches the addresses of its `cidr` minus each `except` block;
 * - a peer with a `namespaceSelector` matches pods (selected by its `podSelector`, all pods when
 *   it is absent) in the namespaces the selector selects; `{}` selects every namespace;
 * - rules only take effect in the directions listed in the policy's effective `policyTypes`.
 */
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import { phiNamespaces, phiWorkloads } from '../exposure/phi';
import { PolicyFacts } from '../namespace/network-policy';
import { selectorMatches, selectorProblems, selectsEverything } from '../selector';
import { Cidr, parseCidr } from '../support/cidr';
import { isObject } from '../support/objects';

export { parseCidr };
export type { Cidr };

/** The label every namespace carries with its own name (Kubernetes 1.21 and later). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A peer that matches any address of a family: an ipBlock with a /0 CIDR (except blocks do not change that). */
export interface AnyAddressPeer {
  readonly kind: 'any-address';
  /** The /0 block. */
  readonly cidr: Cidr;
  /** Its except blocks, as written. */
  readonly except: readonly string[];
}

/** A peer that matches pods in every namespace (save those named in a NotIn). */
export interface AllNamespacesPeer {
  readonly kind: 'all-namespaces';
  /** Namespaces the selector leaves out by name. */
  readonly except: readonly string[];
  /** The peer's podSelector; undefined when absent (every pod). */
  readonly podSelector: unknown;
}

/** A peer that is not narrowed to named sources or destinations. */
export type OpenPeer = AnyAddressPeer | AllNamespacesPeer;

/** What kind of open peer `peer` is, if it is one. */
export function openPeer(peer: unknown): OpenPeer | undefined {
  if (!isObject(peer)) return undefined;
  if (isObject(peer.ipBlock)) {
    const cidr = parseCidr(peer.ipBlock.cidr);
    if (cidr === undefined || cidr.prefix !== 0) return undefined;
    return { kind: 'any-address', cidr, except: stringList(peer.ipBlock.except) };
  }
  if (peer.namespaceSelector === undefined || peer.namespaceSelector === null) return undefined;
  const except = allNamespacesExcept(peer.namespaceSelector);
  if (except === undefined) return undefined;
  return { kind: 'all-namespaces', except, podSelector: peer.podSelector ?? undefined };
}

/**
 * When a namespace selector selects every namespace, the names it leaves out (empty for all);
 * undefined when it selects by labels a namespace may or may not have. Every namespace carries
 * `kubernetes.io/metadata.name`, so `Exists` on it, or `NotIn` a list of names, selects all
 * namespaces (but those).
 */
export function allNamespacesExcept(selector: unknown): readonly string[] | undefined {
  if (!isObject(selector) || selectorProblems(selector).length > 0) return undefined;
  if (selectsEverything(selector)) return [];
  if (isObject(selector.matchLabels) && Object.keys(selector.matchLabels).length > 0) return undefined;
  const except: string[] = [];
  for (const req of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    if (req.key !== NAMESPACE_NAME_LABEL) return undefined;
    if (req.operator === 'NotIn') except.push(...(req.values as string[]));
    else if (req.operator !== 'Exists') return undefined;
  }
  return except;
}

/** `any IPv4 address (ipBlock 0.0.0.0/0 except 10.0.0.0/8)` or `every namespace (namespaceSelector: {})`. */
export function describeOpenPeer(peer: OpenPeer): string {
  if (peer.kind === 'any-address') {
    const except = peer.except.length > 0 ? ` except ${peer.except.join(', ')}` : '';
    return `any IPv${peer.cidr.family} address (ipBlock ${peer.cidr.text}${except})`;
  }
  const where = peer.except.length > 0 ? `every namespace but ${peer.except.map((n) => `'${n}'`).join(', ')}` : 'every namespace';
  const pods = peer.podSelector === undefined || selectsEverything(peer.podSelector)
    ? 'every pod in'
    : `pods matching ${JSON.stringify(peer.podSelector)} in`;
  return `${pods} ${where} (namespaceSelector ${JSON.stringify(peerSelector(peer))})`;
}

function peerSelector(peer: AllNamespacesPeer): unknown {
  return peer.except.length > 0
    ? { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values: peer.except }] }
    : {};
}

/** One ingress or egress rule of a policy, in a direction the policy enforces. */
export interface PolicyRule {
  /** `ingress` or `egress`. */
  readonly direction: 'ingress' | 'egress';
  /** Path of the rule, e.g. `spec.ingress[0]`. */
  readonly path: string;
  /** `from` or `to`. */
  readonly peersField: 'from' | 'to';
  /** The peers; empty when the rule names none (it then matches every source or destination). */
  readonly peers: readonly unknown[];
  /** True when the rule names no ports (it then matches every port). */
  readonly allPorts: boolean;
}

/** The rules of a policy that are in force (their direction is in the effective policyTypes). */
export function rulesInForce(p: PolicyFacts, direction: 'ingress' | 'egress'): PolicyRule[] {
  if (direction === 'ingress' ? !p.isolatesIngress : !p.isolatesEgress) return [];
  const spec = p.resource.body.spec;
  const list: unknown = isObject(spec) ? spec[direction] : undefined;
  if (!Array.isArray(list)) return [];
  const peersField = direction === 'ingress' ? 'from' : 'to';
  const out: PolicyRule[] = [];
  list.forEach((rule, i) => {
    const r = isObject(rule) ? rule : {};
    out.push({
      direction,
      path: `spec.${direction}[${i}]`,
      peersField,
      peers: Array.isArray(r[peersField]) ? r[peersField] : [],
      allPorts: !Array.isArray(r.ports) || r.ports.length === 0,
    });
  });
  return out;
}

/**
 * Whether a rule opens its direction completely: every port, and every source or destination
 * (no peers), any address of a family without except blocks, or every pod of every namespace.
 * On a policy selecting every pod of a PHI namespace this cancels the default deny
 * (k8s-phi-namespace-allow-all); the per-workload rules leave such rules to that one.
 */
export function opensEverything(rule: PolicyRule): string | undefined {
  if (!rule.allPorts) return undefined;
  if (rule.peers.length === 0) {
    return `names no ${rule.peersField} and no ports, so it allows all ${rule.direction} on every port`;
  }
  for (const peer of rule.peers) {
    const open = openPeer(peer);
    if (open === undefined) continue;
    if (open.kind === 'any-address' && open.except.length === 0) {
      return `allows ${rule.direction} ${rule.direction === 'ingress' ? 'from' : 'to'} ${describeOpenPeer(open)} on every port`;
    }
    if (open.kind === 'all-namespaces' && open.except.length === 0 && (open.podSelector === undefined || selectsEverything(open.podSelector))) {
      return `allows ${rule.direction} ${rule.direction === 'ingress' ? 'from' : 'to'} ${describeOpenPeer(open)} on every port`;
    }
  }
  return undefined;
}

/**
 * What PHI the pods a policy selects are, for messages: `PHI workload Deployment 'api'`, or
 * `pods of PHI namespace 'clinic'`; undefined when the policy selects no PHI pods. Call it only
 * once something is to be reported: it matches the selector against the namespace's workloads.
 */
export function phiSelectedBy(policy: Resource, podSelector: unknown, ctx: RuleContext): string | undefined {
  const ns = ctx.namespaceOf(policy);
  const selected: string[] = [];
  for (const w of phiWorkloads(ctx).get(ns) ?? []) {
    if (selectorMatches(podSelector, w.podLabels as Record<string, unknown> | undefined)) {
      selected.push(`${w.resource.kind} '${w.resource.name}'`);
    }
  }
  if (selected.length > 0) {
    const shown = selected.length > 3 ? `${selected.slice(0, 3).join(', ')} and ${selected.length - 3} more` : selected.join(', ');
    return `PHI workload${selected.length > 1 ? 's' : ''} ${shown}`;
  }
  if (phiNamespaces(ctx).has(ns)) return `pods of PHI namespace '${ns}'`;
  return undefined;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
