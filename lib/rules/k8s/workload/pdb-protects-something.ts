import type { Rule } from '../../../check/rule';
import { podTemplate } from '../pod';
import { selectorMatches } from '../selector';
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
    const namespace = ctx.namespaceOf(resource);
    let replicas: number | undefined;
    for (const kind of REPLICATED) {
      for (const w of ctx.inNamespace(kind, namespace)) {
        const pod = podTemplate(w);
        if (!pod || !selectorMatches(spec.selector, pod.metadata.labels)) continue;
        const n = typeof w.body.spec?.replicas === 'number' ? w.body.spec.replicas : 1;
        replicas = replicas === undefined ? n : Math.max(replicas, n);
      }
    }
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
