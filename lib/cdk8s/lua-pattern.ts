/**
 * Lua patterns, as Fluent Bit's `lua` filter (LuaJIT, Lua 5.1 string library) runs them in
 * `string.gsub`: compiled here at construction so a pattern Lua would refuse, or one that means
 * something else than it seems, is refused with the reason. The subset accepted: literal
 * characters, `.`, the classes `%a %c %d %l %p %s %u %w %x` and their upper-case complements,
 * `%` before a punctuation character (that character), sets `[...]` / `[^...]` with ranges and
 * the lower-case classes, the quantifiers `* + - ?` after a single character class, `^` at the
 * start and `$` at the end. Refused: captures `( )`, back-references `%1`, `%b`, `%f` (absent or
 * different in Lua 5.1), `%g` (Lua 5.2+), a complement class inside a set, and any pattern that
 * can match the empty string (gsub would insert the replacement between every character). Also
 * refused, as regular-expression habits Lua reads as something else (the pattern would compile and
 * never redact): a backslash (`\d`), a counted repetition `{n}` / `{n,m}`, `-` after a literal
 * character (Lua's lazy repetition, not a hyphen), and a non-ASCII character in a set or before a
 * quantifier (Lua patterns match bytes).
 *
 * Each pattern is also translated to an equivalent JavaScript RegExp (ASCII semantics, as Lua's
 * C locale): the tests run both on sample lines.
 */

const CLASSES: Readonly<Record<string, string>> = {
  a: 'A-Za-z',
  c: '\\x00-\\x1f\\x7f',
  d: '0-9',
  l: 'a-z',
  p: '!-\\/:-@\\[-`{-~',
  s: ' \\t\\n\\v\\f\\r',
  u: 'A-Z',
  w: 'A-Za-z0-9',
  x: '0-9A-Fa-f',
};

/** A compiled pattern: the JavaScript equivalent, or why it is refused. */
export type LuaPatternResult = { readonly regExp: RegExp; readonly problem?: undefined } | { readonly regExp?: undefined; readonly problem: string };

function escapeForClass(ch: string): string {
  return /[\\\]\[^-]/.test(ch) ? `\\${ch}` : ch;
}

function escapeLiteral(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}

/** Translates a Lua pattern (see the module doc for the subset) to a global RegExp, or says why it cannot. */
export function compileLuaPattern(pattern: string): LuaPatternResult {
  if (pattern === '') return { problem: 'is empty' };
  const habit = regExpHabit(pattern);
  if (habit) return { problem: habit };
  let i = 0;
  let out = '';
  if (pattern[0] === '^') {
    out += '^';
    i = 1;
  }
  while (i < pattern.length) {
    const ch = pattern[i];
    let atom: string;
    if (ch === '$' && i === pattern.length - 1) {
      out += '$';
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') return { problem: `has a capture '${ch}' at position ${i + 1}; captures are not supported (the whole match is replaced)` };
    if (ch === '%') {
      const next = pattern[i + 1];
      if (next === undefined) return { problem: "ends with '%' (malformed pattern)" };
      const cls = classAtom(next, false, i + 1);
      if (typeof cls === 'object') return cls;
      atom = cls;
      i += 2;
    } else if (ch === '[') {
      const set = setAtom(pattern, i);
      if ('problem' in set) return { problem: set.problem };
      atom = set.atom;
      i = set.end;
    } else if (ch === '.') {
      atom = '[\\s\\S]';
      i++;
    } else {
      atom = escapeLiteral(ch);
      i++;
      if (pattern[i] === '-') return { problem: `has '-' after '${ch}' at position ${i + 1}: Lua reads it as 'as few ${ch} as possible' (lazy repetition), not a hyphen. Write %- for a literal '-'` };
    }
    const q = pattern[i];
    if (q === '*' || q === '+' || q === '?') {
      atom += q;
      i++;
    } else if (q === '-') {
      atom += '*?';
      i++;
    }
    out += atom;
  }
  let regExp: RegExp;
  try {
    regExp = new RegExp(out, 'g');
  } catch (e) {
    return { problem: `cannot be compiled (${(e as Error).message})` };
  }
  if (new RegExp(out).test('')) return { problem: 'can match the empty string, so gsub would insert the replacement between every character' };
  return { regExp };
}

const NOT_ASCII = /[^\x00-\x7f]/;
const BYTES = 'Lua patterns match bytes, so';
const NOT_ASCII_FIX = 'Write it outside a set, without a quantifier';

/** What a regular-expression habit in `pattern` would make Lua do instead, or undefined. */
function regExpHabit(pattern: string): string | undefined {
  let inSet = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '%') {
      i++;
      continue;
    }
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      return `has '\\${next}' at position ${i + 1}, a regular-expression escape: Lua reads it as a literal backslash${next ? ` followed by '${next}'` : ''}. ` +
        `Lua escapes with '%': write %${next} (a literal backslash is %\\)`;
    }
    if (ch === '[' && !inSet) {
      inSet = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
      continue;
    }
    if (ch === ']' && inSet) {
      inSet = false;
      continue;
    }
    const counted = inSet ? null : /^\{(\d+)(,\d*)?\}/.exec(pattern.slice(i));
    if (counted) {
      const prev = pattern[i - 2] === '%' ? pattern.slice(i - 2, i) : pattern[i - 1] ?? '';
      return `has '${counted[0]}' at position ${i + 1}, a regular-expression repetition: Lua reads the braces literally and has no counted repetition. ` +
        `Repeat the item instead (${prev.repeat(Math.min(Number(counted[1]), 8)) || 'x'})`;
    }
    if (NOT_ASCII.test(ch)) {
      if (inSet) return `has '${ch}' at position ${i + 1} in a set: ${BYTES} the set holds each byte of its UTF-8 encoding and would cut characters apart. ${NOT_ASCII_FIX}`;
      if (/[*+?-]/.test(pattern[i + 1] ?? '')) return `has '${ch}' at position ${i + 1} before a quantifier: ${BYTES} the quantifier repeats only its last byte. ${NOT_ASCII_FIX}`;
    }
  }
  return undefined;
}

