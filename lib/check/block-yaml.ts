/**
 * A reader for the block-style subset of YAML that generated manifests are written in
 * (`kubectl get -o yaml`, `helm template`, cdk8s, js-yaml and go-yaml output): block mappings
 * with plain keys, block sequences, one-line plain, single- and double-quoted scalars, `{}` and
 * `[]`, comments. It reads them about three times faster than js-yaml (measured on the bench's
 * Deployments) and allocates less: keys and short values are resolved once and shared.
 *
 * It never decides anything a YAML parser would decide differently: plain scalars (keys too)
 * are resolved by the types of the js-yaml schema given, in js-yaml's order, and at anything
 * outside the subset (block scalars, anchors, tags, flow collections, multi-line scalars,
 * tabs, escapes JSON does not share, duplicate keys, unusual characters, indentation it does
 * not expect) it gives up on the document and returns {@link OUTSIDE_SUBSET}; the caller then
 * reads that document with js-yaml, which also reports any error.
 */
// Hashing and the hash table's index arithmetic are bitwise by nature.
/* eslint-disable no-bitwise */
import type { Schema, Type } from 'js-yaml';

/** Returned by {@link readBlockDocument} when the document is not in the subset. */
export const OUTSIDE_SUBSET: unique symbol = Symbol('outside the block YAML subset');

/** Thrown inside the reader to give up on a document. */
class OutsideSubset {}
const OUT = new OutsideSubset();

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const SQUOTE = 39;
const DQUOTE = 34;
const BACKSLASH = 92;

/** Characters of a plain key: letters, digits, `_`, `.`, `/`, `-` (the first: letter, digit or `_`). */
const KEY_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_./-]/.test(ch)) KEY_CHAR[c] = /[A-Za-z0-9_]/.test(ch) ? 2 : 1;
}

/** First characters after which the subset gives up on a value (YAML indicators). */
const INDICATOR = new Uint8Array(128);
for (const ch of '[]{},#&*!|>%@`?:') INDICATOR[ch.charCodeAt(0)] = 1;

/** A character the subset does not read in a scalar: controls (tab and CR too), C1 controls, surrogates, U+FEFF, U+FFFE/F. */
function unusual(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c >= 0xd800;
}

/**
 * Reads one document of a YAML stream, the text between `start` and `end` (its `---` left
 * out), when it is in the block subset: the value js-yaml would return with `schema`, or
 * null for a document without content. {@link OUTSIDE_SUBSET} otherwise.
 */
export function readBlockDocument(text: string, start: number, end: number, schema: Schema): unknown {
  const reader = new BlockReader(text, end, resolverOf(schema));
  try {
    if (!reader.seek(start)) return null;
    // Content on the `---` line itself (`--- |`) or a top level that is not at column 0: give up.
    if (reader.indent !== 0) return OUTSIDE_SUBSET;
    const value = reader.node();
    if (reader.content >= 0) return OUTSIDE_SUBSET;
    return value;
  } catch (e) {
    // Nesting too deep for the stack (a RangeError): js-yaml decides, as it did before.
    if (e !== OUT && !(e instanceof RangeError)) throw e;
    return OUTSIDE_SUBSET;
  }
}

/** A schema's implicit types in the order js-yaml tries them, and the keys resolved so far. */
interface Resolver {
  readonly implicit: readonly Type[];
  /** Keys as stored, by their text. */
  readonly keys: InternTable;
  /** Short plain scalars resolved, by their text. */
  readonly scalars: InternTable;
}

/**
 * Resolved texts by a hash of the text, looked up without cutting the text out of the input
 * (manifests repeat a few hundred keys and many short values: no slice, no string hashing,
 * and one string for each of them).
 */
class InternTable {
  private readonly raw: Array<string | undefined>;
  private readonly value: unknown[];
  private readonly mask: number;
  private size = 0;

