import { composeNonRootUser as rule } from '../../../../lib/rules/docker/compose/compose-non-root-user';
import { composeFile, composeViolations, runComposeRule, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-non-root-user', () => {
  test.each(['user: "10001"', 'user: 10001', 'user: "10001:10001"', 'user: "1000:0"', 'user: "+1000"'])('passes %s', (user) => {
    expect(composeViolations(rule, composeFile(service('a', user)))).toEqual([]);
  });

  test('flags every spelling of root, a user name, an interpolated user and no user', () => {
    const file = composeFile(
      service('a', 'user: root'),
      service('b', 'user: "0"'),
      service('c', 'user: "0:0"'),
      service('d', 'user: "+0"'),
      service('e', 'user: "000"'),
      service('f', 'user: 0'),
      service('g', 'user: node'),
      service('h', 'user: ${UID}'),
      service('i', 'image: x'),
      service('j', 'user: "root:1000"'),
      service('k', 'user: ${UID:-10001}:${GID:-10001}'),
    );
    expect(composeViolations(rule, file)).toEqual([
      'a user (line 3): service \'a\' runs as root (user "root")',
      'b user (line 5): service \'b\' runs as root (user "0")',
      'c user (line 7): service \'c\' runs as root (user "0:0")',
      'd user (line 9): service \'d\' runs as root (user "+0")',
      'e user (line 11): service \'e\' runs as root (user "000")',
      'f user (line 13): service \'f\' runs as root (user 0)',
      'g user (line 15): service \'g\' runs as user name "node", not a numeric UID: the name is resolved in the image, so the checker cannot prove it is not root (user "node")',
      'h user (line 17): service \'h\' takes its user from ${UID} (user "${UID}"), which the checker cannot see; write the numeric UID',
      "i user (line 18): service 'i' sets no user: it runs as the image's USER, which the Compose file does not show (root unless the image sets another)",
      'j user (line 21): service \'j\' runs as root (user "root:1000")',
      'k user (line 23): service \'k\' takes its user from ${UID}, ${GID} (user "${UID:-10001}:${GID:-10001}"), which the checker cannot see; write the numeric UID',
    ]);
  });

  test('an override file that sets root is flagged in the project that layers it', () => {
    const files = [
      { file: 'compose.yaml', text: composeFile(service('api', 'user: "10001"')) },
      { file: 'compose.debug.yaml', text: composeFile(service('api', 'user: root')) },
    ];
    expect(composeViolations(rule, files)).toEqual(['api user (line 2): service \'api\' runs as root (user "root")']);
    expect(runComposeRule(rule, files).unwaived.map((f) => `${f.resource.namespace} ${f.source?.file}`)).toEqual(['compose.yaml+compose.debug.yaml compose.yaml']);
  });

  test('x-hipaa-waivers on the service waives the finding; an expired waiver does not and is a finding itself', () => {
    const waived = (expires: string) =>
      composeFile(
        service(
          'legacy',
          'user: root',
          'x-hipaa-waivers:',
          '  - ruleId: docker-compose-non-root-user',
          '    reason: the vendor image must start as root to bind its license dongle',
          `    expires: ${expires}`,
          '    owner: platform-team',
        ),
      );
    const ok = runComposeRule(rule, waived('2026-12-31'));
    expect(ok.unwaived).toEqual([]);
    expect(ok.waived.map((f) => `${f.ruleId} ${f.path} (line ${f.source?.line}): ${f.message} [${f.waiver?.reason}]`)).toEqual([
      'docker-compose-non-root-user user (line 3): service \'legacy\' runs as root (user "root") [the vendor image must start as root to bind its license dongle]',
    ]);
    const expired = runComposeRule(rule, waived('2026-05-01'));
    expect(expired.unwaived.map((f) => `${f.ruleId} ${f.path} (line ${f.source?.line}): ${f.message}`)).toEqual([
      'docker-compose-non-root-user user (line 3): service \'legacy\' runs as root (user "root")',
      "waiver-expired x-hipaa-waivers[0] (line 5): waiver of rule 'docker-compose-non-root-user' expired on 2026-05-01 (owner: platform-team); it no longer applies",
    ]);
  });

  test('a malformed waiver is a waiver-invalid finding at its line', () => {
    const file = composeFile(service('legacy', 'user: root', 'x-hipaa-waivers:', '  - ruleId: docker-compose-non-root-user', '    reason: short'));
    expect(runComposeRule(rule, file).unwaived.map((f) => `${f.ruleId} ${f.path} (line ${f.source?.line})`)).toEqual([
      'docker-compose-non-root-user user (line 3)',
      'waiver-invalid x-hipaa-waivers[0] (line 5)',
    ]);
  });
});
