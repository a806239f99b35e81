/**
 * Which namespaces and workloads of the object set hold PHI, computed once per check. Shared
 * by the exposure rules; not a rule itself.
 */
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import { PHI_LABEL } from '../../../labels';
import { podTemplate, POD_KINDS } from '../pod';

/** A pod-bearing object labelled as handling PHI, with the labels its pods carry. */
export interface PhiWorkload {
  /** The workload. */
  readonly resource: Resource;
  /** Labels of its pods (template labels, or the Pod's own). */
  readonly podLabels: Record<string, unknown> | undefined;
}

/** Names of the Namespace objects in the set labelled `PHI_LABEL: "true"`. */
export function phiNamespaces(ctx: RuleContext): ReadonlySet<string> {
  return ctx.memo('k8s-exposure/phi-namespaces', () => {
    const names = new Set<string>();
    for (const ns of ctx.ofKind('Namespace')) {
      if (ns.body.metadata?.labels?.[PHI_LABEL] === 'true') names.add(ns.name);
    }
    return names;
  });
}

/**
 * Pod-bearing objects per namespace that handle PHI: the object or its pod template carries
 * `PHI_LABEL: "true"`. Input order within a namespace.
 */
export function phiWorkloads(ctx: RuleContext): ReadonlyMap<string, readonly PhiWorkload[]> {
  return ctx.memo('k8s-exposure/phi-workloads', () => {
    const map = new Map<string, PhiWorkload[]>();
    for (const kind of POD_KINDS) {
      for (const r of ctx.ofKind(kind)) {
        const pod = podTemplate(r);
        const podLabels = pod?.metadata.labels;
        if (r.body.metadata?.labels?.[PHI_LABEL] !== 'true' && podLabels?.[PHI_LABEL] !== 'true') continue;
        const ns = ctx.namespaceOf(r);
        const list = map.get(ns);
        const entry = { resource: r, podLabels: isObject(podLabels) ? podLabels : undefined };
        if (list) list.push(entry);
        else map.set(ns, [entry]);
      }
    }
    return map;
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
