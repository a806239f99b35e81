/**
 * Reading a Docker daemon configuration (daemon.json) into one `docker:DaemonConfig` object whose
 * `lines` give the line of every key and list element, so findings point at them.
 *
 * dockerd decodes the file with Go's encoding/json: strict JSON (no comments, no trailing commas), one
 * object, a leading byte order mark ignored, an empty file an empty configuration. It accepts a key given
 * twice and silently keeps the last; this reader refuses that instead, because a reviewer reading top
 * down sees the first value while dockerd applies the second (a quiet way to hide `"icc": true`).
 * Parsed with jsonc-parser (Microsoft) in strict mode, loaded on first use: measured against JSON.parse
 * on 26 malformed inputs (comments, trailing commas, leading zeros, single quotes, bad escapes, raw
 * control characters...), it refuses exactly what JSON.parse refuses and gives the offset of each error
 * and each key, which JSON.parse does not.
 *
 * daemon.json has no place for waivers (dockerd refuses unknown keys): it is waived through the
 * checker's waivers (hipaa-check --waivers, a construct's waivers) targeted at
 * `{ kind: 'docker:DaemonConfig', name: <the file as given> }`.
 */
import type * as Jsonc from 'jsonc-parser';
import { DAEMON_CONFIG } from './kinds';
import { ManifestError } from '../manifest-error';
import type { Resource } from '../resource';

let jsonc: typeof Jsonc | undefined;
function parser(): typeof Jsonc {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  jsonc ??= require('jsonc-parser') as typeof Jsonc;
  return jsonc;
}

/** Reads one daemon.json. Problems (not JSON, not an object, a key given twice) are pushed onto `problems`. */
export function readDaemonConfig(text: string, file: string, problems: ManifestError[]): Resource[] {
  // dockerd ignores a UTF-8 byte order mark (Notepad writes one).
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lineAt = lineIndex(json);
  if (json.trim() === '') {
    // dockerd starts with an empty file and its defaults, which the rules then judge.
    return [daemonConfig(file, {}, {})];
  }
  const { parseTree, printParseErrorCode } = parser();
  const errors: Jsonc.ParseError[] = [];
  const root = parseTree(json, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || root === undefined) {
    const e = errors[0];
    const what = e ? describeParseError(printParseErrorCode(e.error)) : 'no JSON value';
    problems.push(new ManifestError(file, e ? lineAt(e.offset) : 1, `not valid JSON: ${what}; dockerd reads daemon.json as strict JSON (no comments, no trailing commas)`));
    return [];
  }
  if (root.type !== 'object') {
    problems.push(new ManifestError(file, lineAt(root.offset), `daemon.json must be a JSON object of daemon options ({"icc": false, ...}), got ${ROOT_TYPES[root.type] ?? root.type}`));
    return [];
  }
  // No prototype: a key "__proto__" or "constructor" is a path like any other.
  const lines: Record<string, number> = Object.create(null);
  const duplicate = walk(root, '', lines, lineAt);
  if (duplicate) {
    problems.push(new ManifestError(file, duplicate.line, duplicate.message));
    return [];
  }
  // JSON.parse for the body: it makes a key "__proto__" an own property, as it is in the file. It accepts
  // what the strict parser accepted (measured); should the two ever differ, the file is refused, not thrown on.
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(json) as Record<string, unknown>;
  } catch (e) {
    problems.push(new ManifestError(file, undefined, `not valid JSON: ${(e as Error).message}`));
    return [];
  }
  return [daemonConfig(file, body, lines)];
}

const ROOT_TYPES: Record<string, string> = { array: 'a list', string: 'a string', number: 'a number', boolean: 'true or false', null: 'null' };

function daemonConfig(file: string, body: Record<string, unknown>, lines: Record<string, number>): Resource {
  return { kind: DAEMON_CONFIG, name: file, body, source: { file, line: 1 }, lines };
}

/** The field path of `key` under `parent`: `log-opts.syslog-address`, or `labels["a.b"]` for a key a dot would split. */
function daemonKeyPath(parent: string, key: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** Records the line of every property and element under `node`; returns the first key given twice. */
type Duplicate = { line: number; message: string };

function walk(node: Jsonc.Node, path: string, lines: Record<string, number>, lineAt: (offset: number) => number): Duplicate | undefined {
  if (node.type === 'object') {
    const seen = new Map<string, number>();
    for (const property of node.children ?? []) {
      const [keyNode, value] = property.children ?? [];
      const key = String(keyNode.value);
      const line = lineAt(keyNode.offset);
      const first = seen.get(key);
      if (first !== undefined) {
        const where = path === '' ? '' : ` in ${path}`;
        return {
          line,
          message: `key ${JSON.stringify(key)} is given twice${where} (first on line ${first}): dockerd silently keeps the last value while a reader sees the first; keep one`,
        };
      }
      seen.set(key, line);
      const child = daemonKeyPath(path, key);
      lines[child] = line;
      if (value) {
        const found = walk(value, child, lines, lineAt);
        if (found) return found;
      }
    }
  } else if (node.type === 'array') {
    const children = node.children ?? [];
    for (let i = 0; i < children.length; i++) {
      const child = `${path}[${i}]`;
      lines[child] = lineAt(children[i].offset);
      const found = walk(children[i], child, lines, lineAt);
      if (found) return found;
    }
  }
  return undefined;
}

/** 1-based line of a character offset. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** jsonc-parser's error codes (`CommaExpected`) in words (`a comma is expected`). */
function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'an unexpected character (a comment, a single quote or an unquoted word?)',
    InvalidNumberFormat: 'a number JSON does not allow (leading zero, hexadecimal, NaN?)',
    PropertyNameExpected: 'a property name in double quotes is expected (a trailing comma?)',
    ValueExpected: 'a value is expected (a trailing comma?)',
    ColonExpected: 'a colon is expected',
    CommaExpected: 'a comma is expected',
    CloseBraceExpected: 'a closing brace is expected',
    CloseBracketExpected: 'a closing bracket is expected',
    EndOfFileExpected: 'the file goes on after the object',
    InvalidCommentToken: 'a comment (JSON has none)',
    UnexpectedEndOfComment: 'an unclosed comment',
    UnexpectedEndOfString: 'an unclosed string',
    UnexpectedEndOfNumber: 'a number that ends too early',
    InvalidUnicode: 'an invalid \\u escape',
    InvalidEscapeCharacter: 'an invalid escape in a string',
    InvalidCharacter: 'a raw control character (tab, new line) inside a string',
  };
  return words[code] ?? code;
}
