/**
 * Compose interpolation (`${VAR}`, `${VAR:-default}`, `$VAR`; `$$` is a literal `$`): the reader keeps it
 * as written, so rules see that a value comes from the environment of `docker compose` and judge that.
 */

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** The variables a value interpolates (`${DB_PASSWORD}` -> DB_PASSWORD), `$$` escapes excluded. */
export function interpolatedVariables(value: unknown): string[] {
  if (typeof value !== 'string' || !value.includes('$')) return [];
  const text = value.replace(/\$\$/g, '');
  const names: string[] = [];
  VARIABLE.lastIndex = 0;
  for (let m = VARIABLE.exec(text); m !== null; m = VARIABLE.exec(text)) names.push(m[1] ?? m[2]);
  return names;
}

/** Whether a value is (or contains) an interpolation whose value the checker cannot see. */
export function isInterpolated(value: unknown): boolean {
  return interpolatedVariables(value).length > 0;
}

/** A value for a message: strings quoted, everything else as JSON. */
export function shown(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
