import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ComposeFileText, projectsOf, readComposeFiles } from '../../../lib/check/docker/compose';
import { COMPOSE_NETWORK, COMPOSE_PROJECT, COMPOSE_SERVICE } from '../../../lib/check/docker/kinds';
import type { ManifestError } from '../../../lib/check/manifest-error';
import { readManifestSet } from '../../../lib/check/manifests';
import type { Resource } from '../../../lib/check/resource';

function read(files: readonly ComposeFileText[]): { resources: Resource[]; problems: string[] } {
  const problems: ManifestError[] = [];
  const resources = readComposeFiles(files, problems);
  return { resources, problems: problems.map((p) => p.message) };
}

function readOne(text: string, file = 'app/compose.yaml'): Resource[] {
  const { resources, problems } = read([{ file, text }]);
  expect(problems).toEqual([]);
  return resources;
}

function find(resources: readonly Resource[], kind: string, name: string, namespace?: string): Resource {
  const found = resources.find((r) => r.kind === kind && r.name === name && (namespace === undefined || r.namespace === namespace));
  if (!found) throw new Error(`no ${kind} ${name} in ${resources.map((r) => `${r.kind} ${r.namespace}/${r.name}`).join(', ')}`);
  return found;
}

const svc = (resources: readonly Resource[], name: string, namespace?: string) => find(resources, COMPOSE_SERVICE, name, namespace);

describe('readComposeFiles: objects', () => {
  const text = [
    'name: clinic', //                            1
    'services:', //                               2
    '  api:', //                                  3
    '    image: ghcr.io/acme/api:1.0', //         4
    '    networks: [front, back]', //             5
    '  worker:', //                               6
    '    image: ghcr.io/acme/worker:1.0', //      7
    '  sidecar:', //                              8
    '    network_mode: none', //                  9
    'networks:', //                               10
    '  front: {}', //                             11
    '  back:', //                                 12
    '    internal: true', //                      13
    'x-notes: anything', //                       14
  ].join('\n');

  test('one project, one service per service, one network per declared network and the implicit default', () => {
    const resources = readOne(text);
    expect(resources.map((r) => `${r.kind} ${r.namespace}/${r.name} ${r.source?.file}:${r.source?.line}`)).toEqual([
      `${COMPOSE_PROJECT} app/compose.yaml/app/compose.yaml app/compose.yaml:1`,
      `${COMPOSE_SERVICE} app/compose.yaml/api app/compose.yaml:3`,
      `${COMPOSE_SERVICE} app/compose.yaml/worker app/compose.yaml:6`,
      `${COMPOSE_SERVICE} app/compose.yaml/sidecar app/compose.yaml:8`,
      `${COMPOSE_NETWORK} app/compose.yaml/front app/compose.yaml:11`,
      `${COMPOSE_NETWORK} app/compose.yaml/back app/compose.yaml:12`,
      `${COMPOSE_NETWORK} app/compose.yaml/default app/compose.yaml:2`,
    ]);
    expect(find(resources, COMPOSE_NETWORK, 'default').body).toEqual({});
    expect(find(resources, COMPOSE_NETWORK, 'back').body).toEqual({ internal: true });
    expect(find(resources, COMPOSE_PROJECT, 'app/compose.yaml').body['x-notes']).toBe('anything');
  });

  test('no implicit default network when every service names its networks or a network_mode', () => {
    const resources = readOne('services:\n  a:\n    image: x\n    networks: [n]\n  b:\n    image: x\n    network_mode: none\nnetworks:\n  n:\n');
    expect(resources.filter((r) => r.kind === COMPOSE_NETWORK).map((r) => r.name)).toEqual(['n']);
    expect(find(resources, COMPOSE_NETWORK, 'n').body).toEqual({});
  });

  test('a network declared as default is the declared one', () => {
    const resources = readOne('services:\n  a:\n    image: x\nnetworks:\n  default:\n    internal: true\n');
    expect(resources.filter((r) => r.kind === COMPOSE_NETWORK).map((r) => [r.name, r.body])).toEqual([['default', { internal: true }]]);
  });
});

