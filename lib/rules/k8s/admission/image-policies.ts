/**
 * Image admission policies of the checked set and the namespaces they cover: shared by the rules
 * of this folder. Not a rule itself.
 *
 * An image policy is either
 * - a ValidatingAdmissionPolicyBinding (`admissionregistration.k8s.io`, any version) whose
 *   ValidatingAdmissionPolicy is in the set, matches Pods and has a validation (or variable) that
 *   reads a container's `image`; a binding whose policy is not in the set cannot be judged and
 *   does not count; or
 * - a Kyverno ImageValidatingPolicy (`policies.kyverno.io`, any version) that matches Pods.
 *
 * It covers a namespace when its namespace selectors (the binding's and the policy's, both must
 * match) select the Namespace's labels (plus `kubernetes.io/metadata.name`, which the API server
 * sets), it has no objectSelector (which would check only some pods), and it enforces: its
 * validationActions include Deny (a Kyverno policy without them gets Kyverno's default, Deny) and its
 * failurePolicy is not Ignore (nor, for a binding with paramRef, parameterNotFoundAction Allow). What a Kyverno policy's
 * matchImageReferences leave unverified is judged in image-references.ts.
 */
import { allowedRegistryPrefixes, imageReferences, type ImageReferences } from './image-references';
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import { selectorMatches } from '../selector';
import { isObject } from '../support/objects';

/** One image policy of the set. */
export interface ImagePolicyObject {
  /** The object that binds the check to namespaces: the binding, or the Kyverno policy. */
  readonly resource: Resource;
  /** `ValidatingAdmissionPolicyBinding 'x' (policy 'y')` or `ImageValidatingPolicy 'x'`, for messages. */
  readonly label: string;
  /** Namespace selectors that must all match (a missing one matches every namespace). */
  readonly namespaceSelectors: readonly unknown[];
  /** Whether an objectSelector limits it to some pods. */
  readonly partial: boolean;
  /** Why it does not enforce (`validationActions [Warn] without Deny`...), or undefined when it does. */
  readonly weakness: string | undefined;
  /** Kyverno only: the images it verifies (its matchImageReferences). @default - a native policy */
  readonly references?: ImageReferences;
  /** Native only: the registry prefixes its policy restricts every image to. @default - none the check can show */
  readonly allowedPrefixes?: readonly string[];
}

const ADMISSION_GROUP = 'admissionregistration.k8s.io/';
const KYVERNO_GROUP = 'policies.kyverno.io/';

/** The image policies of the set, computed once per check. */
export function imagePolicies(ctx: RuleContext): readonly ImagePolicyObject[] {
  return ctx.memo('k8s-admission/image-policies', () => {
    const out: ImagePolicyObject[] = [];
    const vaps = new Map<string, Resource>();
    for (const p of ctx.ofKind('ValidatingAdmissionPolicy')) if (p.apiVersion?.startsWith(ADMISSION_GROUP)) vaps.set(p.name, p);
    for (const b of ctx.ofKind('ValidatingAdmissionPolicyBinding')) {
      if (!b.apiVersion?.startsWith(ADMISSION_GROUP)) continue;
      const spec = isObject(b.body.spec) ? b.body.spec : {};
      const policy = typeof spec.policyName === 'string' ? vaps.get(spec.policyName) : undefined;
      if (!policy) continue;
      const pspec = isObject(policy.body.spec) ? policy.body.spec : {};
      if (!matchesPods(pspec.matchConstraints) || !readsImages(pspec)) continue;
      const bindingMatch = isObject(spec.matchResources) ? spec.matchResources : {};
      const policyMatch = isObject(pspec.matchConstraints) ? pspec.matchConstraints : {};
      if (excludesPods(bindingMatch)) continue;
      const weak: string[] = [];
      weak.push(...actionsWeakness(spec.validationActions));
      if (pspec.failurePolicy === 'Ignore') weak.push(`policy '${policy.name}' has failurePolicy Ignore (admitted when it cannot be evaluated)`);
      // A binding's parameters (paramRef) missing with parameterNotFoundAction Allow: every request is admitted (the API server's default is Deny).
      if (isObject(spec.paramRef) && spec.paramRef.parameterNotFoundAction === 'Allow') {
        weak.push('paramRef.parameterNotFoundAction Allow (admitted whenever its parameters are missing)');
      }
      out.push({
        resource: b,
        label: `ValidatingAdmissionPolicyBinding '${b.name}' (policy '${policy.name}')`,
        namespaceSelectors: [bindingMatch.namespaceSelector, policyMatch.namespaceSelector],
        partial: nonEmptySelector(bindingMatch.objectSelector) || nonEmptySelector(policyMatch.objectSelector),
        weakness: weak.length > 0 ? weak.join('; ') : undefined,
        allowedPrefixes: allowedRegistryPrefixes(policy),
      });
    }
    for (const p of ctx.ofKind('ImageValidatingPolicy')) {
      if (!p.apiVersion?.startsWith(KYVERNO_GROUP)) continue;
      const spec = isObject(p.body.spec) ? p.body.spec : {};
      if (!matchesPods(spec.matchConstraints)) continue;
      const match = isObject(spec.matchConstraints) ? spec.matchConstraints : {};
      // Kyverno defaults absent (or empty) validationActions to [Deny] (ImageValidatingPolicySpec.ValidationActions).
      const weak = Array.isArray(spec.validationActions) && spec.validationActions.length > 0 ? actionsWeakness(spec.validationActions) : [];
      if (spec.failurePolicy === 'Ignore') weak.push('failurePolicy Ignore (admitted when Kyverno cannot verify or is down)');
      out.push({
        resource: p,
        label: `ImageValidatingPolicy '${p.name}'`,
        namespaceSelectors: [match.namespaceSelector],
        partial: nonEmptySelector(match.objectSelector),
        weakness: weak.length > 0 ? weak.join('; ') : undefined,
        references: imageReferences(spec),
      });
    }
    return out;
  });
}

