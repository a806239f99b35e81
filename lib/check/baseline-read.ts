import * as fs from 'fs';
import * as path from 'path';
import { Baseline, BASELINE_VERSION, BaselineEntry, MAX_BASELINE_MONTHS } from './baseline';
import { entryKey } from './baseline-apply';
import { BaselineError } from './baseline-error';
import { didYouMean } from './did-you-mean';
import { describeValue, latestWaiverExpiry } from './waiver';

const TOP_KEYS = ['version', 'tool', 'created', 'expires', 'entries'];
const ENTRY_KEYS = ['rule', 'kind', 'namespace', 'name', 'path', 'count', 'message'];
const REWRITE = 'write a new one with hipaa-check --write-baseline <file>';

/** Reads and validates a baseline file (a path resolved against `cwd`); throws {@link BaselineError} with every problem. */
export function readBaseline(file: string, cwd: string = process.cwd()): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
    throw new BaselineError([`baseline ${file}: cannot be read (${why}); give the file --write-baseline wrote, or ${REWRITE}`]);
  }
  return parseBaseline(text, file);
}

/**
 * Validates the text of a baseline file; `file` names it in the problems and is recorded in the
 * baseline. Entries are sorted; rule ids are not checked against a pack (packs vary: an entry of a
 * rule that did not run matches nothing and is reported stale).
 */
export function parseBaseline(text: string, file: string): Baseline {
  const at = `baseline ${file}`;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new BaselineError([jsonProblem(at, text, (e as Error).message)]);
  }
  if (!isRecord(doc)) throw new BaselineError([`${at}: must be a JSON object {version, tool, created, expires, entries} (got ${valueText(doc)}); ${REWRITE}`]);
  if (doc.version !== BASELINE_VERSION) {
    throw new BaselineError([`${at}: version must be ${BASELINE_VERSION} (got ${valueText(doc.version)}): this hipaa-check reads baseline format ${BASELINE_VERSION}; ${REWRITE}`]);
  }
  const problems: string[] = [];
  for (const key of Object.keys(doc)) if (!TOP_KEYS.includes(key)) problems.push(`${at}: unknown field '${key}'${didYouMean(key, TOP_KEYS)} (allowed: ${TOP_KEYS.join(', ')}); remove it`);
  if (doc.tool !== undefined && (typeof doc.tool !== 'string' || doc.tool === '')) problems.push(`${at}: tool must be a non-empty string (got ${valueText(doc.tool)})`);
  const created = dayProblem(doc.created, 'created', at, problems);
  const expires = dayProblem(doc.expires, 'expires', at, problems);
  if (created !== undefined && expires !== undefined) {
    const latest = latestWaiverExpiry(new Date(`${created}T00:00:00Z`), MAX_BASELINE_MONTHS);
    if (expires < created) {problems.push(`${at}: expires ${expires} is before created ${created}; set expires to a day from ${created} to ${latest}`);} else if (expires > latest) {
      problems.push(`${at}: expires ${expires} is more than ${MAX_BASELINE_MONTHS} months after created ${created} (latest allowed: ${latest}): accepted findings come back for review at least that often (45 CFR 164.308(a)(8)); set an earlier date`);
    }
  }
  const entries: BaselineEntry[] = [];
  if (doc.entries === undefined) {problems.push(`${at}: entries is missing: give the list of accepted findings (it may be empty)`);} else if (!Array.isArray(doc.entries)) {problems.push(`${at}: entries must be a list of accepted findings (got ${valueText(doc.entries)})`);} else {
    const seen = new Map<string, number>();
    doc.entries.forEach((raw: unknown, i: number) => {
      const entry = entryOf(raw, `${at}: entries[${i}]`, problems);
      if (!entry) return;
      const key = entryKey(entry);
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push(`${at}: entries[${i}] has the rule, object and path of entries[${first}] (rule '${entry.rule}' on ${objectText(entry)} at '${entry.path}'); merge them into one entry whose count is their sum`);
        return;
      }
      seen.set(key, i);
      entries.push(entry);
    });
  }
  if (problems.length > 0) throw new BaselineError(problems);
  return {
    file,
    ...(doc.tool !== undefined ? { tool: doc.tool as string } : {}),
    created: created!,
    expires: expires!,
    entries: sortEntries(entries),
  };
}

/** Entries in file order: rule, kind, namespace, name, path. */
export function sortEntries(entries: readonly BaselineEntry[]): BaselineEntry[] {
  return [...entries].sort(
    (a, b) => cmp(a.rule, b.rule) || cmp(a.kind, b.kind) || cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.name, b.name) || cmp(a.path, b.path),
  );
}

