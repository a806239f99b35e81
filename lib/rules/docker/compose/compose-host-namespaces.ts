import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { isInterpolated, shown } from '../support/compose-interpolation';
import { serviceLabel } from '../support/compose-service';

/** The namespace fields and what sharing the host's means. */
const NAMESPACES: ReadonlyArray<readonly [string, string]> = [
  ['pid', "sees and signals the host's processes"],
  ['ipc', "shares the host's shared memory"],
  ['network_mode', "uses the host's network stack (every host port and interface)"],
  ['userns_mode', 'runs without user-namespace remapping (container root is host root)'],
  ['uts', "shares the host's hostname"],
  ['cgroup', "shares the host's cgroup namespace"],
];

/** No host namespaces. */
export const composeHostNamespaces: Rule = {
  id: 'docker-compose-host-namespaces',
  title: 'A Compose service must not share the host\'s PID, IPC, network, user, UTS or cgroup namespace',
  description:
    'Namespaces are what separates a container from the host. pid: host lets it see and signal (and with ptrace, read) ' +
    'every host process; ipc: host shares host shared memory; network_mode: host puts it on every host interface, past ' +
    'Docker\'s port publishing and network segregation; userns_mode: host turns user-namespace remapping off, so root in the ' +
    'container is root on the host; uts: host and cgroup: host share the hostname and cgroup tree. A value interpolated from ' +
    'the environment is flagged because it cannot be proven not to be host. Sharing another service\'s namespace ' +
    '(network_mode: service:x, pid: container:y) shares only that container\'s and is not flagged here. CIS Docker Benchmark ' +
    '5.9, 5.16, 5.17, 5.21, 5.31.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)', '164.312(e)(1)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Remove pid, ipc, network_mode, userns_mode, uts and cgroup set to host; publish the ports the service needs and attach it to project networks instead of network_mode: host.',
  check(resource, _ctx, report) {
    const who = serviceLabel(resource);
    for (const [field, means] of NAMESPACES) {
      const value: unknown = resource.body[field];
      if (value === undefined || value === null) continue;
      if (String(value).trim().toLowerCase() === 'host') {
        report({ path: field, message: `${who} ${means} (${field}: ${shown(value)})` });
      } else if (isInterpolated(value)) {
        report({ path: field, message: `${who} takes ${field} from the environment (${field}: ${shown(value)}), which the checker cannot see; it may be host` });
      }
    }
  },
};