/** Whether `policy` selects the Namespace `ns` (a Namespace object of the set) for all its pods. */
export function selectsNamespace(policy: ImagePolicyObject, ns: Resource): boolean {
  if (policy.partial) return false;
  const labels = { ...(isObject(ns.body.metadata?.labels) ? ns.body.metadata.labels : {}), 'kubernetes.io/metadata.name': ns.name };
  return policy.namespaceSelectors.every((s) => s === undefined || s === null || selectorMatches(s, labels));
}

/** What is weak about validationActions (no Deny), as a list of reasons. */
function actionsWeakness(actions: unknown): string[] {
  if (!Array.isArray(actions) || actions.length === 0) return ['no validationActions (Deny is required to refuse)'];
  if (!actions.includes('Deny')) return [`validationActions [${actions.map(String).join(', ')}] without Deny (violations are admitted)`];
  return [];
}

/** Whether match constraints (or match resources) have a resource rule for CREATE of core/v1 pods. */
function matchesPods(match: unknown): boolean {
  if (!isObject(match) || !Array.isArray(match.resourceRules)) return false;
  if (excludesPods(match)) return false;
  return match.resourceRules.some(podRule);
}

/** Whether excludeResourceRules leave pods out. */
function excludesPods(match: Record<string, any>): boolean {
  return Array.isArray(match.excludeResourceRules) && match.excludeResourceRules.some((r: unknown) => podRule(r) && !hasResourceNames(r));
}

function hasResourceNames(rule: unknown): boolean {
  return isObject(rule) && Array.isArray(rule.resourceNames) && rule.resourceNames.length > 0;
}

/** Whether a rule covers CREATE of pods in the core group. */
function podRule(rule: unknown): boolean {
  if (!isObject(rule)) return false;
  const has = (list: unknown, value: string): boolean => Array.isArray(list) && (list.includes(value) || list.includes('*'));
  return has(rule.apiGroups, '') && has(rule.resources, 'pods') && has(rule.operations, 'CREATE') && !hasResourceNames(rule);
}

/** Whether a ValidatingAdmissionPolicy spec reads container images in a validation or variable. */
function readsImages(spec: Record<string, any>): boolean {
  const expressions = [...(Array.isArray(spec.validations) ? spec.validations : []), ...(Array.isArray(spec.variables) ? spec.variables : [])];
  return expressions.some((v: unknown) => isObject(v) && typeof v.expression === 'string' && /\.image\b/.test(v.expression));
}

/** Whether a label selector selects less than everything. */
function nonEmptySelector(selector: unknown): boolean {
  if (!isObject(selector)) return false;
  const labels = isObject(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
  return labels + exprs > 0;
}
