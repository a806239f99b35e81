/**
 * Field paths inside Compose objects, written the way findings name them: `cap_add[1]`,
 * `environment.DB_PASSWORD`, `labels["hipaa-constructs.io/phi"]`, `deploy.resources.limits.pids`.
 * Shared by the Compose reader (for `Resource.lines`) and the Compose rules (for `Violation.path`),
 * so a finding's path always has the line the reader recorded.
 */

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The path of `key` under `parent`: `parent.key`, or `parent["a.b"]` when the key is not a plain word. */
export function keyPath(parent: string, key: string): string {
  if (PLAIN_KEY.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** The path of item `index` of the list at `parent`: `parent[index]`. */
export function itemPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/**
 * Splits a short-syntax entry (`./data:/data:ro`, `127.0.0.1:8443:8443`) at `sep`, but not inside an
 * interpolation: `${SOCKET:-/var/run/docker.sock}:/var/run/docker.sock` has two parts.
 */
export function splitOutsideInterpolation(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) {
      depth--;
    } else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
