import { composeNoPrivileged as rule } from '../../../../lib/rules/docker/compose/compose-no-privileged';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-no-privileged', () => {
  test.each(['image: x', 'privileged: false', 'privileged: "false"', 'privileged: no', 'privileged: "OFF"'])('passes %s', (settings) => {
    expect(composeViolations(rule, composeFile(service('a', settings)))).toEqual([]);
  });

  test('flags privileged in every spelling Compose reads as true, an interpolated or invalid value, and devices', () => {
    const file = composeFile(
      service('a', 'privileged: true'),
      service('b', 'privileged: "true"'),
      service('c', 'privileged: yes'),
      service('d', 'privileged: "On"'),
      service('e', 'privileged: ${PRIVILEGED}'),
      service('f', 'privileged: maybe'),
      service('g', 'devices:', '  - /dev/sda:/dev/sda', '  - { source: /dev/fuse, target: /dev/fuse, permissions: rwm }', 'device_cgroup_rules: ["c 1:3 mr"]'),
    );
    expect(composeViolations(rule, file)).toEqual([
      "a privileged (line 3): service 'a' is privileged (privileged: true)",
      'b privileged (line 5): service \'b\' is privileged (privileged: "true")',
      'c privileged (line 7): service \'c\' is privileged (privileged: "yes")',
      'd privileged (line 9): service \'d\' is privileged (privileged: "On")',
      'e privileged (line 11): service \'e\' takes privileged from the environment (privileged: "${PRIVILEGED}"), which the checker cannot see',
      'f privileged (line 13): service \'f\' sets privileged to "maybe", which is not a boolean',
      'g device_cgroup_rules[0] (line 18): service \'g\' is given host device access (device_cgroup_rules: "c 1:3 mr")',
      'g devices[0] (line 16): service \'g\' is given host device access (devices: "/dev/sda:/dev/sda")',
      'g devices[1] (line 17): service \'g\' is given host device access (devices: {"source":"/dev/fuse","target":"/dev/fuse","permissions":"rwm"})',
    ]);
  });
});
