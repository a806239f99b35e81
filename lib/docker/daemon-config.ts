/**
 * The hardened daemon.json, as a plain object: one source for HardenedDockerDaemon (which writes the
 * file) and HipaaDockerHost (which installs it on an EC2 host through user data).
 *
 * It passes every daemon rule (lib/rules/docker/daemon) and is a file dockerd accepts: only keys of the
 * dockerd configuration file, each with the type dockerd decodes it into.
 *
 * **Flags and file must not overlap.** dockerd refuses to start when an option is given both as a flag and
 * in daemon.json ("the following directives are specified both as a flag and in the configuration file").
 * The packaged docker.service starts `dockerd -H fd:// --containerd=/run/containerd/containerd.sock`, so:
 * without `tcp` the file has no `hosts` and that unit works as it is; with `tcp` the file lists the hosts
 * (the unix socket and the TCP listener), and the host must drop `-H fd://` from the unit, with a systemd
 * drop-in that clears and sets ExecStart (`ExecStart=` then `ExecStart=/usr/bin/dockerd
 * --containerd=/run/containerd/containerd.sock`). HipaaDockerHost must do that whenever it passes `tcp`,
 * and must pass no other dockerd flag that this file sets.
 */
import * as path from 'path';
import { REMOTE_LOG_DRIVERS, remoteLoggingProblems } from '../rules/docker/support/daemon-logging';

/** Where the daemon sends container logs: a driver that ships them off the host. */
export interface DaemonLogging {
  /** Log driver, e.g. `awslogs`, `syslog` (with a `tcp+tls://` address), `splunk` (https), `gcplogs`. */
  readonly driver: string;
  /** The driver's options, e.g. `{ 'awslogs-group': '/hipaa/docker', 'awslogs-region': 'us-east-1' }`. */
  readonly options: Record<string, string>;
}

/** A TCP listener of the Docker API, with mutual TLS. */
export interface DaemonTcpListener {
  /** `host:port` dockerd listens on, e.g. `10.0.1.5:2376` (written as `tcp://10.0.1.5:2376`). */
  readonly address: string;
  /** Absolute path of the CA certificate that signs the client certificates dockerd accepts (`tlscacert`). */
  readonly caCertPath: string;
  /** Absolute path of the daemon's certificate (`tlscert`). */
  readonly certPath: string;
  /** Absolute path of the daemon's private key (`tlskey`). */
  readonly keyPath: string;
}

/** A soft and a hard limit. */
export interface DaemonUlimit {
  /** The limit a process starts with (at most `hard`). */
  readonly soft: number;
  /** The ceiling a process may raise its soft limit to. */
  readonly hard: number;
}

/** Default ulimits of every container (CIS 2.8). */
export interface DaemonUlimits {
  /** Open files per process. @default { soft: 65536, hard: 65536 } */
  readonly nofile?: DaemonUlimit;
  /**
   * Processes per host UID: with userns-remap every container's users share one host range, so this bounds
   * all containers' processes of one UID together; size it for the host. @default { soft: 8192, hard: 8192 }
   */
  readonly nproc?: DaemonUlimit;
}

/** dockerd's log levels (`log-level`). */
export type DaemonLogLevel = 'panic' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Options of {@link hardenedDaemonConfig}. */
export interface HardenedDaemonOptions {
  /** Where container logs go (CIS 2.13: a remote log driver with an address). */
  readonly logging: DaemonLogging;
  /** Authorization plugins the daemon asks before each API call (CIS 2.12), installed on the host. @default - none (the daemon rule docker-daemon-authorization-plugin then needs a waiver) */
  readonly authorizationPlugins?: string[];
  /** `userns-remap`: `default` (dockerd creates dockremap) or `user[:group]` with /etc/subuid and /etc/subgid ranges. @default 'default' */
  readonly userNamespaceRemap?: string;
  /** A TCP listener with mutual TLS, next to the unix socket (see the module comment about `-H fd://`). @default - the local unix socket only (no `hosts` key) */
  readonly tcp?: DaemonTcpListener;
  /** Default ulimits of containers. @default - nofile 65536/65536 and nproc 8192/8192 */
  readonly defaultUlimits?: DaemonUlimits;
  /** `seccomp-profile`: `builtin` or the absolute path of a custom profile; never `unconfined`. @default - dockerd's built-in profile (key not written) */
  readonly seccompProfile?: string;
  /** dockerd's own log level (CIS 2.3 asks for info). @default 'info' */
  readonly logLevel?: DaemonLogLevel;
  /** `max-concurrent-downloads`: layers pulled at once. @default - dockerd's 3 (key not written) */
  readonly maxConcurrentDownloads?: number;
  /** `data-root`: absolute path of images, containers and volumes (put it on an encrypted volume). @default - dockerd's /var/lib/docker (key not written) */
  readonly dataRoot?: string;
}

