/**
 * Published ports of a Compose service, short form (`"8443"`, `"8443:8443"`, `"127.0.0.1:8443:8443/tcp"`,
 * `"[::1]:8443:8443"`, ranges) or long form (`{target, published, host_ip, protocol}`). Every entry of
 * `ports` publishes: an entry without a host port publishes on a port Docker picks.
 */
import { isIPv4, isIPv6 } from 'net';
import { isMapping } from '../../../check/docker/compose-merge';
import { itemPath, splitOutsideInterpolation } from '../../../check/docker/compose-path';

/** One entry of `ports`. */
export interface ComposePort {
  /** Field path of the entry (`ports[0]`). */
  readonly path: string;
  /** The host address it is bound to, as written (brackets of IPv6 removed). @default - none written: every interface */
  readonly hostIp?: string;
  /** The host port (or range), as written. @default - none written: Docker picks one */
  readonly published?: string;
  /** The container port (or range). */
  readonly target: string;
  /** How it is written. */
  readonly form: 'short' | 'long';
}

/** The entries of a service's `ports` (empty when it has none). */
export function composePorts(ports: unknown): ComposePort[] {
  if (!Array.isArray(ports)) return [];
  return ports.map((entry, i) => (isMapping(entry) ? longPort(entry, itemPath('ports', i)) : shortPort(String(entry), itemPath('ports', i))));
}

function longPort(entry: Record<string, unknown>, path: string): ComposePort {
  const text = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));
  return { path, hostIp: text(entry.host_ip), published: text(entry.published), target: String(entry.target ?? ''), form: 'long' };
}

function shortPort(raw: string, path: string): ComposePort {
  let spec = raw.trim();
  const slash = spec.lastIndexOf('/');
  if (slash >= 0 && !spec.slice(slash).includes(':')) spec = spec.slice(0, slash);
  let hostIp: string | undefined;
  if (spec.startsWith('[')) {
    const close = spec.indexOf(']');
    hostIp = spec.slice(1, close < 0 ? spec.length : close);
    spec = close < 0 ? '' : spec.slice(close + 1).replace(/^:/, '');
  }
  const parts = splitOutsideInterpolation(spec, ':');
  const target = parts[parts.length - 1];
  const published = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  if (hostIp === undefined && parts.length >= 3) hostIp = parts.slice(0, -2).join(':');
  return { path, hostIp: hostIp === '' ? undefined : hostIp, published: published === '' ? undefined : published, target, form: 'short' };
}

/**
 * Whether a host address means every interface of the host: `0.0.0.0`, `*`, and the IPv6 unspecified
 * address however written (`::`, `[::]`, `0:0:0:0:0:0:0:0`, `::0`, `::ffff:0.0.0.0`). One answer for the
 * rule docker-compose-port-host-binding and SecureComposeService.
 */
export function isEveryInterface(host: string): boolean {
  const address = host.trim().replace(/^\[(.*)\]$/, '$1');
  if (address === '*') return true;
  if (isIPv4(address)) return address === '0.0.0.0';
  return isIPv6(address) && (/^[0:]+$/.test(address) || /^::(?:ffff:)?0\.0\.0\.0$/i.test(address));
}
