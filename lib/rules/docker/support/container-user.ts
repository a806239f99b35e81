/**
 * Which container users are root, one answer for the Dockerfile's USER, Compose's user: and the
 * generators that write them. Docker resolves the part before the colon: `root`, or a number that is 0
 * however written (`0`, `+0`, `000`), is UID 0; any other number is a non-root UID; anything else is a
 * user name, looked up in the image's /etc/passwd at start (it may be UID 0, and Kubernetes runAsNonRoot
 * and admission policies can only verify a number). Interpolation (`${UID}`, `$UID`) is each format's
 * own syntax: the caller resolves what it can and reports the rest before asking here.
 */

const NUMERIC = /^\+?[0-9]+$/;

/** How a container user stands: `root` (UID 0), `uid` (a numeric non-root UID) or `name` (a user name). */
export type ContainerUserKind = 'root' | 'uid' | 'name';

/** A container user (`user`, `uid`, `user:group`, `uid:gid`), judged by its user part. */
export interface ContainerUser {
  /** The user part, before the colon, trimmed. */
  readonly user: string;
  /** What the user part is. */
  readonly kind: ContainerUserKind;
}

/** Judges a container user by its user part; the group is not judged (GID 0 is common in images built to run under arbitrary UIDs). */
export function containerUser(spec: string): ContainerUser {
  const user = spec.trim().split(':')[0].trim();
  return { user, kind: userKind(user) };
}

/** What a user part (no colon) is. */
export function userKind(user: string): ContainerUserKind {
  if (user === 'root') return 'root';
  if (!NUMERIC.test(user)) return 'name';
  return Number(user) === 0 ? 'root' : 'uid';
}
