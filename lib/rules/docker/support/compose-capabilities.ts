/** Linux capability names as Docker reads them: any case, with or without the `CAP_` prefix (`cap_sys_admin` is SYS_ADMIN). */
export function capabilityName(value: unknown): string {
  const upper = String(value).trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}
