import { DAEMON_CONFIG } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { daemonFile, showJson } from '../support/daemon-config';

/** Containers keep running while the daemon restarts (CIS Docker Benchmark 2.15). */
export const daemonLiveRestore: Rule = {
  id: 'docker-daemon-live-restore',
  title: 'The Docker daemon should keep containers running while it restarts ("live-restore": true)',
  description:
    'Without live restore every container stops when dockerd stops, so patching the daemon (a security update) takes ' +
    'the PHI services down and tempts operators to postpone it. "live-restore": true keeps containers running and ' +
    'reattaches them. A warning: it serves availability, not confidentiality, and is incompatible with swarm mode. ' +
    'CIS Docker Benchmark 2.15.',
  severity: 'warning',
  controls: ['164.308(a)(7)(ii)(B)'],
  kinds: [DAEMON_CONFIG],
  fix: 'Set "live-restore": true.',
  check(resource, _ctx, report) {
    const value = resource.body['live-restore'];
    if (value === true) return;
    report({ path: 'live-restore', message: `${daemonFile(resource)} has "live-restore" ${showJson(value)}, not true: every container stops when the daemon restarts` });
  },
};
