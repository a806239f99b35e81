import { composeSecretsNotInEnvironment as rule } from '../../../../lib/rules/docker/compose/compose-secrets-not-in-environment';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-secrets-not-in-environment', () => {
  test.each([
    ['*_FILE pointing at /run/secrets', 'environment:\n  DB_PASSWORD_FILE: /run/secrets/db_password\n  POSTGRES_USER: clinic'],
    ['the list form', 'environment:\n  - DB_PASSWORD_FILE=/run/secrets/db_password\n  - LOG_LEVEL=${LOG_LEVEL:-info}'],
    ['names that are not credentials', 'environment:\n  TOKEN_URL: https://auth.example.com/token\n  AUTH_ENABLED: "true"\n  CACHE_KEY_PREFIX: api'],
    ['a URL without a password', 'environment:\n  DATABASE_URL: postgres://clinic@db:5432/clinic'],
    ['build args that are not secrets', 'build:\n  context: .\n  args:\n    NODE_VERSION: "20"'],
  ])('passes %s', (_what, settings) => {
    expect(composeViolations(rule, composeFile(service('a', settings)))).toEqual([]);
  });

  test('flags literal, interpolated and passed-through secrets in both forms, secret-shaped values and build args', () => {
    const file = composeFile(
      service(
        'a',
        'environment:', //                                          3
        '  DB_PASSWORD: hunter2-but-longer', //                     4
        '  API_KEY: ${API_KEY}', //                                 5
        '  CLIENT_SECRET:', //                                      6
        '  DATABASE_URL: postgres://clinic:s3cr3t-pw@db/clinic', // 7
        '  REDIS_URL: redis://:${REDIS_PASSWORD}@cache:6379', //    8
        '  AWS_ID: AKIAIOSFODNN7REALKEY', //                        9
      ),
      service(
        'b',
        'environment:', //                                          11
        '  - POSTGRES_PASSWORD=${POSTGRES_PASSWORD:?required}', //  12
        '  - JWT_SECRET', //                                        13
        '  - LOG_LEVEL=debug', //                                   14
        'build:', //                                                15
        '  context: .', //                                          16
        '  args:', //                                               17
        '    - NPM_TOKEN=${NPM_TOKEN}', //                          18
      ),
    );
    expect(composeViolations(rule, file)).toEqual([
      "a environment.API_KEY (line 5): service 'a' passes an API key interpolated from ${API_KEY} in environment variable API_KEY",
      "a environment.AWS_ID (line 9): service 'a' passes an AWS access key id written in the Compose file in environment variable AWS_ID",
      "a environment.CLIENT_SECRET (line 6): service 'a' passes a secret from the environment of docker compose (no value written, so it is passed through) in environment variable CLIENT_SECRET",
      "a environment.DATABASE_URL (line 7): service 'a' passes a URL with a password written in the Compose file in environment variable DATABASE_URL",
      "a environment.DB_PASSWORD (line 4): service 'a' passes a password written in the Compose file in environment variable DB_PASSWORD",
      "a environment.REDIS_URL (line 8): service 'a' passes a password interpolated from ${REDIS_PASSWORD} in environment variable REDIS_URL",
      "b build.args[0] (line 18): service 'b' passes a token interpolated from ${NPM_TOKEN} to the build in build arg NPM_TOKEN, which stays in the image history",
      "b environment[0] (line 12): service 'b' passes a password interpolated from ${POSTGRES_PASSWORD} in environment variable POSTGRES_PASSWORD",
      "b environment[1] (line 13): service 'b' passes a secret from the environment of docker compose (no value written, so it is passed through) in environment variable JWT_SECRET",
    ]);
  });

  test('an environment variable an override file adds is flagged in the merged project', () => {
    const files = [
      { file: 'compose.yaml', text: composeFile(service('api', 'environment:', '  LOG_LEVEL: info')) },
      { file: 'compose.override.yaml', text: composeFile(service('api', 'environment:', '  - DB_PASSWORD=dev-password-123')) },
    ];
    expect(composeViolations(rule, files)).toEqual([
      "api environment.DB_PASSWORD (line 3): service 'api' passes a password written in the Compose file in environment variable DB_PASSWORD",
    ]);
  });
});
