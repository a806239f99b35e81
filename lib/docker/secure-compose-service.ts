import { Construct } from 'constructs';
import { ServiceSettings, validateFlowOptions, validateServiceProps } from './compose-service-validation';
import { dockerAppOf } from './docker-app';
import type { HipaaComposeProject } from './hipaa-compose-project';
import type { ComposeFlowOptions, SecureComposeServiceProps } from './secure-compose-service-props';
import { childPath, describe } from '../input-problems';

export type { ComposeFlowOptions, ComposeHealthcheck, ComposeLogging, ComposePort, ComposeResources, ComposeServiceSecret, ComposeVolumeMount, SecureComposeServiceProps } from './secure-compose-service-props';

const SERVICE = Symbol.for('hipaa-constructs.SecureComposeService');
const SERVICE_NAME = /^[a-z0-9][a-z0-9_.-]*$/;

/** Where a service is attached, as its project decided from the declared flows. */
export interface ServiceAttachments {
  /** Networks the service joins (none: `network_mode: none`). */
  readonly networks: readonly string[];
  /** Ports other services reach it on (`5432/tcp`), written as `expose`. */
  readonly expose: readonly string[];
  /** Services it starts after, with the condition. */
  readonly dependsOn: ReadonlyArray<readonly [string, 'service_healthy' | 'service_started']>;
}

/**
 * A service of a {@link HipaaComposeProject}, hardened by default: image pinned by digest from an allowed
 * registry, numeric non-root user (65532:65532), read-only root filesystem with a `noexec` /tmp tmpfs,
 * every capability dropped, no-new-privileges, memory/CPU/PIDs limits, a required healthcheck, secrets
 * as files under /run/secrets, ports bound to one host address, and networks only for the flows declared
 * with {@link connectTo} / {@link allowFrom} (`network_mode: none` when there are none). It never writes
 * `privileged`, host namespaces, the Docker socket or an unconfined security profile. Each weaker setting
 * is refused naming its rule unless `waivers` accepts that rule; waivers are written as `x-hipaa-waivers`.
 *
 * Resource limits are written as `mem_limit`, `cpus` and `pids_limit`, which `docker compose` (v2)
 * applies outside Swarm in every version; on Swarm (`swarm: true` on the project) as
 * `deploy.resources.limits`, which `docker stack deploy` applies and the service-level keys it ignores.
 */
export class SecureComposeService extends Construct {
  /** Whether a construct is a SecureComposeService (also one of another loaded copy of this package). */
  public static isSecureComposeService(x: unknown): x is SecureComposeService {
    return x !== null && typeof x === 'object' && SERVICE in x;
  }

  /** The service's key in the Compose file: its construct id. */
  public readonly serviceName: string;
  /** The project it belongs to. */
  public readonly project: HipaaComposeProject;
  /** Its settings, checked, every default applied. @internal */
  public readonly _settings: ServiceSettings;

  constructor(scope: HipaaComposeProject, id: string, props: SecureComposeServiceProps) {
    const path = childPath(scope, id);
    const project = projectOf(scope, path);
    if (!SERVICE_NAME.test(id)) {
      throw new Error(`[${path}] id: '${id}' is the service's name in the Compose file; use lower-case letters, digits, '_', '.' and '-', starting with a letter or digit.`);
    }
    const app = dockerAppOf(scope)!;
    const settings = validateServiceProps(props, {
      path,
      allowedRegistries: app.allowedRegistries,
      maxWaiverMonths: app.maxWaiverMonths,
      secrets: project._secretNames(),
      swarm: project.swarm,
      knownRuleIds: project._knownRuleIds(),
      now: new Date(),
    });
    super(scope, id);
    Object.defineProperty(this, SERVICE, { value: true });
    this.serviceName = id;
    this.project = project;
    this._settings = settings;
  }

  /** Whether the service is classified as PHI. */
  public get phi(): boolean {
    return this._settings.phi;
  }

  /**
   * Declares that this service connects to `receiver` on `options.port`: the two then share a network of
   * their own (internal), and no other service is on it.
   */
  public connectTo(receiver: SecureComposeService, options: ComposeFlowOptions): void {
    this.flow(this, receiver, options, `connectTo(${describePeer(receiver)})`);
  }

  /** Declares that `sender` connects to this service on `options.port` (the same flow as `sender.connectTo(this, options)`). */
  public allowFrom(sender: SecureComposeService, options: ComposeFlowOptions): void {
    this.flow(sender, this, options, `allowFrom(${describePeer(sender)})`);
  }