  constructor(bits: number) {
    this.raw = new Array(1 << bits).fill(undefined);
    this.value = new Array(1 << bits).fill(undefined);
    this.mask = (1 << bits) - 1;
  }

  /** Index of the entry for text[from, to) with hash `hash`; -1 when absent. */
  find(text: string, from: number, to: number, hash: number): number {
    const length = to - from;
    for (let i = hash & this.mask, probes = 0; probes < 8; i = (i + 1) & this.mask, probes++) {
      const raw = this.raw[i];
      if (raw === undefined) return -1;
      if (raw.length === length && sameText(raw, text, from)) return i;
    }
    return -1;
  }

  get(i: number): unknown {
    return this.value[i];
  }

  /** Remembers `value` for `raw` while the table is at most half full. */
  add(raw: string, hash: number, value: unknown): void {
    if (this.size * 2 > this.mask) return;
    for (let i = hash & this.mask, probes = 0; probes < 8; i = (i + 1) & this.mask, probes++) {
      if (this.raw[i] === undefined) {
        this.raw[i] = raw;
        this.value[i] = value;
        this.size++;
        return;
      }
    }
  }
}

/**
 * Whether `raw` is written in `text` at `from`. A loop the compiler inlines (measured: the
 * builtin `text.startsWith(raw, from)` on the whole input cost ~90 ms of 10,000 Deployments).
 */
function sameText(raw: string, text: string, from: number): boolean {
  for (let k = 0; k < raw.length; k++) {
    if (raw.charCodeAt(k) !== text.charCodeAt(from + k)) return false;
  }
  return true;
}

const RESOLVERS = new WeakMap<Schema, Resolver>();
/** Plain scalars up to this length are remembered. */
const MAX_INTERNED = 40;

function resolverOf(schema: Schema): Resolver {
  let resolver = RESOLVERS.get(schema);
  if (resolver === undefined) {
    const compiled = (schema as unknown as { compiledImplicit?: Type[] }).compiledImplicit;
    if (!Array.isArray(compiled)) throw new Error('js-yaml schema without compiledImplicit: the block YAML reader needs js-yaml 4');
    resolver = { implicit: compiled, keys: new InternTable(13), scalars: new InternTable(14) };
    RESOLVERS.set(schema, resolver);
  }
  return resolver;
}

class BlockReader {
  /** Column of the current content line's first character; -1 at the end. */
  indent = -1;
  /** Offset of the current line's first character that is not a space; -1 at the end. */
  content = -1;
  /** Offset of the current line's end (its newline, or the end of the document). */
  lineEnd = 0;
  /** Offset where the current line starts. */
  lineStart = 0;
  private readonly implicit: readonly Type[];
  private readonly keys: InternTable;
  private readonly scalars: InternTable;
  /** Hash of the key {@link keyEnd} found last. */
  private keyHash = 0;

  constructor(
    private readonly text: string,
    private readonly end: number,
    resolver: Resolver,
  ) {
    this.implicit = resolver.implicit;
    this.keys = resolver.keys;
    this.scalars = resolver.scalars;
  }

  /** Moves to the first line at or after `from` that has content (not blank, not only a comment). */
  seek(from: number): boolean {
    const text = this.text;
    const end = this.end;
    let p = from;
    while (p < end) {
      let nl = text.indexOf('\n', p);
      if (nl < 0 || nl > end) nl = end;
      let i = p;
      while (i < nl && text.charCodeAt(i) === SPACE) i++;
      if (i < nl) {
        const c = text.charCodeAt(i);
        if (c !== HASH) {
          if (unusual(c)) throw OUT; // a tab or CR in the indentation, a control character
          this.indent = i - p;
          this.content = i;
          this.lineStart = p;
          this.lineEnd = nl;
          return true;
        }
      }
      p = nl + 1;
    }
    this.indent = -1;
    this.content = -1;
    return false;
  }

