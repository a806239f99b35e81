import { CREDENTIAL_NAMES, LEAKS, LOOK_ALIKES, NON_CREDENTIAL_NAMES, NOT_LITERAL } from './credential-corpus';
import { credentialName, credentialsIn, credentialsInValue, isLiteralSecret, splitWords } from '../../../lib/rules/k8s/credential-detector';

describe('credential detector', () => {
  test.each(LEAKS.map(([name, value, what]) => [name, value, what]))('finds %s', (_name, value, what) => {
    expect(credentialsInValue(value).map((f) => f.what)).toContain(what);
    // Whatever the variable is called.
    expect(credentialsIn('CONFIG', value).length).toBeGreaterThan(0);
  });

  test.each(LOOK_ALIKES.map(([name, value]) => [name, value]))('passes %s', (_name, value) => {
    expect(credentialsInValue(value)).toEqual([]);
    expect(credentialsIn('CONFIG', value)).toEqual([]);
  });

  test.each(CREDENTIAL_NAMES.map((n) => [n]))('the name %s says the value is a credential', (name) => {
    expect(credentialName(name)).toBeDefined();
    expect(credentialsIn(name, 'hunter2')).toEqual([{ what: credentialName(name), by: 'name' }]);
  });

  test.each(NON_CREDENTIAL_NAMES.map((n) => [n]))('the name %s does not', (name) => {
    expect(credentialName(name)).toBeUndefined();
    expect(credentialsIn(name, 'hunter2')).toEqual([]);
  });

  test.each(NOT_LITERAL.map(([what, value]) => [what, value]))('under a credential name, %s is not a literal credential', (_what, value) => {
    expect(isLiteralSecret(value)).toBe(false);
    expect(credentialsIn('DB_PASSWORD', value)).toEqual([]);
  });

  test('a placeholder password is a credential in plain text', () => {
    for (const v of ['changeme', 'password', 'CHANGE_ME', '<your-password-here>', 'admin', '12345678']) {
      expect(credentialsIn('DB_PASSWORD', v)).toEqual([{ what: 'a password', by: 'name' }]);
    }
  });

  test('names what the value holds, and the key inside it, never the value', () => {
    expect(credentialsIn('DATABASE_URL', 'Server=db;User Id=sa;Password=Str0ng!Pass;')).toEqual([{ what: 'a password', by: 'name', key: 'Password' }]);
    expect(credentialsIn('DB_PASSWORD', 'postgres://app:hunter2@db/ehr')).toEqual([{ what: 'a URL with a password', by: 'value' }]);
    const config = 'spring.datasource.url=jdbc:postgresql://db/ehr\nspring.datasource.password=hunter22\napi.token: "t0k3n-value"\n';
    expect(credentialsInValue(config)).toEqual([
      { what: 'a password', by: 'name', key: 'spring.datasource.password' },
      { what: 'a token', by: 'name', key: 'api.token' },
    ]);
    for (const [, value] of LEAKS) {
      for (const f of credentialsInValue(value)) expect(JSON.stringify(f)).not.toContain('hunter');
    }
  });

  test('config files: YAML keys with nested maps or references pass, literal ones do not', () => {
    expect(credentialsInValue('database:\n  password:\n    fromEnv: DB_PASSWORD\n  host: db\n')).toEqual([]);
    expect(credentialsInValue('database:\n  password: ${DB_PASSWORD}\n  password_file: /run/secrets/db\n')).toEqual([]);
    expect(credentialsInValue('database:\n  password: "changeme"\n')).toEqual([{ what: 'a password', by: 'name', key: 'password' }]);
    expect(credentialsInValue('bind 0.0.0.0\nrequirepass foobared\n')).toEqual([{ what: 'a password', by: 'name', key: 'requirepass' }]);
    expect(credentialsInValue('# requirepass foobared\nport 6379\n')).toEqual([]);
  });

  test('adversarial values (1 MiB, the size limit of a ConfigMap) are scanned in linear time', () => {
    const shapes = [
      'a.'.repeat(524288) + '@',
      'xoxb-' + '1-'.repeat(262144) + '!',
      ' password'.repeat(65536) + '=',
      '-----BEGIN PRIVATE KEY-----'.repeat(16384),
      'Bearer '.repeat(131072),
      '{"password":"'.repeat(65536),
      'eyJ'.repeat(262144) + '.eyJ',
    ];
    for (const value of shapes) {
      const start = Date.now();
      credentialsIn('CONFIG', value);
      expect(Date.now() - start).toBeLessThan(2000);
    }
  });

  test('splits names at separators and camelCase boundaries', () => {
    expect(splitWords('AWS_SECRET_ACCESS_KEY')).toEqual(['AWS', 'SECRET', 'ACCESS', 'KEY']);
    expect(splitWords('dbPassword')).toEqual(['DB', 'PASSWORD']);
    expect(splitWords('APIKey')).toEqual(['API', 'KEY']);
    expect(splitWords('spring.datasource.password')).toEqual(['SPRING', 'DATASOURCE', 'PASSWORD']);
  });
});
