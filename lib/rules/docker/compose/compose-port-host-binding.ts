import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { isInterpolated, shown } from '../support/compose-interpolation';
import { composePorts, isEveryInterface } from '../support/compose-ports';
import { serviceLabel } from '../support/compose-service';

/** Published ports bound to one host address. */
export const composePortHostBinding: Rule = {
  id: 'docker-compose-port-host-binding',
  title: 'A Compose service must bind each published port to a specific host address',
  description:
    'A port published without a host address ("8443:8443", or the long form without host_ip) listens on every interface of ' +
    'the host, 0.0.0.0 and [::] alike, and Docker inserts its own iptables rules ahead of the host firewall, so the service is ' +
    'reachable from every network the host is on. Bind each published port to the address it is meant for (127.0.0.1 for a ' +
    'local proxy, a private interface address), in the short form ("127.0.0.1:8443:8443") or the long form (host_ip). A host ' +
    'address interpolated from the environment is flagged: it may be empty. expose: publishes nothing and is fine. CIS ' +
    'Docker Benchmark 5.14.',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(a)(1)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Write the host address in each published port, e.g. "127.0.0.1:8443:8443" or { target: 8443, published: 8443, host_ip: 127.0.0.1 }; use expose: for ports only other services reach.',
  check(resource, _ctx, report) {
    const who = serviceLabel(resource);
    const ports = resource.body.ports as unknown[];
    for (const port of composePorts(ports)) {
      const entry = ports[Number(port.path.slice('ports['.length, -1))];
      const written = shown(entry);
      if (port.hostIp === undefined) {
        report({ path: port.path, message: `${who} publishes port ${port.target} on every host interface (no host address in ${written})` });
      } else if (isEveryInterface(port.hostIp)) {
        report({ path: port.path, message: `${who} publishes port ${port.target} on every host interface (${port.hostIp} in ${written})` });
      } else if (isInterpolated(port.hostIp)) {
        report({ path: port.path, message: `${who} takes the host address of port ${port.target} from the environment (${written}), which the checker cannot see` });
      }
    }
  },
};
