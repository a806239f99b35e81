/**
 * Checks the props of a SecureComposeService, all problems at once, and turns them into the service's
 * settings with every default applied. A weaker setting is refused naming the Compose rule that would
 * flag it, unless the service's waivers accept that rule.
 */
import { isIP } from 'net';
import { COMPOSE_RULE } from './compose-rule-ids';
import type { ComposeFlowOptions, ComposeHealthcheck, ComposeLogging, ComposePort, ComposeServiceSecret, ComposeVolumeMount, SecureComposeServiceProps } from './secure-compose-service-props';
import { isExpired, Waiver, waiverProblems } from '../check/waiver';
import { describe, InputProblems } from '../input-problems';
import { PHI_LABEL } from '../labels';
import { ALLOWED_ADDED_CAPABILITIES, capabilityName } from '../rules/docker/support/compose-capabilities';
import { isEveryInterface } from '../rules/docker/support/compose-ports';
import { userKind } from '../rules/docker/support/container-user';
import { isReadOnlyHostFile, normalizeHostPath, RUNTIME_SOCKET, sensitiveHostDirectory } from '../rules/docker/support/host-paths';
import { credentialName, credentialsInValue, describeCredential } from '../rules/k8s/credential-detector';
import { compileRegistryPattern, parseImageReference, hasSha256Digest, registryPatternMatches } from '../rules/k8s/workload/image-reference';

/** What the props are judged against: the app's settings and the project's. */
export interface ServiceContext {
  /** Construct path of the service, for messages. */
  readonly path: string;
  /** Registries images may come from (the app's). */
  readonly allowedRegistries: readonly string[];
  /** How far ahead a waiver may expire (the app's). */
  readonly maxWaiverMonths: number;
  /** Secrets the project declares. */
  readonly secrets: ReadonlySet<string>;
  /** Whether the project runs on Swarm. */
  readonly swarm: boolean;
  /** Rule ids a waiver may name (the Docker pack's, which holds every Compose rule this construct enforces). */
  readonly knownRuleIds: ReadonlySet<string>;
  /** Today, for waiver expiry. */
  readonly now: Date;
}

/** The healthcheck of a service, as Compose writes it. */
export interface HealthcheckSettings {
  /** `[CMD, ...]` or `[CMD-SHELL, command]`. */
  readonly test: readonly string[];
  /** Time between checks. */
  readonly interval: string;
  /** Time one check may take. */
  readonly timeout: string;
  /** Failures in a row that make it unhealthy. */
  readonly retries: number;
  /** Grace period after start. */
  readonly startPeriod: string;
}

/** The settings of a service, checked, defaults applied (the props of the same names, see SecureComposeServiceProps). */
export interface ServiceSettings {
  /** Image reference. */
  readonly image: string;
  /** Command, exec form. @default - the image's */
  readonly command?: readonly string[];
  /** Entrypoint, exec form. @default - the image's */
  readonly entrypoint?: readonly string[];
  /** Environment variables that are not secrets, in the order given. */
  readonly environment: ReadonlyArray<readonly [string, string]>;
  /** Secrets mounted as files, with the variable holding each path when asked. */
  readonly secrets: ReadonlyArray<{ readonly name: string; readonly fileEnv?: string }>;
  /** Published ports. */
  readonly ports: readonly Required<ComposePort>[];
  /** `uid[:gid]`. */
  readonly user: string;
  /** Whether the root filesystem is read-only. */
  readonly readOnly: boolean;
  /** tmpfs mounts as Compose writes them (`/tmp:rw,noexec,...`). */
  readonly tmpfs: readonly string[];
  /** Memory, CPU and process limits. */
  readonly resources: { readonly memory: string; readonly cpus: number; readonly pids: number };
  /** Healthcheck. @default - none (waived) */
  readonly healthcheck?: HealthcheckSettings;
  /** Capabilities added back. */
  readonly capAdd: readonly string[];
  /** PHI classification. */
  readonly phi: boolean;
  /** Whether it may open connections outside the project. */
  readonly egress: boolean;
  /** Labels, the PHI label last. */
  readonly labels: ReadonlyArray<readonly [string, string]>;
  /** Volume mounts. */
  readonly volumes: readonly ComposeVolumeMount[];
  /** Log driver. @default - the daemon's */
  readonly logging?: ComposeLogging;
  /** Restart policy. */
  readonly restart: string;
  /** Waivers in force, written as x-hipaa-waivers. */
  readonly waivers: readonly Waiver[];
}

