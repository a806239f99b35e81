/**
 * What the namespace rules need to know about Kubernetes NetworkPolicies, computed once per
 * check. Not a rule: the rules in this folder read it.
 *
 * Semantics follow the Kubernetes API (networking.k8s.io/v1):
 * - `spec.podSelector` selects pods in the policy's own namespace; an empty selector (`{}`)
 *   selects every pod. The field is not a pointer in the API, so an object that leaves it out
 *   is decoded as `{}` and also selects every pod.
 * - `spec.policyTypes`, when absent or empty, defaults to `[Ingress]`, plus `Egress` when the
 *   policy has egress rules. A policy restricts only the directions in its policyTypes.
 * - Policies are additive allow-lists: a pod selected by a policy for a direction is isolated
 *   in that direction, and each rule of any policy selecting it opens traffic.
 */
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import { selectsEverything } from '../selector';
import { isObject } from '../support/objects';

export { isObject };

/** Facts about one networking.k8s.io NetworkPolicy. */
export interface PolicyFacts {
  /** The policy. */
  readonly resource: Resource;
  /** Its `spec.podSelector`; `{}` when left out. */
  readonly podSelector: Record<string, any>;
  /** True when the selector selects every pod of the namespace (`{}` or left out). */
  readonly selectsAllPods: boolean;
  /** Ingress is in the effective policyTypes. */
  readonly isolatesIngress: boolean;
  /** Egress is in the effective policyTypes. */
  readonly isolatesEgress: boolean;
  /** True when policyTypes is absent or empty, so the API server defaults it. */
  readonly policyTypesDefaulted: boolean;
  /** Number of ingress rules (each opens traffic). */
  readonly ingressRules: number;
  /** Number of egress rules (each opens traffic). */
  readonly egressRules: number;
}

/**
 * True when the object is a Kubernetes NetworkPolicy (`networking.k8s.io`), not a CNI's own
 * kind of the same name (Calico's `projectcalico.org/v3` NetworkPolicy has another schema).
 */
export function isKubernetesNetworkPolicy(r: Resource): boolean {
  return r.kind === 'NetworkPolicy' && (r.apiVersion === undefined || r.apiVersion.startsWith('networking.k8s.io/'));
}

/** Facts about a policy (not memoised; use {@link policiesByNamespace}). */
export function policyFacts(r: Resource): PolicyFacts {
  const spec = isObject(r.body.spec) ? r.body.spec : {};
  const podSelector = isObject(spec.podSelector) ? spec.podSelector : {};
  const ingressRules = Array.isArray(spec.ingress) ? spec.ingress.length : 0;
  const egressRules = Array.isArray(spec.egress) ? spec.egress.length : 0;
  const types: unknown = spec.policyTypes;
  const defaulted = !Array.isArray(types) || types.length === 0;
  return {
    resource: r,
    podSelector,
    selectsAllPods: selectsEverything(podSelector),
    isolatesIngress: defaulted || (types as unknown[]).includes('Ingress'),
    isolatesEgress: defaulted ? egressRules > 0 : (types as unknown[]).includes('Egress'),
    policyTypesDefaulted: defaulted,
    ingressRules,
    egressRules,
  };
}

/** Every Kubernetes NetworkPolicy of the set, by the namespace it lands in, in input order (once per check). */
export function policiesByNamespace(ctx: RuleContext): ReadonlyMap<string, readonly PolicyFacts[]> {
  return ctx.memo('k8s-namespace/network-policies', () => {
    const map = new Map<string, PolicyFacts[]>();
    for (const r of ctx.ofKind('NetworkPolicy')) {
      if (!isKubernetesNetworkPolicy(r)) continue;
      const ns = ctx.namespaceOf(r);
      const facts = policyFacts(r);
      const list = map.get(ns);
      if (list) list.push(facts);
      else map.set(ns, [facts]);
    }
    return map;
  });
}

/** `policyTypes [Ingress]` or `no policyTypes (defaults to [Ingress])`, for messages. */
export function describePolicyTypes(p: PolicyFacts): string {
  if (p.policyTypesDefaulted) {
    return `no policyTypes (defaults to [${p.isolatesEgress ? 'Ingress, Egress' : 'Ingress'}])`;
  }
  return `policyTypes [${(p.resource.body.spec.policyTypes as unknown[]).join(', ')}]`;
}
