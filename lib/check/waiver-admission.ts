import type { RuleContext } from './context';
import type { Finding } from './finding';
import { WAIVER_BLOCKED_BY_ADMISSION } from './meta-rules';
import { enforcedAt, POD_SECURITY_LEVELS } from '../rules/k8s/pod-security-levels';

/** The namespace label Pod Security Admission enforces. */
export const PSA_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/**
 * Findings for waived Pod Security rules that the object's namespace still enforces: a waiver
 * cannot override admission, so the pods would be rejected. One finding per object and rule,
 * at the first waived field. The namespace must be among the checked or context objects;
 * namespaces the check does not see are not guessed at.
 */
export function waiversBlockedByAdmission(findings: readonly Finding[], ctx: RuleContext): Finding[] {
  const groups = new Map<string, { first: Finding; count: number; namespace: string; enforce: string; level: string }>();
  const enforceOf = new Map<string, unknown>();
  for (const f of findings) {
    if (!f.waiver) continue;
    const level = POD_SECURITY_LEVELS[f.ruleId];
    if (level === undefined) continue;
    const namespace = f.resource.namespace ?? ctx.settings.defaultNamespace;
    if (!enforceOf.has(namespace)) enforceOf.set(namespace, enforceLevel(namespace, ctx));
    const enforce = enforceOf.get(namespace);
    if (!enforcedAt(level, enforce)) continue;
    const key = `${f.resource.kind}\u0000${namespace}\u0000${f.resource.name}\u0000${f.ruleId}`;
    const group = groups.get(key);
    if (!group) {groups.set(key, { first: f, count: 1, namespace, enforce: enforce as string, level });} else {
      group.count++;
      if (f.path < group.first.path) group.first = f;
    }
  }
  const out: Finding[] = [];
  for (const { first: f, count, namespace, enforce, level } of groups.values()) {
    const rejected = f.resource.kind === 'Pod' ? 'the API server rejects the Pod' : `the API server rejects the pods of this ${f.resource.kind} and they are never created`;
    const allowing = level === 'baseline' ? 'privileged' : 'baseline';
    out.push({
      ruleId: WAIVER_BLOCKED_BY_ADMISSION.id,
      title: WAIVER_BLOCKED_BY_ADMISSION.title,
      severity: WAIVER_BLOCKED_BY_ADMISSION.severity,
      controls: WAIVER_BLOCKED_BY_ADMISSION.controls,
      resource: f.resource,
      path: f.path,
      message:
        `rule '${f.ruleId}' is waived here (${count === 1 ? f.path : `${count} findings, first ${f.path}`}), but namespace '${namespace}' ` +
        `enforces Pod Security level '${enforce}' (label ${PSA_ENFORCE_LABEL}), which rejects pods breaking this ${level} control at ` +
        `admission: a waiver cannot override admission, so ${rejected}`,
      fix:
        `Make the pod meet the '${enforce}' profile for ${f.ruleId} and remove the waiver, or run it in a namespace labelled ` +
        `${PSA_ENFORCE_LABEL}: ${allowing}, which is a finding of k8s-pod-security-admission-labels that needs its own waiver with a reason.`,
      source: f.source,
    });
  }
  return out;
}

function enforceLevel(namespace: string, ctx: RuleContext): unknown {
  for (const ns of ctx.ofKind('Namespace')) {
    if (ns.name === namespace) return ns.body.metadata?.labels?.[PSA_ENFORCE_LABEL];
  }
  return undefined;
}
