import { baaRule, baaViolations } from './support/baa-rule';
import { destinationJudgement } from './support/destination-rule';

/** The logic of baa-log-sink as a pure function of (graph, register, object), for tests on hand-built graphs. */
export const logSinkViolations = baaViolations(destinationJudgement('log-sink'));

/** Logs of PHI workloads go only to log destinations of vendors with a BAA. */
export const logSinkRule = baaRule(
  {
    id: 'baa-log-sink',
    title: 'Logs of PHI workloads go only to log destinations of vendors with a BAA',
    description:
      'Application logs of PHI workloads routinely carry PHI (identifiers in requests, error payloads); a log forwarder that ships them to a hosted log service makes its vendor a business associate, which 45 CFR 164.308(b)(1) and 164.314(a)(1) allow only under a BAA. Fails closed: a log destination no vendor of the register matches is a finding.',
    severity: 'error',
    controls: ['164.308(b)(1)', '164.314(a)(1)'],
    kinds: ['*'],
    fix: 'Register the log service\'s vendor with its signed BAA in hipaa-baa.yaml (match: {logDestinations: [...]}), or send these logs to a destination that has one.',
  },
  logSinkViolations,
);
