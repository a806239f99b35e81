import { DAEMON_CONFIG } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { daemonFile, showJson } from '../support/daemon-config';

/** No traffic between containers on the default bridge, enforced with iptables (CIS Docker Benchmark 2.2, 2.4). */
export const daemonIccDisabled: Rule = {
  id: 'docker-daemon-icc-disabled',
  title: 'The Docker daemon must block traffic between containers on the default bridge ("icc": false) and keep iptables on',
  description:
    'By default every container on the default bridge can reach every other one on any port, so one compromised ' +
    'container can probe the database of another application. "icc": false denies that traffic; containers talk only ' +
    'over user-defined networks they are attached to on purpose. dockerd enforces it with iptables rules, so ' +
    '"iptables": false silently undoes it (and leaves published ports unfiltered). CIS Docker Benchmark 2.2 and 2.4.',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(a)(1)'],
  kinds: [DAEMON_CONFIG],
  fix: 'Set "icc": false and remove "iptables": false (or set it to true).',
  check(resource, _ctx, report) {
    const file = daemonFile(resource);
    const icc = resource.body.icc;
    if (icc !== false) report({ path: 'icc', message: `${file} has "icc" ${showJson(icc)}, not false: containers on the default bridge can reach each other on every port` });
    const iptables = resource.body.iptables;
    if (iptables !== undefined && iptables !== true) {
      report({ path: 'iptables', message: `${file} has "iptables" ${showJson(iptables)}: dockerd writes no firewall rules, so "icc": false and port bindings are not enforced`, fix: 'Remove "iptables" or set it to true.' });
    }
  },
};