  /** The service as the Compose file writes it, attached as the project decided. @internal */
  public _render(attachments: ServiceAttachments): Record<string, unknown> {
    const s = this._settings;
    const swarm = this.project.swarm;
    const limits = { cpus: String(s.resources.cpus), memory: s.resources.memory, pids: s.resources.pids };
    const out: Record<string, unknown> = {
      image: s.image,
      ...(s.entrypoint ? { entrypoint: s.entrypoint.map(escape) } : {}),
      ...(s.command ? { command: s.command.map(escape) } : {}),
      user: s.user,
      read_only: s.readOnly,
      ...(s.tmpfs.length > 0 ? { tmpfs: [...s.tmpfs] } : {}),
      cap_drop: ['ALL'],
      ...(s.capAdd.length > 0 ? { cap_add: [...s.capAdd] } : {}),
      security_opt: ['no-new-privileges:true'],
      ...(swarm
        ? { deploy: { resources: { limits } } }
        : { mem_limit: s.resources.memory, cpus: s.resources.cpus, pids_limit: s.resources.pids }),
    };
    const env: Array<readonly [string, string]> = [...s.environment, ...s.secrets.filter((x) => x.fileEnv).map((x) => [x.fileEnv!, `/run/secrets/${x.name}`] as [string, string])];
    if (env.length > 0) out.environment = Object.fromEntries(env.map(([k, v]) => [k, escape(v)]));
    if (s.secrets.length > 0) out.secrets = s.secrets.map((x) => x.name);
    if (s.ports.length > 0) {
      out.ports = s.ports.map((p) => ({ target: p.target, published: String(p.published), host_ip: p.hostIp, protocol: p.protocol }));
    }
    if (attachments.expose.length > 0) out.expose = [...attachments.expose];
    if (attachments.networks.length > 0) out.networks = [...attachments.networks];
    else out.network_mode = 'none';
    if (s.volumes.length > 0) {
      out.volumes = s.volumes.map((v) => v.volume !== undefined
        ? { type: 'volume', source: v.volume, target: v.target, read_only: v.readOnly ?? false }
        : { type: 'bind', source: v.hostPath, target: v.target, read_only: v.readOnly ?? true, bind: { create_host_path: false } });
    }
    if (attachments.dependsOn.length > 0) {
      out.depends_on = Object.fromEntries(attachments.dependsOn.map(([name, condition]) => [name, { condition }]));
    }
    if (s.healthcheck) {
      const h = s.healthcheck;
      out.healthcheck = { test: h.test.map(escape), interval: h.interval, timeout: h.timeout, retries: h.retries, start_period: h.startPeriod };
    }
    if (s.logging) out.logging = { driver: s.logging.driver, ...(s.logging.options ? { options: { ...s.logging.options } } : {}) };
    if (!swarm) out.restart = s.restart;
    out.labels = Object.fromEntries(s.labels);
    if (s.waivers.length > 0) {
      out['x-hipaa-waivers'] = s.waivers.map((w) => ({
        ruleId: w.ruleId, reason: w.reason, expires: w.expires, ...(w.owner ? { owner: w.owner } : {}), ...(w.ticket ? { ticket: w.ticket } : {}),
      }));
    }
    return out;
  }

  private flow(sender: SecureComposeService, receiver: SecureComposeService, options: ComposeFlowOptions, field: string): void {
    const other = sender === this ? receiver : sender;
    if (!SecureComposeService.isSecureComposeService(other)) {
      throw new Error(`[${this.node.path}] ${field}: expected a SecureComposeService of the same project, got ${describe(other)}.`);
    }
    if (other === this) throw new Error(`[${this.node.path}] ${field}: a service needs no flow to itself.`);
    if (other.project !== this.project) {
      throw new Error(`[${this.node.path}] ${field}: ${other.node.path} is in another project (${other.project.node.path}); services of different Compose projects share no network. Put both in one HipaaComposeProject.`);
    }
    const checked = validateFlowOptions(this.node.path, field, options);
    this.project._addFlow({ sender, receiver, ...checked, declaredOn: this.node.path, field });
  }
}

function projectOf(scope: unknown, path: string): HipaaComposeProject {
  const project = scope as HipaaComposeProject;
  if (!isProject(project)) {
    throw new Error(`[${path}] scope: a SecureComposeService is created in a HipaaComposeProject, got ${describe(scope)}. Pass the project as the first argument.`);
  }
  return project;
}

function isProject(x: unknown): boolean {
  return x !== null && typeof x === 'object' && Symbol.for('hipaa-constructs.HipaaComposeProject') in x;
}

function describePeer(peer: unknown): string {
  return SecureComposeService.isSecureComposeService(peer) ? peer.node.path : describe(peer);
}

/** `$` as Compose writes a literal dollar (`$$`), so the container gets the value given, not an interpolation. */
function escape(value: string): string {
  return value.replace(/\$/g, '$$$$');
}