const SERVICE_USER = /^(\d+)(?::(\d+))?$/;
const SIZE = /^[1-9][0-9]*[kmg]$/;
const DURATION = /^(?:[0-9]+(?:\.[0-9]+)?(?:ns|us|ms|s|m|h))+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const CAPABILITY = /^(?:CAP_)?[A-Z_]+$/;
const LOG_DRIVER = /^[a-z0-9][a-z0-9_.:/-]*$/;
const DEFAULT_USER = '65532:65532';
/** The props SecureComposeService reads; anything else (from JavaScript, or a spread object) would be dropped without a word. */
const KNOWN_PROPS = ['image', 'command', 'entrypoint', 'environment', 'secrets', 'ports', 'user', 'readOnlyRootFilesystem', 'tmpfs', 'tmpfsSize',
  'resources', 'healthcheck', 'capAdd', 'phi', 'egress', 'labels', 'volumes', 'logging', 'restart', 'waivers'];
/** Compose keys users reach for that the construct does not offer, and why. */
const HOST_NAMESPACES = 'host namespaces are not offered (docker-compose-host-namespaces)';
const FROM_FLOWS = 'networks come from declared flows (connectTo, allowFrom)';
const ALL_DROPPED = 'every capability is dropped (docker-compose-drop-capabilities)';
const NOT_OFFERED: Record<string, string> = {
  privileged: 'privileged containers are not offered (docker-compose-no-privileged)',
  devices: 'devices are not offered (docker-compose-no-privileged)',
  cap_add: 'write capAdd',
  capDrop: ALL_DROPPED,
  cap_drop: ALL_DROPPED,
  network_mode: FROM_FLOWS,
  networks: FROM_FLOWS,
  pid: HOST_NAMESPACES,
  ipc: HOST_NAMESPACES,
  security_opt: 'no-new-privileges and the default seccomp and AppArmor profiles are always written (docker-compose-no-new-privileges)',
};
const DEFAULT_TMPFS = ['/tmp'];

/** Checks the props; throws one Error listing every problem. */
export function validateServiceProps(props: SecureComposeServiceProps, ctx: ServiceContext): ServiceSettings {
  const p = new InputProblems(ctx.path);
  if (!p.object(props, 'props', false)) p.throwIfAny();
  for (const key of Object.keys(props)) {
    if (KNOWN_PROPS.includes(key)) continue;
    p.add(key, `not a prop of SecureComposeService${NOT_OFFERED[key] ? `: ${NOT_OFFERED[key]}` : ''}. Remove it; the props are ${KNOWN_PROPS.join(', ')}.`);
  }
  const waivers = checkWaivers(p, props.waivers, ctx);
  const waived = (ruleId: string) => waivers.some((w) => w.ruleId === ruleId);
  /** A weaker setting: a problem naming the rule, unless waived. */
  const refuse = (field: string, ruleId: string, what: string, fix: string) => {
    if (!waived(ruleId)) p.add(field, `${what} (${ruleId}). ${fix}, or accept it with a waiver of ${ruleId} in waivers giving the reason.`);
  };

  const image = checkImage(p, props.image, ctx, refuse);
  const command = stringList(p, props.command, 'command');
  const entrypoint = stringList(p, props.entrypoint, 'entrypoint');
  const environment = checkEnvironment(p, props.environment);
  const secrets = checkSecrets(p, props.secrets, ctx, environment);
  const ports = checkPorts(p, props.ports, ctx, refuse);
  const user = checkUser(p, props.user, refuse);
  let readOnly = true;
  if (p.boolean(props.readOnlyRootFilesystem, 'readOnlyRootFilesystem') && !props.readOnlyRootFilesystem) {
    readOnly = false;
    refuse('readOnlyRootFilesystem', COMPOSE_RULE.readOnlyRoot, 'a writable root filesystem lets an intruder change the image\'s programs',
      'Keep it read-only and list the paths the program writes to in tmpfs or volumes');
  }
  const tmpfs = checkTmpfs(p, props.tmpfs, props.tmpfsSize);
  if (readOnly && Array.isArray(props.tmpfs) && props.tmpfs.length === 0) {
    refuse('tmpfs', COMPOSE_RULE.readOnlyRoot, 'a read-only root filesystem without a tmpfs leaves the program nowhere to write (/tmp), ' +
      'and is the setting removed at the first error', "Keep the default ['/tmp'] or list the paths the program writes to");
  }
  const resources = checkResources(p, props.resources);
  const healthcheck = checkHealthcheck(p, props.healthcheck, refuse);
  const capAdd = checkCapAdd(p, props.capAdd, refuse);
  const phi = p.boolean(props.phi, 'phi') ? props.phi! : true;
  const egress = p.boolean(props.egress, 'egress') ? props.egress! : false;
  if (egress && phi && ports.length === 0) {
    refuse('egress', COMPOSE_RULE.phiInternalNetwork, 'a PHI back-end (a PHI service that publishes no port) with egress joins a network that is not internal',
      'Send its outbound traffic through a non-PHI service it has a flow to (a proxy), or classify it phi: false if it holds no PHI');
  }
  const labels = checkLabels(p, props.labels);
  const volumes = checkVolumes(p, props.volumes, refuse);
  const logging = checkLogging(p, props.logging, refuse);
  const restart = props.restart ?? 'unless-stopped';
  if (!['no', 'always', 'on-failure', 'unless-stopped'].includes(restart)) {
    p.add('restart', `expected 'no', 'always', 'on-failure' or 'unless-stopped', got ${describe(props.restart)}.`);
  }
  p.throwIfAny();
  return {
    image: image!,
    command,
    entrypoint,
    environment,
    secrets,
    ports,
    user,
    readOnly,
    tmpfs,
    resources,
    healthcheck,
    capAdd,
    phi,
    egress,
    labels: [...labels, [PHI_LABEL, String(phi)]],
    volumes,
    logging,
    restart,
    waivers,
  };
}

