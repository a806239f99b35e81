/**
 * Volume mounts the container runtime and the API server accept: an absolute mount path, used
 * once per container.
 */

/** Why `path` cannot be a container's mount path, or undefined when it can. */
export function mountPathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return `mount path ${JSON.stringify(path) ?? String(path)} is not a non-empty string`;
  if (!path.startsWith('/')) return `mount path '${path}' is relative; the container runtime refuses a mount path that is not absolute`;
  return undefined;
}

/** A mount path in the form the runtime compares: without trailing slashes ('/data/' is '/data'). */
export function normalizeMountPath(path: string): string {
  if (!path.endsWith('/') && !path.includes('//')) return path;
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.replace(/\/{2,}/g, '/');
}

/**
 * The index of the first earlier entry of `paths` that mounts at the same place as entry `i`,
 * or -1: the API server refuses two mounts at one path in a container ("must be unique").
 */
export function earlierSameMount(paths: readonly unknown[], i: number): number {
  const p = paths[i];
  if (typeof p !== 'string') return -1;
  const n = normalizeMountPath(p);
  for (let j = 0; j < i; j++) {
    const q = paths[j];
    if (typeof q === 'string' && normalizeMountPath(q) === n) return j;
  }
  return -1;
}
