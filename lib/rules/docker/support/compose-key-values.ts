/**
 * The name=value fields of a Compose service (`environment`, `labels`, `build.args`...), in either form:
 * a mapping (`DB_HOST: db`, `DB_PASSWORD:` with no value) or a list (`- DB_HOST=db`, `- DB_PASSWORD`).
 * An entry without a value takes it from the environment of `docker compose`.
 */
import { isMapping } from '../../../check/docker/compose-merge';
import { itemPath, keyPath } from '../../../check/docker/compose-path';

/** One entry of a name=value field. */
export interface ComposeKeyValue {
  /** The name. */
  readonly name: string;
  /** The value as written (a number or boolean as text). @default - none written: it comes from the environment of docker compose */
  readonly value?: string;
  /** Field path of the entry (`environment.DB_PASSWORD`, `environment[2]`). */
  readonly path: string;
}

/** The entries of a name=value field at `path` (both forms); empty when it is absent or neither form. */
export function keyValues(field: unknown, path: string): ComposeKeyValue[] {
  if (isMapping(field)) {
    return Object.entries(field).map(([name, v]) => ({
      name,
      value: v === null || v === undefined ? undefined : String(v),
      path: keyPath(path, name),
    }));
  }
  if (Array.isArray(field)) {
    return field.map((entry, i) => {
      const text = String(entry);
      const eq = text.indexOf('=');
      return { name: eq < 0 ? text : text.slice(0, eq), value: eq < 0 ? undefined : text.slice(eq + 1), path: itemPath(path, i) };
    });
  }
  return [];
}

/** The value of one label of a service (`labels` in either form), or undefined. */
export function labelValue(labels: unknown, name: string): string | undefined {
  let found: string | undefined;
  for (const e of keyValues(labels, 'labels')) if (e.name === name) found = e.value;
  return found;
}