/** Default nofile and nproc ulimits. */
export const DEFAULT_DAEMON_ULIMITS: Required<DaemonUlimits> = { nofile: { soft: 65536, hard: 65536 }, nproc: { soft: 8192, hard: 8192 } };

const OPTION_KEYS = new Set(['logging', 'authorizationPlugins', 'userNamespaceRemap', 'tcp', 'defaultUlimits', 'seccompProfile', 'logLevel', 'maxConcurrentDownloads', 'dataRoot']);
const LOG_LEVELS: readonly string[] = ['panic', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'];
const REMAP = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/;

/**
 * The hardened daemon.json for `options`, as an object to serialize with JSON.stringify (keys sorted).
 * @throws Error listing every invalid option (see {@link hardenedDaemonConfigProblems})
 */
export function hardenedDaemonConfig(options: HardenedDaemonOptions): Record<string, unknown> {
  const problems = hardenedDaemonConfigProblems(options);
  if (problems.length > 0) throw new Error(`hardenedDaemonConfig: invalid options: ${problems.join('; ')}`);
  const ulimits = { ...DEFAULT_DAEMON_ULIMITS, ...options.defaultUlimits };
  const config: Record<string, unknown> = {
    'default-ulimits': {
      nofile: { Name: 'nofile', Hard: ulimits.nofile.hard, Soft: ulimits.nofile.soft },
      nproc: { Name: 'nproc', Hard: ulimits.nproc.hard, Soft: ulimits.nproc.soft },
    },
    'icc': false,
    'iptables': true,
    'live-restore': true,
    'log-driver': options.logging.driver,
    'log-level': options.logLevel ?? 'info',
    'log-opts': { ...options.logging.options },
    'no-new-privileges': true,
    'userland-proxy': false,
    'userns-remap': options.userNamespaceRemap ?? 'default',
  };
  if (options.authorizationPlugins !== undefined) config['authorization-plugins'] = [...options.authorizationPlugins];
  if (options.dataRoot !== undefined) config['data-root'] = options.dataRoot;
  if (options.maxConcurrentDownloads !== undefined) config['max-concurrent-downloads'] = options.maxConcurrentDownloads;
  if (options.seccompProfile !== undefined) config['seccomp-profile'] = options.seccompProfile;
  if (options.tcp !== undefined) {
    config.hosts = ['unix:///var/run/docker.sock', `tcp://${options.tcp.address}`];
    config.tls = true;
    config.tlsverify = true;
    config.tlscacert = options.tcp.caCertPath;
    config.tlscert = options.tcp.certPath;
    config.tlskey = options.tcp.keyPath;
  }
  return Object.fromEntries(Object.entries(config).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every problem of `options`, each `<field>: <what is wrong and the fix>` (empty when they are valid). */
export function hardenedDaemonConfigProblems(options: HardenedDaemonOptions): string[] {
  const problems: string[] = [];
  if (options === null || typeof options !== 'object') return [`options must be an object with at least logging (got ${JSON.stringify(options)})`];
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) problems.push(`${key}: not an option of the hardened daemon.json (options: ${[...OPTION_KEYS].join(', ')})`);
  }
  problems.push(...loggingProblems(options.logging));
  const plugins: unknown = options.authorizationPlugins;
  if (plugins !== undefined) {
    if (!Array.isArray(plugins) || plugins.length === 0) {
      problems.push('authorizationPlugins: must be a non-empty list of plugin names installed on the host (e.g. ["opa-docker-authz"]), or left out');
    } else {
      plugins.forEach((p, i) => {
        if (typeof p !== 'string' || p.trim() === '' || p !== p.trim()) problems.push(`authorizationPlugins[${i}]: ${JSON.stringify(p)} is not a plugin name`);
        else if (plugins.indexOf(p) !== i) problems.push(`authorizationPlugins[${i}]: '${p}' is listed twice`);
      });
    }
  }
  const remap: unknown = options.userNamespaceRemap;
  if (remap !== undefined && (typeof remap !== 'string' || !REMAP.test(remap))) {
    problems.push(`userNamespaceRemap: ${JSON.stringify(remap)} is not 'default' or 'user[:group]' (docker-daemon-userns-remap needs a remapping)`);
  }
  if (options.tcp !== undefined) problems.push(...tcpProblems(options.tcp));
  problems.push(...ulimitProblems(options.defaultUlimits));
  const seccomp: unknown = options.seccompProfile;
  if (seccomp !== undefined) {
    if (typeof seccomp === 'string' && seccomp.trim().toLowerCase() === 'unconfined') {
      problems.push("seccompProfile: 'unconfined' removes the system call filter from every container (rule docker-daemon-seccomp); leave it out, or give 'builtin' or the absolute path of a custom profile");
    } else if (seccomp !== 'builtin' && !isAbsolutePath(seccomp)) {
      problems.push(`seccompProfile: ${JSON.stringify(seccomp)} is not 'builtin' or an absolute path of a profile (e.g. /etc/docker/seccomp.json)`);
    }
  }
  const level: unknown = options.logLevel;
  if (level !== undefined && !LOG_LEVELS.includes(level as string)) problems.push(`logLevel: ${JSON.stringify(level)} is not a dockerd log level (${LOG_LEVELS.join(', ')}; CIS 2.3 asks for info)`);
  const downloads: unknown = options.maxConcurrentDownloads;
  if (downloads !== undefined && !(typeof downloads === 'number' && Number.isInteger(downloads) && downloads >= 1)) {
    problems.push(`maxConcurrentDownloads: ${JSON.stringify(downloads)} is not a whole number of at least 1`);
  }
  if (options.dataRoot !== undefined && !isAbsolutePath(options.dataRoot)) {
    problems.push(`dataRoot: ${JSON.stringify(options.dataRoot)} is not an absolute path (e.g. /var/lib/docker on an encrypted volume)`);
  }
  return problems;
}

const LOGGING_FIX = `name a driver that ships logs off the host (${REMOTE_LOG_DRIVERS.join(', ')}) and its options, e.g. { driver: 'awslogs', options: { 'awslogs-group': '/hipaa/docker', 'awslogs-region': 'us-east-1' } }`;

function loggingProblems(logging: unknown): string[] {
  if (logging === null || typeof logging !== 'object' || Array.isArray(logging)) {
    return [`logging: required: ${LOGGING_FIX}`];
  }
  const { driver, options } = logging as Record<string, unknown>;
  const problems: string[] = [];
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    problems.push(`logging.options: must be an object of the driver's options (strings), got ${JSON.stringify(options)}`);
  } else {
    for (const [key, value] of Object.entries(options)) {
      if (typeof value !== 'string') problems.push(`logging.options.${key}: must be a string (dockerd decodes log-opts as strings), got ${JSON.stringify(value)}`);
    }
  }
  for (const p of remoteLoggingProblems(driver, options)) {
    const field = p.path === 'log-driver' ? 'logging.driver' : `logging.options.${p.path.slice('log-opts.'.length)}`;
    // A refused driver says what to give instead, as a missing logging does.
    const fix = p.path === 'log-driver' ? `: instead, ${LOGGING_FIX}` : '';
    problems.push(`${field}: ${p.reason} (rule docker-daemon-remote-logging)${fix}`);
  }
  return problems;
}