/**
 * Why `text` is not JSON, with the line: a comma before `]` or `}` (the usual slip when an entry is
 * deleted by hand, which Node's message does not place), else JSON.parse's message with the line and
 * column of the position it gives.
 */
function jsonProblem(at: string, text: string, message: string): string {
  const comma = trailingComma(text);
  if (comma !== undefined) {
    return `${at}:${lineOf(text, comma.comma)}: is not JSON: a comma before '${text[comma.next]}' (JSON allows none after the last item); remove it, or ${REWRITE}`;
  }
  const position = /at position (\d+)/.exec(message);
  const where = position && !/\(line \d+ column \d+\)/.test(message) ? `:${lineOf(text, Number(position[1]))}` : '';
  return `${at}${where}: is not JSON (${message}); ${REWRITE}`;
}

/** The first `,` outside strings followed (after white space) by `]` or `}`. */
function trailingComma(text: string): { comma: number; next: number } | undefined {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] === ']' || text[j] === '}') return { comma: i, next: j };
    }
  }
  return undefined;
}

/** The 1-based line of the character at `index`. */
function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** `Kind namespace/name` or `Kind name`, as problems name an entry's object. */
export function objectText(e: BaselineEntry): string {
  return `${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`;
}

function entryOf(raw: unknown, at: string, problems: string[]): BaselineEntry | undefined {
  if (!isRecord(raw)) {
    problems.push(`${at}: must be an object {rule, kind, namespace?, name, path, count, message?} (got ${valueText(raw)})`);
    return undefined;
  }
  const before = problems.length;
  const where = raw.rule === undefined ? at : `${at} (rule '${String(raw.rule)}')`;
  for (const key of Object.keys(raw)) if (!ENTRY_KEYS.includes(key)) problems.push(`${where}: unknown field '${key}'${didYouMean(key, ENTRY_KEYS)} (allowed: ${ENTRY_KEYS.join(', ')}); remove it`);
  for (const key of ['rule', 'kind', 'name'] as const) {
    if (raw[key] === undefined) problems.push(`${where}: ${key} is missing`);
    else if (typeof raw[key] !== 'string' || raw[key] === '') problems.push(`${where}: ${key} must be a non-empty string (got ${valueText(raw[key])})`);
  }
  if (raw.path === undefined) problems.push(`${where}: path is missing (the field path of the finding; "" for the whole object)`);
  else if (typeof raw.path !== 'string') problems.push(`${where}: path must be a string (got ${valueText(raw.path)})`);
  if (raw.namespace !== undefined && (typeof raw.namespace !== 'string' || raw.namespace === '')) {
    problems.push(`${where}: namespace must be a non-empty string, or left out for an object without one (got ${valueText(raw.namespace)})`);
  }
  if (raw.count === undefined) {problems.push(`${where}: count is missing (how many findings of this rule, object and path it accepts, usually 1)`);} else if (typeof raw.count !== 'number' || !Number.isInteger(raw.count) || raw.count < 1) {
    problems.push(`${where}: count must be a whole number of 1 or more (got ${valueText(raw.count)})`);
  }
  if (raw.message !== undefined && typeof raw.message !== 'string') problems.push(`${where}: message must be a string (got ${valueText(raw.message)})`);
  if (problems.length > before) return undefined;
  return {
    rule: raw.rule as string,
    kind: raw.kind as string,
    ...(raw.namespace !== undefined ? { namespace: raw.namespace as string } : {}),
    name: raw.name as string,
    path: raw.path as string,
    count: raw.count as number,
    ...(raw.message !== undefined ? { message: raw.message as string } : {}),
  };
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The value as a YYYY-MM-DD day, or undefined with a problem recorded. */
function dayProblem(value: unknown, field: string, at: string, problems: string[]): string | undefined {
  if (value === undefined) {
    problems.push(`${at}: ${field} is missing (a day written YYYY-MM-DD)`);
    return undefined;
  }
  const m = typeof value === 'string' ? DAY.exec(value) : null;
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : undefined;
  // Refuses 2026-02-31 and the like, which Date.UTC silently rolls over.
  if (!m || !d || d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    problems.push(`${at}: ${field} must be a day written YYYY-MM-DD (got ${valueText(value)})`);
    return undefined;
  }
  return value as string;
}

/** `2`, `true`, `the string "x"`, `a list`...: a wrong value as a problem names it. */
function valueText(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : describeValue(value);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