  /** The block node starting at the current line's content. */
  node(): unknown {
    return this.isDash(this.content) ? this.sequence(this.indent) : this.mapping(this.indent, this.content);
  }

  /** `-` followed by a space or the end of the line. */
  private isDash(at: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === this.lineEnd || this.text.charCodeAt(at + 1) === SPACE);
  }

  /** A block mapping whose entries start at column `col`; the first at offset `at` of the current line. */
  private mapping(col: number, at: number): Record<string, unknown> {
    const text = this.text;
    const obj: Record<string, unknown> = {};
    for (;;) {
      const colon = this.keyEnd(at);
      if (colon < 0) throw OUT;
      const key = this.key(at, colon);
      if (key === '__proto__' || Object.prototype.hasOwnProperty.call(obj, key)) throw OUT;
      let v = colon + 1;
      const lineEnd = this.lineEnd;
      while (v < lineEnd && text.charCodeAt(v) === SPACE) v++;
      if (v >= lineEnd || text.charCodeAt(v) === HASH) {
        if (!this.seek(lineEnd + 1)) {
          obj[key] = null;
          return obj;
        }
        if (this.indent > col) obj[key] = this.node();
        else if (this.indent === col && this.isDash(this.content)) obj[key] = this.sequence(col);
        else obj[key] = null;
      } else {
        obj[key] = this.value(v, col);
      }
      if (this.content < 0 || this.indent < col) return obj;
      if (this.indent > col) throw OUT;
      at = this.content;
    }
  }

  /** A block sequence whose dashes are at column `col`, the first on the current line. */
  private sequence(col: number): unknown[] {
    const text = this.text;
    const items: unknown[] = [];
    for (;;) {
      let v = this.content + 1;
      const lineEnd = this.lineEnd;
      while (v < lineEnd && text.charCodeAt(v) === SPACE) v++;
      if (v >= lineEnd || text.charCodeAt(v) === HASH) throw OUT; // `-` alone: the item on the next lines
      if (this.isDash(v)) throw OUT; // `- - x`
      if (this.keyEnd(v) >= 0) items.push(this.mapping(v - this.lineStart, v));
      else items.push(this.value(v, col));
      if (this.content < 0 || this.indent < col) return items;
      if (this.indent > col || !this.isDash(this.content)) {
        // A key at the dashes' column ends a sequence written at its key's column; deeper is an error.
        if (this.indent > col) throw OUT;
        return items;
      }
    }
  }

  /**
   * Offset of the `:` ending a plain key that starts at `at` (followed by a space or the end of
   * the line); -1 when the text there is not a key of the subset.
   */
  private keyEnd(at: number): number {
    const text = this.text;
    const lineEnd = this.lineEnd;
    let c = text.charCodeAt(at);
    if (c >= 128 || KEY_CHAR[c] !== 2) return -1;
    let hash = c;
    let i = at + 1;
    for (; i < lineEnd; i++) {
      c = text.charCodeAt(i);
      if (c === COLON) break;
      if (c >= 128 || KEY_CHAR[c] === 0) return -1;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    if (i >= lineEnd || i - at > 1000) return -1;
    if (i + 1 < lineEnd && text.charCodeAt(i + 1) !== SPACE) return -1;
    this.keyHash = hash;
    return i;
  }

  /** The key text[at, colon) as js-yaml stores it: the plain scalar resolved, then made a string. */
  private key(at: number, colon: number): string {
    const found = this.keys.find(this.text, at, colon, this.keyHash);
    if (found >= 0) return this.keys.get(found) as string;
    const raw = this.text.slice(at, colon);
    const value = this.plain(raw);
    const key = typeof value === 'string' ? value : String(value);
    this.keys.add(raw, this.keyHash, key);
    return key;
  }

  /** A plain scalar resolved like js-yaml: the first implicit type that accepts it. */
  private plain(s: string): unknown {
    const implicit = this.implicit;
    for (let i = 0; i < implicit.length; i++) {
      const type = implicit[i];
      if (type.resolve(s)) return type.construct(s);
    }
    return s;
  }

  /**
   * A one-line scalar (or `{}`/`[]`) starting at offset `v` of the current line, inside a
   * collection at column `col`. Moves to the next content line, which must not be deeper.
   */
  private value(v: number, col: number): unknown {
    const text = this.text;
    const lineEnd = this.lineEnd;
    const c = text.charCodeAt(v);
    let value: unknown;
    let after: number;
    if (c === SQUOTE) {
      let s = '';
      let from = v + 1;
      let i = from;
      for (;;) {
        if (i >= lineEnd) throw OUT; // continues on the next line
        const d = text.charCodeAt(i);
        if (d === SQUOTE) {
          if (i + 1 < lineEnd && text.charCodeAt(i + 1) === SQUOTE) {
            s += text.slice(from, i + 1);
            i += 2;
            from = i;
            continue;
          }
          break;
        }
        if (unusual(d)) throw OUT;
        i++;
      }
      value = from === v + 1 ? text.slice(from, i) : s + text.slice(from, i);
      after = i + 1;
    } else if (c === DQUOTE) {
      let escaped = false;
      let i = v + 1;
      for (;;) {
        if (i >= lineEnd) throw OUT;
        const d = text.charCodeAt(i);
        if (d === DQUOTE) break;
        if (d === BACKSLASH) {
          escaped = true;
          i += 2;
          continue;
        }
        if (unusual(d)) throw OUT;
        i++;
      }
      if (i >= lineEnd) throw OUT;
      if (escaped) {
        // JSON's escapes are YAML's with the same meaning; YAML-only ones (\x, \e, \N...) leave the subset.
        try {
          value = JSON.parse(text.slice(v, i + 1));
        } catch {
          throw OUT;
        }
      } else {
        value = text.slice(v + 1, i);
      }
      after = i + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (text.charCodeAt(v + 1) !== c + 2) throw OUT; // only {} and []
      value = c === 123 ? {} : [];
      after = v + 2;
    } else {
      if (c < 128 && INDICATOR[c] === 1) throw OUT;
      if (c === DASH && (v + 1 === lineEnd || text.charCodeAt(v + 1) === SPACE)) throw OUT;
      let last = v; // offset after the last character that is not a space
      let hash = 0;
      let i = v;
      for (; i < lineEnd; i++) {
        const d = text.charCodeAt(i);
        hash = (Math.imul(hash, 31) + d) | 0;
        if (d === SPACE) continue;
        if (d === HASH && text.charCodeAt(i - 1) === SPACE) break;
        if (d === COLON && (i + 1 === lineEnd || text.charCodeAt(i + 1) === SPACE)) throw OUT;
        if (unusual(d)) throw OUT;
        last = i + 1;
      }
      if (last - v <= MAX_INTERNED) {
        // The hash of the trimmed text: computed again when spaces or a comment follow it.
        if (last !== i) {
          hash = 0;
          for (let j = v; j < last; j++) hash = (Math.imul(hash, 31) + text.charCodeAt(j)) | 0;
        }
        const found = this.scalars.find(text, v, last, hash);
        if (found >= 0) {
          value = this.scalars.get(found);
        } else {
          const raw = text.slice(v, last);
          value = this.plain(raw);
          this.scalars.add(raw, hash, value);
        }
      } else {
        value = this.plain(text.slice(v, last));
      }
      after = last;
    }
    // After a quoted scalar or {}: spaces, then the end of the line or a comment.
    let i = after;
    while (i < lineEnd && text.charCodeAt(i) === SPACE) i++;
    if (i < lineEnd && (text.charCodeAt(i) !== HASH || i === after)) throw OUT;
    if (this.seek(lineEnd + 1) && this.indent > col) throw OUT; // a multi-line scalar
    return value;
  }
}
