import { posix } from 'path';
import { Construct } from 'constructs';
import { ComposeFlow, planNetworks } from './compose-networks';
import { dockerAppOf } from './docker-app';
import { DockerArtifact } from './docker-artifact';
import { SecureComposeService } from './secure-compose-service';
import { childPath, describe, InputProblems } from '../input-problems';
import { dockerPack } from '../rules/docker';

const PROJECT = Symbol.for('hipaa-constructs.HipaaComposeProject');
/** The directory of each project's file, by app: hipaa-check reads the Compose files of one directory as one project. */
const DIRECTORIES = new WeakMap<object, Map<string, { path: string; fileName: string }>>();
const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;
const SECRET_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;

/** Where a secret of the project is read from. */
export interface ComposeSecretSource {
  /**
   * File holding the secret on the machine that runs `docker compose` (relative to the Compose file, or
   * absolute). It is mounted read-only into the services that list the secret, under /run/secrets/<name>;
   * keep it out of version control and readable only by the deploying user.
   */
  readonly file: string;
}

/** Props of {@link HipaaComposeProject}. */
export interface HipaaComposeProjectProps {
  /**
   * Project name (`name:` in the file, the prefix of its containers, networks and volumes): lower-case
   * letters, digits, `-` and `_`, starting with a letter or digit.
   * @default - the construct id, lower-cased, other characters replaced by `-`
   */
  readonly name?: string;
  /**
   * Path of the Compose file in the app's outdir: a name `docker compose` reads, in a directory of its own
   * (the Compose files of one directory are read as one project). @default '<construct path>/compose.yaml'
   */
  readonly fileName?: string;
  /**
   * Whether the project is deployed on Docker Swarm (`docker stack deploy`): its networks are then
   * overlay networks, encrypted (`driver_opts: { encrypted: "" }`), and resource limits are written
   * under `deploy.resources.limits`. @default false (`docker compose` on one host: bridge networks)
   */
  readonly swarm?: boolean;
  /** Secrets of the project, by name, each read from a file and given to services as files. @default - none */
  readonly secrets?: Record<string, ComposeSecretSource>;
}

/**
 * A Compose project (one Compose file) of hardened {@link SecureComposeService}s, checked with the Docker
 * pack when its {@link HipaaDockerApp} synthesizes. Networks follow the declared flows and nothing else:
 *
 * - each pair of services with a flow between them (either way) gets a network of its own, named
 *   `<sender>-to-<receiver>` after the first flow declared, `internal: true` (no route out of the host),
 *   listing its flows in `x-hipaa-flows` and its tier (`phi` when either end is PHI, else `internal`) in
 *   the label `hipaa-constructs.io/network-tier`. Two services share a network only when a flow between
 *   them is declared, so a compromised service reaches only the services it talks to;
 * - a service that publishes ports or asks for egress gets a network of its own, `<service>-edge`
 *   (tier `edge`, not internal: Docker publishes ports and routes outbound traffic only through such a
 *   network). A PHI service without published ports (a PHI back-end) stays on internal networks only;
 * - a service with neither gets `network_mode: none`.
 *
 * On Swarm every network is an encrypted overlay network. The file starts with a comment saying it is
 * generated; keys are written in a fixed order, so the same constructs always give the same file.
 */
export class HipaaComposeProject extends DockerArtifact {
  /** Whether a construct is a HipaaComposeProject (also one of another loaded copy of this package). */
  public static isHipaaComposeProject(x: unknown): x is HipaaComposeProject {
    return x !== null && typeof x === 'object' && PROJECT in x;
  }

  /** Path of the Compose file in the app's outdir. */
  public readonly fileName: string;
  /** The project name (`name:`). */
  public readonly projectName: string;
  /** Whether the project is deployed on Docker Swarm. */
  public readonly swarm: boolean;
  private readonly secrets: ReadonlyArray<readonly [string, string]>;
  private readonly flows: ComposeFlow[] = [];
  private knownRuleIds?: ReadonlySet<string>;

