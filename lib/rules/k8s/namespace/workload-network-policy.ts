import type { RuleContext } from '../../../check/context';
import type { Rule } from '../../../check/rule';
import { podTemplate, POD_KINDS } from '../pod';
import { selectorMatches } from '../selector';
import { isObject, PolicyFacts, policiesByNamespace } from './network-policy';

/**
 * The NetworkPolicies of a namespace that select pods by label (not every pod), indexed by one
 * of their matchLabels pairs so a workload is tested only against policies that can match it.
 */
interface PolicyIndex {
  /** label key -> label value -> policies whose matchLabels include that pair. */
  readonly byLabel: Map<string, Map<string, PolicyFacts[]>>;
  /** Policies without a usable matchLabels pair (matchExpressions only): tested against every workload. */
  readonly scan: PolicyFacts[];
}

/** Every workload's pods are selected by a NetworkPolicy of their own, which declares their flows. */
export const workloadNetworkPolicy: Rule = {
  id: 'k8s-workload-network-policy',
  title: 'Every workload must be selected by a NetworkPolicy that targets its pods by label',
  description:
    'Behind a namespace default-deny, a workload can talk only along flows some NetworkPolicy allows. A policy ' +
    'whose podSelector matches the workload\'s pod labels is where those flows are declared and reviewed; a ' +
    'workload that only namespace-wide policies (podSelector: {}) select either cannot work as deployed or ' +
    'depends on flows opened for every pod of the namespace (Kubernetes documentation, "Network Policies"; ' +
    'NSA/CISA Kubernetes Hardening Guidance, network separation).',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(a)(1)'],
  kinds: POD_KINDS,
  fix:
    'Add a NetworkPolicy in the workload\'s namespace whose podSelector matches its pod labels and that allows ' +
    'exactly the ingress and egress the workload needs. SecureDeployment generates it from the declared flows.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const ns = ctx.namespaceOf(resource);
    const labels = isObject(pod.metadata.labels) ? pod.metadata.labels : undefined;
    const index = indexes(ctx).get(ns);
    if (labels !== undefined && index !== undefined && selected(index, labels)) return;
    const path = `${pod.metadataPath}.labels`;
    if (labels === undefined || Object.keys(labels).length === 0) {
      report({ path, message: `the pods of ${resource.kind} '${resource.name}' have no labels, so no NetworkPolicy can select them` });
      return;
    }
    const shown = Object.entries(labels).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ');
    report({
      path,
      message:
        `no NetworkPolicy in namespace '${ns}' selects the pods of ${resource.kind} '${resource.name}' (labels ${shown}) ` +
        'by label, so their flows are not declared',
    });
  },
};

function selected(index: PolicyIndex, labels: Record<string, unknown>): boolean {
  for (const p of index.scan) {
    if (selectorMatches(p.podSelector, labels)) return true;
  }
  for (const key in labels) {
    const byValue = index.byLabel.get(key);
    if (byValue === undefined) continue;
    const value = labels[key];
    if (typeof value !== 'string') continue;
    const candidates = byValue.get(value);
    if (candidates === undefined) continue;
    for (const p of candidates) {
      if (selectorMatches(p.podSelector, labels)) return true;
    }
  }
  return false;
}

/** Per namespace, the policies that select pods by label (once per check). */
function indexes(ctx: RuleContext): ReadonlyMap<string, PolicyIndex> {
  return ctx.memo('k8s-workload-network-policy/index', () => {
    const result = new Map<string, PolicyIndex>();
    for (const [ns, policies] of policiesByNamespace(ctx)) {
      const index: PolicyIndex = { byLabel: new Map(), scan: [] };
      for (const p of policies) {
        if (p.selectsAllPods) continue;
        const pair = firstMatchLabel(p.podSelector);
        if (pair === undefined) {
          index.scan.push(p);
          continue;
        }
        let byValue = index.byLabel.get(pair[0]);
        if (byValue === undefined) index.byLabel.set(pair[0], (byValue = new Map()));
        const list = byValue.get(pair[1]);
        if (list) list.push(p);
        else byValue.set(pair[1], [p]);
      }
      result.set(ns, index);
    }
    return result;
  });
}

function firstMatchLabel(selector: Record<string, any>): [string, string] | undefined {
  const ml = selector.matchLabels;
  if (!isObject(ml)) return undefined;
  for (const key in ml) {
    if (typeof ml[key] === 'string') return [key, ml[key]];
  }
  return undefined;
}
