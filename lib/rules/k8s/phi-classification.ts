/**
 * PHI classification, in one place: which namespaces, workloads and other objects of the
 * checked set hold PHI. Every rule that asks goes through here. Not a rule itself.
 *
 * Classification fails closed (DESIGN principle 10). The label {@link PHI_LABEL} classifies an
 * object as PHI (`"true"`) or not (`"false"`); anything else (no label, `"yes"`, a YAML boolean)
 * leaves it unclassified, and unclassified counts as PHI unless the check runs with
 * `unclassifiedIsPhi: false`.
 *
 * - A namespace is PHI when its Namespace object is labelled `"true"`; when that object is
 *   unlabelled (or mislabelled), or not in the checked set at all, the namespace is
 *   unclassified.
 * - A workload in a PHI namespace is PHI whatever its own labels. Otherwise it is PHI when its
 *   object, job template or pod template label says `"true"`, not PHI when every one of those
 *   labels it carries says `"false"`, and unclassified else (also in a namespace labelled `"false"`:
 *   the namespace label does not classify the workloads in it as not PHI, their own label does).
 * - Any other namespaced object (Secret, ConfigMap...) follows the same rule with its own label.
 * - A Service is PHI-exposing when it is in a PHI namespace, labelled `"true"`, or selects the pods
 *   of a PHI workload; when it selects no workload of the set (or has no selector), the pods behind
 *   it are unknown, hence unclassified, unless the Service itself is labelled `"false"`.
 */
import { podTemplate, POD_KINDS } from './pod';
import { matchLabelsMatch } from './selector';
import type { RuleContext } from '../../check/context';
import type { Resource } from '../../check/resource';
import { PHI_LABEL } from '../../labels';
import { isObject } from './support/objects';

/** How an object came to count as PHI. */
export type PhiBasis =
  /** Its own label (or its pod template's) says `"true"`. */
  | 'labelled'
  /** It is in a PHI namespace. */
  | 'namespace'
  /** Nobody classified it, and unclassified objects count as PHI. */
  | 'unclassified';

/** A pod-bearing object, the labels its pods carry, and whether it counts as PHI. */
export interface ClassifiedWorkload {
  /** The workload. */
  readonly resource: Resource;
  /** Labels of its pods (template labels, or the Pod's own). */
  readonly podLabels: Record<string, unknown> | undefined;
  /** Why it counts as PHI; undefined when it does not. */
  readonly phi: PhiBasis | undefined;
}

/** A workload that counts as PHI. */
export interface PhiWorkload extends ClassifiedWorkload {
  /** Why it counts as PHI. */
  readonly phi: PhiBasis;
}

/** `"true"`, `"false"`, or undefined when the label is missing or not one of those strings. */
export function phiLabelOf(labels: unknown): 'true' | 'false' | undefined {
  if (labels === null || typeof labels !== 'object') return undefined;
  const value = (labels as Record<string, unknown>)[PHI_LABEL];
  return value === 'true' || value === 'false' ? value : undefined;
}

/**
 * How the Namespace objects of the set are labelled: `"true"`, `"false"`, or undefined
 * (unlabelled or mislabelled). A namespace with no Namespace object in the set is absent.
 */
function namespaceLabels(ctx: RuleContext): ReadonlyMap<string, 'true' | 'false' | undefined> {
  return ctx.memo('k8s-phi/namespace-labels', () => {
    const map = new Map<string, 'true' | 'false' | undefined>();
    for (const ns of ctx.ofKind('Namespace')) map.set(ns.name, phiLabelOf(ns.body.metadata?.labels));
    return map;
  });
}

/** Why namespace `name` counts as PHI (its label, or being unclassified), or undefined when it does not. */
export function namespacePhiBasis(ctx: RuleContext, name: string): PhiBasis | undefined {
  return labelPhiBasis(namespaceLabels(ctx).get(name), ctx.settings.unclassifiedIsPhi);
}

/**
 * Why something with this PHI label (from {@link phiLabelOf}; undefined when missing) counts as
 * PHI, or undefined when it does not. Also what the synth-time check asks of a Namespace.
 */
export function labelPhiBasis(label: 'true' | 'false' | undefined, unclassifiedIsPhi: boolean): PhiBasis | undefined {
  return basisFromLabels([label], unclassifiedIsPhi);
}

