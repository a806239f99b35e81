/**
 * Shared helpers of the daemon.json rules (lib/rules/docker/daemon): how a finding names the file and a
 * value, and which listen addresses of dockerd are on the network.
 */
import type { Resource } from '../../../check/resource';

/** How findings name the daemon.json: `'etc/docker/daemon.json'`. */
export function daemonFile(resource: Resource): string {
  return `'${resource.name}'`;
}

/** A value as written in JSON: `"json-file"`, `true`, `["a"]`. */
export function showJson(value: unknown): string {
  return value === undefined ? 'not set' : JSON.stringify(value);
}

/** A non-empty string (after trimming), else undefined. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** One address of `hosts` and its field path. */
export interface DaemonHost {
  /** The address as written. */
  readonly host: string;
  /** Field path: `hosts[1]`, or `hosts` when it is one string. */
  readonly path: string;
}

/** The `hosts` of a daemon.json, also when given as one string (dockerd itself wants a list). */
export function daemonHosts(body: Record<string, unknown>): DaemonHost[] {
  const hosts = body.hosts;
  if (typeof hosts === 'string') return [{ host: hosts, path: 'hosts' }];
  if (!Array.isArray(hosts)) return [];
  return hosts.flatMap((host, i) => (typeof host === 'string' ? [{ host, path: `hosts[${i}]` }] : []));
}

/**
 * Whether dockerd listens on the network for this address, as its ParseHost reads it: the scheme is
 * case-insensitive and whitespace is trimmed; an address without `://` (`0.0.0.0:2375`, `:2375`) is TCP;
 * an empty one is the default host, `tcp://localhost:2376` when TLS is on. `unix://`, `fd://` (systemd
 * socket activation) and `npipe://` (Windows) are local.
 */
export function isNetworkHost(host: string, tlsOn: boolean): boolean {
  const trimmed = host.trim();
  if (trimmed === '') return tlsOn;
  const sep = trimmed.indexOf('://');
  if (sep === -1) return true;
  const scheme = trimmed.slice(0, sep).toLowerCase();
  return !['unix', 'fd', 'npipe'].includes(scheme);
}
