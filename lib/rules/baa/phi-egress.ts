import { baaRule, baaViolations } from './support/baa-rule';
import { destinationJudgement } from './support/destination-rule';

/** The logic of baa-phi-egress as a pure function of (graph, register, object), for tests on hand-built graphs. */
export const phiEgressViolations = baaViolations(destinationJudgement('egress'));

/** PHI egress to an IP block or host outside the cluster resolves to the organisation's network or a vendor with a BAA. */
export const phiEgressRule = baaRule(
  {
    id: 'baa-phi-egress',
    title: 'PHI egress to external IP blocks and hosts goes only to vendors with a BAA',
    description:
      'A workload that handles PHI and may open connections to an address outside the cluster (a NetworkPolicy ipBlock, a Cilium toFQDNs host, an Istio ServiceEntry, an ExternalName Service) can send PHI there; 45 CFR 164.308(b)(1) allows that only to a business associate that gave satisfactory assurances in a BAA. Fails closed: a destination no vendor of the register matches is a finding.',
    severity: 'error',
    controls: ['164.308(b)(1)', '164.314(a)(1)'],
    kinds: ['*'],
    fix: 'Register the destination\'s vendor with its signed BAA in hipaa-baa.yaml (or list the block or host under internal if it is the organisation\'s own), or narrow the egress so PHI workloads cannot reach it.',
  },
  phiEgressViolations,
);
