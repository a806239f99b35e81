/**
 * Host name patterns of the BAA register (`api.stripe.com`, `*.amazonaws.com`): `*` stands for
 * exactly one DNS label, as in allowedRegistries, so `*.example.com` matches `a.example.com` but
 * neither `example.com` nor `a.b.example.com`.
 */

/** A compiled host pattern. */
export interface HostPattern {
  /** The pattern as written. */
  readonly source: string;
  /** Labels, lower case; `*` matches one label. */
  readonly labels: readonly string[];
}

const LABEL = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$/;

/** Compiles a host pattern; a string saying what is wrong and how to write it when it is not one. */
export function compileHostPattern(text: string): HostPattern | string {
  if (text.includes('://')) return `it has a scheme (the host is ${JSON.stringify(text.slice(text.indexOf('://') + 3).split(/[/:]/)[0])})`;
  if (/[/:@\s]/.test(text)) return 'it has a port, a path or spaces';
  const labels = text.toLowerCase().replace(/\.$/, '').split('.');
  for (const label of labels) {
    if (label === '') return 'the host has an empty label';
    if (label !== '*' && label.includes('*')) return `'*' must be a whole DNS label (as in *.example.com), not part of ${JSON.stringify(label)}`;
    if (label !== '*' && !LABEL.test(label)) return `${JSON.stringify(label)} is not a DNS label (letters, digits and '-')`;
  }
  if (labels.every((l) => l === '*')) return 'the pattern must name at least one label; a bare * would match every host';
  return { source: text, labels };
}

/** A host name as patterns see it: lower case, without a trailing dot or a port. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  const colon = h.lastIndexOf(':');
  if (colon >= 0 && h.indexOf(':') === colon && /^\d+$/.test(h.slice(colon + 1))) h = h.slice(0, colon);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/** Whether a (normalized) host name matches a pattern. */
export function hostPatternMatches(pattern: HostPattern, host: string): boolean {
  const labels = pattern.labels;
  let start = 0;
  for (let i = 0; i < labels.length; i++) {
    let end = host.indexOf('.', start);
    const last = i === labels.length - 1;
    if (end < 0) end = host.length;
    if (end === start) return false;
    if (last !== (end === host.length)) return false;
    const want = labels[i];
    if (want !== '*' && (want.length !== end - start || !host.startsWith(want, start))) return false;
    start = end + 1;
  }
  return true;
}
