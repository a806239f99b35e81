import { DAEMON_CONFIG } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { daemonFile, showJson } from '../support/daemon-config';

/** Published ports are forwarded by the kernel, not by a root proxy process (CIS Docker Benchmark 2.16). */
export const daemonUserlandProxy: Rule = {
  id: 'docker-daemon-userland-proxy',
  title: 'The Docker daemon should forward published ports with iptables, not the userland proxy ("userland-proxy": false)',
  description:
    'With the userland proxy, dockerd starts a docker-proxy process running as root for every published port: more ' +
    'root code on the network path, and connections reach the container from the proxy, so the client address the ' +
    'application logs is lost. With "userland-proxy": false the kernel forwards the traffic (hairpin NAT). A warning: ' +
    'it reduces attack surface and keeps audit trails attributable but is not itself a safeguard of PHI. CIS Docker ' +
    'Benchmark 2.16.',
  severity: 'warning',
  controls: ['164.312(e)(1)', '164.312(b)'],
  kinds: [DAEMON_CONFIG],
  fix: 'Set "userland-proxy": false.',
  check(resource, _ctx, report) {
    const value = resource.body['userland-proxy'];
    if (value === false) return;
    report({ path: 'userland-proxy', message: `${daemonFile(resource)} has "userland-proxy" ${showJson(value)}, not false: a root docker-proxy process forwards each published port` });
  },
};
