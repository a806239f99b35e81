import { composeSecretSource as rule } from '../../../../lib/rules/docker/compose/compose-secret-source';
import { composeViolations } from '../../../helpers/compose-rule-test';

describe('docker-compose-secret-source', () => {
  test('passes secrets from files and external secrets', () => {
    const file = 'services:\n  a:\n    image: x\nsecrets:\n  db:\n    file: ./secrets/db.txt\n  api_key:\n    external: true\n';
    expect(composeViolations(rule, file)).toEqual([]);
  });

  test('flags a secret taken from an environment variable, at its line', () => {
    const file = 'services:\n  a:\n    image: x\nsecrets:\n  db:\n    environment: DB_PASSWORD\n  tls-key:\n    environment: "TLS_KEY"\n';
    expect(composeViolations(rule, file)).toEqual([
      'compose.yaml secrets.db.environment (line 6): project \'compose.yaml\' takes secret \'db\' from environment variable "DB_PASSWORD"',
      'compose.yaml secrets.tls-key.environment (line 8): project \'compose.yaml\' takes secret \'tls-key\' from environment variable "TLS_KEY"',
    ]);
  });

  test('top-level x-hipaa-waivers waive project findings', () => {
    const file = [
      'services:\n  a:\n    image: x',
      'secrets:\n  db:\n    environment: DB_PASSWORD',
      'x-hipaa-waivers:\n  - ruleId: docker-compose-secret-source\n    reason: the CI runner injects it from the vault per deploy\n    expires: 2026-08-01\n',
    ].join('\n');
    expect(composeViolations(rule, file)).toEqual([]);
  });
});
