import { DAEMON_CONFIG } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { daemonFile, showJson } from '../support/daemon-config';

/** Containers cannot gain privileges through setuid binaries by default (CIS Docker Benchmark 2.14). */
export const daemonNoNewPrivileges: Rule = {
  id: 'docker-daemon-no-new-privileges',
  title: 'The Docker daemon must start containers with no-new-privileges by default ("no-new-privileges": true)',
  description:
    'With no-new-privileges a process in a container cannot gain privileges through setuid or setgid binaries or ' +
    'file capabilities, so a compromised application user cannot become root in the container, the first step of ' +
    'most escapes. Setting it daemon-wide covers every container, also those started without the Compose option. ' +
    'CIS Docker Benchmark 2.14 (Level 1).',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: [DAEMON_CONFIG],
  fix: 'Set "no-new-privileges": true.',
  check(resource, _ctx, report) {
    const value = resource.body['no-new-privileges'];
    if (value === true) return;
    report({ path: 'no-new-privileges', message: `${daemonFile(resource)} has "no-new-privileges" ${showJson(value)}, not true: containers may gain privileges through setuid binaries` });
  },
};
