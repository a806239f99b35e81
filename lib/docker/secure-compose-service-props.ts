/** Props of {@link SecureComposeService} and the shapes inside them. */
import type { Waiver } from '../check/waiver';

/** A port published on the host. Docker publishes on every address unless told one, so the address is required. */
export interface ComposePort {
  /**
   * Host address the port listens on: a specific IPv4 or IPv6 address (`127.0.0.1` for a reverse proxy on
   * the host, the address of one interface); never `0.0.0.0` or `::` (docker-compose-port-host-binding).
   */
  readonly hostIp: string;
  /** Port on the host (1-65535). */
  readonly published: number;
  /** Port inside the container (1-65535). */
  readonly target: number;
  /** Transport protocol. @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp';
}

/** How Docker tells whether the service is healthy (the image's HEALTHCHECK cannot be seen from the Compose file). */
export interface ComposeHealthcheck {
  /** Command run in the container, exec form (written as `[CMD, ...command]`), e.g. `['/app/healthcheck']`. @default - `shell` */
  readonly command?: string[];
  /** Command run by the container's shell (written as `[CMD-SHELL, shell]`), for images that have a shell. @default - `command` */
  readonly shell?: string;
  /** Time between checks (Compose duration, e.g. `30s`, `1m30s`). @default '30s' */
  readonly interval?: string;
  /** Time one check may take. @default '5s' */
  readonly timeout?: string;
  /** Failed checks in a row that make the service unhealthy. @default 3 */
  readonly retries?: number;
  /** Time after start during which failures do not count. @default '10s' */
  readonly startPeriod?: string;
}

/** Limits of the container's memory, CPU and process count (a runaway container cannot starve the host). */
export interface ComposeResources {
  /** Memory limit: a whole number with unit `k`, `m` or `g`, at least 6m (Docker's minimum). @default '512m' */
  readonly memory?: string;
  /** CPUs the container may use (e.g. 0.5, 2). @default 1 */
  readonly cpus?: number;
  /** Most processes and threads in the container. @default 256 */
  readonly pids?: number;
}

/** A volume mounted into the container: a named volume of the project, or (not by default) a host path. */
export interface ComposeVolumeMount {
  /** Name of a named volume, declared in the project by this mount. @default - `hostPath` */
  readonly volume?: string;
  /**
   * Absolute host path to bind-mount. Sensitive host paths (`/`, `/etc`, `/proc`, `/var/lib/docker`, ...) are
   * refused (docker-compose-host-mounts) unless waived; the Docker socket is always refused.
   * @default - `volume`
   */
  readonly hostPath?: string;
  /** Absolute path inside the container. */
  readonly target: string;
  /** Whether the mount is read-only. @default - false for a named volume, true for a host path */
  readonly readOnly?: boolean;
}

/** Where the container's logs go. */
export interface ComposeLogging {
  /** Log driver, e.g. `awslogs`, `syslog`, `fluentd`; never `none` (docker-compose-logging-driver). */
  readonly driver: string;
  /** Options of the driver. @default - none */
  readonly options?: Record<string, string>;
}

/** A secret of the project given to the service as a file under /run/secrets. */
export interface ComposeServiceSecret {
  /** Name of the secret in the project's `secrets`. */
  readonly name: string;
  /**
   * Also set an environment variable holding the file's path (`/run/secrets/<name>`), for images that read
   * `<NAME>_FILE` (postgres, mysql...): `true` names it `<NAME>_FILE` (name upper-cased, other characters `_`),
   * a string names it. @default - no variable
   */
  readonly fileEnv?: boolean | string;
}

/** Options of a flow between two services of a project. */
export interface ComposeFlowOptions {
  /** Port the receiving service listens on for this flow (1-65535). */
  readonly port: number;
  /** Transport protocol. @default 'tcp' */
  readonly protocol?: 'tcp' | 'udp';
  /**
   * Whether the sending service starts only after the receiving one is healthy (`depends_on` with
   * `condition: service_healthy`, or `service_started` when the receiver has no healthcheck). @default true
   */
  readonly waitForReceiver?: boolean;
}

/** Props of {@link SecureComposeService}. */
export interface SecureComposeServiceProps {
  /**
   * Image, pinned by digest (`registry/repo[:tag]@sha256:<64 hex>`, docker-compose-image-digest) and from a
   * registry the app allows (docker-compose-allowed-registry); each refused unless waived.
   */
  readonly image: string;
  /** Command (exec form), replacing the image's CMD. @default - the image's CMD */
  readonly command?: string[];
  /** Entrypoint (exec form), replacing the image's ENTRYPOINT. @default - the image's ENTRYPOINT */
  readonly entrypoint?: string[];
  /**
   * Environment variables that are not secrets. A name or value that looks like a credential is refused
   * (docker-compose-secrets-not-in-environment): give it as a secret file instead. A `$` is written as `$$`,
   * so the container sees exactly the value given (Compose does not interpolate it). @default - none
   */
  readonly environment?: Record<string, string>;
  /** Secrets of the project mounted as files under `/run/secrets/<name>`. @default - none */
  readonly secrets?: ComposeServiceSecret[];
  /**
   * Ports published on the host, each bound to a specific host address. The service then gets its own
   * non-internal `<service>-edge` network (Docker publishes only through one). @default - none
   */
  readonly ports?: ComposePort[];
  /** Numeric `uid:gid` the container runs as; root (uid or gid 0) is refused unless waived (docker-compose-non-root-user). @default '65532:65532' */
  readonly user?: string;
  /** Whether the root filesystem is read-only; false needs a waiver of docker-compose-read-only-root. @default true */
  readonly readOnlyRootFilesystem?: boolean;
  /** Writable in-memory paths (mounted `rw,noexec,nosuid,nodev`), for a read-only root filesystem. @default ['/tmp'] */
  readonly tmpfs?: string[];
  /** Size of each tmpfs mount (whole number with unit `k`, `m` or `g`). @default '64m' */
  readonly tmpfsSize?: string;
  /** Memory, CPU and process limits. @default - 512m memory, 1 CPU, 256 processes */
  readonly resources?: ComposeResources;
  /** Healthcheck; required unless waived (docker-compose-healthcheck). @default - none (refused without a waiver) */
  readonly healthcheck?: ComposeHealthcheck;
  /** Capabilities to add back after dropping ALL: only NET_BIND_SERVICE without a waiver of docker-compose-drop-capabilities. @default - none */
  readonly capAdd?: string[];
  /** Whether the service stores or processes PHI (label hipaa-constructs.io/phi). Unclassified counts as PHI. @default true */
  readonly phi?: boolean;
  /**
   * Whether the service may open connections outside the project (the internet, cloud APIs): it then joins
   * its own non-internal `<service>-edge` network. A PHI service without published ports (a PHI back-end)
   * must stay on internal networks: refused unless waived (docker-compose-phi-internal-network). @default false
   */
  readonly egress?: boolean;
  /** Labels of the container (the PHI label is set from `phi`). @default - none */
  readonly labels?: Record<string, string>;
  /** Volumes: named volumes of the project, host paths only when not sensitive. @default - none */
  readonly volumes?: ComposeVolumeMount[];
  /** Log driver of the service. @default - the daemon's log driver (HardenedDockerDaemon ships logs off the host) */
  readonly logging?: ComposeLogging;
  /** Restart policy. @default 'unless-stopped' */
  readonly restart?: 'no' | 'always' | 'on-failure' | 'unless-stopped';
  /**
   * Accepted findings of the Compose rules on this service, each with a reason and an expiry; written into the
   * file as `x-hipaa-waivers`, so hipaa-check honours them too. @default - none
   */
  readonly waivers?: Waiver[];
}