describe('readComposeFiles: YAML', () => {
  test('anchors, aliases and merge keys; the merged keys keep the lines of the anchor', () => {
    const resources = readOne(
      [
        'x-hardened: &hardened', //          1
        '  read_only: true', //              2
        '  cap_drop: [ALL]', //              3
        '  security_opt:', //                4
        '    - no-new-privileges:true', //   5
        'x-logging: &logging', //            6
        '  driver: awslogs', //              7
        'services:', //                      8
        '  api:', //                         9
        '    <<: *hardened', //              10
        '    read_only: false', //           11
        '    image: x', //                   12
        '    logging: *logging', //          13
      ].join('\n'),
    );
    const api = svc(resources, 'api');
    expect(api.body).toEqual({ read_only: false, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'], image: 'x', logging: { driver: 'awslogs' } });
    expect(api.lines).toMatchObject({ 'read_only': 11, 'cap_drop': 3, 'cap_drop[0]': 3, 'security_opt[0]': 5, 'image': 12, 'logging': 13, 'logging.driver': 7 });
  });

  test('several merge sources: the first that has a key wins, as YAML merge keys say', () => {
    const api = svc(readOne('x-a: &a\n  user: "1"\nx-b: &b\n  user: "2"\n  init: true\nservices:\n  api:\n    <<: [*a, *b]\n    image: x\n'), 'api');
    expect(api.body).toEqual({ user: '1', init: true, image: 'x' });
    expect(api.lines).toMatchObject({ user: 2, init: 5, image: 9 });
  });

  test('YAML 1.2 core schema: yes stays a string, dates stay strings, ${VAR} and $$ are kept as written', () => {
    const api = svc(
      readOne(
        [
          'services:',
          '  api:',
          '    image: ${REGISTRY:-ghcr.io}/api:${TAG}',
          '    privileged: yes',
          '    user: ${UID}',
          '    command: echo $$HOME',
          '    x-date: 2026-12-31',
        ].join('\n'),
      ),
      'api',
    );
    expect(api.body).toEqual({ 'image': '${REGISTRY:-ghcr.io}/api:${TAG}', 'privileged': 'yes', 'user': '${UID}', 'command': 'echo $$HOME', 'x-date': '2026-12-31' });
  });

  test('both forms of environment, labels, ports, volumes and security_opt are kept as written', () => {
    const resources = readOne(
      [
        'services:',
        '  list:',
        '    image: x',
        '    environment: [DB_HOST=db, DB_PASSWORD]',
        '    labels: ["hipaa-constructs.io/phi=true"]',
        '    ports: ["127.0.0.1:8443:8443"]',
        '    volumes: ["./data:/data:ro"]',
        '    security_opt: ["no-new-privileges=true", "seccomp:unconfined"]',
        '  mapping:',
        '    image: x',
        '    environment:',
        '      DB_HOST: db',
        '      DB_PASSWORD:',
        '    labels:',
        '      hipaa-constructs.io/phi: "true"',
        '    ports:',
        '      - { target: 8443, published: 8443, host_ip: 127.0.0.1 }',
        '    volumes:',
        '      - { type: bind, source: ./data, target: /data, read_only: true }',
        '    security_opt: [no-new-privileges]',
      ].join('\n'),
    );
    expect(svc(resources, 'list').body).toMatchObject({ environment: ['DB_HOST=db', 'DB_PASSWORD'], labels: ['hipaa-constructs.io/phi=true'] });
    expect(svc(resources, 'mapping').body).toMatchObject({
      environment: { DB_HOST: 'db', DB_PASSWORD: null },
      labels: { 'hipaa-constructs.io/phi': 'true' },
      ports: [{ target: 8443, published: 8443, host_ip: '127.0.0.1' }],
    });
    expect(svc(resources, 'mapping').lines).toMatchObject({
      'environment.DB_HOST': 12,
      'environment.DB_PASSWORD': 13,
      'labels["hipaa-constructs.io/phi"]': 15,
      'ports[0]': 17,
      'ports[0].host_ip': 17,
      'volumes[0]': 19,
      'security_opt[0]': 20,
    });
  });

  test('lines of nested fields and list items, also items written on the line after their dash', () => {
    const api = svc(
      readOne(
        [
          'services:', //                     1
          '  api:', //                        2
          '    image: x', //                  3
          '    cap_add:', //                  4
          '      - NET_BIND_SERVICE', //      5
          '      -', //                       6
          '        SYS_ADMIN', //             7
          '    deploy:', //                   8
          '      resources:', //              9
          '        limits:', //               10
          '          pids: 100', //           11
        ].join('\n'),
      ),
      'api',
    );
    expect(api.lines).toEqual({
      'image': 3,
      'cap_add': 4,
      'cap_add[0]': 5,
      'cap_add[1]': 7,
      'deploy': 8,
      'deploy.resources': 9,
      'deploy.resources.limits': 10,
      'deploy.resources.limits.pids': 11,
    });
  });

  test('Compose keeps list entries with the same key once: the later entry takes the earlier place', () => {
    const api = svc(readOne('services:\n  api:\n    image: x\n    cap_add: [CHOWN, NET_RAW, CHOWN]\n    volumes:\n      - a:/data\n      - b:/data\n'), 'api');
    expect(api.body.cap_add).toEqual(['CHOWN', 'NET_RAW']);
    expect(api.body.volumes).toEqual(['b:/data']);
    expect(api.lines?.['volumes[0]']).toBe(7);
  });
});

describe('readComposeFiles: override and layered files', () => {
  const base = {
    file: 'app/compose.yaml',
    text: [
      'services:', //                             1
      '  api:', //                                2
      '    image: ghcr.io/acme/api:1', //         3
      '    command: ["serve"]', //                4
      '    cap_add: [NET_BIND_SERVICE]', //       5
      '    dns: 10.0.0.2', //                     6
      '    ports: ["127.0.0.1:8443:8443"]', //    7
      '    environment:', //                      8
      '      - LOG_LEVEL=info', //                9
      '    logging:', //                          10
      '      driver: awslogs', //                 11
      '      options: { awslogs-group: api }', // 12
      '    healthcheck:', //                      13
      '      test: ["CMD", "true"]', //           14
      '      interval: 30s', //                   15
    ].join('\n'),
  };
  const override = {
    file: 'app/compose.override.yaml',
    text: [
      'services:', //                             1
      '  api:', //                                2
      '    command: ["serve", "--debug"]', //     3
      '    cap_add: [SYS_PTRACE]', //             4
      '    dns: [10.0.0.3]', //                   5
      '    ports: ["127.0.0.1:8443:8443", "9229:9229"]', // 6
      '    environment:', //                      7
      '      LOG_LEVEL: debug', //                8
      '      DEBUG: "1"', //                      9
      '    logging:', //                          10
      '      driver: json-file', //               11
      '    healthcheck:', //                      12
      '      test: ["CMD", "/bin/check"]', //     13
      '  debugger:', //                           14
      '    image: ghcr.io/acme/dbg:1', //         15
    ].join('\n'),
  };

  test('the override file is merged over the base file by Compose\'s rules', () => {
    const { resources, problems } = read([base, override]);
    expect(problems).toEqual([]);
    const api = svc(resources, 'api', 'app/compose.yaml');
    expect(api.body).toEqual({
      image: 'ghcr.io/acme/api:1',
      command: ['serve', '--debug'],
      cap_add: ['NET_BIND_SERVICE', 'SYS_PTRACE'],
      dns: ['10.0.0.2', '10.0.0.3'],
      ports: ['127.0.0.1:8443:8443', '9229:9229'],
      environment: { LOG_LEVEL: 'debug', DEBUG: '1' },
      logging: { driver: 'json-file' },
      healthcheck: { test: ['CMD', '/bin/check'], interval: '30s' },
    });
    // Lines are those of the base file, where the service is; fields the override file set have none of their own.
    expect(api.source).toEqual({ file: 'app/compose.yaml', line: 2 });
    expect(api.lines).toMatchObject({ 'image': 3, 'cap_add': 5, 'cap_add[0]': 5, 'ports': 7, 'healthcheck.interval': 15 });
    expect(api.lines?.['cap_add[1]']).toBeUndefined();
    // The override file wrote the same port again: Compose keeps its entry, so the line is the override file's.
    expect(api.lines?.['ports[0]']).toBeUndefined();
    expect(api.lines?.['ports[1]']).toBeUndefined();
    expect(api.lines?.['environment.DEBUG']).toBeUndefined();
    // A service only the override file defines is in that file.
    expect(svc(resources, 'debugger').source).toEqual({ file: 'app/compose.override.yaml', line: 14 });
    expect(svc(resources, 'debugger').lines).toEqual({ image: 15 });
  });

  test('logging options are merged when both files name the same driver', () => {
    const same = { file: 'app/compose.override.yaml', text: 'services:\n  api:\n    logging:\n      driver: awslogs\n      options: { awslogs-region: eu-west-1 }\n' };
    const api = svc(read([base, same]).resources, 'api');
    expect(api.body.logging).toEqual({ driver: 'awslogs', options: { 'awslogs-group': 'api', 'awslogs-region': 'eu-west-1' } });
  });

  test('!reset removes a value and !override replaces it without merging', () => {
    const tags = { file: 'app/compose.override.yaml', text: 'services:\n  api:\n    cap_add: !reset []\n    ports: !override\n      - "127.0.0.1:9000:9000"\n    healthcheck: !reset null\n' };
    const api = svc(read([base, tags]).resources, 'api');
    expect(api.body.cap_add).toBeUndefined();
    expect(api.body.healthcheck).toBeUndefined();
    expect(api.body.ports).toEqual(['127.0.0.1:9000:9000']);
  });

  test('environment in the same form keeps the form: two lists are appended, one entry per name', () => {
    const list = { file: 'app/compose.override.yaml', text: 'services:\n  api:\n    environment: [LOG_LEVEL=warn, EXTRA=1]\n' };
    expect(svc(read([base, list]).resources, 'api').body.environment).toEqual(['LOG_LEVEL=warn', 'EXTRA=1']);
  });

  test('projects: base + default override, each layered file as base + that file, a second base file on its own', () => {
    expect(projectsOf(['d/compose.override.yml', 'd/compose.prod.yaml', 'd/compose.yaml', 'd/docker-compose.yml'])).toEqual([
      { name: 'd/compose.yaml', files: ['d/compose.yaml', 'd/compose.override.yml'] },
      { name: 'd/docker-compose.yml', files: ['d/docker-compose.yml'] },
      { name: 'd/compose.yaml+compose.prod.yaml', files: ['d/compose.yaml', 'd/compose.prod.yaml'] },
    ]);
    // compose.yml wins over docker-compose.yaml; a second override file is layered like any other.
    expect(projectsOf(['docker-compose.yaml', 'compose.yml', 'compose.override.yml', 'compose.override.yaml'])).toEqual([
      { name: 'compose.yml', files: ['compose.yml', 'compose.override.yml'] },
      { name: 'docker-compose.yaml', files: ['docker-compose.yaml'] },
      { name: 'compose.yml+compose.override.yaml', files: ['compose.yml', 'compose.override.yaml'] },
    ]);
    // Without a base file every layered file is a project of its own.
    expect(projectsOf(['x/compose.override.yaml', 'x/compose.prod.yaml'])).toEqual([
      { name: 'x/compose.override.yaml', files: ['x/compose.override.yaml'] },
      { name: 'x/compose.prod.yaml', files: ['x/compose.prod.yaml'] },
    ]);
  });

  test('!reset on a whole service removes it', () => {
    const reset = { file: 'app/compose.override.yaml', text: 'services:\n  api: !reset null\n  other:\n    image: x\n' };
    expect(read([base, reset]).resources.filter((r) => r.kind === COMPOSE_SERVICE).map((r) => r.name)).toEqual(['other']);
  });

  test('hipaa-check reads the Compose files of each directory together', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    try {
      mkdirSync(join(dir, 'app'));
      mkdirSync(join(dir, 'ops'));
      writeFileSync(join(dir, 'app', 'compose.yaml'), 'services:\n  api:\n    image: x\n');
      writeFileSync(join(dir, 'app', 'compose.override.yaml'), 'services:\n  api:\n    user: "10001"\n');
      writeFileSync(join(dir, 'ops', 'docker-compose.yml'), 'services:\n  job:\n    image: y\n');
      const set = readManifestSet(['.'], { cwd: dir });
      expect(set.problems).toEqual([]);
      expect(set.resources.filter((r) => r.kind === COMPOSE_SERVICE).map((r) => `${r.namespace}/${r.name} ${JSON.stringify(r.body)}`)).toEqual([
        `${join('app', 'compose.yaml')}/api {"image":"x","user":"10001"}`,
        `${join('ops', 'docker-compose.yml')}/job {"image":"y"}`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a layered project is read separately from the default one', () => {
    const prod = { file: 'app/compose.prod.yaml', text: 'services:\n  api:\n    privileged: true\n' };
    const { resources, problems } = read([base, override, prod]);
    expect(problems).toEqual([]);
    expect(svc(resources, 'api', 'app/compose.yaml').body.privileged).toBeUndefined();
    const layered = svc(resources, 'api', 'app/compose.yaml+compose.prod.yaml');
    expect(layered.body.privileged).toBe(true);
    expect(layered.body.cap_add).toEqual(['NET_BIND_SERVICE']);
    expect(resources.some((r) => r.kind === COMPOSE_SERVICE && r.name === 'debugger' && r.namespace === 'app/compose.yaml+compose.prod.yaml')).toBe(false);
  });
});

describe('readComposeFiles: extends', () => {
  test('a service that extends another of the project is that service with its own settings merged over it', () => {
    const resources = readOne(
      [
        'services:', //                           1
        '  base:', //                             2
        '    read_only: true', //                 3
        '    cap_drop: [ALL]', //                 4
        '    environment: { TZ: UTC }', //        5
        '  api:', //                              6
        '    extends: base', //                   7
        '    image: x', //                        8
        '    environment: { LOG: info }', //      9
        '  worker:', //                           10
        '    extends: { service: api }', //       11
        '    read_only: false', //                12
        '  other:', //                            13
        '    extends: { file: common.yaml, service: hardened }', // 14
      ].join('\n'),
    );
    const api = svc(resources, 'api');
    expect(api.body).toEqual({ read_only: true, cap_drop: ['ALL'], environment: { TZ: 'UTC', LOG: 'info' }, image: 'x' });
    expect(api.source?.line).toBe(6);
    expect(api.lines).toMatchObject({ 'read_only': 3, 'cap_drop[0]': 4, 'environment.TZ': 5, 'environment.LOG': 9, 'image': 8 });
    expect(api.lines?.extends).toBeUndefined();
    expect(svc(resources, 'worker').body).toEqual({ read_only: false, cap_drop: ['ALL'], environment: { TZ: 'UTC', LOG: 'info' }, image: 'x' });
    // Another file is not followed: the service is checked as written.
    expect(svc(resources, 'other').body).toEqual({ extends: { file: 'common.yaml', service: 'hardened' } });
  });

  test('extends of a service the project does not define, and a cycle, are problems', () => {
    expect(read([{ file: 'compose.yaml', text: 'services:\n  api:\n    extends: base\n' }]).problems).toEqual([
      "compose.yaml:3: service 'api' extends service 'base', which the project does not define",
    ]);
    expect(read([{ file: 'compose.yaml', text: 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n' }]).problems).toEqual([
      "compose.yaml:5: service 'b' extends service 'a', which extends it in turn (a -> b -> a)",
    ]);
  });
});

describe('readComposeFiles: x-hipaa-waivers', () => {
  test('on a service, a network and the top level, with their paths and lines', () => {
    const resources = readOne(
      [
        'services:', //                                            1
        '  api:', //                                               2
        '    image: x', //                                         3
        '    x-hipaa-waivers:', //                                 4
        '      - ruleId: docker-compose-healthcheck', //           5
        '        reason: the image is probed by the load balancer', // 6
        '        expires: 2026-12-31', //                          7
        '        owner: platform', //                              8
        'networks:', //                                            9
        '  mesh:', //                                              10
        '    driver: overlay', //                                  11
        '    x-hipaa-waivers: [{ ruleId: docker-compose-encrypted-overlay, reason: traffic is wrapped in WireGuard by the hosts, expires: 2026-09-30 }]',
        'x-hipaa-waivers:', //                                     13
        '  - ruleId: docker-compose-secret-source', //             14
        '    reason: secrets come from the CI vault at deploy time', // 15
        '    expires: 2026-10-01', //                              16
      ].join('\n'),
    );
    const api = svc(resources, 'api');
    expect(api.waivers).toEqual([
      { path: 'x-hipaa-waivers[0]', waiver: { ruleId: 'docker-compose-healthcheck', reason: 'the image is probed by the load balancer', expires: '2026-12-31', owner: 'platform' } },
    ]);
    expect(api.lines?.['x-hipaa-waivers[0]']).toBe(5);
    const mesh = find(resources, COMPOSE_NETWORK, 'mesh');
    expect(mesh.waivers?.map((w) => [w.path, (w.waiver as any).ruleId])).toEqual([['x-hipaa-waivers[0]', 'docker-compose-encrypted-overlay']]);
    expect(mesh.lines?.['x-hipaa-waivers[0]']).toBe(12);
    const project = find(resources, COMPOSE_PROJECT, 'app/compose.yaml');
    expect(project.waivers?.map((w) => [w.path, (w.waiver as any).ruleId])).toEqual([['x-hipaa-waivers[0]', 'docker-compose-secret-source']]);
    expect(project.lines?.['x-hipaa-waivers[0]']).toBe(14);
    // Top-level waivers are the project's only.
    expect(find(resources, COMPOSE_NETWORK, 'default').waivers).toBeUndefined();
  });

  test('a value that is not a list is carried as a problem', () => {
    const api = svc(readOne('services:\n  api:\n    image: x\n    x-hipaa-waivers:\n      ruleId: docker-compose-healthcheck\n'), 'api');
    expect(api.waivers).toEqual([
      { path: 'x-hipaa-waivers', problem: 'x-hipaa-waivers must be a list of waivers, e.g. [{ ruleId, reason, expires }] (got one waiver object; wrap it in [ ]) (waiver-invalid).' },
    ]);
  });
});

describe('readComposeFiles: bad input', () => {
  const problemsOf = (text: string, file = 'compose.yaml') => read([{ file, text }]);

  test.each([
    ['not YAML', 'services:\n  api:\n    image: [x\n', 'compose.yaml:4: not valid YAML: unexpected end of the stream within a flow collection'],
    ['several documents', 'services: {}\n---\nservices: {}\n', 'compose.yaml:2: not valid YAML: expected a single document in the stream, but found more'],
    ['a duplicated key', 'services:\n  api:\n    image: x\n    image: y\n', 'compose.yaml:4: not valid YAML: duplicated mapping key'],
    ['empty', '# nothing\n', "compose.yaml:1: not a Compose file: expected a mapping with 'services', got an empty document"],
    ['a list', '- services\n', "compose.yaml:1: not a Compose file: expected a mapping with 'services', got a list"],
    ['no services', 'networks:\n  n: {}\n', "compose.yaml:1: no 'services': a Compose project defines its containers under services"],
    ['services as a list', 'services:\n  - api\n', "compose.yaml:1: 'services' must be a mapping of service names to their definitions, got a list"],
    ['a service that is not a mapping', 'services:\n  api: nginx\n', 'compose.yaml:2: service \'api\' must be a mapping of its settings, got the string "nginx"'],
    ['a service without settings', 'services:\n  api:\n', "compose.yaml:2: service 'api' must be a mapping of its settings, got null"],
    [
      'an unknown top-level key',
      'services:\n  api: { image: x }\nservice:\n  db: {}\n',
      "compose.yaml:3: unknown top-level key 'service': a Compose file has version, name, include, services, networks, volumes, secrets, configs, models and x-* extensions",
    ],
    ['networks as a list', 'services:\n  api: { image: x }\nnetworks: [a]\n', "compose.yaml:3: 'networks' must be a mapping of names to their definitions, got a list"],
    ['a network that is not a mapping', 'services:\n  api: { image: x }\nnetworks:\n  a: internal\n', 'compose.yaml:4: networks entry \'a\' must be a mapping, got the string "internal"'],
    [
      'a network used but not declared',
      'services:\n  api:\n    image: x\n    networks: [back]\n',
      "compose.yaml:4: service 'api' uses network 'back', which the project does not declare under the top-level networks",
    ],
  ])('%s', (_what, text, message) => {
    const { problems } = problemsOf(text);
    expect(problems).toEqual([message]);
  });

  test('nested aliases ("billion laughs") are read without expanding them, and too deep nesting is a problem', () => {
    let text = 'x-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n';
    let previous = 'a';
    for (let i = 0; i < 9; i++) {
      text += `x-b${i}: &b${i} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
      previous = `b${i}`;
    }
    text += `services:\n  api:\n    image: x\n    x-big: *${previous}\n`;
    const started = Date.now();
    const api = svc(readOne(text, 'compose.yaml'), 'api');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(Object.keys(api.lines ?? {}).length).toBeLessThanOrEqual(20_000 * 9);
    expect(problemsOf(`services:\n  api:\n    x: ${'['.repeat(200)}${']'.repeat(200)}\n`).problems).toEqual(['compose.yaml:3: not valid YAML: nesting exceeded maxDepth (100)']);
  });

  test('a large file sharing one anchor through merge keys is read; merge keys nested to blow up are a problem', () => {
    const shared = Array.from({ length: 11 }, (_, i) => `  k${i}: v`).join('\n');
    const services = Array.from({ length: 1000 }, (_, i) => `  s${i}:\n    <<: *h\n    image: x`).join('\n');
    const big = readOne(`x-h: &h\n${shared}\nservices:\n${services}\n`, 'compose.yaml');
    expect(big.filter((r) => r.kind === COMPOSE_SERVICE)).toHaveLength(1000);
    // A 1,000-key anchor merged at 1,000 places: a million keys copied from 20 kB of text (quadratic work).
    const wide = `x-w: &w {${Array.from({ length: 1000 }, (_, i) => `k${i}: 1`).join(', ')}}\n`;
    const bomb = `${wide}x-uses: [${Array(1000).fill('{<<: *w}').join(', ')}]\n`;
    expect(problemsOf(`${bomb}services:\n  api: {image: x}\n`).problems).toEqual([expect.stringMatching(/^compose\.yaml:\d+: not valid YAML: merge keys exceeded maxTotalMergeKeys/)]);
  });

  test('a file with a problem leaves its projects unread, and the other files are still read', () => {
    const { resources, problems } = read([
      { file: 'compose.yaml', text: 'services:\n  api: { image: x }\n' },
      { file: 'compose.override.yaml', text: 'services: [\n' },
      { file: 'compose.prod.yaml', text: 'services:\n  api: { read_only: true }\n' },
    ]);
    expect(problems).toEqual(['compose.override.yaml:2: not valid YAML: unexpected end of the stream within a flow collection']);
    expect(resources.filter((r) => r.kind === COMPOSE_SERVICE).map((r) => `${r.namespace}/${r.name}`)).toEqual(['compose.yaml+compose.prod.yaml/api']);
  });

  test('a layered file that puts a list where the base has a mapping', () => {
    const { resources, problems } = read([
      { file: 'compose.yaml', text: 'services:\n  api:\n    image: x\n    deploy:\n      replicas: 2\n' },
      { file: 'compose.override.yaml', text: 'services:\n  api:\n    deploy: [1]\n' },
    ]);
    expect(problems).toEqual(["compose.override.yaml:3: cannot layer 'services.api.deploy' over compose.yaml: one file has a mapping there and the other a list or a value"]);
    expect(resources).toEqual([]);
  });
});
