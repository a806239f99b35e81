import { baaRule, baaViolations } from './support/baa-rule';
import { flowText } from './support/destination-rule';
import { vendorText } from './support/phi-destinations';

/** The logic of baa-expired as a pure function of (graph, register, object), for tests on hand-built graphs. */
export const expiredViolations = baaViolations((destinations) =>
  destinations
    .filter((d) => d.vendor.status === 'expired')
    .map((d) => {
      const vendor = vendorText(d.registerVendor, d.vendor.vendorId);
      return {
        path: d.path,
        message: `${flowText(d)} of vendor ${vendor}, whose BAA is no longer in force (${d.vendor.reason})`,
        fix: `Renew the BAA with ${vendor} and record the new dates in the BAA register, or stop sending PHI to it.`,
      };
    }),
);

/** PHI flows only to vendors whose BAA is in force: not past its expiry date, not terminated. */
export const expiredRule = baaRule(
  {
    id: 'baa-expired',
    title: 'PHI flows only to vendors whose BAA has not expired or been terminated',
    description:
      'A BAA past its end date, or terminated, no longer gives the satisfactory assurances 45 CFR 164.308(b)(1) asks for, and 164.314(a)(1) requires the ' +
      'contract to be in place while the business associate handles PHI: every PHI destination (egress, registry, log sink, backup target, secret store) ' +
      'whose vendor\'s BAA expired is a finding on the object that sends PHI there.',
    severity: 'error',
    controls: ['164.308(b)(1)', '164.314(a)(1)'],
    kinds: ['*'],
    fix: 'Renew the vendor\'s BAA and record its new dates in hipaa-baa.yaml (baa: {status: signed, signed: ..., expires: ...}), or stop sending PHI to the vendor.',
  },
  expiredViolations,
);