/** Whether namespace `name` counts as PHI: labelled `"true"`, or unclassified while unclassified counts as PHI. */
export function isPhiNamespace(ctx: RuleContext, name: string): boolean {
  return namespacePhiBasis(ctx, name) !== undefined;
}

/**
 * Why an object counts as PHI, or undefined when it does not: its namespace is PHI, or its own
 * label says `"true"`, or it is unclassified (no `"false"` label) while unclassified counts as
 * PHI. For workloads use {@link classifiedWorkloads}, which also reads the pod template's labels.
 */
export function objectPhiBasis(ctx: RuleContext, resource: Resource): PhiBasis | undefined {
  if (isPhiNamespace(ctx, ctx.namespaceOf(resource))) return 'namespace';
  return basisFromLabels([phiLabelOf(resource.body.metadata?.labels)], ctx.settings.unclassifiedIsPhi);
}

/**
 * Why an object counts as PHI, as a phrase completing "the Secret ...", or undefined when it
 * does not: `in PHI namespace 'clinic'`, `labelled hipaa-constructs.io/phi: "true"`, or why it
 * is unclassified.
 */
export function objectPhiReason(ctx: RuleContext, resource: Resource): string | undefined {
  const ns = ctx.namespaceOf(resource);
  const nsBasis = namespacePhiBasis(ctx, ns);
  if (nsBasis === 'labelled') return `in PHI namespace '${ns}'`;
  const own = phiLabelOf(resource.body.metadata?.labels);
  if (own === 'true') return `labelled ${PHI_LABEL}: "true"`;
  if (nsBasis === 'unclassified') {
    return `in namespace '${ns}' (${namespaceLabels(ctx).has(ns) ? 'its Namespace has' : 'no Namespace object for it was checked, so it has'} ` +
      `no ${PHI_LABEL} label of "true" or "false": unclassified, it counts as PHI)`;
  }
  if (own === 'false' || !ctx.settings.unclassifiedIsPhi) return undefined;
  return `in namespace '${ns}' without a ${PHI_LABEL} label of its own (unclassified, it counts as PHI)`;
}

/** `labelled` if any label says "true"; not PHI if at least one is set and all say "false"; else unclassified. */
function basisFromLabels(labels: ReadonlyArray<'true' | 'false' | undefined>, unclassifiedIsPhi: boolean): PhiBasis | undefined {
  if (labels.includes('true')) return 'labelled';
  if (labels.length > 0 && labels.every((l) => l === 'false')) return undefined;
  return unclassifiedIsPhi ? 'unclassified' : undefined;
}

/**
 * Every pod-bearing object per namespace with its classification, in input order within a
 * namespace. Computed once per check.
 */
export function classifiedWorkloads(ctx: RuleContext): ReadonlyMap<string, readonly ClassifiedWorkload[]> {
  return ctx.memo('k8s-phi/workloads', () => {
    const map = new Map<string, ClassifiedWorkload[]>();
    for (const r of ctx.resources) {
      const kind = r.kind;
      if (!WORKLOAD_KINDS.has(kind)) continue;
      const podLabels = podTemplate(r)?.metadata.labels;
      const ns = ctx.namespaceOf(r);
      // The labels the object carries: its own, its job template's, its pod template's (a Pod's own are its pod's).
      const own: Array<'true' | 'false' | undefined> = [];
      const objectLabels = r.body.metadata?.labels;
      if (objectLabels?.[PHI_LABEL] !== undefined) own.push(phiLabelOf(objectLabels));
      if (kind === 'CronJob') {
        const jobLabels = r.body.spec?.jobTemplate?.metadata?.labels;
        if (jobLabels?.[PHI_LABEL] !== undefined) own.push(phiLabelOf(jobLabels));
      }
      if (kind !== 'Pod' && podLabels?.[PHI_LABEL] !== undefined) own.push(phiLabelOf(podLabels));
      const phi: PhiBasis | undefined = own.includes('true')
        ? 'labelled'
        : isPhiNamespace(ctx, ns) ? 'namespace' : basisFromLabels(own, ctx.settings.unclassifiedIsPhi);
      const entry: ClassifiedWorkload = { resource: r, podLabels: isObject(podLabels) ? podLabels : undefined, phi };
      const list = map.get(ns);
      if (list) list.push(entry);
      else map.set(ns, [entry]);
    }
    return map;
  });
}

