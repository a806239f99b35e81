import { API_IMAGE, DIGEST, ECR, minimalService, parsed, waiverExpiry } from './compose-fixtures';
import { readComposeFiles } from '../../lib/check/docker/compose';
import { latestWaiverExpiry } from '../../lib/check/waiver';
import { HipaaComposeProject, HipaaDockerApp, SecureComposeService, SecureComposeServiceProps } from '../../lib/docker';
import { dockerPack } from '../../lib/rules/docker';
import { assertValidComposeDocument } from '../helpers/compose-schema';

const PATH = 'p/svc';
// The Compose reader and rules are written beside this generator (issue 12): tests that need them run once merged.
const withRules = readComposeFiles([{ file: 'compose.yaml', text: 'services:\n  a:\n    image: x\n' }], []).length > 0 &&
  dockerPack.rules.some((r) => r.id === 'docker-compose-healthcheck') ? test : test.skip;

/** The message of the Error `fn` throws. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

function project(props: ConstructorParameters<typeof HipaaComposeProject>[2] = {}, app = new HipaaDockerApp()) {
  return new HipaaComposeProject(app, 'p', { secrets: { db_password: { file: './secrets/db_password' } }, ...props });
}

/** The service `svc` as written, in a fresh project. */
function rendered(props: SecureComposeServiceProps, projectProps?: ConstructorParameters<typeof HipaaComposeProject>[2]): any {
  const p = project(projectProps);
  new SecureComposeService(p, 'svc', props);
  const doc = parsed(p);
  assertValidComposeDocument(doc);
  return doc.services.svc;
}

