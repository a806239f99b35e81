import type { RuleContext } from '../../../check/context';
import type { Rule } from '../../../check/rule';
import { podTemplate } from '../pod';
import { SelectorIndex, selectsEverything } from '../selector';
import { budgetProtectsNothing } from '../support/disruption-budget';

const REPLICATED = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];

/** PodDisruptionBudgets that keep at least one pod running. */
export const pdbProtectsSomething: Rule = {
  id: 'k8s-pdb-protects-something',
  title: 'A PodDisruptionBudget must keep at least one selected pod running',
  description:
    'A budget with maxUnavailable at or above the replicas of the workloads it selects (or 100%), or with minAvailable 0, ' +
    'is accepted by the API server but lets a node drain evict every replica at once: the PHI service is down although it ' +
    'looks protected, and k8s-pod-disruption-budget counts it as coverage. Replicas are read from the Deployments, ' +
    'StatefulSets, ReplicaSets and ReplicationControllers in the budget\'s namespace whose pods it selects.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)'],
  kinds: ['PodDisruptionBudget'],
  fix: 'Set spec.maxUnavailable below the replica count (e.g. 1), or spec.minAvailable to at least 1.',
  check(resource, ctx, report) {
    const spec = resource.body.spec;
    if (spec === null || typeof spec !== 'object') return;
    const replicas = replicasByBudget(ctx).get(resource.body);
    const problem = budgetProtectsNothing(spec, replicas);
    if (!problem) return;
    const field = spec.maxUnavailable !== undefined ? 'maxUnavailable' : 'minAvailable';
    report({
      path: `spec.${field}`,
      message: `PodDisruptionBudget '${resource.name || '<unnamed>'}' protects nothing: ${problem}`,
      fix: field === 'maxUnavailable'
        ? `Set spec.maxUnavailable below the replica count${replicas !== undefined ? ` (${replicas})` : ''}, e.g. 1, or scale the workload up.`
        : 'Set spec.minAvailable to at least 1.',
    });
  },
};

/**
 * The most replicas of a workload each budget (by body) selects, built once per check: each
 * workload looks up the budgets of its namespace that select its pods, so the cost grows with
 * workloads + budgets, not their product.
 */
function replicasByBudget(ctx: RuleContext): Map<object, number> {
  return ctx.memo('k8s-pdb-protects-something/replicas', () => {
    const budgets = new Map<string, SelectorIndex<object>>();
    for (const r of ctx.ofKind('PodDisruptionBudget')) {
      const selector = r.body.spec?.selector;
      // policy/v1beta1: an empty selector selects nothing.
      if (r.apiVersion === 'policy/v1beta1' && selectsEverything(selector)) continue;
      const ns = ctx.namespaceOf(r);
      let index = budgets.get(ns);
      if (!index) budgets.set(ns, (index = new SelectorIndex<object>()));
      index.add(selector, r.body);
    }
    const out = new Map<object, number>();
    if (budgets.size === 0) return out;
    for (const kind of REPLICATED) {
      for (const w of ctx.ofKind(kind)) {
        const index = budgets.get(ctx.namespaceOf(w));
        const pod = index && podTemplate(w);
        if (!pod) continue;
        const n = typeof w.body.spec?.replicas === 'number' ? w.body.spec.replicas : 1;
        for (const body of index.matching(pod.metadata.labels)) out.set(body, Math.max(out.get(body) ?? 0, n));
      }
    }
    return out;
  });
}
