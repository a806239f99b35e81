import { isMapping } from '../../../check/docker/compose-merge';
import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { isInterpolated, shown } from '../support/compose-interpolation';
import { serviceLabel } from '../support/compose-service';

interface Limit {
  /** What is limited, for messages. */
  readonly what: string;
  /** The service field and its path. */
  readonly field: string;
  /** The deploy.resources.limits field. */
  readonly deploy: string;
}

const LIMITS: readonly Limit[] = [
  { what: 'memory', field: 'mem_limit', deploy: 'memory' },
  { what: 'CPU', field: 'cpus', deploy: 'cpus' },
  { what: 'PIDs', field: 'pids_limit', deploy: 'pids' },
];

/** 0 and -1 (and "0") mean no limit; an interpolated value is a limit whose size the environment gives. */
function limits(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (isInterpolated(value)) return true;
  const text = String(value).trim();
  const number = parseFloat(text);
  return !(Number.isFinite(number) && number <= 0 && /^-?[0-9.]+[a-zA-Z]*$/.test(text));
}

/** Memory, CPU and PIDs limits. */
export const composeResourceLimits: Rule = {
  id: 'docker-compose-resource-limits',
  title: 'A Compose service must limit its memory, CPU and number of processes',
  description:
    'Without limits one container (a leak, a fork bomb, a busy loop, or an attacker) takes the memory, CPU and process table ' +
    'of the whole host, and every PHI service on it stops: an availability failure of the contingency plan. Each limit is ' +
    'its own finding and may be set either way Compose reads: memory by mem_limit or deploy.resources.limits.memory, CPU by ' +
    'cpus or deploy.resources.limits.cpus, PIDs by pids_limit or deploy.resources.limits.pids. 0 and -1 mean no limit. ' +
    'CIS Docker Benchmark 5.10, 5.11 and 5.29.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(A)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Set deploy: { resources: { limits: { memory: "512m", cpus: "1.0", pids: 200 } } } (or mem_limit, cpus and pids_limit) sized for the service.',
  check(resource, _ctx, report) {
    const body = resource.body;
    const who = serviceLabel(resource);
    const resources = isMapping(body.deploy) ? body.deploy.resources : undefined;
    const deployLimits = isMapping(resources) && isMapping(resources.limits) ? resources.limits : {};
    for (const limit of LIMITS) {
      const direct = body[limit.field];
      const deployed = deployLimits[limit.deploy];
      if (limits(direct) || limits(deployed)) continue;
      const written = direct !== undefined ? `${limit.field}: ${shown(direct)}` : deployed !== undefined ? `deploy.resources.limits.${limit.deploy}: ${shown(deployed)}` : undefined;
      report({
        path: direct !== undefined || deployed === undefined ? limit.field : `deploy.resources.limits.${limit.deploy}`,
        message: `${who} has no ${limit.what} limit (${written ?? `neither ${limit.field} nor deploy.resources.limits.${limit.deploy} is set`})`,
      });
    }
  },
};