/** The error creating `svc` with these props throws. */
function error(props: unknown, projectProps?: ConstructorParameters<typeof HipaaComposeProject>[2]): string {
  const p = project(projectProps);
  try {
    new SecureComposeService(p, 'svc', props as SecureComposeServiceProps);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

function waiver(ruleId: string) {
  return { ruleId, reason: 'accepted by the security officer after review of compensating controls', expires: waiverExpiry(), owner: 'platform-team', ticket: 'SEC-42' };
}

describe('SecureComposeService defaults', () => {
  const svc = rendered(minimalService());

  test('every hardened default is written', () => {
    expect(svc.user).toBe('65532:65532');
    expect(svc.read_only).toBe(true);
    expect(svc.tmpfs).toEqual(['/tmp:rw,noexec,nosuid,nodev,size=64m']);
    expect(svc.cap_drop).toEqual(['ALL']);
    expect(svc.security_opt).toEqual(['no-new-privileges:true']);
    expect(svc.mem_limit).toBe('512m');
    expect(svc.cpus).toBe(1);
    expect(svc.pids_limit).toBe(256);
    expect(svc.image).toBe(API_IMAGE);
    expect(svc.healthcheck).toEqual({ test: ['CMD', '/app/healthcheck'], interval: '30s', timeout: '5s', retries: 3, start_period: '10s' });
    expect(svc.restart).toBe('unless-stopped');
    expect(svc.labels).toEqual({ 'hipaa-constructs.io/phi': 'true' });
  });

  test('no flow: no network at all', () => {
    expect(svc.network_mode).toBe('none');
    expect(svc.networks).toBeUndefined();
  });

  test('nothing weaker is ever written', () => {
    for (const key of ['privileged', 'cap_add', 'pid', 'ipc', 'uts', 'userns_mode', 'cgroup', 'devices', 'ports', 'logging', 'volumes', 'environment', 'x-hipaa-waivers']) {
      expect(svc).not.toHaveProperty(key);
    }
    expect(JSON.stringify(svc)).not.toMatch(/unconfined|docker\.sock|host/);
  });

  test('logging is left to the daemon unless a driver is named', () => {
    expect(rendered(minimalService({ logging: { driver: 'awslogs', options: { 'awslogs-group': '/clinic' } } })).logging)
      .toEqual({ driver: 'awslogs', options: { 'awslogs-group': '/clinic' } });
  });

  test('phi: false labels the service so', () => {
    expect(rendered(minimalService({ phi: false })).labels).toEqual({ 'hipaa-constructs.io/phi': 'false' });
  });

  test('the settings given are written', () => {
    const s = rendered(minimalService({
      user: '10001:10001',
      tmpfs: ['/tmp', '/var/cache/app'],
      tmpfsSize: '16m',
      resources: { memory: '2g', cpus: 0.5, pids: 64 },
      healthcheck: { shell: 'wget -qO- http://localhost:8080/health', interval: '1m', timeout: '3s', retries: 5, startPeriod: '30s' },
      entrypoint: ['/app/entry'],
      command: ['serve'],
      capAdd: ['NET_BIND_SERVICE'],
      restart: 'on-failure',
      volumes: [{ volume: 'data', target: '/data' }, { hostPath: '/srv/clinic/config', target: '/config' }, { hostPath: '/etc/localtime', target: '/etc/localtime' }],
    }));
    expect(s).toMatchObject({
      user: '10001:10001',
      tmpfs: ['/tmp:rw,noexec,nosuid,nodev,size=16m', '/var/cache/app:rw,noexec,nosuid,nodev,size=16m'],
      mem_limit: '2g',
      cpus: 0.5,
      pids_limit: 64,
      healthcheck: { test: ['CMD-SHELL', 'wget -qO- http://localhost:8080/health'], interval: '1m', timeout: '3s', retries: 5, start_period: '30s' },
      entrypoint: ['/app/entry'],
      command: ['serve'],
      cap_add: ['NET_BIND_SERVICE'],
      restart: 'on-failure',
      volumes: [
        { type: 'volume', source: 'data', target: '/data', read_only: false },
        { type: 'bind', source: '/srv/clinic/config', target: '/config', read_only: true, bind: { create_host_path: false } },
        { type: 'bind', source: '/etc/localtime', target: '/etc/localtime', read_only: true, bind: { create_host_path: false } },
      ],
    });
  });

  test('a $ is written as $$, so Compose passes it on instead of interpolating', () => {
    const s = rendered(minimalService({ environment: { GREETING: 'cost: $5 ${NOT_A_VAR}' }, command: ['echo', '$HOME'] }));
    expect(s.environment).toEqual({ GREETING: 'cost: $$5 $${NOT_A_VAR}' });
    expect(s.command).toEqual(['echo', '$$HOME']);
  });

  test('secrets are files under /run/secrets, with a _FILE variable when asked', () => {
    const s = rendered(minimalService({ secrets: [{ name: 'db_password', fileEnv: true }] }));
    expect(s.secrets).toEqual(['db_password']);
    expect(s.environment).toEqual({ DB_PASSWORD_FILE: '/run/secrets/db_password' });
    expect(rendered(minimalService({ secrets: [{ name: 'db_password', fileEnv: 'PGPASSFILE' }] })).environment).toEqual({ PGPASSFILE: '/run/secrets/db_password' });
    expect(rendered(minimalService({ secrets: [{ name: 'db_password' }] }))).not.toHaveProperty('environment');
  });

  test('a published port is bound to its host address, and gives the service its own edge network', () => {
    const s = rendered(minimalService({ ports: [{ hostIp: '10.0.1.5', published: 443, target: 8443 }, { hostIp: '::1', published: 5353, target: 53, protocol: 'udp' }] }));
    expect(s.ports).toEqual([
      { target: 8443, published: '443', host_ip: '10.0.1.5', protocol: 'tcp' },
      { target: 53, published: '5353', host_ip: '::1', protocol: 'udp' },
    ]);
    expect(s.networks).toEqual(['svc-edge']);
  });

  test('on Swarm, limits go under deploy.resources.limits and restart is left to deploy', () => {
    const s = rendered(minimalService(), { swarm: true });
    expect(s.deploy).toEqual({ resources: { limits: { cpus: '1', memory: '512m', pids: 256 } } });
    for (const key of ['mem_limit', 'cpus', 'pids_limit', 'restart']) expect(s).not.toHaveProperty(key);
  });
});

describe('SecureComposeService refuses bad input with the construct path, field, rule and fix', () => {
  test('a prop it does not read is refused, not dropped (from JavaScript or a spread object)', () => {
    expect(error({ ...minimalService(), privileged: true, pidsLimit: 10 })).toBe(
      '[p/svc] 2 problems in the props (all are listed; fix each):\n' +
      '- privileged: not a prop of SecureComposeService: privileged containers are not offered (docker-compose-no-privileged). Remove it; the props are ' +
      'image, command, entrypoint, environment, secrets, ports, user, readOnlyRootFilesystem, tmpfs, tmpfsSize, resources, healthcheck, capAdd, phi, egress, labels, volumes, logging, restart, waivers.\n' +
      '- pidsLimit: not a prop of SecureComposeService. Remove it; the props are ' +
      'image, command, entrypoint, environment, secrets, ports, user, readOnlyRootFilesystem, tmpfs, tmpfsSize, resources, healthcheck, capAdd, phi, egress, labels, volumes, logging, restart, waivers.',
    );
  });

  const cases: Array<[string, Partial<SecureComposeServiceProps> | Record<string, unknown>, string]> = [
    ['image without digest', { image: `${ECR}/clinic/api:1.4.2` },
      `[${PATH}] image: '${ECR}/clinic/api:1.4.2' is not pinned by digest, so what runs can change without a change here (docker-compose-image-digest). ` +
      `Pin it: ${ECR}/clinic/api:1.4.2@sha256:<digest> (docker buildx imagetools inspect ${ECR}/clinic/api:1.4.2 prints the digest), ` +
      'or accept it with a waiver of docker-compose-image-digest in waivers giving the reason.'],
    ['image from another registry', { image: `postgres:16@${DIGEST}` },
      `[${PATH}] image: 'postgres:16@${DIGEST}' comes from registry docker.io, which the app does not allow (allowed: *.dkr.ecr.*.amazonaws.com) ` +
      "(docker-compose-allowed-registry). Copy the image into an allowed registry and use it from there, or add the registry to the HipaaDockerApp's allowedRegistries, " +
      'or accept it with a waiver of docker-compose-allowed-registry in waivers giving the reason.'],
    ['image not a reference', { image: 'my image' },
      `[${PATH}] image: expected an image reference such as registry/repository@sha256:<digest>, got a string ("my image").`],
    ['root user', { user: '0:0' },
      `[${PATH}] user: '0:0' runs the container as root (uid or gid 0) (docker-compose-non-root-user). Run as a non-root uid:gid such as '65532:65532', ` +
      'or accept it with a waiver of docker-compose-non-root-user in waivers giving the reason.'],
    ['root group', { user: '1000:0' }, `[${PATH}] user: '1000:0' runs the container as root (uid or gid 0) (docker-compose-non-root-user). Run as a non-root uid:gid such as '65532:65532', ` +
      'or accept it with a waiver of docker-compose-non-root-user in waivers giving the reason.'],
    ['user name', { user: 'app' },
      `[${PATH}] user: expected a numeric uid or uid:gid such as '65532:65532', got a string ("app"): a user name cannot be checked to be non-root (docker-compose-non-root-user).`],
    ['writable root', { readOnlyRootFilesystem: false },
      `[${PATH}] readOnlyRootFilesystem: a writable root filesystem lets an intruder change the image's programs (docker-compose-read-only-root). ` +
      'Keep it read-only and list the paths the program writes to in tmpfs or volumes, or accept it with a waiver of docker-compose-read-only-root in waivers giving the reason.'],
    ['no healthcheck', { healthcheck: undefined },
      `[${PATH}] healthcheck: the service has no healthcheck, so Docker cannot tell a hung service from a healthy one (docker-compose-healthcheck). ` +
      "Give healthcheck: { command: ['/app/healthcheck'] } (or { shell: 'curl -fsS http://localhost:8080/health' } for images with a shell), " +
      'or accept it with a waiver of docker-compose-healthcheck in waivers giving the reason.'],
    ['healthcheck with both forms', { healthcheck: { command: ['/x'], shell: '/x' } }, `[${PATH}] healthcheck: give exactly one of command (exec form) and shell.`],
    ['healthcheck duration', { healthcheck: { command: ['/x'], interval: '30' } }, `[${PATH}] healthcheck.interval: expected a duration such as '30s' or '1m30s', got a string ("30").`],
    ['dangerous capability', { capAdd: ['SYS_ADMIN'] },
      `[${PATH}] capAdd[0]: capability SYS_ADMIN widens what a compromised container can do to the host (docker-compose-drop-capabilities). ` +
      'Remove it (only NET_BIND_SERVICE, CHOWN, SETUID and SETGID are added without a waiver), or accept it with a waiver of docker-compose-drop-capabilities in waivers giving the reason.'],
    ['dangerous capability, prefixed', { capAdd: ['CAP_NET_ADMIN'] },
      `[${PATH}] capAdd[0]: capability NET_ADMIN widens what a compromised container can do to the host (docker-compose-drop-capabilities). ` +
      'Remove it (only NET_BIND_SERVICE, CHOWN, SETUID and SETGID are added without a waiver), or accept it with a waiver of docker-compose-drop-capabilities in waivers giving the reason.'],
    ['capability ALL', { capAdd: ['ALL'] },
      `[${PATH}] capAdd[0]: ALL gives back every capability, as privileged nearly does (docker-compose-drop-capabilities). Name the one capability the program needs.`],
    ['secret in an environment name', { environment: { DB_PASSWORD: 'hunter2hunter2' } },
      `[${PATH}] environment.DB_PASSWORD: its name says it holds a password; secrets never go into the environment, where docker inspect, logs and child processes see them ` +
      "(docker-compose-secrets-not-in-environment). Declare it in the project's secrets (a file) and list it in this service's secrets with fileEnv: 'DB_PASSWORD_FILE' if the program reads the path from a variable."],
    ['interpolated secret', { environment: { API_TOKEN: '${API_TOKEN}' } },
      `[${PATH}] environment.API_TOKEN: its name says it holds a token; secrets never go into the environment, where docker inspect, logs and child processes see them ` +
      "(docker-compose-secrets-not-in-environment). Declare it in the project's secrets (a file) and list it in this service's secrets with fileEnv: 'API_TOKEN_FILE' if the program reads the path from a variable."],
    ['secret in an environment value', { environment: { DATABASE_URL: 'postgres://clinic:s3cretpass@db:5432/clinic' } },
      `[${PATH}] environment.DATABASE_URL: its value holds a URL with a password; secrets never go into the environment, where docker inspect, logs and child processes see them ` +
      "(docker-compose-secrets-not-in-environment). Declare it in the project's secrets (a file) and list it in this service's secrets with fileEnv: 'DATABASE_URL_FILE' if the program reads the path from a variable."],
    ['bad environment name', { environment: { '1X': 'a' } }, `[${PATH}] environment.1X: expected a variable name of letters, digits and _ not starting with a digit.`],
    ['undeclared secret', { secrets: [{ name: 'api_key' }] },
      `[${PATH}] secrets[0].name: the project declares no secret 'api_key' (declared: 'db_password'); add it to the HipaaComposeProject's secrets with the file that holds it.`],
    ['secret variable clash', { environment: { DB_PASSWORD_FILE: '/x' }, secrets: [{ name: 'db_password', fileEnv: true }] },
      `[${PATH}] secrets[0].fileEnv: variable DB_PASSWORD_FILE is also set in environment or by another secret; give each its own name.`],
    ['port on every address', { ports: [{ hostIp: '0.0.0.0', published: 8443, target: 8443 }] },
      `[${PATH}] ports[0].hostIp: 0.0.0.0 publishes the port on every address of the host (docker-compose-port-host-binding). ` +
      'Bind it to one address: 127.0.0.1 behind a reverse proxy on the host, or the address of the interface that must reach it.'],
    ['port on every IPv6 address', { ports: [{ hostIp: '::', published: 8443, target: 8443 }] },
      `[${PATH}] ports[0].hostIp: :: publishes the port on every address of the host (docker-compose-port-host-binding). ` +
      'Bind it to one address: 127.0.0.1 behind a reverse proxy on the host, or the address of the interface that must reach it.'],
    ['port without host address', { ports: [{ published: 8443, target: 8443 }] }, `[${PATH}] ports[0].hostIp: expected a string, got nothing (undefined).`],
    ['host address not an address', { ports: [{ hostIp: 'localhost', published: 8443, target: 8443 }] }, `[${PATH}] ports[0].hostIp: expected an IPv4 or IPv6 address, got a string ("localhost").`],
    ['port out of range', { ports: [{ hostIp: '127.0.0.1', published: 70000, target: 0 }] },
      `[${PATH}] 2 problems in the props (all are listed; fix each):\n- ports[0].published: expected a port number from 1 to 65535, got a number (70000).\n- ports[0].target: expected a port number from 1 to 65535, got a number (0).`],
    ['docker socket', { volumes: [{ hostPath: '/var/run/docker.sock', target: '/var/run/docker.sock' }] },
      `[${PATH}] volumes[0].hostPath: /var/run/docker.sock is a container runtime socket: whoever reaches it controls every container and the host (docker-compose-host-mounts). ` +
      'No waiver accepts it; run the tool that needs it on the host, outside the project.'],
    ['sensitive host path', { volumes: [{ hostPath: '/etc', target: '/host-etc' }] },
      `[${PATH}] volumes[0].hostPath: /etc is a sensitive host path: it exposes the host's configuration, processes or other containers' data (docker-compose-host-mounts). ` +
      'Use a named volume (volume) instead, or mount only the one file the program needs from a directory of its own, or accept it with a waiver of docker-compose-host-mounts in waivers giving the reason.'],
    ['host time zone, writable', { volumes: [{ hostPath: '/etc/localtime', target: '/etc/localtime', readOnly: false }] },
      `[${PATH}] volumes[0].hostPath: /etc/localtime is a sensitive host path: it exposes the host's configuration, processes or other containers' data (docker-compose-host-mounts). ` +
      'Use a named volume (volume) instead, or mount only the one file the program needs from a directory of its own, or accept it with a waiver of docker-compose-host-mounts in waivers giving the reason.'],
    ['host root', { volumes: [{ hostPath: '/', target: '/host' }] },
      `[${PATH}] volumes[0].hostPath: / is a sensitive host path: it exposes the host's configuration, processes or other containers' data (docker-compose-host-mounts). ` +
      'Use a named volume (volume) instead, or mount only the one file the program needs from a directory of its own, or accept it with a waiver of docker-compose-host-mounts in waivers giving the reason.'],
    ['sensitive host path, spelled with doubled slashes (the rule list and spelling)', { volumes: [{ hostPath: '//home/deploy/', target: '/deploy' }] },
      `[${PATH}] volumes[0].hostPath: /home/deploy is a sensitive host path: it exposes the host's configuration, processes or other containers' data (docker-compose-host-mounts). ` +
      'Use a named volume (volume) instead, or mount only the one file the program needs from a directory of its own, or accept it with a waiver of docker-compose-host-mounts in waivers giving the reason.'],
    ['relative host path', { volumes: [{ hostPath: '../data', target: '/data' }] }, `[${PATH}] volumes[0].hostPath: expected an absolute host path without '..', got a string ("../data").`],
    ['volume and host path', { volumes: [{ volume: 'a', hostPath: '/srv/a', target: '/a' }] }, `[${PATH}] volumes[0]: give exactly one of volume (a named volume) and hostPath.`],
    ['logging none', { logging: { driver: 'none' } },
      `[${PATH}] logging.driver: driver none discards the service's logs, which are audit evidence (45 CFR 164.312(b)) (docker-compose-logging-driver). ` +
      "Leave logging out to use the daemon's log driver, or name a driver that ships logs off the host (awslogs, syslog, fluentd), " +
      'or accept it with a waiver of docker-compose-logging-driver in waivers giving the reason.'],
    ['PHI back-end with egress', { egress: true },
      `[${PATH}] egress: a PHI back-end (a PHI service that publishes no port) with egress joins a network that is not internal (docker-compose-phi-internal-network). ` +
      'Send its outbound traffic through a non-PHI service it has a flow to (a proxy), or classify it phi: false if it holds no PHI, ' +
      'or accept it with a waiver of docker-compose-phi-internal-network in waivers giving the reason.'],
    ['PHI label by hand', { labels: { 'hipaa-constructs.io/phi': 'false' } }, `[${PATH}] labels["hipaa-constructs.io/phi"]: the PHI label is set from the phi prop; give phi: false instead.`],
    ['memory', { resources: { memory: '1GB' } }, `[${PATH}] resources.memory: expected a whole number with unit k, m or g of at least 6m (e.g. '512m'), got a string ("1GB").`],
    ['pids', { resources: { pids: 0 } }, `[${PATH}] resources.pids: expected a whole number of processes above 0 (e.g. 256), got a number (0).`],
    ['tmpfs path', { tmpfs: ['tmp'] }, `[${PATH}] tmpfs[0]: expected an absolute path inside the container, got a string ("tmp").`],
    ['no tmpfs', { tmpfs: [] },
      `[${PATH}] tmpfs: a read-only root filesystem without a tmpfs leaves the program nowhere to write (/tmp), and is the setting removed at the first error ` +
      "(docker-compose-read-only-root). Keep the default ['/tmp'] or list the paths the program writes to, " +
      'or accept it with a waiver of docker-compose-read-only-root in waivers giving the reason.'],
    ['wrong types from JavaScript', { command: 'serve', phi: 'yes' },
      `[${PATH}] 2 problems in the props (all are listed; fix each):\n- command: expected a list, got a string ("serve").\n- phi: expected true or false, got a string ("yes").`],
    ['restart', { restart: 'sometimes' }, `[${PATH}] restart: expected 'no', 'always', 'on-failure' or 'unless-stopped', got a string ("sometimes").`],
  ];

  test.each(cases)('%s', (_name, change, expected) => {
    expect(error({ ...minimalService(), ...change })).toBe(expected);
  });

  test('every problem is reported at once', () => {
    expect(error({ image: 'nginx', user: 'root', environment: { SECRET_KEY: 'abcdefghijklmnop' } })).toBe([
      `[${PATH}] 5 problems in the props (all are listed; fix each):`,
      "- image: 'nginx' is not pinned by digest, so what runs can change without a change here (docker-compose-image-digest). " +
        'Pin it: docker.io/library/nginx@sha256:<digest> (docker buildx imagetools inspect nginx prints the digest), or accept it with a waiver of docker-compose-image-digest in waivers giving the reason.',
      "- image: 'nginx' comes from registry docker.io, which the app does not allow (allowed: *.dkr.ecr.*.amazonaws.com) (docker-compose-allowed-registry). " +
        "Copy the image into an allowed registry and use it from there, or add the registry to the HipaaDockerApp's allowedRegistries, or accept it with a waiver of docker-compose-allowed-registry in waivers giving the reason.",
      '- environment.SECRET_KEY: its name says it holds a key; secrets never go into the environment, where docker inspect, logs and child processes see them ' +
        "(docker-compose-secrets-not-in-environment). Declare it in the project's secrets (a file) and list it in this service's secrets with fileEnv: 'SECRET_KEY_FILE' if the program reads the path from a variable.",
      "- user: expected a numeric uid or uid:gid such as '65532:65532', got a string (\"root\"): a user name cannot be checked to be non-root (docker-compose-non-root-user).",
      "- healthcheck: the service has no healthcheck, so Docker cannot tell a hung service from a healthy one (docker-compose-healthcheck). Give healthcheck: { command: ['/app/healthcheck'] } " +
        "(or { shell: 'curl -fsS http://localhost:8080/health' } for images with a shell), or accept it with a waiver of docker-compose-healthcheck in waivers giving the reason.",
    ].join('\n'));
  });

  test('published ports on Swarm are refused: docker stack deploy ignores host_ip', () => {
    expect(error(minimalService({ ports: [{ hostIp: '127.0.0.1', published: 8443, target: 8443 }] }), { swarm: true })).toBe(
      `[${PATH}] ports[0]: docker stack deploy ignores host_ip and publishes on every address of every node (docker-compose-port-host-binding). ` +
      'Publish it from a load balancer in front of the swarm instead, or accept it with a waiver of docker-compose-port-host-binding in waivers giving the reason.');
  });

  test('the scope must be a HipaaComposeProject and the id a service name', () => {
    const app = new HipaaDockerApp();
    expect(messageOf(() => new SecureComposeService(app as any, 'svc', minimalService()))).toBe('[svc] scope: a SecureComposeService is created in a HipaaComposeProject, got an instance of HipaaDockerApp. Pass the project as the first argument.');
    expect(messageOf(() => new SecureComposeService(project(), 'Web API', minimalService()))).toBe("[p/Web API] id: 'Web API' is the service's name in the Compose file; use lower-case letters, digits, '_', '.' and '-', starting with a letter or digit.");
  });
});

describe('SecureComposeService waivers', () => {
  const weaker: Array<[string, Partial<SecureComposeServiceProps>, (svc: any) => void]> = [
    ['docker-compose-image-digest', { image: `${ECR}/clinic/api:1.4.2` }, (s) => expect(s.image).toBe(`${ECR}/clinic/api:1.4.2`)],
    ['docker-compose-allowed-registry', { image: `ghcr.io/acme/api@${DIGEST}` }, (s) => expect(s.image).toBe(`ghcr.io/acme/api@${DIGEST}`)],
    ['docker-compose-non-root-user', { user: '0:0' }, (s) => expect(s.user).toBe('0:0')],
    ['docker-compose-read-only-root', { readOnlyRootFilesystem: false }, (s) => expect(s.read_only).toBe(false)],
    ['docker-compose-read-only-root', { tmpfs: [] }, (s) => expect([s.read_only, s.tmpfs]).toEqual([true, undefined])],
    ['docker-compose-healthcheck', { healthcheck: undefined }, (s) => expect(s).not.toHaveProperty('healthcheck')],
    ['docker-compose-drop-capabilities', { capAdd: ['SYS_PTRACE'] }, (s) => expect([s.cap_drop, s.cap_add]).toEqual([['ALL'], ['SYS_PTRACE']])],
    ['docker-compose-host-mounts', { volumes: [{ hostPath: '/var/log/clinic', target: '/logs' }] }, (s) => expect(s.volumes[0].source).toBe('/var/log/clinic')],
    ['docker-compose-logging-driver', { logging: { driver: 'none' } }, (s) => expect(s.logging).toEqual({ driver: 'none' })],
    ['docker-compose-phi-internal-network', { egress: true }, (s) => expect(s.networks).toEqual(['svc-edge'])],
  ];

  test.each(weaker)('a waiver of %s accepts the weaker setting and is written as x-hipaa-waivers', (ruleId, change, assert) => {
    const s = rendered({ ...minimalService(), ...change, waivers: [waiver(ruleId)] } as SecureComposeServiceProps);
    assert(s);
    expect(s['x-hipaa-waivers']).toEqual([waiver(ruleId)]);
  });

  withRules.each(weaker)('the check reports the finding of %s as waived, and nothing stands', (ruleId, change) => {
    const app = new HipaaDockerApp();
    new SecureComposeService(project({}, app), 'svc', { ...minimalService(), ...change, waivers: [waiver(ruleId)] } as SecureComposeServiceProps);
    const result = app.check();
    expect(result.unwaived.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
    expect([...new Set(result.waived.map((f) => `${f.ruleId} ${f.resource.name} ${f.waiver?.ticket}`))]).toEqual([`${ruleId} svc SEC-42`]);
  });

  withRules('the capabilities docker-compose-drop-capabilities allows are added without a waiver, and the check finds nothing', () => {
    const app = new HipaaDockerApp();
    new SecureComposeService(project({}, app), 'svc', { ...minimalService(), capAdd: ['NET_BIND_SERVICE', 'CHOWN', 'SETUID', 'CAP_SETGID'] });
    const result = app.check();
    expect(result.unwaived.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
    expect(result.waived).toEqual([]);
  });

  test('invalid, expired and unknown waivers are refused', () => {
    expect(error(minimalService({
      waivers: [
        { ruleId: 'docker-compose-nope', reason: 'short', expires: '2020-01-01' },
        { ruleId: 'docker-compose-healthcheck', reason: 'the image checks itself through its own supervisor', expires: '2020-01-01' },
        { ruleId: 'docker-compose-healthcheck', reason: 'the image checks itself through its own supervisor', expires: waiverExpiry(), container: 'x' },
      ],
    }))).toBe([
      `[${PATH}] 3 problems in the props (all are listed; fix each):`,
      "- waivers[0]: the waiver for rule 'docker-compose-nope' is invalid (waiver-invalid): ruleId 'docker-compose-nope' is not a known rule; " +
        'reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 5 characters, 1 word).',
      "- waivers[1]: the waiver for rule 'docker-compose-healthcheck' expired on 2020-01-01 (waiver-expired): fix the finding it covered and remove the waiver, or review the risk and set a new expiry date.",
      "- waivers[2]: the waiver for rule 'docker-compose-healthcheck' is invalid (waiver-invalid): container cannot be given on a Compose service (it has no pod).",
    ].join('\n'));
  });

  test('a waiver further ahead than the app allows is refused', () => {
    const app = new HipaaDockerApp({ maxWaiverMonths: 1 });
    const p = new HipaaComposeProject(app, 'p');
    const expires = waiverExpiry(new Date(), 3);
    expect(messageOf(() => new SecureComposeService(p, 'svc', minimalService({ waivers: [{ ...waiver('docker-compose-healthcheck'), expires }] })))).toBe(
      `[p/svc] waivers[0]: the waiver for rule 'docker-compose-healthcheck' is invalid (waiver-invalid): expires ${expires} is more than 1 month ahead ` +
      `(latest allowed: ${latestWaiverExpiry(new Date(), 1)}): a waiver is evaluated again at least that often (45 CFR 164.308(a)(8)); set an earlier date, ` +
      'or raise maxWaiverMonths (hipaa-check: --max-waiver-months) if your review period is longer.');
  });
});

describe('allowed registries come from the app', () => {
  test('an image from a registry the app allows', () => {
    const app = new HipaaDockerApp({ allowedRegistries: ['registry.clinic.internal/apps'] });
    const p = new HipaaComposeProject(app, 'p');
    expect(() => new SecureComposeService(p, 'svc', minimalService({ image: `registry.clinic.internal/apps/api@${DIGEST}` }))).not.toThrow();
    expect(messageOf(() => new SecureComposeService(p, 'svc2', minimalService({ image: `registry.clinic.internal/other/api@${DIGEST}` })))).toBe("[p/svc2] image: 'registry.clinic.internal/other/api@" + DIGEST + "' comes from registry registry.clinic.internal, which the app does not allow (allowed: registry.clinic.internal/apps) (docker-compose-allowed-registry). " +
      "Copy the image into an allowed registry and use it from there, or add the registry to the HipaaDockerApp's allowedRegistries, " +
      'or accept it with a waiver of docker-compose-allowed-registry in waivers giving the reason.');
  });
});