/** Checks the ports of a flow; throws naming the call. */
export function validateFlowOptions(where: string, field: string, options: ComposeFlowOptions): Required<ComposeFlowOptions> {
  const p = new InputProblems(where);
  if (p.object(options, `${field} options`, false)) {
    if (!isPort(options.port)) p.add(`${field} options.port`, `expected a port number from 1 to 65535, got ${describe(options.port)}.`);
    if (options.protocol !== undefined && options.protocol !== 'tcp' && options.protocol !== 'udp') {
      p.add(`${field} options.protocol`, `expected 'tcp' or 'udp', got ${describe(options.protocol)}.`);
    }
    p.boolean(options.waitForReceiver, `${field} options.waitForReceiver`);
  }
  p.throwIfAny();
  return { port: options.port, protocol: options.protocol ?? 'tcp', waitForReceiver: options.waitForReceiver ?? true };
}

/** The waivers in force: valid, not expired, naming a known rule. Problems of the others are recorded. */
function checkWaivers(p: InputProblems, waivers: unknown, ctx: ServiceContext): Waiver[] {
  if (!p.list(waivers, 'waivers')) return [];
  const valid: Waiver[] = [];
  waivers.forEach((w, i) => {
    const field = `waivers[${i}]`;
    const found = waiverProblems(w, ctx.knownRuleIds, { now: ctx.now, maxWaiverMonths: ctx.maxWaiverMonths });
    if ((w as Waiver)?.container !== undefined) found.push('container cannot be given on a Compose service (it has no pod)');
    const rule = typeof (w as Waiver)?.ruleId === 'string' ? ` for rule '${(w as Waiver).ruleId}'` : '';
    if (found.length > 0) {
      p.add(field, `the waiver${rule} is invalid (waiver-invalid): ${found.join('; ')}.`);
    } else if (isExpired(w as Waiver, ctx.now)) {
      p.add(field, `the waiver${rule} expired on ${(w as Waiver).expires} (waiver-expired): fix the finding it covered and remove the waiver, or review the risk and set a new expiry date.`);
    } else {
      valid.push(w as Waiver);
    }
  });
  return valid;
}

type Refuse = (field: string, ruleId: string, what: string, fix: string) => void;