/** `%x` outside or inside a set (at 1-based position `pos`): the class, or a literal for `%` + punctuation. */
function classAtom(next: string, inSet: boolean, pos: number): string | { problem: string } {
  const lower = next.toLowerCase();
  const at = `'%${next}' at position ${pos}`;
  if (CLASSES[lower] !== undefined) {
    if (next === lower) return inSet ? CLASSES[lower] : `[${CLASSES[lower]}]`;
    if (inSet) return { problem: `has the complement class ${at} inside a set; write the set with [^...] instead` };
    return `[^${CLASSES[lower]}]`;
  }
  if (/[0-9]/.test(next)) return { problem: `has a back-reference ${at}; captures are not supported` };
  if (next === 'b' || next === 'f') return { problem: `has ${at}, which is not supported (%b and %f are left out)` };
  if (/[A-Za-z]/.test(next)) return { problem: `has ${at}, which is not a character class of Lua 5.1 (%a %c %d %l %p %s %u %w %x and their upper-case complements)` };
  return inSet ? escapeForClass(next) : escapeLiteral(next);
}

/** A set `[...]` starting at `start`: its RegExp class and where the pattern goes on. */
function setAtom(pattern: string, start: number): { atom: string; end: number } | { problem: string } {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  while (true) {
    const ch = pattern[i];
    if (ch === undefined) return { problem: `has a set '[' at position ${start + 1} without its ']' (malformed pattern)` };
    if (ch === ']' && !first) break;
    first = false;
    if (ch === '%') {
      const next = pattern[i + 1];
      if (next === undefined) return { problem: `has a set '[' at position ${start + 1} without its ']' (malformed pattern)` };
      const cls = classAtom(next, true, i + 1);
      if (typeof cls === 'object') return cls;
      body += cls;
      i += 2;
      continue;
    }
    if (pattern[i + 1] === '-' && pattern[i + 2] !== undefined && pattern[i + 2] !== ']') {
      const to = pattern[i + 2];
      if (to < ch) return { problem: `has the range '${ch}-${to}' at position ${i + 1}, whose end comes before its start` };
      body += `${escapeForClass(ch)}-${escapeForClass(to)}`;
      i += 3;
      continue;
    }
    body += escapeForClass(ch);
    i++;
  }
  return { atom: `[${negate ? '^' : ''}${body}]`, end: i + 1 };
}

/** A Lua string literal holding `text` exactly (every byte but letters and digits as a decimal escape). */
export function luaStringLiteral(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9 ]/.test(ch) ? ch : `\\${byte.toString().padStart(3, '0')}`;
  }
  return `${out}"`;
}
