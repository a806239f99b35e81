/**
 * The word-level syntax of Dockerfile arguments, as BuildKit's `shell.Lex` and `parseNameVal` read
 * them: words with quotes and the escape character, `KEY=value` pairs of ARG/ENV/LABEL, and variable
 * substitution (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}`). Shared by the Dockerfile reader
 * (FROM after ARG substitution) and the Dockerfile rules (USER, EXPOSE, ENV); not a rule.
 */

/** A `KEY=value` pair of an ARG, ENV or LABEL instruction; `value` is undefined for `ARG NAME`. */
export interface NameValue {
  /** The name. */
  readonly name: string;
  /** The value with quotes removed, as written (not substituted). @default - none (`ARG NAME`) */
  readonly value?: string;
}

/**
 * Splits text into words the way the Dockerfile shell lexer does: whitespace separates words,
 * quotes group and are removed, the escape character keeps the next character (inside double
 * quotes only before `"`, `$` or itself). Variables are left as written.
 */
export function dockerWords(text: string, escape = '\\'): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === escape && i + 1 < text.length) {
      word += text[++i];
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      const stop = end < 0 ? text.length : end;
      word += text.slice(i + 1, stop);
      i = stop;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === escape && i + 1 < text.length && '"$'.concat(escape).includes(text[i + 1])) i++;
        word += text[i];
      }
    } else {
      word += c;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/**
 * The pairs of an ARG, ENV or LABEL instruction: `A=1 B="two words"`, or the legacy `ENV NAME value
 * with spaces` (one pair, when the first word has no `=`; `legacy` false for ARG, which has no such form).
 */
export function nameValues(args: string, escape = '\\', legacy = true): NameValue[] {
  const trimmed = args.trim();
  const first = /^\S+/.exec(trimmed)?.[0] ?? '';
  if (legacy && first !== '' && !first.includes('=')) {
    const rest = trimmed.slice(first.length).trim();
    return [{ name: first, value: dockerWords(rest, escape).join(' ') }];
  }
  return dockerWords(trimmed, escape).map((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? { name: w } : { name: w.slice(0, eq), value: w.slice(eq + 1) };
  });
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Substitutes `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}` and `${VAR+word}` from
 * `vars`. A variable that has no value (and no default) is left as written, so an unresolved
 * `${REGISTRY}` stays visible in messages; a `$` behind the escape character is kept.
 */
export function substitute(text: string, vars: ReadonlyMap<string, string | undefined>, escape = '\\'): string {
  if (!text.includes('$')) return text;
  let out = '';
  let last = 0;
  VARIABLE.lastIndex = 0;
  for (let m = VARIABLE.exec(text); m !== null; m = VARIABLE.exec(text)) {
    if (m.index > 0 && text[m.index - 1] === escape) continue;
    const name = m[1] ?? m[4];
    const value = vars.get(name);
    const set = vars.has(name) && value !== undefined;
    const op = m[2];
    let replacement: string | undefined;
    if (op === undefined) replacement = set ? value : undefined;
    else if (op === ':-') replacement = set && value !== '' ? value : substitute(m[3], vars, escape);
    else if (op === '-') replacement = set ? value : substitute(m[3], vars, escape);
    else if (op === ':+') replacement = set && value !== '' ? substitute(m[3], vars, escape) : '';
    else replacement = set ? substitute(m[3], vars, escape) : '';
    if (replacement === undefined) continue;
    out += text.slice(last, m.index) + replacement;
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

/** The names of the variables still in text after substitution (`${SSH_PORT}` -> `SSH_PORT`). */
export function unresolvedVariables(text: string): string[] {
  const names: string[] = [];
  VARIABLE.lastIndex = 0;
  for (let m = VARIABLE.exec(text); m !== null; m = VARIABLE.exec(text)) names.push(m[1] ?? m[4]);
  return [...new Set(names)];
}
