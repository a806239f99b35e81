import { composePortHostBinding as rule } from '../../../../lib/rules/docker/compose/compose-port-host-binding';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-port-host-binding', () => {
  test.each([
    ['no ports', 'image: x'],
    ['expose only', 'expose: ["8080"]'],
    ['IPv4 loopback', 'ports: ["127.0.0.1:8443:8443"]'],
    ['a private address, a range and a protocol', 'ports: ["10.0.1.5:5000-5010:5000-5010/udp"]'],
    ['IPv6 loopback', 'ports: ["[::1]:8443:8443"]'],
    ['the long form with host_ip', 'ports:\n  - { target: 8443, published: "8443", host_ip: 127.0.0.1, protocol: tcp }'],
  ])('passes %s', (_what, settings) => {
    expect(composeViolations(rule, composeFile(service('a', settings)))).toEqual([]);
  });

  test('flags implicit, 0.0.0.0, :: and interpolated host addresses in the short and long forms', () => {
    const file = composeFile(
      service(
        'a',
        'ports:',
        '  - "8443:8443"',
        '  - 9000',
        '  - "0.0.0.0:80:8080"',
        '  - "[::]:443:8443"',
        '  - ":::8080:80"',
        '  - ${BIND_ADDRESS}:8080:80',
        '  - { target: 8443, published: 8443 }',
        '  - { target: 8443, host_ip: 0.0.0.0 }',
        '  - "127.0.0.1:9443:9443"',
        '  - "[0:0:0:0:0:0:0:0]:8081:81"',
        '  - { target: 82, published: 8082, host_ip: "::ffff:0.0.0.0" }',
      ),
    );
    expect(composeViolations(rule, file)).toEqual([
      'a ports[0] (line 4): service \'a\' publishes port 8443 on every host interface (no host address in "8443:8443")',
      'a ports[10] (line 14): service \'a\' publishes port 82 on every host interface (::ffff:0.0.0.0 in {"target":82,"published":8082,"host_ip":"::ffff:0.0.0.0"})',
      "a ports[1] (line 5): service 'a' publishes port 9000 on every host interface (no host address in 9000)",
      'a ports[2] (line 6): service \'a\' publishes port 8080 on every host interface (0.0.0.0 in "0.0.0.0:80:8080")',
      'a ports[3] (line 7): service \'a\' publishes port 8443 on every host interface (:: in "[::]:443:8443")',
      'a ports[4] (line 8): service \'a\' publishes port 80 on every host interface (:: in ":::8080:80")',
      'a ports[5] (line 9): service \'a\' takes the host address of port 80 from the environment ("${BIND_ADDRESS}:8080:80"), which the checker cannot see',
      'a ports[6] (line 10): service \'a\' publishes port 8443 on every host interface (no host address in {"target":8443,"published":8443})',
      'a ports[7] (line 11): service \'a\' publishes port 8443 on every host interface (0.0.0.0 in {"target":8443,"host_ip":"0.0.0.0"})',
      'a ports[9] (line 13): service \'a\' publishes port 81 on every host interface (0:0:0:0:0:0:0:0 in "[0:0:0:0:0:0:0:0]:8081:81")',
    ]);
  });
});
