import { composeHostNamespaces as rule } from '../../../../lib/rules/docker/compose/compose-host-namespaces';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-host-namespaces', () => {
  test.each(['image: x', 'network_mode: none', 'network_mode: "service:api"', 'pid: "container:abc"', 'ipc: shareable', 'userns_mode: ""'])('passes %s', (settings) => {
    expect(composeViolations(rule, composeFile(service('a', settings)))).toEqual([]);
  });

  test('flags each host namespace, and one taken from the environment', () => {
    const file = composeFile(
      service('a', 'pid: host', 'ipc: host', 'network_mode: host', 'userns_mode: host', 'uts: host', 'cgroup: host'),
      service('b', 'network_mode: ${NETWORK_MODE:-host}'),
    );
    expect(composeViolations(rule, file)).toEqual([
      'a cgroup (line 8): service \'a\' shares the host\'s cgroup namespace (cgroup: "host")',
      'a ipc (line 4): service \'a\' shares the host\'s shared memory (ipc: "host")',
      'a network_mode (line 5): service \'a\' uses the host\'s network stack (every host port and interface) (network_mode: "host")',
      'a pid (line 3): service \'a\' sees and signals the host\'s processes (pid: "host")',
      'a userns_mode (line 6): service \'a\' runs without user-namespace remapping (container root is host root) (userns_mode: "host")',
      'a uts (line 7): service \'a\' shares the host\'s hostname (uts: "host")',
      'b network_mode (line 10): service \'b\' takes network_mode from the environment (network_mode: "${NETWORK_MODE:-host}"), which the checker cannot see; it may be host',
    ]);
  });
});
