/**
 * Reading Kubernetes manifests: multi-document YAML and JSON text, files and directories,
 * into {@link Resource}s that remember the file and the line each object starts on.
 *
 * YAML is read the way Kubernetes reads it (sigs.k8s.io/yaml, YAML 1.1 scalars), not with
 * YAML 1.2 rules, so the checker sees what the API server will see: `privileged: yes` is
 * `true`, `defaultMode: 0400` is 256 (octal), and `expires: 2026-12-31` stays a string.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { fromManifest, Resource } from './resource';

/** File name endings read when a directory is given. */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** Input that cannot be read as Kubernetes objects; names the file and, when known, the line. */
export class ManifestError extends Error {
  constructor(
    /** The file (as given) the problem is in. */
    public readonly file: string,
    /** 1-based line of the problem. */
    public readonly line: number | undefined,
    /** What is wrong, without the location. */
    public readonly reason: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${reason}`);
    this.name = 'ManifestError';
  }
}

/** One document of a YAML stream and the 1-based line its content starts on. */
export interface YamlDocument {
  /** The parsed value (never null: empty documents are left out). */
  readonly value: unknown;
  /** 1-based line of the document's first content (after `---`, comments and blank lines). */
  readonly line: number;
}

/** The documents of a YAML stream, and where the collections near the top of each start. */
export interface YamlStream {
  /** Non-empty documents, in order. */
  readonly documents: readonly YamlDocument[];
  /** 1-based line where a mapping or sequence of the stream starts. */
  lineOf(node: object): number | undefined;
}

/**
 * Parses a YAML (or JSON) stream with Kubernetes' YAML 1.1 scalar rules.
 * @throws ManifestError naming `file` and the line of a syntax error.
 */
export function loadYamlStream(text: string, file: string): YamlStream {
  const lines = new Map<object, number>();
  const docLines: number[] = [];
  const open: number[] = [];
  const listener = (event: 'open' | 'close', state: any) => {
    if (event === 'open') {
      if (open.length === 0) docLines.push(state.line + 1);
      open.push(state.line);
    } else {
      const line = open.pop()!;
      const result = state.result;
      if (result !== null && typeof result === 'object') lines.set(result, line + 1);
    }
  };
  let values: unknown[];
  try {
    values = yaml.loadAll(text, undefined, { filename: file, schema: KUBERNETES_YAML_SCHEMA, listener } as yaml.LoadOptions);
  } catch (e) {
    if (e instanceof yaml.YAMLException) {
      const mark = (e as any).mark;
      const language = file.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML';
      throw new ManifestError(file, mark ? mark.line + 1 : undefined, `not valid ${language}: ${(e as any).reason ?? e.message}`);
    }
    throw e;
  }
  const documents: YamlDocument[] = [];
  values.forEach((value, i) => {
    if (value === null || value === undefined) return;
    documents.push({ value, line: docLines[i] ?? 1 });
  });
  return { documents, lineOf: (node) => lines.get(node) };
}

/**
 * Parses manifests from text: every document of a YAML stream (JSON is YAML too), with the
 * items of `kind: List` (and API list kinds such as `DeploymentList`) expanded. Empty
 * documents are skipped.
 * @param text the YAML or JSON text
 * @param file name used in source locations and errors
 * @throws ManifestError when the text is not YAML, or a document or list item is not a
 * Kubernetes object (a mapping with a `kind`)
 */
export function parseManifests(text: string, file: string = '<input>'): Resource[] {
  const stream = loadYamlStream(text, file);
  const out: Resource[] = [];
  for (const doc of stream.documents) {
    collect(doc.value, doc.line, file, stream, out, undefined, '');
  }
  return out;
}

/** Kind and apiVersion the items of an API list (`DeploymentList`) leave off. */
interface ItemDefaults {
  readonly kind: string;
  readonly apiVersion: unknown;
}

function collect(
  value: unknown,
  line: number,
  file: string,
  stream: YamlStream,
  out: Resource[],
  defaults: ItemDefaults | undefined,
  item: string,
): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value} (${JSON.stringify(value)})`;
    const hint = Array.isArray(value) && defaults === undefined ? "; to give several objects, separate documents with '---' or use 'kind: List' with 'items'" : '';
    throw new ManifestError(file, line, `${item}not a Kubernetes object: expected a mapping with 'apiVersion' and 'kind', got ${what}${hint}`);
  }
  let manifest = value as Record<string, any>;
  if (manifest.kind === undefined && defaults !== undefined) {
    // API list responses (`DeploymentList`) leave kind and apiVersion off their items.
    manifest = { apiVersion: defaults.apiVersion, kind: defaults.kind, ...manifest };
  }
  const kind = manifest.kind;
  if (typeof kind !== 'string' || kind === '') {
    throw new ManifestError(file, line, `${item}not a Kubernetes object: it has no 'kind'${kind !== undefined ? ` (got ${JSON.stringify(kind)})` : ''}`);
  }
  if (isList(manifest)) {
    const items = manifest.items;
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) {
      throw new ManifestError(file, line, `'items' of a ${kind} must be a list, got ${typeof items}`);
    }
    const itemDefaults = kind === 'List' ? undefined : { kind: kind.slice(0, -'List'.length), apiVersion: manifest.apiVersion };
    items.forEach((it: unknown, i: number) => {
      const itemLine = it !== null && typeof it === 'object' ? stream.lineOf(it) ?? line : line;
      collect(it, itemLine, file, stream, out, itemDefaults, `${item}item ${i} of the ${kind}: `);
    });
    return;
  }
  out.push(fromManifest(manifest, { file, line }));
}

