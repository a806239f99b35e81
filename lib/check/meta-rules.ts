import type { RuleInfo } from './rule';

/** Findings the engine itself raises about waivers. They cannot be waived. */
export const WAIVER_INVALID: RuleInfo = {
  id: 'waiver-invalid',
  title: 'Waivers must name a known rule and give a reason',
  description:
    'A waiver accepts a risk on behalf of the organisation; one without a rule id, a reason of at least 20 characters, or a valid date cannot be audited and is ignored.',
  severity: 'error',
  controls: ['164.308(a)(1)(ii)(B)', '164.316(b)(2)(i)'],
  kinds: ['*'],
  fix: 'Give the waiver a ruleId that exists, a reason of at least 20 characters saying why the risk is accepted, and dates as YYYY-MM-DD.',
};

export const WAIVER_EXPIRED: RuleInfo = {
  id: 'waiver-expired',
  title: 'Waivers must not be past their expiry date',
  description:
    'An expired waiver means an accepted risk was not reviewed in time. It no longer waives anything, so the finding it covered stands as well.',
  severity: 'error',
  controls: ['164.308(a)(1)(ii)(B)', '164.316(b)(2)(i)'],
  kinds: ['*'],
  fix: 'Fix the underlying finding and remove the waiver, or review the risk and set a new expiry date.',
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
export const META_RULES: readonly RuleInfo[] = [WAIVER_INVALID, WAIVER_EXPIRED, ENGINE_RULE_ERROR];

/** Whether a rule is one of the engine's own (evidence about the check, not about the objects). */
export function isMetaRule(id: string): boolean {
  return META_RULES.some((r) => r.id === id);
}