function checkImage(p: InputProblems, image: unknown, ctx: ServiceContext, refuse: Refuse): string | undefined {
  if (!p.string(image, 'image', false)) return undefined;
  if (image.trim() === '' || /\s/.test(image)) {
    p.add('image', `expected an image reference such as registry/repository@sha256:<digest>, got ${describe(image)}.`);
    return undefined;
  }
  const ref = parseImageReference(image);
  if (!hasSha256Digest(ref)) {
    refuse('image', COMPOSE_RULE.imageDigest, `'${image}' is not pinned by digest, so what runs can change without a change here`,
      `Pin it: ${ref.name}${ref.tag ? `:${ref.tag}` : ''}@sha256:<digest> (docker buildx imagetools inspect ${image} prints the digest)`);
  }
  const allowed = ctx.allowedRegistries.map(compileRegistryPattern);
  if (!allowed.some((pattern) => registryPatternMatches(pattern, ref))) {
    refuse('image', COMPOSE_RULE.allowedRegistry, `'${image}' comes from registry ${ref.registry}, which the app does not allow (allowed: ${ctx.allowedRegistries.join(', ')})`,
      'Copy the image into an allowed registry and use it from there, or add the registry to the HipaaDockerApp\'s allowedRegistries');
  }
  return image;
}

function stringList(p: InputProblems, value: unknown, field: string): string[] | undefined {
  if (!p.list(value, field)) return undefined;
  if (value.length === 0) p.add(field, 'expected at least one item; leave it out to keep the image\'s own.');
  value.forEach((v, i) => p.string(v, `${field}[${i}]`, false));
  return value as string[];
}

function checkEnvironment(p: InputProblems, env: unknown): Array<[string, string]> {
  if (!p.object(env, 'environment')) return [];
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(env)) {
    const field = `environment.${name}`;
    if (!ENV_NAME.test(name)) p.add(field, 'expected a variable name of letters, digits and _ not starting with a digit.');
    if (!p.string(value, field, false)) continue;
    const byName = credentialName(name);
    const inValue = credentialsInValue(value);
    if (byName !== undefined || inValue.length > 0) {
      const what = byName !== undefined ? `its name says it holds ${byName}` : `its value holds ${inValue.map(describeCredential).join(', ')}`;
      // Not waivable here: a secret written into the file is disclosed to everyone who can read it.
      p.add(field, `${what}; secrets never go into the environment, where docker inspect, logs and child processes see them ` +
        `(${COMPOSE_RULE.secretsNotInEnvironment}). Declare it in the project's secrets (a file) and list it in this service's secrets ` +
        `with fileEnv: '${name}_FILE' if the program reads the path from a variable.`);
      continue;
    }
    out.push([name, value]);
  }
  return out;
}

function checkSecrets(p: InputProblems, secrets: unknown, ctx: ServiceContext, env: ServiceSettings['environment']): Array<{ name: string; fileEnv?: string }> {
  if (!p.list(secrets, 'secrets')) return [];
  const names = new Set(env.map(([n]) => n));
  const seen = new Set<string>();
  const out: Array<{ name: string; fileEnv?: string }> = [];
  (secrets as ComposeServiceSecret[]).forEach((s, i) => {
    const field = `secrets[${i}]`;
    if (!p.object(s, field, false) || !p.string(s.name, `${field}.name`, false)) return;
    if (!ctx.secrets.has(s.name)) {
      const known = ctx.secrets.size > 0 ? [...ctx.secrets].map((n) => `'${n}'`).join(', ') : 'none';
      p.add(`${field}.name`, `the project declares no secret '${s.name}' (declared: ${known}); add it to the HipaaComposeProject's secrets with the file that holds it.`);
    }
    if (seen.has(s.name)) p.add(`${field}.name`, `secret '${s.name}' is listed twice.`);
    seen.add(s.name);
    let fileEnv: string | undefined;
    if (s.fileEnv === true) fileEnv = `${s.name.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}_FILE`;
    else if (typeof s.fileEnv === 'string') fileEnv = s.fileEnv;
    else if (s.fileEnv !== undefined && s.fileEnv !== false) p.add(`${field}.fileEnv`, `expected true, false or a variable name, got ${describe(s.fileEnv)}.`);
    if (fileEnv !== undefined) {
      if (!ENV_NAME.test(fileEnv)) p.add(`${field}.fileEnv`, `'${fileEnv}' is not a variable name (letters, digits and _, not starting with a digit).`);
      else if (names.has(fileEnv)) p.add(`${field}.fileEnv`, `variable ${fileEnv} is also set in environment or by another secret; give each its own name.`);
      names.add(fileEnv);
    }
    out.push({ name: s.name, fileEnv });
  });
  return out;
}