  constructor(scope: Construct, id: string, props: HipaaComposeProjectProps = {}) {
    const path = childPath(scope, id);
    const p = new InputProblems(path);
    if (!dockerAppOf(scope)) {
      p.add('scope', `a HipaaComposeProject is created inside a HipaaDockerApp, which checks and writes it; got a tree rooted at ${describe(scope.node.root)}.`);
    }
    if (!p.object(props, 'props', false)) p.throwIfAny();
    let projectName = id.toLowerCase().replace(/[^a-z0-9_-]/g, '-').replace(/^[-_]+/, '');
    if (p.string(props.name, 'name')) {
      projectName = props.name;
      if (!PROJECT_NAME.test(props.name)) p.add('name', `'${props.name}' is not a Compose project name: use lower-case letters, digits, '-' and '_', starting with a letter or digit.`);
    } else if (projectName === '') {
      p.add('name', `the id '${id}' gives no project name; give name, e.g. 'clinic'.`);
    }
    const fileName = p.string(props.fileName, 'fileName') ? props.fileName : `${path}/compose.yaml`;
    if (!/(?:^|\/)(?:docker-)?compose(?:\.[^/]+)?\.ya?ml$/.test(fileName)) {
      p.add('fileName', `'${fileName}' is not a name docker compose reads; end it in compose.yaml (e.g. '${id}/compose.yaml').`);
    }
    const secrets: Array<[string, string]> = [];
    if (p.object(props.secrets, 'secrets')) {
      for (const [name, source] of Object.entries(props.secrets)) {
        const field = `secrets.${name}`;
        if (!SECRET_NAME.test(name)) p.add(field, 'expected a secret name of letters, digits, ., _ and - starting with a letter or digit.');
        if (!p.object(source, field, false)) continue;
        if (p.string(source.file, `${field}.file`, false)) {
          if (source.file.trim() === '') p.add(`${field}.file`, 'expected the path of the file holding the secret, got an empty string.');
          else secrets.push([name, source.file]);
        }
        for (const key of Object.keys(source)) {
          if (key !== 'file') p.add(`${field}.${key}`, 'unknown field: a secret is read from a file only (an environment variable would put it where docker inspect shows it).');
        }
      }
    }
    p.boolean(props.swarm, 'swarm');
    const app = dockerAppOf(scope);
    const dirs = app ? DIRECTORIES.get(app) ?? new Map<string, { path: string; fileName: string }>() : undefined;
    const dir = posix.dirname(posix.normalize(fileName));
    const other = dirs?.get(dir);
    if (other) {
      p.add('fileName', `'${fileName}' is in the directory of the Compose file of ${other.path} ('${other.fileName}'); hipaa-check reads the Compose files ` +
        'of one directory as one project (a base file and its overrides). Give each project a directory of its own.');
    }
    p.throwIfAny();
    if (app && dirs) {
      dirs.set(dir, { path, fileName });
      DIRECTORIES.set(app, dirs);
    }
    super(scope, id);
    Object.defineProperty(this, PROJECT, { value: true });
    this.fileName = fileName;
    this.projectName = projectName;
    this.swarm = props.swarm ?? false;
    this.secrets = secrets;
  }

  /** The services of the project, in the order they were created. */
  public get services(): SecureComposeService[] {
    return this.node.children.filter(SecureComposeService.isSecureComposeService);
  }

  /** The Compose document, as an object (what {@link render} writes as YAML). */
  public toCompose(): Record<string, unknown> {
    const services = this.services;
    const plan = planNetworks(this.node.path, services, this.flows, this.swarm);
    const doc: Record<string, unknown> = { name: this.projectName };
    doc.services = Object.fromEntries(services.map((s) => [s.serviceName, s._render(plan.attachments.get(s)!)]));
    if (plan.networks.size > 0) doc.networks = Object.fromEntries(plan.networks);
    if (this.secrets.length > 0) doc.secrets = Object.fromEntries(this.secrets.map(([name, file]) => [name, { file }]));
    const volumes = [...new Set(services.flatMap((s) => s._settings.volumes.flatMap((v) => (v.volume !== undefined ? [v.volume] : []))))];
    if (volumes.length > 0) doc.volumes = Object.fromEntries(volumes.map((v) => [v, {}]));
    return doc;
  }

  /** The Compose file's text: a header comment and the document as YAML. */
  public render(): string {
    // js-yaml is loaded on first use, like the readers: importing the Docker entry stays cheap.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require('js-yaml') as typeof import('js-yaml');
    const header = [
      `# Generated by hipaa-constructs from ${this.node.path} (HipaaComposeProject). Do not edit:`,
      '# change the constructs and synthesize again. Checked with the hipaa-constructs Docker pack.',
    ].join('\n');
    return `${header}\n${yaml.dump(this.toCompose(), { noRefs: true, lineWidth: -1, quotingType: '"' })}`;
  }

  /** Names of the project's secrets. @internal */
  public _secretNames(): ReadonlySet<string> {
    return new Set(this.secrets.map(([name]) => name));
  }

  /** Rule ids a waiver of a service may name. @internal */
  public _knownRuleIds(): ReadonlySet<string> {
    this.knownRuleIds ??= new Set(dockerPack.rules.map((r) => r.id));
    return this.knownRuleIds;
  }

  /** Records a flow declared by a service. @internal */
  public _addFlow(flow: ComposeFlow): void {
    this.flows.push(flow);
  }
}