/** Pod-bearing objects per namespace that count as PHI, in input order within a namespace. */
export function phiWorkloads(ctx: RuleContext): ReadonlyMap<string, readonly PhiWorkload[]> {
  return ctx.memo('k8s-phi/phi-workloads', () => {
    const map = new Map<string, PhiWorkload[]>();
    for (const [ns, list] of classifiedWorkloads(ctx)) {
      const phi = list.filter((w): w is PhiWorkload => w.phi !== undefined);
      if (phi.length > 0) map.set(ns, phi);
    }
    return map;
  });
}

/**
 * Names of the namespaces that count as PHI: Namespace objects labelled `"true"`, and, while
 * unclassified counts as PHI, unlabelled Namespace objects and every namespace an object of the
 * set lands in without a Namespace object of its own in the set.
 */
export function phiNamespaces(ctx: RuleContext): ReadonlySet<string> {
  return ctx.memo('k8s-phi/phi-namespaces', () => {
    const names = new Set<string>();
    for (const [name, label] of namespaceLabels(ctx)) {
      if (label === 'true' || (label === undefined && ctx.settings.unclassifiedIsPhi)) names.add(name);
    }
    if (ctx.settings.unclassifiedIsPhi) {
      const known = namespaceLabels(ctx);
      for (const r of ctx.resources) {
        if (r.kind === 'Namespace' || (r.namespace === undefined && !NAMESPACED.has(r.kind))) continue;
        const ns = ctx.namespaceOf(r);
        if (!known.has(ns)) names.add(ns);
      }
    }
    return names;
  });
}

const WORKLOAD_KINDS: ReadonlySet<string> = new Set(POD_KINDS);

/** Kinds that land in the default namespace when they name none (others may be cluster-scoped). */
const NAMESPACED: ReadonlySet<string> = new Set([
  ...POD_KINDS,
  'Service', 'Ingress', 'NetworkPolicy', 'Secret', 'ConfigMap', 'ServiceAccount', 'Role', 'RoleBinding',
  'PersistentVolumeClaim', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'Endpoints', 'EndpointSlice',
]);

/**
 * Why a Service reaches PHI, as a phrase completing "it ...", or undefined when it does not:
 * `selects PHI workload Deployment 'api'`, `is in PHI namespace 'clinic'`, ...
 */
export function servicePhiReason(ctx: RuleContext, service: Resource): string | undefined {
  const ns = ctx.namespaceOf(service);
  const selector: unknown = service.body.spec?.selector;
  const selected = (classifiedWorkloads(ctx).get(ns) ?? []).filter((w) => matchLabelsMatch(selector, w.podLabels));
  const labelled = selected.filter((w) => w.phi === 'labelled');
  if (labelled.length > 0) return `selects PHI ${plural('workload', labelled)} ${workloadNames(labelled)}`;
  const nsBasis = namespacePhiBasis(ctx, ns);
  if (nsBasis === 'labelled') return `is in PHI namespace '${ns}'`;
  const unclassified = selected.filter((w) => w.phi === 'unclassified');
  if (unclassified.length > 0) {
    return `selects ${plural('workload', unclassified)} ${workloadNames(unclassified)}, which ${unclassified.length > 1 ? 'are' : 'is'} not ` +
      `classified by a ${PHI_LABEL} label and so ${unclassified.length > 1 ? 'count' : 'counts'} as PHI`;
  }
  if (nsBasis === 'unclassified') {
    return `is in namespace '${ns}', which is not classified by a ${PHI_LABEL} label${namespaceLabels(ctx).has(ns) ? '' : ' (no Namespace object for it was checked)'} and so counts as PHI`;
  }
  const own = phiLabelOf(service.body.metadata?.labels);
  if (own === 'true') return `is labelled ${PHI_LABEL}: "true"`;
  if (selected.length > 0 || own === 'false' || !ctx.settings.unclassifiedIsPhi) return undefined;
  return `selects no workload of the checked set, so the pods behind it are not classified by a ${PHI_LABEL} label and count as PHI`;
}

function workloadNames(list: readonly ClassifiedWorkload[]): string {
  return list.map((w) => `${w.resource.kind} '${w.resource.name}'`).join(', ');
}

function plural(word: string, list: readonly unknown[]): string {
  return list.length > 1 ? `${word}s` : word;
}