function checkPorts(p: InputProblems, ports: unknown, ctx: ServiceContext, refuse: Refuse): Array<Required<ComposePort>> {
  if (!p.list(ports, 'ports')) return [];
  const out: Array<Required<ComposePort>> = [];
  (ports as ComposePort[]).forEach((port, i) => {
    const field = `ports[${i}]`;
    if (!p.object(port, field, false)) return;
    let ok = true;
    for (const key of ['published', 'target'] as const) {
      if (!isPort(port[key])) {
        p.add(`${field}.${key}`, `expected a port number from 1 to 65535, got ${describe(port[key])}.`);
        ok = false;
      }
    }
    if (port.protocol !== undefined && port.protocol !== 'tcp' && port.protocol !== 'udp') {
      p.add(`${field}.protocol`, `expected 'tcp' or 'udp', got ${describe(port.protocol)}.`);
      ok = false;
    }
    if (!p.string(port.hostIp, `${field}.hostIp`, false)) return;
    if (isIP(port.hostIp) === 0) {
      p.add(`${field}.hostIp`, `expected an IPv4 or IPv6 address, got ${describe(port.hostIp)}.`);
      ok = false;
    } else if (isEveryInterface(port.hostIp)) {
      p.add(`${field}.hostIp`, `${port.hostIp} publishes the port on every address of the host (${COMPOSE_RULE.portHostBinding}). ` +
        'Bind it to one address: 127.0.0.1 behind a reverse proxy on the host, or the address of the interface that must reach it.');
      ok = false;
    }
    if (ctx.swarm) {
      refuse(`${field}`, COMPOSE_RULE.portHostBinding, 'docker stack deploy ignores host_ip and publishes on every address of every node',
        'Publish it from a load balancer in front of the swarm instead');
    }
    if (ok) out.push({ hostIp: port.hostIp, published: port.published, target: port.target, protocol: port.protocol ?? 'tcp' });
  });
  return out;
}

function checkUser(p: InputProblems, user: unknown, refuse: Refuse): string {
  if (!p.string(user, 'user')) return DEFAULT_USER;
  const m = SERVICE_USER.exec(user);
  if (!m) {
    p.add('user', `expected a numeric uid or uid:gid such as '${DEFAULT_USER}', got ${describe(user)}: a user name cannot be checked to be non-root (${COMPOSE_RULE.nonRootUser}).`);
  } else if (userKind(m[1]) === 'root' || (m[2] !== undefined && Number(m[2]) === 0)) {
    // Stricter than the rule, which judges the user only: the generator also refuses GID 0 by default.
    refuse('user', COMPOSE_RULE.nonRootUser, `'${user}' runs the container as root (uid or gid 0)`, `Run as a non-root uid:gid such as '${DEFAULT_USER}'`);
  }
  return user;
}

function checkTmpfs(p: InputProblems, tmpfs: unknown, size: unknown): string[] {
  let tmpfsSize = '64m';
  if (p.string(size, 'tmpfsSize')) {
    if (SIZE.test(size)) tmpfsSize = size;
    else p.add('tmpfsSize', `expected a whole number with unit k, m or g (e.g. '64m'), got ${describe(size)}.`);
  }
  const paths = p.list(tmpfs, 'tmpfs') ? tmpfs : tmpfs === undefined ? DEFAULT_TMPFS : [];
  const seen = new Set<string>();
  const out: string[] = [];
  paths.forEach((path, i) => {
    if (!p.string(path, `tmpfs[${i}]`, false)) return;
    if (!isContainerPath(path)) p.add(`tmpfs[${i}]`, `expected an absolute path inside the container, got ${describe(path)}.`);
    else if (seen.has(path)) p.add(`tmpfs[${i}]`, `${path} is listed twice.`);
    seen.add(path);
    out.push(`${path}:rw,noexec,nosuid,nodev,size=${tmpfsSize}`);
  });
  return out;
}

