/**
 * Patterns of the BAA register for buckets, log destinations and secret stores
 * (`phi-backups-*`, `cloudwatch:*`, `https://http-intake.logs.datadoghq.com`): `*` stands for any
 * run of characters (none included); a pattern without `*` that ends a URL's host or path also
 * matches anything below it (`https://vault.example.com` matches `https://vault.example.com/v1`).
 */

/** A compiled pattern. */
export interface GlobPattern {
  /** The pattern as written. */
  readonly source: string;
  /** The parts between `*`s. */
  readonly parts: readonly string[];
}

/** Compiles a pattern; a string saying what is wrong when it is not one. */
export function compileGlobPattern(text: string): GlobPattern | string {
  if (text.trim() === '') return 'it is empty';
  if (/\s/.test(text)) return 'it contains spaces';
  if (text.split('*').every((p) => p === '')) return 'it must name more than *; a bare * would match everything';
  return { source: text, parts: text.split('*') };
}

/** Whether a value matches a pattern. */
export function globMatches(pattern: GlobPattern, value: string): boolean {
  const parts = pattern.parts;
  if (parts.length === 1) {
    const p = parts[0];
    if (value === p) return true;
    return value.startsWith(p) && (p.endsWith('/') || value.charCodeAt(p.length) === 47 /* '/' */) && p.includes('://');
  }
  if (!value.startsWith(parts[0])) return false;
  let at = parts[0].length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = value.indexOf(parts[i], at);
    if (found < 0) return false;
    at = found + parts[i].length;
  }
  const last = parts[parts.length - 1];
  return value.length - last.length >= at && value.endsWith(last);
}
