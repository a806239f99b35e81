/**
 * The judgement the five destination rules share (egress, registry, log sink, backup target,
 * secret store): a PHI destination of their family must resolve to the organisation's network
 * or to a vendor with a BAA. Expired BAAs and services outside the eligible list are other rules'.
 */
import type { BaaJudgement } from './baa-rule';
import { DestinationFamily, peersText, PhiDestination, vendorText } from './phi-destinations';
import { describeDestination } from '../../../baa/resolve-destination';
import type { Violation } from '../../../check/rule';

/** How a family's messages say PHI reaches the destination: `lets workload clinic/api send PHI to`. */
const FLOWS: Record<DestinationFamily, (peers: string) => string> = {
  'egress': (p) => `lets ${p} send PHI to`,
  'registry': (p) => `runs ${p}, which handles PHI, from images of`,
  'log-sink': (p) => `ships the logs of ${p}, which handles PHI, to`,
  'backup-target': (p) => `backs up the PHI of ${p} to`,
  'secret-store': (p) => `gives ${p}, which handles PHI, the secrets of`,
};

/** Flags the family's PHI destinations that are unregistered or whose vendor has no signed BAA. */
export function destinationJudgement(family: DestinationFamily): BaaJudgement {
  return (destinations) => {
    const out: Violation[] = [];
    for (const d of destinations) {
      if (d.family !== family) continue;
      if (d.vendor.status === 'unregistered') {
        out.push({
          path: d.path,
          message: `${flowText(d)}, which no vendor of the BAA register matches`,
          fix: `Add the vendor of ${describeDestination(d.destination)} to the BAA register with its signed BAA (or to internal, if it is the organisation's own), or stop sending PHI there.`,
        });
      } else if (d.vendor.status === 'no-baa') {
        const vendor = vendorText(d.registerVendor, d.vendor.vendorId);
        out.push({
          path: d.path,
          message: `${flowText(d)} of vendor ${vendor}, which has no BAA that covers it (${d.vendor.reason})`,
          fix: `Sign a BAA with ${vendor} that covers ${describeDestination(d.destination)} and record it in the BAA register, or stop sending PHI there.`,
        });
      }
    }
    return out;
  };
}

/** `lets workload clinic/api send PHI to host api.stripe.com`. */
export function flowText(d: PhiDestination): string {
  return `${FLOWS[d.family](peersText(d))} ${describeDestination(d.destination)}`;
}
