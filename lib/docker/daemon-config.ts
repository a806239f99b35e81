/**
 * The hardened daemon.json, as a plain object: one source for HardenedDockerDaemon (which writes the
 * file) and HipaaDockerHost (which installs it on an EC2 host through user data).
 * STUB: being written (issue 12); the names below are fixed, the owner may add options.
 */

/** Where the daemon sends container logs: a driver that ships them off the host. */
export interface DaemonLogging {
  /** Log driver, e.g. `awslogs`, `syslog` (with a `tcp+tls://` address), `fluentd`, `gelf`, `splunk`. */
  readonly driver: string;
  /** The driver's options, e.g. `{ 'awslogs-group': '/hipaa/docker', 'awslogs-region': 'us-east-1' }`. */
  readonly options: Record<string, string>;
}

/** Options of {@link hardenedDaemonConfig}. */
export interface HardenedDaemonOptions {
  /** Where container logs go (CIS 2.13: a remote log driver with an address). */
  readonly logging: DaemonLogging;
  /** Authorization plugins the daemon asks before each API call (CIS 2.12), installed on the host. @default - none (the daemon rule docker-daemon-authorization-plugin then needs a waiver) */
  readonly authorizationPlugins?: string[];
}

/** The hardened daemon.json for `options`, as an object to serialize with JSON.stringify. */
export function hardenedDaemonConfig(options: HardenedDaemonOptions): Record<string, unknown> {
  void options;
  throw new Error('hardenedDaemonConfig: not written yet (issue 12)');
}