function checkResources(p: InputProblems, r: unknown): ServiceSettings['resources'] {
  const out = { memory: '512m', cpus: 1, pids: 256 };
  if (!p.object(r, 'resources')) return out;
  if (p.string(r.memory, 'resources.memory')) {
    if (SIZE.test(r.memory) && sizeBytes(r.memory) >= 6 * 1024 * 1024) out.memory = r.memory;
    else p.add('resources.memory', `expected a whole number with unit k, m or g of at least 6m (e.g. '512m'), got ${describe(r.memory)}.`);
  }
  if (p.number(r.cpus, 'resources.cpus')) {
    if (r.cpus > 0 && r.cpus <= 1024) out.cpus = r.cpus;
    else p.add('resources.cpus', `expected a number of CPUs above 0 (e.g. 0.5), got ${describe(r.cpus)}.`);
  }
  if (p.number(r.pids, 'resources.pids')) {
    if (Number.isInteger(r.pids) && r.pids > 0) out.pids = r.pids;
    else p.add('resources.pids', `expected a whole number of processes above 0 (e.g. 256), got ${describe(r.pids)}.`);
  }
  return out;
}

function checkHealthcheck(p: InputProblems, h: unknown, refuse: Refuse): HealthcheckSettings | undefined {
  if (h === undefined) {
    refuse('healthcheck', COMPOSE_RULE.healthcheck, 'the service has no healthcheck, so Docker cannot tell a hung service from a healthy one',
      "Give healthcheck: { command: ['/app/healthcheck'] } (or { shell: 'curl -fsS http://localhost:8080/health' } for images with a shell)");
    return undefined;
  }
  if (!p.object(h, 'healthcheck', false)) return undefined;
  const hc = h as ComposeHealthcheck;
  let test: string[] = [];
  if ((hc.command === undefined) === (hc.shell === undefined)) {
    p.add('healthcheck', 'give exactly one of command (exec form) and shell.');
  } else if (hc.command !== undefined) {
    const cmd = stringList(p, hc.command, 'healthcheck.command');
    test = ['CMD', ...(cmd ?? [])];
  } else if (p.string(hc.shell, 'healthcheck.shell', false)) {
    if (hc.shell.trim() === '') p.add('healthcheck.shell', 'expected a command, got an empty string.');
    test = ['CMD-SHELL', hc.shell];
  }
  const duration = (key: 'interval' | 'timeout' | 'startPeriod', fallback: string) => {
    const value = hc[key];
    if (!p.string(value, `healthcheck.${key}`)) return fallback;
    if (!DURATION.test(value)) p.add(`healthcheck.${key}`, `expected a duration such as '30s' or '1m30s', got ${describe(value)}.`);
    return value;
  };
  let retries = 3;
  if (p.number(hc.retries, 'healthcheck.retries')) {
    if (Number.isInteger(hc.retries) && hc.retries > 0) retries = hc.retries;
    else p.add('healthcheck.retries', `expected a whole number above 0, got ${describe(hc.retries)}.`);
  }
  return { test, interval: duration('interval', '30s'), timeout: duration('timeout', '5s'), retries, startPeriod: duration('startPeriod', '10s') };
}

function checkCapAdd(p: InputProblems, caps: unknown, refuse: Refuse): string[] {
  if (!p.list(caps, 'capAdd')) return [];
  const out: string[] = [];
  caps.forEach((c, i) => {
    const field = `capAdd[${i}]`;
    if (!p.string(c, field, false)) return;
    if (!CAPABILITY.test(c)) {
      p.add(field, `expected a capability name such as NET_BIND_SERVICE, got ${describe(c)}.`);
      return;
    }
    const name = capabilityName(c);
    if (name === 'ALL') {
      p.add(field, `ALL gives back every capability, as privileged nearly does (${COMPOSE_RULE.dropCapabilities}). Name the one capability the program needs.`);
      return;
    }
    if (!ALLOWED_ADDED_CAPABILITIES.includes(name)) {
      refuse(field, COMPOSE_RULE.dropCapabilities, `capability ${name} widens what a compromised container can do to the host`,
        `Remove it (only ${ALLOWED_ADDED_CAPABILITIES.slice(0, -1).join(', ')} and ${ALLOWED_ADDED_CAPABILITIES.slice(-1)[0]} are added without a waiver)`);
    }
    out.push(name);
  });
  return out;
}