/** `List`, or an API list kind (`DeploymentList`) carrying its objects in `items`. */
function isList(manifest: Record<string, any>): boolean {
  const kind: string = manifest.kind;
  if (kind === 'List') return true;
  return kind.length > 4 && kind.endsWith('List') && Array.isArray(manifest.items) && manifest.spec === undefined;
}

/**
 * The manifest files under some paths: a file is taken as it is (whatever its name); a
 * directory is walked recursively for `.yaml`, `.yml` and `.json` files, skipping entries whose
 * names start with `.` and `node_modules`, and following symbolic links without looping. Each
 * directory's files come back sorted by path, so the result does not depend on the file
 * system's order. A file reached twice (given twice, or through a link) is read once.
 * @throws ManifestError when a path does not exist or a directory holds no manifest file
 */
export function listManifestFiles(paths: readonly string[], cwd: string = process.cwd()): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    const stat = statOf(given, abs);
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(given, abs, found, new Set([realpath(abs)]));
      if (found.length === 0) {
        throw new ManifestError(given, undefined, `no ${MANIFEST_EXTENSIONS.join('/')} files in this directory`);
      }
      found.sort(comparePaths);
      for (const f of found) add(f);
    } else {
      add(given);
    }
  }
  return files;

  function add(file: string): void {
    const key = realpath(path.resolve(cwd, file));
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  }

  function walk(display: string, abs: string, out: string[], visited: Set<string>): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      throw new ManifestError(display, undefined, `cannot read it (${describeFsError(e)})`);
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const childDisplay = path.join(display, entry.name);
      const childAbs = path.join(abs, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = statOf(childDisplay, childAbs);
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDir) {
        const real = realpath(childAbs);
        if (visited.has(real)) continue;
        walk(childDisplay, childAbs, out, new Set([...visited, real]));
      } else if (isFile && MANIFEST_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
        out.push(childDisplay);
      }
    }
  }
}

/**
 * Reads one manifest file. `-` reads standard input.
 * @throws ManifestError when the file cannot be read or parsed
 */
export function readManifestFile(file: string, cwd: string = process.cwd()): Resource[] {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new ManifestError(file, undefined, `cannot read it (${describeFsError(e)})`);
  }
  return parseManifests(text, file);
}

/**
 * Reads every manifest under some paths (see {@link listManifestFiles}), in a deterministic
 * order: the paths in the order given, the files of a directory sorted.
 * @throws ManifestError naming the file (and line) of the first problem
 */
export function readManifests(paths: readonly string[], cwd: string = process.cwd()): Resource[] {
  const out: Resource[] = [];
  for (const file of listManifestFiles(paths.filter((p) => p !== '-'), cwd)) {
    for (const r of readManifestFile(file, cwd)) out.push(r);
  }
  if (paths.includes('-')) {
    for (const r of readManifestFile('-', cwd)) out.push(r);
  }
  return out;
}

