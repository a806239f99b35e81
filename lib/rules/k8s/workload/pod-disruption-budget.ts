import type { RuleContext } from '../../../check/context';
import type { Rule } from '../../../check/rule';
import { podTemplate } from '../pod';
import { SelectorIndex, selectsEverything } from '../selector';

/** Availability during maintenance: replicated workloads have a PodDisruptionBudget. */
export const podDisruptionBudget: Rule = {
  id: 'k8s-pod-disruption-budget',
  title: 'Deployments and StatefulSets with more than one replica must be covered by a PodDisruptionBudget',
  description:
    'Node drains (upgrades, autoscaling, spot reclaim) evict pods through the eviction API, which only holds back when a ' +
    'PodDisruptionBudget covers them; without one every replica of a PHI service can be evicted at once and the service is ' +
    'down although it runs several replicas. Exactly one budget must select the pods: the eviction API refuses to evict a ' +
    'pod covered by more than one, which stalls drains. Selection follows Kubernetes label-selector semantics in the ' +
    'workload\'s namespace (policy/v1: an empty selector selects every pod; policy/v1beta1: none). Polaris ' +
    '(missingPodDisruptionBudget) and kube-score (deployment-has-poddisruptionbudget) flag it.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)'],
  kinds: ['Deployment', 'StatefulSet'],
  fix: 'Add a policy/v1 PodDisruptionBudget in the same namespace whose spec.selector matches the pod template labels, with maxUnavailable: 1.',
  check(resource, ctx, report) {
    const replicas = resource.body.spec?.replicas;
    if (typeof replicas !== 'number' || replicas <= 1) return;
    const pod = podTemplate(resource);
    if (!pod) return;
    const namespace = ctx.namespaceOf(resource);
    const budgets = budgetsIn(ctx, namespace);
    const labels = pod.metadata.labels;
    const count = budgets === undefined ? 0 : budgets.countMatches(labels, 2);
    if (count === 1) return;
    const who = `${resource.kind} '${resource.name || '<unnamed>'}'`;
    if (count === 0) {
      const matchLabels = resource.body.spec?.selector?.matchLabels ?? labels ?? {};
      report({
        path: 'spec.replicas',
        message: `${who} runs ${replicas} replicas, but no PodDisruptionBudget in namespace '${namespace}' selects its pods (labels ${describeLabels(labels)})`,
        fix:
          `Add a PodDisruptionBudget (apiVersion policy/v1) in namespace '${namespace}' with spec.selector.matchLabels ` +
          `${JSON.stringify(matchLabels)} and spec.maxUnavailable: 1.`,
      });
      return;
    }
    const names = budgets!.matching(labels).map((name) => `'${name}'`);
    report({
      path: `${pod.metadataPath}.labels`,
      message:
        `the pods of ${who} are selected by ${names.length} PodDisruptionBudgets (${names.join(', ')}); the eviction API refuses to evict a pod ` +
        'covered by more than one, so node drains stall',
      fix: `Keep one PodDisruptionBudget for ${who} and narrow or delete the others (${names.join(', ')}) so exactly one selects its pods.`,
    });
  },
};

/** The PodDisruptionBudgets of a namespace, indexed by selector (built once per check). */
function budgetsIn(ctx: RuleContext, namespace: string): SelectorIndex<string> | undefined {
  const index = ctx.memo('k8s-pod-disruption-budget/by-namespace', () => {
    const map = new Map<string, SelectorIndex<string>>();
    for (const r of ctx.ofKind('PodDisruptionBudget')) {
      const selector = r.body.spec?.selector;
      // policy/v1beta1: an empty selector selects nothing (in policy/v1 it selects every pod of the namespace).
      if (r.apiVersion === 'policy/v1beta1' && selectsEverything(selector)) continue;
      const ns = ctx.namespaceOf(r);
      let budgets = map.get(ns);
      if (!budgets) map.set(ns, (budgets = new SelectorIndex<string>()));
      budgets.add(selector, r.name);
    }
    return map;
  });
  return index.get(namespace);
}

function describeLabels(labels: unknown): string {
  if (labels === null || typeof labels !== 'object') return 'none';
  const pairs = Object.entries(labels as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`);
  return pairs.length > 0 ? pairs.join(', ') : 'none';
}
