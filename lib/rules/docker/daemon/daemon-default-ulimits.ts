import { DAEMON_CONFIG } from '../../../check/docker/kinds';
import type { Rule, Violation } from '../../../check/rule';
import { daemonFile, showJson } from '../support/daemon-config';

/** The ulimits every container gets unless it sets its own. */
const REQUIRED = ['nofile', 'nproc'] as const;

/** Containers get bounded open files and processes by default (CIS Docker Benchmark 2.8). */
export const daemonDefaultUlimits: Rule = {
  id: 'docker-daemon-default-ulimits',
  title: 'The Docker daemon should set default ulimits for open files and processes ("default-ulimits" nofile and nproc)',
  description:
    'Without default ulimits a container inherits the daemon\'s limits (often a million open files), so one runaway or ' +
    'compromised container can exhaust the file handles or process slots the PHI services on the same host need. ' +
    '"default-ulimits" with "nofile" and "nproc" ({"Name", "Soft", "Hard"}, whole numbers, Soft <= Hard) bounds every ' +
    'container that does not set its own. Note that nproc counts the processes of a host UID across containers (with ' +
    'userns-remap all containers share one range), so size it for the whole host. A warning: it serves availability. ' +
    'CIS Docker Benchmark 2.8.',
  severity: 'warning',
  controls: ['164.308(a)(7)(ii)(B)'],
  kinds: [DAEMON_CONFIG],
  fix: 'Set "default-ulimits": {"nofile": {"Name": "nofile", "Soft": 65536, "Hard": 65536}, "nproc": {"Name": "nproc", "Soft": 8192, "Hard": 8192}}.',
  check(resource, _ctx, report) {
    const file = daemonFile(resource);
    const ulimits = resource.body['default-ulimits'];
    if (ulimits === null || typeof ulimits !== 'object' || Array.isArray(ulimits)) {
      report({ path: 'default-ulimits', message: `${file} has "default-ulimits" ${showJson(ulimits)}: containers inherit the daemon's limits on open files and processes` });
      return;
    }
    for (const name of REQUIRED) {
      const problem = ulimitProblem(name, (ulimits as Record<string, unknown>)[name]);
      if (problem) report({ path: `default-ulimits.${name}${problem.at}`, message: `${file} ${problem.message}` });
    }
  },
};

function ulimitProblem(name: string, value: unknown): { at: string; message: Violation['message'] } | undefined {
  if (value === undefined) return { at: '', message: `has no default ulimit "${name}" in "default-ulimits"` };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { at: '', message: `has "default-ulimits"."${name}" ${showJson(value)}, not {"Name", "Soft", "Hard"}` };
  const u = value as Record<string, unknown>;
  if (u.Name !== name) return { at: '.Name', message: `has "default-ulimits"."${name}" with "Name" ${showJson(u.Name)}: dockerd applies the ulimit named by "Name", so it must be "${name}"` };
  for (const key of ['Soft', 'Hard'] as const) {
    const n = u[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      return { at: `.${key}`, message: `has "default-ulimits"."${name}"."${key}" ${showJson(n)}, not a whole number >= 0 (-1 would mean unlimited)` };
    }
  }
  if ((u.Soft as number) > (u.Hard as number)) {
    return { at: '.Soft', message: `has "default-ulimits"."${name}" with "Soft" ${u.Soft as number} above "Hard" ${u.Hard as number}: no container could start` };
  }
  return undefined;
}
