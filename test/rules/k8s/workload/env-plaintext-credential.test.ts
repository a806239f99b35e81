import { WAIVERS_ANNOTATION } from '../../../../lib/check/waiver';
import { envPlaintextCredential } from '../../../../lib/rules/k8s/workload/env-plaintext-credential';
import { SOON } from '../../../helpers/dates';
import { deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { containerNamed, POD_SPEC_PATH, specOf, WORKLOAD_KINDS, workloadOfKind } from '../../../helpers/workloads';
import { LEAKS, LOOK_ALIKES, NOT_LITERAL, pem } from '../credential-corpus';

const C0 = 'spec.template.spec.containers[0]';

/** The fixture Deployment with these env entries on its container. */
function withEnv(env: unknown[]): any {
  const d = clone(deployment) as any;
  d.spec.template.spec.containers[0].env = env;
  return d;
}

describe('k8s-env-plaintext-credential', () => {
  test('passes the compliant Deployment and ordinary settings, references and file paths', () => {
    const d = withEnv([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'DB_PASSWORD_FILE', value: '/var/run/secrets/db/password' },
      { name: 'API_TOKEN', value: '$(TOKEN_FROM_ENV)' },
      { name: 'SPRING_DATASOURCE_PASSWORD', value: '${DB_PASSWORD}' },
      { name: 'DATABASE_URL', value: 'postgres://app:$(DB_PASSWORD)@db.clinic.svc:5432/ehr' },
      { name: 'DATABASE_HOST_URL', value: 'postgres://app@db.clinic.svc:5432/ehr' },
      { name: 'CLIENT_SECRET', value: '' },
      { name: 'TOKEN_URL', value: 'https://login.example.com/oauth2/token' },
      { name: 'SECRET_NAME', value: 'clinic-db' },
      { name: 'AUTH_ENABLED', value: 'true' },
      { name: 'JAVA_TOOL_OPTIONS', value: '-XX:MaxRAMPercentage=75 -Djava.security.egd=file:/dev/urandom' },
      { name: 'NODE_OPTIONS', value: '--max-old-space-size=512' },
    ]);
    d.spec.template.spec.containers[0].envFrom = [{ configMapRef: { name: 'settings' } }];
    expect(violations(envPlaintextCredential, [deployment, d])).toEqual([]);
  });

  test('flags DB_PASSWORD: hunter2 by its name, without showing the value', () => {
    const [f, ...rest] = runRule(envPlaintextCredential, [withEnv([{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_PASSWORD', value: 'hunter2' }])]).unwaived;
    expect(rest).toEqual([]);
    expect(`${f.path}: ${f.message}`).toBe(
      `${C0}.env[1].value: container 'api' sets environment variable 'DB_PASSWORD' to a literal value holding a password (by its name); the value is not shown here`,
    );
    expect(f.fix).toContain('the secrets prop');
    expect(f.fix).toContain('DB_PASSWORD_FILE=');
    expect(f.fix).toContain('external-secrets.io/v1');
    expect(JSON.stringify(f)).not.toContain('hunter2');
    expect(f.controls).toEqual(['164.312(a)(1)', '164.312(a)(2)(iv)', '164.312(c)(1)', '164.312(d)']);
  });

  test.each(LEAKS.map(([name, value, what]) => [name, value, what]))('flags %s in any variable, naming what it is and never the value', (_n, value, what) => {
    const result = runRule(envPlaintextCredential, [withEnv([{ name: 'APP_CONFIG', value }])]);
    expect(result.unwaived).toHaveLength(1);
    expect(result.unwaived[0].path).toBe(`${C0}.env[0].value`);
    expect(result.unwaived[0].message).toContain(what);
    const text = JSON.stringify(result.findings);
    // No secret-bearing run of the value (8+ characters, not a plain word such as a key name) reaches the finding.
    for (const part of value.split(/[\s:;=,/@"{}]+/).filter((p) => p.length >= 8 && !/^[A-Za-z]+$/.test(p))) expect(text).not.toContain(part);
  });

  test.each(LOOK_ALIKES.map(([name, value]) => [name, value]))('passes %s', (_n, value) => {
    expect(violations(envPlaintextCredential, [withEnv([{ name: 'APP_CONFIG', value }])])).toEqual([]);
  });

  test.each(NOT_LITERAL.map(([name, value]) => [name, value]))('passes DB_PASSWORD set to %s', (_n, value) => {
    expect(violations(envPlaintextCredential, [withEnv([{ name: 'DB_PASSWORD', value }])])).toEqual([]);
  });

  test('a placeholder password is still a password in plain text', () => {
    expect(violations(envPlaintextCredential, [withEnv([{ name: 'POSTGRES_PASSWORD', value: 'changeme' }])])).toHaveLength(1);
  });

  test('a key=value pair inside a value is named by its key', () => {
    expect(violations(envPlaintextCredential, [withEnv([{ name: 'DATABASE_URL', value: 'Server=db;Database=ehr;User Id=sa;Password=Str0ng!Pass;' }])])).toEqual([
      `${C0}.env[0].value: container 'api' sets environment variable 'DATABASE_URL' to a literal value holding a password (under key 'Password'); the value is not shown here`,
    ]);
  });

  test.each(WORKLOAD_KINDS.map((k) => [k]))('checks containers, init containers and ephemeral containers of a %s', (kind) => {
    const w = workloadOfKind(kind);
    const spec = specOf(w);
    spec.containers[0].env = [{ name: 'GITHUB_TOKEN', value: 'ghp_' + 'a1B2c3D4e5F6'.repeat(3) }];
    spec.initContainers = [{ ...containerNamed('migrate'), env: [{ name: 'PRIVATE_KEY', value: pem('RSA PRIVATE KEY') }] }];
    spec.ephemeralContainers = [{ ...containerNamed('debug'), env: [{ name: 'API_KEY', value: 'k3y-for-the-debugger' }] }];
    const base = POD_SPEC_PATH[kind];
    expect(violations(envPlaintextCredential, [w])).toEqual([
      `${base}.containers[0].env[0].value: container 'api' sets environment variable 'GITHUB_TOKEN' to a literal value holding a GitHub token; the value is not shown here`,
      `${base}.ephemeralContainers[0].env[0].value: ephemeral container 'debug' sets environment variable 'API_KEY' to a literal value holding an API key (by its name); the value is not shown here`,
      `${base}.initContainers[0].env[0].value: init container 'migrate' sets environment variable 'PRIVATE_KEY' to a literal value holding a PEM private key; the value is not shown here`,
    ]);
  });

  test('ignores malformed entries rather than crashing', () => {
    expect(violations(envPlaintextCredential, [withEnv([null, 'DB_PASSWORD=x', { name: 'DB_PASSWORD', value: 1234 }, { value: 'hunter2' }])])).toEqual([]);
    const d = clone(deployment) as any;
    d.spec.template.spec.containers[0].env = 'DB_PASSWORD=hunter2';
    expect(violations(envPlaintextCredential, [d])).toEqual([]);
  });

  test('a waiver with a reason and an expiry accepts the finding, which stays in the report as waived', () => {
    const d = withEnv([{ name: 'DB_PASSWORD', value: 'local-dev-only' }]);
    d.metadata.annotations = {
      [WAIVERS_ANNOTATION]: JSON.stringify([{ ruleId: 'k8s-env-plaintext-credential', reason: 'Throwaway database of the local demo cluster, no PHI ever loaded', expires: SOON }]),
    };
    const result = runRule(envPlaintextCredential, [d]);
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => f.path)).toEqual([`${C0}.env[0].value`]);
  });
});