function tcpProblems(tcp: DaemonTcpListener): string[] {
  if (tcp === null || typeof tcp !== 'object') return [`tcp: must be { address, caCertPath, certPath, keyPath }, got ${JSON.stringify(tcp)}`];
  const problems: string[] = [];
  const address: unknown = tcp.address;
  const m = typeof address === 'string' ? /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(address) : null;
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) {
    problems.push(`tcp.address: ${JSON.stringify(address)} is not host:port (e.g. '10.0.1.5:2376'; the tcp:// scheme is added)`);
  }
  for (const key of ['caCertPath', 'certPath', 'keyPath'] as const) {
    const value: unknown = tcp[key];
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`tcp.${key}: required: the absolute path of ${key === 'caCertPath' ? 'the CA that signs client certificates' : key === 'certPath' ? "the daemon's certificate" : "the daemon's private key"} (rule docker-daemon-tls-verify)`);
    } else if (!isAbsolutePath(value)) {
      problems.push(`tcp.${key}: '${value}' is relative: dockerd would resolve it against its working directory; give an absolute path (e.g. /etc/docker/tls/${key === 'caCertPath' ? 'ca' : key === 'certPath' ? 'server' : 'server-key'}.pem)`);
    }
  }
  return problems;
}

function ulimitProblems(ulimits: DaemonUlimits | undefined): string[] {
  if (ulimits === undefined) return [];
  if (ulimits === null || typeof ulimits !== 'object') return [`defaultUlimits: must be { nofile?, nproc? }, got ${JSON.stringify(ulimits)}`];
  const problems: string[] = [];
  for (const key of Object.keys(ulimits)) {
    if (key !== 'nofile' && key !== 'nproc') problems.push(`defaultUlimits.${key}: not a ulimit this option sets (nofile, nproc)`);
  }
  for (const name of ['nofile', 'nproc'] as const) {
    const u = ulimits[name];
    if (u === undefined) continue;
    const bad = (['soft', 'hard'] as const).filter((k) => !(typeof u?.[k] === 'number' && Number.isInteger(u[k]) && u[k] >= 1 && u[k] <= 2 ** 31 - 1));
    if (bad.length > 0) {
      problems.push(`defaultUlimits.${name}.${bad[0]}: ${JSON.stringify(u?.[bad[0]])} is not a whole number from 1 to 2147483647`);
    } else if (u.soft > u.hard) {
      problems.push(`defaultUlimits.${name}: soft ${u.soft} is above hard ${u.hard}; no container could start (rule docker-daemon-default-ulimits)`);
    }
  }
  return problems;
}

function isAbsolutePath(value: unknown): boolean {
  return typeof value === 'string' && path.posix.isAbsolute(value) && !value.includes('\0');
}
