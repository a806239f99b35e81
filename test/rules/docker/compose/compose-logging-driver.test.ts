import { composeLoggingDriver as rule } from '../../../../lib/rules/docker/compose/compose-logging-driver';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-logging-driver', () => {
  test.each(['image: x', 'logging:\n  driver: json-file', 'logging:\n  driver: local', 'logging:\n  driver: awslogs\n  options: { awslogs-group: api }'])('passes %s', (settings) => {
    expect(composeViolations(rule, composeFile(service('a', settings)))).toEqual([]);
  });

  test('flags the none driver, also when an override file sets it (a different driver replaces the whole logging mapping, so the line is the service\'s)', () => {
    expect(composeViolations(rule, composeFile(service('a', 'logging:', '  driver: none')))).toEqual([
      'a logging.driver (line 4): service \'a\' discards its logs (logging.driver: "none")',
    ]);
    const files = [
      { file: 'compose.yaml', text: composeFile(service('api', 'logging:', '  driver: awslogs')) },
      { file: 'compose.override.yaml', text: composeFile(service('api', 'logging:', '  driver: none')) },
    ];
    expect(composeViolations(rule, files)).toEqual(['api logging.driver (line 2): service \'api\' discards its logs (logging.driver: "none")']);
  });
});
