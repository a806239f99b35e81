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

export const META_RULES: readonly RuleInfo[] = [WAIVER_INVALID, WAIVER_EXPIRED];