function checkLabels(p: InputProblems, labels: unknown): Array<[string, string]> {
  if (!p.object(labels, 'labels')) return [];
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(labels)) {
    const field = `labels["${key}"]`;
    if (!LABEL_KEY.test(key)) p.add(field, 'expected a label key of letters, digits, ., _, / and -.');
    else if (key === PHI_LABEL) p.add(field, `the PHI label is set from the phi prop; give phi: ${value === 'false' ? 'false' : 'true'} instead.`);
    if (p.string(value, field, false)) out.push([key, value]);
  }
  return out;
}

function checkVolumes(p: InputProblems, volumes: unknown, refuse: Refuse): ComposeVolumeMount[] {
  if (!p.list(volumes, 'volumes')) return [];
  const out: ComposeVolumeMount[] = [];
  const targets = new Set<string>();
  (volumes as ComposeVolumeMount[]).forEach((v, i) => {
    const field = `volumes[${i}]`;
    if (!p.object(v, field, false)) return;
    if (p.string(v.target, `${field}.target`, false)) {
      if (!isContainerPath(v.target)) p.add(`${field}.target`, `expected an absolute path inside the container, got ${describe(v.target)}.`);
      else if (targets.has(v.target)) p.add(`${field}.target`, `${v.target} is mounted twice.`);
      targets.add(v.target);
    }
    p.boolean(v.readOnly, `${field}.readOnly`);
    if ((v.volume === undefined) === (v.hostPath === undefined)) {
      p.add(field, 'give exactly one of volume (a named volume) and hostPath.');
      return;
    }
    if (v.volume !== undefined) {
      if (p.string(v.volume, `${field}.volume`, false) && !VOLUME_NAME.test(v.volume)) {
        p.add(`${field}.volume`, `expected a volume name of letters, digits, _, . and - (starting with a letter or digit), got ${describe(v.volume)}.`);
      }
    } else if (p.string(v.hostPath, `${field}.hostPath`, false)) {
      const host = normalizeHostPath(v.hostPath);
      if (!v.hostPath.startsWith('/') || v.hostPath.split('/').includes('..')) {
        p.add(`${field}.hostPath`, `expected an absolute host path without '..', got ${describe(v.hostPath)}.`);
      } else if (RUNTIME_SOCKET.test(host)) {
        p.add(`${field}.hostPath`, `${host} is a container runtime socket: whoever reaches it controls every container and the host (${COMPOSE_RULE.hostMounts}). ` +
          'No waiver accepts it; run the tool that needs it on the host, outside the project.');
      } else if (sensitiveHostDirectory(host) !== undefined && !(isReadOnlyHostFile(host) && v.readOnly !== false)) {
        refuse(`${field}.hostPath`, COMPOSE_RULE.hostMounts, `${host} is a sensitive host path: it exposes the host's configuration, processes or other containers' data`,
          'Use a named volume (volume) instead, or mount only the one file the program needs from a directory of its own');
      }
    }
    out.push(v);
  });
  return out;
}

function checkLogging(p: InputProblems, logging: unknown, refuse: Refuse): ComposeLogging | undefined {
  if (!p.object(logging, 'logging')) return undefined;
  const l = logging as ComposeLogging;
  if (p.string(l.driver, 'logging.driver', false)) {
    if (!LOG_DRIVER.test(l.driver)) {p.add('logging.driver', `expected a log driver name such as awslogs, got ${describe(l.driver)}.`);} else if (l.driver === 'none') {
      refuse('logging.driver', COMPOSE_RULE.loggingDriver, 'driver none discards the service\'s logs, which are audit evidence (45 CFR 164.312(b))',
        'Leave logging out to use the daemon\'s log driver, or name a driver that ships logs off the host (awslogs, syslog, fluentd)');
    }
  }
  if (p.object(l.options, 'logging.options')) {
    for (const [k, v] of Object.entries(l.options)) p.string(v, `logging.options.${k}`, false);
  }
  return l;
}

function isPort(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
}

function isContainerPath(path: string): boolean {
  return path.startsWith('/') && path.length > 1 && !path.includes(':') && !path.split('/').includes('..');
}


function sizeBytes(size: string): number {
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[size.slice(-1) as 'k' | 'm' | 'g'];
  return Number(size.slice(0, -1)) * unit;
}
