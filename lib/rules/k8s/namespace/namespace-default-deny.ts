import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import type { Rule, Violation } from '../../../check/rule';
import { POD_KINDS } from '../pod';
import { describePolicyTypes, PolicyFacts, policiesByNamespace } from './network-policy';

const WORKLOAD_KINDS: ReadonlySet<string> = new Set(POD_KINDS);

interface Gap {
  /** The object the finding is reported on: the Namespace if in the set, else the namespace's first workload. */
  readonly target: Resource;
  readonly violation: Violation;
}

/** A namespace with workloads denies all ingress and egress unless a NetworkPolicy allows it. */
export const namespaceDefaultDeny: Rule = {
  id: 'k8s-namespace-default-deny',
  title: 'Every namespace with workloads must have a default-deny ingress and egress NetworkPolicy',
  description:
    'Kubernetes allows all traffic to and from a pod that no NetworkPolicy selects. A NetworkPolicy with ' +
    'podSelector: {}, policyTypes [Ingress, Egress] and no rules isolates every pod of the namespace in both ' +
    'directions, so only flows declared in other NetworkPolicies are allowed (Kubernetes documentation, ' +
    '"Network Policies": default deny all ingress and all egress traffic). A policy with policyTypes [Ingress] ' +
    '(the default when policyTypes is left out and there are no egress rules) leaves egress open, which is ' +
    'how PHI is exfiltrated. Two policies that select every pod, one denying all ingress and one all egress, ' +
    'are accepted too. The finding is reported once per namespace: on the Namespace object when it is in the ' +
    'set, else on the namespace\'s first workload.',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(a)(1)'],
  kinds: ['Namespace', ...POD_KINDS],
  fix:
    'Add a NetworkPolicy to the namespace with podSelector: {}, policyTypes: [Ingress, Egress] and no ingress or ' +
    'egress rules, and declare the allowed flows (including DNS egress to kube-dns) in separate NetworkPolicies. ' +
    'HipaaNamespace creates both.',
  check(resource, ctx, report) {
    const ns = resource.kind === 'Namespace' ? resource.name : ctx.namespaceOf(resource);
    const gap = gaps(ctx).get(ns);
    if (gap !== undefined && gap.target === resource) report(gap.violation);
  },
};

/** Namespaces that have workloads but no default-deny, with the finding to report (once per check). */
function gaps(ctx: RuleContext): ReadonlyMap<string, Gap> {
  return ctx.memo('k8s-namespace-default-deny/gaps', () => {
    const firstWorkload = new Map<string, Resource>();
    const workloadCount = new Map<string, number>();
    for (const r of ctx.resources) {
      if (!WORKLOAD_KINDS.has(r.kind)) continue;
      const ns = ctx.namespaceOf(r);
      if (!firstWorkload.has(ns)) firstWorkload.set(ns, r);
      workloadCount.set(ns, (workloadCount.get(ns) ?? 0) + 1);
    }
    const namespaceObjects = new Map<string, Resource>();
    for (const r of ctx.ofKind('Namespace')) {
      if (!namespaceObjects.has(r.name)) namespaceObjects.set(r.name, r);
    }
    const policies = policiesByNamespace(ctx);
    const result = new Map<string, Gap>();
    for (const [ns, workload] of firstWorkload) {
      const missing = missingDirections(policies.get(ns) ?? []);
      if (missing === undefined) continue;
      const count = workloadCount.get(ns)!;
      const target = namespaceObjects.get(ns) ?? workload;
      const head =
        `namespace '${ns}' has workloads (${workload.kind} '${workload.name}'${count > 1 ? ` and ${count - 1} more` : ''}) ` +
        `but no default-deny NetworkPolicy for ${missing.join(' and ')}`;
      const notes = explain(policies.get(ns) ?? [], missing);
      result.set(ns, {
        target,
        violation: {
          path: target.kind === 'Namespace' ? 'metadata.name' : 'metadata.namespace',
          message: `${head}: ${notes.length > 0 ? notes.join('; ') : 'no NetworkPolicy in it selects every pod (podSelector: {})'}`,
          fix:
            `Add a NetworkPolicy to namespace '${ns}' with podSelector: {}, policyTypes: [Ingress, Egress] and no ingress or ` +
            'egress rules, and declare the allowed flows (including DNS egress to kube-dns) in separate NetworkPolicies. ' +
            'HipaaNamespace creates both.',
        },
      });
    }
    return result;
  });
}

type Direction = 'ingress' | 'egress';

/** The directions no all-pods policy denies, or undefined when both are denied. */
function missingDirections(policies: readonly PolicyFacts[]): Direction[] | undefined {
  let ingress = false;
  let egress = false;
  for (const p of policies) {
    if (!p.selectsAllPods) continue;
    if (p.isolatesIngress && p.ingressRules === 0) ingress = true;
    if (p.isolatesEgress && p.egressRules === 0) egress = true;
  }
  if (ingress && egress) return undefined;
  const missing: Direction[] = [];
  if (!ingress) missing.push('ingress');
  if (!egress) missing.push('egress');
  return missing;
}

/** Why each policy that selects every pod does not deny the missing directions. */
function explain(policies: readonly PolicyFacts[], missing: readonly Direction[]): string[] {
  const notes: string[] = [];
  for (const p of policies) {
    if (!p.selectsAllPods) continue;
    const parts: string[] = [];
    const unrestricted = missing.filter((d) => !(d === 'ingress' ? p.isolatesIngress : p.isolatesEgress));
    if (unrestricted.length > 0) {
      parts.push(`has ${describePolicyTypes(p)}, so it does not restrict ${unrestricted.join(' or ')}`);
    }
    for (const d of missing) {
      const rules = d === 'ingress' ? p.ingressRules : p.egressRules;
      if (rules > 0 && !unrestricted.includes(d)) {
        parts.push(`has ${rules} ${d} rule${rules > 1 ? 's' : ''} (spec.${d}), which allow${rules > 1 ? '' : 's'} traffic`);
      }
    }
    if (parts.length > 0) notes.push(`NetworkPolicy '${p.resource.name}' selects every pod but ${parts.join(' and ')}`);
  }
  return notes;
}
