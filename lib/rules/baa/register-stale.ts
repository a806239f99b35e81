import { baaRule, baaViolations } from './support/baa-rule';
import { flowText } from './support/destination-rule';
import { vendorText } from './support/phi-destinations';
import { dayOf, isPast } from '../../baa/dates';
import type { Violation } from '../../check/rule';

/** The logic of baa-register-stale as a pure function of (graph, register, object), for tests on hand-built graphs. */
export const registerStaleViolations = baaViolations((destinations, _register, now) => {
  const today = dayOf(now);
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const d of destinations) {
    const v = d.registerVendor;
    const reviewBy = v?.baa.reviewBy;
    if (v === undefined || reviewBy === undefined || !isPast(reviewBy, today) || seen.has(v.id)) continue;
    seen.add(v.id);
    out.push({
      path: d.path,
      message: `${flowText(d)} of vendor ${vendorText(v, v.id)}, whose BAA register entry was due for review on ${reviewBy}`,
      fix: `Review the BAA with ${vendorText(v, v.id)} (is it still in force, does its scope still cover what is sent?) and set a new reviewBy date in the BAA register.`,
    });
  }
  return out;
});

/** The register entries of vendors PHI flows to are reviewed by their review date (a warning). */
export const registerStaleRule = baaRule(
  {
    id: 'baa-register-stale',
    title: 'Register entries of vendors that receive PHI are reviewed by their review date',
    description:
      'A BAA register entry past its reviewBy date may no longer describe the agreement (renewed, amended, terminated) or what is sent to the vendor; ' +
      '45 CFR 164.308(b)(1) and 164.314(a)(1) need the assurances to hold for what the vendor actually receives. A warning, reported once per vendor ' +
      'on each object that sends PHI to it: the BAA itself may still be in force.',
    severity: 'warning',
    controls: ['164.308(b)(1)', '164.314(a)(1)'],
    kinds: ['*'],
    fix: 'Review the vendor\'s BAA and its register entry, then set the next reviewBy date (YYYY-MM-DD) in hipaa-baa.yaml.',
  },
  registerStaleViolations,
);