function statOf(display: string, abs: string): fs.Stats {
  try {
    return fs.statSync(abs);
  } catch (e) {
    throw new ManifestError(display, undefined, `cannot read it (${describeFsError(e)})`);
  }
}

function realpath(abs: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
    return abs;
  }
}

function comparePaths(a: string, b: string): number {
  const x = a.split(path.sep).join('/');
  const y = b.split(path.sep).join('/');
  return x < y ? -1 : x > y ? 1 : 0;
}

const FS_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
};

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code && FS_ERRORS[code]) return FS_ERRORS[code];
  return (e as Error)?.message ?? String(e);
}

// --- YAML 1.1 scalars, as Kubernetes resolves them -------------------------------------------
// sigs.k8s.io/yaml decodes with go-yaml v2: booleans are y/yes/on/true and n/no/off/false in
// three casings, integers take 0x/0o/0b prefixes and a leading 0 means octal, underscores are
// ignored in numbers, and timestamps stay strings.

const BOOLS = new Map<string, boolean>();
for (const w of ['y', 'yes', 'true', 'on']) for (const v of casings(w)) BOOLS.set(v, true);
for (const w of ['n', 'no', 'false', 'off']) for (const v of casings(w)) BOOLS.set(v, false);

function casings(word: string): string[] {
  return [word, word[0].toUpperCase() + word.slice(1), word.toUpperCase()];
}

const bool11 = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && BOOLS.has(data),
  construct: (data: string) => BOOLS.get(data),
  predicate: (v: unknown) => typeof v === 'boolean',
  represent: (v: object) => String(v),
});

const INT = /^[-+]?(?:0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SPECIAL_FLOATS = new Map<string, number>();
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) SPECIAL_FLOATS.set(s, Infinity);
for (const s of ['-.inf', '-.Inf', '-.INF']) SPECIAL_FLOATS.set(s, -Infinity);
for (const s of ['.nan', '.NaN', '.NAN']) SPECIAL_FLOATS.set(s, NaN);

function plainNumber(data: unknown): string | undefined {
  if (typeof data !== 'string' || data === '') return undefined;
  const c = data.charCodeAt(0);
  // Only strings starting like a number: digit, sign or dot.
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return undefined;
  return data.indexOf('_') >= 0 ? data.replace(/_/g, '') : data;
}

const int11 = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: unknown) => {
    const p = plainNumber(data);
    return p !== undefined && INT.test(p);
  },
  construct: (data: string) => {
    let s = plainNumber(data)!;
    let sign = 1;
    if (s[0] === '-' || s[0] === '+') {
      if (s[0] === '-') sign = -1;
      s = s.slice(1);
    }
    if (s.length > 1 && s[0] === '0') {
      const p = s[1].toLowerCase();
      if (p === 'b') return sign * parseInt(s.slice(2), 2);
      if (p === 'x') return sign * parseInt(s.slice(2), 16);
      if (p === 'o') return sign * parseInt(s.slice(2), 8);
      return sign * parseInt(s.slice(1), 8);
    }
    return sign * parseInt(s, 10);
  },
  predicate: (v: unknown) => typeof v === 'number' && Number.isInteger(v),
  represent: (v: object) => String(v),
});

const float11 = new yaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: unknown) => {
    if (typeof data === 'string' && SPECIAL_FLOATS.has(data)) return true;
    const p = plainNumber(data);
    return p !== undefined && FLOAT.test(p);
  },
  construct: (data: string) => (SPECIAL_FLOATS.has(data) ? SPECIAL_FLOATS.get(data) : parseFloat(plainNumber(data)!)),
  predicate: (v: unknown) => typeof v === 'number',
  represent: (v: object) => String(v),
});

// js-yaml exports its built-in types as `types`; @types/js-yaml does not declare it.
const builtin = (yaml as unknown as { types: Record<'null' | 'merge' | 'str' | 'seq' | 'map', yaml.Type> }).types;

/** js-yaml schema resolving plain scalars the way Kubernetes (go-yaml v2) does. */
export const KUBERNETES_YAML_SCHEMA: yaml.Schema = new yaml.Schema({
  implicit: [builtin.null, bool11, int11, float11, builtin.merge],
  explicit: [builtin.str, builtin.seq, builtin.map],
});
