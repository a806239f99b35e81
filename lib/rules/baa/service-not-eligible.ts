import { baaRule, baaViolations } from './support/baa-rule';
import { flowText } from './support/destination-rule';
import { vendorText } from './support/phi-destinations';
import { eligibleServices } from '../../baa/aws-hipaa-eligible-services';
import type { Violation } from '../../check/rule';

/** The logic of baa-service-not-eligible as a pure function of (graph, register, object), for tests on hand-built graphs. */
export const serviceNotEligibleViolations = baaViolations((destinations) => {
  const out: Violation[] = [];
  const seen = new Set<string>();
  for (const d of destinations) {
    const v = d.registerVendor;
    if (d.vendor.status === 'not-eligible') {
      out.push({
        path: d.path,
        message: `${flowText(d)} of vendor ${vendorText(v, d.vendor.vendorId)}, a service its BAA does not cover (${d.vendor.reason})`,
        fix: d.destination.service !== undefined
          ? `Use a HIPAA-eligible service of ${vendorText(v, d.vendor.vendorId)} for PHI (and list it in the vendor's services), or keep PHI away from ${d.destination.service}.`
          : undefined,
      });
    }
    // A provider vendor in use whose register entry lists services the provider does not list as eligible.
    const list = v?.provider !== undefined ? eligibleServices(v.provider) : undefined;
    if (v === undefined || list === undefined || seen.has(v.id)) continue;
    seen.add(v.id);
    const outside = (v.services ?? []).filter((s) => !list.services.has(s));
    if (outside.length === 0) continue;
    out.push({
      path: d.path,
      message:
        `${flowText(d)} of vendor ${vendorText(v, v.id)}, whose register entry lists ${outside.length === 1 ? 'service' : 'services'} ${outside.join(', ')} ` +
        `not on the ${list.provider} HIPAA-eligible services list (snapshot ${list.date}, ${list.source})`,
      fix: `Keep PHI out of ${outside.join(', ')} and remove ${outside.length === 1 ? 'it' : 'them'} from the vendor's services in the BAA register; if ${list.provider} lists ${outside.length === 1 ? 'it' : 'them'} as eligible now, waive this finding citing the page.`,
    });
  }
  return out;
});

/** PHI goes to a cloud provider only through services on its HIPAA-eligible list. */
export const serviceNotEligibleRule = baaRule(
  {
    id: 'baa-service-not-eligible',
    title: 'PHI goes to a cloud provider only through its HIPAA-eligible services',
    description:
      'A cloud provider\'s BAA covers only the services the provider lists as HIPAA-eligible (for AWS, the HIPAA Eligible Services Reference, shipped ' +
      'as a dated snapshot); PHI in any other service is outside the assurances 45 CFR 164.308(b)(1) and 164.314(a)(1) require. Flags a PHI destination ' +
      'whose service is not among the vendor\'s registered services or not on the list, and a vendor in use whose register entry lists a service not on it.',
    severity: 'error',
    controls: ['164.308(b)(1)', '164.314(a)(1)'],
    kinds: ['*'],
    fix: 'Send PHI only to services on the provider\'s HIPAA-eligible list, and list exactly those in the vendor\'s services in hipaa-baa.yaml.',
  },
  serviceNotEligibleViolations,
);
