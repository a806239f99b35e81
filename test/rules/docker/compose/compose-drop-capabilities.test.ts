import { composeDropCapabilities as rule } from '../../../../lib/rules/docker/compose/compose-drop-capabilities';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-drop-capabilities', () => {
  test.each([
    ['ALL', 'cap_drop: [ALL]'],
    ['all in lower case', 'cap_drop: [all]'],
    ['CAP_ALL', 'cap_drop: [CAP_ALL]'],
    ['ALL and the allowed capabilities added back', 'cap_drop: [ALL]\ncap_add: [NET_BIND_SERVICE, cap_chown, CAP_SETUID, setgid]'],
  ])('passes %s', (_what, settings) => {
    expect(composeViolations(rule, composeFile(service('a', settings)))).toEqual([]);
  });

  test('flags a cap_drop without ALL and each added capability outside the allow-list, by name', () => {
    const file = composeFile(
      service('a', 'image: x'),
      service('b', 'cap_drop: [NET_RAW, MKNOD]'),
      service('c', 'cap_drop: [ALL]', 'cap_add:', '  - NET_BIND_SERVICE', '  - SYS_ADMIN', '  - cap_net_admin', '  - SYS_PTRACE', '  - all', '  - DAC_OVERRIDE', '  - AUDIT_WRITE'),
    );
    expect(composeViolations(rule, file)).toEqual([
      "a cap_drop (line 2): service 'a' does not drop all capabilities (cap_drop is not set)",
      'b cap_drop (line 5): service \'b\' does not drop all capabilities (cap_drop: ["NET_RAW","MKNOD"])',
      'c cap_add[1] (line 10): service \'c\' adds capability SYS_ADMIN (mount, namespaces and most of root) (cap_add: "SYS_ADMIN")',
      'c cap_add[2] (line 11): service \'c\' adds capability NET_ADMIN (reconfigure networking and firewall rules) (cap_add: "cap_net_admin")',
      'c cap_add[3] (line 12): service \'c\' adds capability SYS_PTRACE (read the memory of other processes) (cap_add: "SYS_PTRACE")',
      'c cap_add[4] (line 13): service \'c\' adds capability ALL (every capability) (cap_add: "all")',
      'c cap_add[5] (line 14): service \'c\' adds capability DAC_OVERRIDE (bypass file permissions) (cap_add: "DAC_OVERRIDE")',
      'c cap_add[6] (line 15): service \'c\' adds capability AUDIT_WRITE (cap_add: "AUDIT_WRITE")',
    ]);
  });

  test('a capability added by an override file is flagged in the merged project', () => {
    const files = [
      { file: 'compose.yaml', text: composeFile(service('api', 'cap_drop: [ALL]', 'cap_add: [NET_BIND_SERVICE]')) },
      { file: 'compose.override.yaml', text: composeFile(service('api', 'cap_add: [SYS_MODULE]')) },
    ];
    expect(composeViolations(rule, files)).toEqual([
      'api cap_add[1] (line 4): service \'api\' adds capability SYS_MODULE (load kernel modules) (cap_add: "SYS_MODULE")',
    ]);
  });
});
