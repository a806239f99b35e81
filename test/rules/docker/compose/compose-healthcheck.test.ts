import { composeHealthcheck as rule } from '../../../../lib/rules/docker/compose/compose-healthcheck';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-healthcheck', () => {
  test.each([
    'healthcheck:\n  test: ["CMD", "/app/health"]',
    'healthcheck:\n  test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]',
    'healthcheck:\n  test: curl -f http://localhost/\n  disable: false',
  ])('passes %s', (settings) => {
    expect(composeViolations(rule, composeFile(service('a', settings)))).toEqual([]);
  });

  test('flags no healthcheck, one without a test, disable: true and test NONE', () => {
    const file = composeFile(
      service('a', 'image: x'),
      service('b', 'healthcheck:', '  interval: 30s'),
      service('c', 'healthcheck:', '  test: ["CMD", "true"]', '  disable: true'),
      service('d', 'healthcheck:', '  test: ["NONE"]'),
      service('e', 'healthcheck:', '  test: []'),
    );
    expect(composeViolations(rule, file)).toEqual([
      "a healthcheck (line 2): service 'a' has no healthcheck (a HEALTHCHECK in its image is not visible in the Compose file)",
      "b healthcheck.test (line 5): service 'b' has a healthcheck without a test (the image's HEALTHCHECK, if any, is not visible in the Compose file)",
      "c healthcheck.disable (line 10): service 'c' switches its healthcheck off (disable: true)",
      'd healthcheck.test (line 13): service \'d\' switches its healthcheck off (test: ["NONE"])',
      "e healthcheck.test (line 16): service 'e' has a healthcheck without a test (the image's HEALTHCHECK, if any, is not visible in the Compose file)",
    ]);
  });
});
