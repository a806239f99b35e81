/** Linux capability names as Docker reads them: any case, with or without the `CAP_` prefix (`cap_sys_admin` is SYS_ADMIN). */
export function capabilityName(value: unknown): string {
  const upper = String(value).trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/**
 * Capabilities a service may add back after dropping all: binding ports below 1024, and the ownership and
 * identity changes an entrypoint makes before it drops to its own user. One list for the rule
 * docker-compose-drop-capabilities and SecureComposeService.
 */
export const ALLOWED_ADDED_CAPABILITIES: readonly string[] = ['NET_BIND_SERVICE', 'CHOWN', 'SETUID', 'SETGID'];
