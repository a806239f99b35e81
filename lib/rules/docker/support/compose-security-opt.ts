/**
 * `security_opt` entries as the Docker daemon reads them (moby daemon parseSecurityOpt): the bare
 * words `no-new-privileges` and `disable` (SELinux labels off); otherwise `name=value`, or, when the
 * entry has no `=`, the deprecated `name:value` (`seccomp:unconfined`, `label:disable`). The last
 * entry for a name wins.
 */
import { itemPath } from '../../../check/docker/compose-path';

/** One entry of `security_opt`. */
export interface SecurityOpt {
  /** The option: `no-new-privileges`, `seccomp`, `apparmor`, `label`, `systempaths`... (lower case). */
  readonly name: string;
  /** Its value as written. @default - none (a bare word) */
  readonly value?: string;
  /** The entry as written. */
  readonly raw: string;
  /** Field path of the entry (`security_opt[0]`). */
  readonly path: string;
}

/** The entries of a service's `security_opt` (empty when it has none). */
export function securityOpts(field: unknown): SecurityOpt[] {
  if (!Array.isArray(field)) return [];
  return field.map((entry, i) => {
    const raw = String(entry);
    const path = itemPath('security_opt', i);
    const trimmed = raw.trim();
    // Docker's bare `disable` is `label=disable`.
    if (trimmed === 'disable') return { name: 'label', value: 'disable', raw, path };
    const sep = trimmed.includes('=') ? '=' : trimmed.includes(':') ? ':' : undefined;
    if (sep === undefined) return { name: trimmed.toLowerCase(), raw, path };
    const at = trimmed.indexOf(sep);
    return { name: trimmed.slice(0, at).trim().toLowerCase(), value: trimmed.slice(at + 1).trim(), raw, path };
  });
}

/** Go's strconv.ParseBool, which the daemon uses for `no-new-privileges:<value>`: undefined when it refuses the value. */
export function goParseBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}
