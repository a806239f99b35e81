/**
 * Mounts of a Compose service, short form (`./data:/data:ro`, `db-data:/var/lib/postgresql/data`,
 * `/var/run/docker.sock:/var/run/docker.sock`, `/anonymous`) or long form (`{type, source, target,
 * read_only, bind: {propagation}}`). A short source that is a path (`/`, `.`, `~`, a drive letter) is a
 * bind mount of the host; any other source names a volume.
 */
import { composeBoolean } from './compose-boolean';
import { isMapping } from '../../../check/docker/compose-merge';
import { itemPath, splitOutsideInterpolation } from '../../../check/docker/compose-path';

/** One entry of `volumes`. */
export interface ComposeMount {
  /** Field path of the entry (`volumes[0]`). */
  readonly path: string;
  /** `bind`, `volume`, `tmpfs`, `npipe`, `cluster`, `image` (long form), or what the short form means. */
  readonly type: string;
  /** The host path or volume name, as written. @default - none (an anonymous volume or a tmpfs) */
  readonly source?: string;
  /** The path inside the container. */
  readonly target: string;
  /** Whether it is mounted read-only. */
  readonly readOnly: boolean;
  /** Bind propagation (`shared`, `rshared`, `slave`...), when written. @default - none */
  readonly propagation?: string;
}

const HOST_PATH = /^(?:\/|\.|~|[A-Za-z]:[\\/]|\\\\|\$)/;
const PROPAGATIONS = ['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'];

/** The entries of a service's `volumes` (empty when it has none). */
export function composeMounts(volumes: unknown): ComposeMount[] {
  if (!Array.isArray(volumes)) return [];
  return volumes.map((entry, i) => (isMapping(entry) ? longMount(entry, itemPath('volumes', i)) : shortMount(String(entry), itemPath('volumes', i))));
}

function longMount(entry: Record<string, unknown>, path: string): ComposeMount {
  const bind = isMapping(entry.bind) ? entry.bind : {};
  const source = entry.source === undefined || entry.source === null ? undefined : String(entry.source);
  return {
    path,
    type: String(entry.type ?? (source !== undefined && HOST_PATH.test(source) ? 'bind' : 'volume')),
    source,
    target: String(entry.target ?? ''),
    readOnly: composeBoolean(entry.read_only) === true,
    propagation: bind.propagation === undefined ? undefined : String(bind.propagation),
  };
}

function shortMount(raw: string, path: string): ComposeMount {
  // A Windows drive letter (`C:\x:/y`) holds a colon of its own.
  const drive = /^[A-Za-z]:[\\/]/.test(raw) ? 2 : 0;
  const parts = splitOutsideInterpolation(raw.slice(drive), ':');
  parts[0] = raw.slice(0, drive) + parts[0];
  if (parts.length === 1) return { path, type: 'volume', target: parts[0], readOnly: false };
  const [source, target, mode = ''] = parts;
  const options = mode.split(',').map((o) => o.trim());
  return {
    path,
    type: HOST_PATH.test(source) ? 'bind' : 'volume',
    source,
    target,
    readOnly: options.includes('ro'),
    propagation: options.find((o) => PROPAGATIONS.includes(o)),
  };
}
