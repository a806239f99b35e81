/** A JSON object (a mapping), not null, a list or a scalar: the one check manifests are read with. */
export function isObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
