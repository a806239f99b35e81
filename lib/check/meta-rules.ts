import type { RuleInfo } from './rule';

/** Findings the engine itself raises about waivers. They cannot be waived. */
export const WAIVER_INVALID: RuleInfo = {
  id: 'waiver-invalid',
  title: 'Waivers must name a known rule, give a reason and an expiry within the review period',
  description:
    'A waiver accepts a risk on behalf of the organisation; one without a rule id, a reason of at least 20 characters ' +
    'and 3 words, or an expiry date at most 12 months ahead (configurable with maxWaiverMonths) cannot be audited or is ' +
    'never evaluated again (164.308(a)(8) asks for periodic evaluation), and is ignored. A waiver limited to a container ' +
    'must name a container of the pod.',
  severity: 'error',
  controls: ['164.308(a)(1)(ii)(B)', '164.308(a)(8)', '164.316(b)(2)(i)'],
  kinds: ['*'],
  fix:
    'Give the waiver a ruleId that exists, a reason of at least 20 characters and 3 words saying why the risk is accepted, ' +
    'an expires date (YYYY-MM-DD) at most maxWaiverMonths (default 12) ahead, and, when it names a container, one the pod has.',
};

export const WAIVER_EXPIRED: RuleInfo = {
  id: 'waiver-expired',
  title: 'Waivers must not be past their expiry date',
  description:
    'An expired waiver means an accepted risk was not evaluated again in time (164.308(a)(8)). It no longer waives anything, so the finding it covered stands as well.',
  severity: 'error',
  controls: ['164.308(a)(1)(ii)(B)', '164.308(a)(8)', '164.316(b)(2)(i)'],
  kinds: ['*'],
  fix: 'Fix the underlying finding and remove the waiver, or review the risk and set a new expiry date.',
};

/**
 * A waived Pod Security Standards rule that the namespace's Pod Security Admission still
 * enforces. An error: the check would pass while the API server rejects the pods (for a
 * Deployment, quietly: the ReplicaSet just never gets its pods), and the report would list an
 * accepted risk that is not what runs.
 */
export const WAIVER_BLOCKED_BY_ADMISSION: RuleInfo = {
  id: 'waiver-blocked-by-admission',
  title: 'A waived Pod Security rule must not still be enforced by the namespace\'s Pod Security Admission',
  description:
    'A waiver accepts a finding in reports; it does not change what the cluster admits. When the namespace is labelled ' +
    'pod-security.kubernetes.io/enforce: restricted (or baseline, for a baseline control), the built-in PodSecurity ' +
    'admission controller rejects pods that break the waived control, so the workload does not run as written. ' +
    'Exemptions configured on the API server are not visible in manifests and are not taken into account.',
  severity: 'error',
  controls: ['164.308(a)(1)(ii)(B)', '164.308(a)(8)'],
  kinds: ['*'],
  fix:
    'Fix the workload so it meets the namespace\'s Pod Security level (the waiver then has nothing to accept), or run it in a ' +
    'namespace whose pod-security.kubernetes.io/enforce label allows it; lowering that label is itself a finding ' +
    '(k8s-pod-security-admission-labels) that needs its own waiver with a reason.',
};


/** The engine's finding about a rule that failed (threw) on an object: the object was not fully checked. Cannot be waived. */
export const ENGINE_RULE_ERROR: RuleInfo = {
  id: 'engine-rule-error',
  title: 'Every rule must run to completion on every object',
  description:
    'A rule failed with an error while checking an object, so that object was not checked by that rule and nothing can be ' +
    'said about what the rule looks for. The other rules and objects were still checked. This is a defect in the rule (or an ' +
    'object shape it does not expect); the finding names both.',
  severity: 'error',
  controls: ['164.308(a)(1)(ii)(B)'],
  kinds: ['*'],
  fix: 'Report the rule, the object and the error message to the maintainers of the rule pack. Until it is fixed, check the object by hand for what the rule looks for.',
};

/** The engine's own rules: findings about waivers and about rules that failed. */
export const META_RULES: readonly RuleInfo[] = [WAIVER_INVALID, WAIVER_EXPIRED, WAIVER_BLOCKED_BY_ADMISSION, ENGINE_RULE_ERROR];

/** Whether a rule is one of the engine's own (evidence about the check, not about the objects). */
export function isMetaRule(id: string): boolean {
  return META_RULES.some((r) => r.id === id);
}
