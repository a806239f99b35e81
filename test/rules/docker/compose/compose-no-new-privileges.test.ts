import { composeNoNewPrivileges as rule } from '../../../../lib/rules/docker/compose/compose-no-new-privileges';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-no-new-privileges', () => {
  test.each([
    'security_opt: ["no-new-privileges:true"]',
    'security_opt: ["no-new-privileges=true"]',
    'security_opt: [no-new-privileges]',
    'security_opt: ["no-new-privileges:1"]',
    'security_opt: ["no-new-privileges=True", "seccomp=./profile.json"]',
    'security_opt: ["no-new-privileges:false", "no-new-privileges:true"]',
  ])('passes %s', (settings) => {
    expect(composeViolations(rule, composeFile(service('a', settings)))).toEqual([]);
  });

  test('flags it missing, turned off (the last entry wins) or given a value the daemon refuses', () => {
    const file = composeFile(
      service('a', 'image: x'),
      service('b', 'security_opt: ["seccomp:unconfined"]'),
      service('c', 'security_opt:', '  - no-new-privileges:false'),
      service('d', 'security_opt: ["no-new-privileges=true", "no-new-privileges=false"]'),
      service('e', 'security_opt: ["no-new-privileges:yes"]'),
    );
    expect(composeViolations(rule, file)).toEqual([
      "a security_opt (line 2): service 'a' does not set no-new-privileges (security_opt: not set)",
      'b security_opt (line 5): service \'b\' does not set no-new-privileges (security_opt: ["seccomp:unconfined"])',
      'c security_opt[0] (line 8): service \'c\' turns no-new-privileges off ("no-new-privileges:false")',
      'd security_opt[1] (line 10): service \'d\' turns no-new-privileges off ("no-new-privileges=false")',
      'e security_opt[0] (line 12): service \'e\' sets no-new-privileges to "yes", which the daemon refuses ("no-new-privileges:yes")',
    ]);
  });
});
