import * as yaml from 'js-yaml';
import { assertValidComposeDocument, composeConsistencyErrors, composeDocumentErrors, composeSchemaErrors } from './compose-schema';

const VALID = `
name: clinic
services:
  api:
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:${'a'.repeat(64)}
    user: "65532:65532"
    read_only: true
    tmpfs: ["/tmp:rw,noexec,nosuid,nodev,size=64m"]
    cap_drop: [ALL]
    security_opt: ["no-new-privileges:true"]
    mem_limit: 512m
    cpus: 1
    pids_limit: 256
    ports:
      - { target: 8443, published: "8443", host_ip: 127.0.0.1, protocol: tcp }
    networks: [api-to-db]
    secrets: [db_password]
    healthcheck: { test: [CMD, /healthcheck], interval: 30s }
  db:
    image: postgres@sha256:${'b'.repeat(64)}
    network_mode: none
    volumes:
      - { type: volume, source: pgdata, target: /var/lib/postgresql/data }
networks:
  api-to-db: { internal: true, driver: bridge, x-hipaa-flows: ["api -> db:5432/tcp"] }
secrets:
  db_password: { file: ./secrets/db_password }
volumes:
  pgdata: {}
`;

function doc(): any {
  return yaml.load(VALID);
}

describe('Compose Specification schema validation', () => {
  test('a valid document has no errors', () => {
    expect(composeDocumentErrors(doc())).toEqual([]);
    expect(() => assertValidComposeDocument(doc())).not.toThrow();
  });

  test('unknown fields and wrong types are named by their path', () => {
    const d = doc();
    d.services.api.cap_dropp = ['ALL'];
    d.services.api.user = 0;
    d.services.api.ports[0].host_ip = 127;
    d.networks['api-to-db'].driver = 3;
    expect(composeSchemaErrors(d)).toEqual([
      'networks["api-to-db"].driver: expected string, got integer',
      'services.api.cap_dropp: unknown field',
      'services.api.ports[0].host_ip: expected string, got integer',
      'services.api.user: expected string, got integer',
    ]);
  });

  test('a value fitting none of the alternatives gets one line', () => {
    const d = doc();
    d.services.api.healthcheck.test = 42;
    expect(composeSchemaErrors(d)).toEqual(['services.api.healthcheck.test: expected string or array, got integer']);
  });

  test('a document that is not an object', () => {
    expect(composeSchemaErrors(['services'])).toEqual(['(document): expected object, got array']);
  });

  test("what compose-go's loader refuses after the schema", () => {
    const d = doc();
    d.services.db.networks = ['missing'];
    d.services.api.secrets = ['nope'];
    d.services.api.healthcheck.test = ['/healthcheck'];
    d.services.api.tmpfs.push('/tmp');
    d.services.api.deploy = { resources: { limits: { memory: '1g' } } };
    d.services.db.volumes[0].source = 'other';
    expect(composeConsistencyErrors(d)).toEqual([
      "services.api.secrets: secret 'nope' is not declared",
      'services.api.healthcheck.test: must start with CMD, CMD-SHELL or NONE',
      'services.api.tmpfs: target /tmp is mounted twice',
      "services.api: distinct values on 'mem_limit' and 'deploy.resources.limits.memory'",
      'services.db: network_mode and networks are mutually exclusive',
      "services.db.networks: network 'missing' is not declared",
      "services.db.volumes: volume 'other' is not declared",
    ]);
    expect(() => assertValidComposeDocument(d)).toThrow(/^7 Compose Specification error\(s\):\n {2}services\.api\.secrets/);
  });
});
