import { composeSecurityProfiles as rule } from '../../../../lib/rules/docker/compose/compose-security-profiles';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-security-profiles', () => {
  test.each([
    'image: x',
    'security_opt: ["no-new-privileges:true"]',
    'security_opt: ["seccomp=./seccomp.json", "apparmor=docker-default", "label=type:svirt_apache_t"]',
    'security_opt: ["label:level:s0:c100,c200"]',
  ])('passes %s', (settings) => {
    expect(composeViolations(rule, composeFile(service('a', settings)))).toEqual([]);
  });

  test('flags seccomp and AppArmor unconfined and SELinux labels disabled, with either separator', () => {
    const file = composeFile(
      service(
        'a',
        'security_opt:',
        '  - seccomp:unconfined',
        '  - seccomp=unconfined',
        '  - apparmor=unconfined',
        '  - apparmor:unconfined',
        '  - label=disable',
        '  - label:disable',
        '  - disable',
        '  - systempaths=unconfined',
      ),
    );
    expect(composeViolations(rule, file)).toEqual([
      'a security_opt[0] (line 4): service \'a\' runs without a seccomp profile (every system call allowed) (security_opt: "seccomp:unconfined")',
      'a security_opt[1] (line 5): service \'a\' runs without a seccomp profile (every system call allowed) (security_opt: "seccomp=unconfined")',
      'a security_opt[2] (line 6): service \'a\' runs without an AppArmor profile (security_opt: "apparmor=unconfined")',
      'a security_opt[3] (line 7): service \'a\' runs without an AppArmor profile (security_opt: "apparmor:unconfined")',
      'a security_opt[4] (line 8): service \'a\' turns SELinux labelling off (security_opt: "label=disable")',
      'a security_opt[5] (line 9): service \'a\' turns SELinux labelling off (security_opt: "label:disable")',
      'a security_opt[6] (line 10): service \'a\' turns SELinux labelling off (security_opt: "disable")',
      'a security_opt[7] (line 11): service \'a\' unmasks /proc and /sys paths the daemon hides (security_opt: "systempaths=unconfined")',
    ]);
  });
});
