/**
 * Reading Kubernetes manifests: multi-document YAML and JSON text, files and directories,
 * into {@link Resource}s that remember the file and the line each object starts on.
 *
 * YAML is read the way Kubernetes reads it (sigs.k8s.io/yaml, YAML 1.1 scalars), not with
 * YAML 1.2 rules, so the checker sees what the API server will see: `privileged: yes` is
 * `true`, `defaultMode: 0400` is 256 (octal), and `expires: 2026-12-31` stays a string.
 */
import { isUtf8 } from 'buffer';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { OUTSIDE_SUBSET, readBlockDocument } from './block-yaml';
import { ComposeFileText, readComposeFiles } from './docker/compose';
import { readDaemonConfig } from './docker/daemon-json';
import { readDockerfile } from './docker/dockerfile';
import { inputKindOf } from './docker/input-kind';
import { helmChartReason, HELM_CHART_FILES, helmTemplateProblem } from './helm-template';
import { ManifestError } from './manifest-error';
import { fromManifest, Resource } from './resource';
import { documentSpans } from './yaml-document-lines';

/** File name endings read when a directory is given. */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

export { ManifestError } from './manifest-error';

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
    throw syntaxError(e, file);
  }
  const documents: YamlDocument[] = [];
  values.forEach((value, i) => {
    if (value === null || value === undefined) return;
    documents.push({ value, line: docLines[i] ?? 1 });
  });
  return { documents, lineOf: (node) => lines.get(node) };
}

/** A js-yaml exception as a ManifestError naming the file and line; other errors as they are. */
function syntaxError(e: unknown, file: string): unknown {
  if (e instanceof yaml.YAMLException) {
    const mark = (e as any).mark;
    const language = file.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML';
    return new ManifestError(file, mark ? mark.line + 1 : undefined, `not valid ${language}: ${(e as any).reason ?? e.message}`);
  }
  return e;
}

const NO_LINE = (): number | undefined => undefined;

/**
 * {@link loadYamlStream} for manifests, faster: the document lines come from a scan for `---`
 * instead of a per-node listener (measured: the listener and its map of every node cost more
 * than the whole rule pack on large files), and each document in the block subset of YAML
 * that generated manifests use is read by `readBlockDocument` (block-yaml.ts), several times faster than
 * js-yaml with the same values; js-yaml reads the other documents. Lines inside documents are
 * needed only for the items of a `List`; a stream holding one, or using `...` or directives,
 * or with a document js-yaml refuses (so its error names the line in the file), is read again
 * with {@link loadYamlStream}.
 * @throws ManifestError naming `file` and the line of a syntax error.
 */
export function loadManifestStream(text: string, file: string): YamlStream {
  const spans = documentSpans(text);
  if (spans === undefined) return loadYamlStream(text, file);
  const documents: YamlDocument[] = [];
  for (const span of spans) {
    let value = readBlockDocument(text, span.start, span.end, KUBERNETES_YAML_SCHEMA);
    if (value === OUTSIDE_SUBSET) {
      // The document as js-yaml sees it in the stream: after its `---`, with nothing before.
      let values: unknown[];
      try {
        values = yaml.loadAll((span.marker ? '---' : '') + text.slice(span.start, span.end), undefined, { schema: KUBERNETES_YAML_SCHEMA });
      } catch {
        return loadYamlStream(text, file);
      }
      if (values.length !== 1) return loadYamlStream(text, file);
      value = values[0];
    }
    if (value === null || value === undefined) continue;
    if (mayBeList(value)) return loadYamlStream(text, file);
    documents.push({ value, line: span.line });
  }
  return { documents, lineOf: NO_LINE };
}

function mayBeList(value: unknown): boolean {
  const kind = (value as { kind?: unknown }).kind;
  return typeof kind === 'string' && kind.endsWith('List');
}

/**
 * Parses manifests from text: every document of a YAML stream (JSON is YAML too), with the
 * items of `kind: List` (and API list kinds such as `DeploymentList`) expanded. Empty
 * documents are skipped.
 * @param text the YAML or JSON text
 * @param file name used in source locations and errors
 * @throws ManifestError when the text is not YAML (or is an unrendered Helm template), or a
 * document or list item is not a Kubernetes object (a mapping with a `kind`)
 */
export function parseManifests(text: string, file: string = '<input>'): Resource[] {
  const problems: ManifestError[] = [];
  const out = collectManifests(text, file, problems);
  if (problems.length > 0) throw problems[0];
  return out;
}

/**
 * Parses manifests from text like {@link parseManifests}, but goes on past a bad document:
 * the objects of every good document come back, and each problem (the text is not YAML, an
 * unrendered Helm template, a document or list item that is not a Kubernetes object) is
 * pushed onto `problems`. A syntax error leaves the whole text unread.
 */
export function collectManifests(text: string, file: string, problems: ManifestError[]): Resource[] {
  const out: Resource[] = [];
  let stream: YamlStream;
  try {
    stream = loadManifestStream(text, file);
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    problems.push(helmTemplateProblem(text, file) ?? e);
    return out;
  }
  if (text.includes('{{')) {
    const helm = helmTemplateProblem(text, file, stream);
    if (helm) {
      problems.push(helm);
      return out;
    }
  }
  for (const doc of stream.documents) {
    collect(doc.value, doc.line, file, stream, out, problems, undefined, '');
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
  problems: ManifestError[],
  defaults: ItemDefaults | undefined,
  item: string,
): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value} (${JSON.stringify(value)})`;
    const hint = Array.isArray(value) && defaults === undefined ? "; to give several objects, separate documents with '---' or use 'kind: List' with 'items'" : '';
    problems.push(new ManifestError(file, line, `${item}not a Kubernetes object: expected a mapping with 'apiVersion' and 'kind', got ${what}${hint}`));
    return;
  }
  let manifest = value as Record<string, any>;
  if (manifest.kind === undefined && defaults !== undefined) {
    // API list responses (`DeploymentList`) leave kind and apiVersion off their items.
    manifest = { apiVersion: defaults.apiVersion, kind: defaults.kind, ...manifest };
  }
  const kind = manifest.kind;
  if (typeof kind !== 'string' || kind === '') {
    const compose = kind === undefined && defaults === undefined && item === '' && manifest.services !== null && typeof manifest.services === 'object' ? `; ${COMPOSE_HINT}` : '';
    problems.push(new ManifestError(file, line, `${item}not a Kubernetes object: it has no 'kind'${kind !== undefined ? ` (got ${describeValue(kind)})` : ''}${compose}`));
    return;
  }
  if (isList(manifest)) {
    const items = manifest.items;
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) {
      problems.push(new ManifestError(file, line, `'items' of a ${kind} must be a list, got ${typeof items}`));
      return;
    }
    const itemDefaults = kind === 'List' ? undefined : { kind: kind.slice(0, -'List'.length), apiVersion: manifest.apiVersion };
    items.forEach((it: unknown, i: number) => {
      const itemLine = it !== null && typeof it === 'object' ? stream.lineOf(it) ?? line : line;
      collect(it, itemLine, file, stream, out, problems, itemDefaults, `${item}item ${i} of the ${kind}: `);
    });
    return;
  }
  out.push(fromManifest(manifest, { file, line }));
}

/** A value for a message: JSON, which never prints `[object Object]`. */
function describeValue(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    // a cycle (YAML aliases can make one): fall through
  }
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : String(value);
}

/** What to do with a Compose file of a name hipaa-check does not know, read as Kubernetes YAML. */
const COMPOSE_HINT =
  "it looks like a Compose file (top-level 'services'): name it compose.yaml (or docker-compose.yml, or compose.<name>.yaml to layer it " +
  'over the compose.yaml next to it) to have it found in directories, or give it to hipaa-check as an argument';

/**
 * Whether a file given by a name hipaa-check does not know (`stack.yml`) is a Compose file: a top-level
 * `services` key and no top-level `kind` or `apiVersion`, as `docker compose -f` and `docker stack deploy -c` take.
 */
export function looksLikeCompose(text: string): boolean {
  return /^(["']?)services\1[ \t]*:/m.test(text) && !/^(["']?)(?:kind|apiVersion)\1[ \t]*:/m.test(text);
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
 * system's order. A file reached twice (given twice, or through a link) is read once. A
 * directory holding `Chart.yaml` is an unrendered Helm chart: it is a problem, not read.
 * @throws ManifestError when a path does not exist or a directory holds no manifest file
 */
export function listManifestFiles(paths: readonly string[], cwd: string = process.cwd()): string[] {
  const problems: ManifestError[] = [];
  const files = findManifestFiles(paths, cwd, problems);
  if (problems.length > 0) throw problems[0];
  return files;
}

/**
 * {@link listManifestFiles}, going on past problems: a path that does not exist, a directory
 * that cannot be read or holds no manifest, a link that loops are pushed onto `problems` and
 * the other paths are still listed. Tool configuration files ({@link TOOL_CONFIG_FILES}) found in a
 * directory are left out, and pushed onto `skipped` when it is given.
 */
export function findManifestFiles(paths: readonly string[], cwd: string, problems: ManifestError[], skipped?: string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    const stat = statOf(given, abs, problems);
    if (stat === undefined) continue;
    if (stat.isDirectory()) {
      const found: string[] = [];
      const before = problems.length;
      walk(given, abs, found, new Set([realpath(abs)]));
      if (found.length === 0 && problems.length === before) {
        problems.push(new ManifestError(given, undefined, `no ${MANIFEST_EXTENSIONS.join('/')} files, Dockerfiles, Compose files or daemon.json in this directory`));
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
      problems.push(new ManifestError(display, undefined, `cannot read it (${describeFsError(e)})`));
      return;
    }
    if (entries.some((e) => HELM_CHART_FILES.includes(e.name) && !e.isDirectory())) {
      // A chart's templates and values are not manifests: one problem for the chart, not one per file.
      problems.push(new ManifestError(display, undefined, helmChartReason(display)));
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const childDisplay = path.join(display, entry.name);
      const childAbs = path.join(abs, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = statOf(childDisplay, childAbs, problems);
        if (target === undefined) continue;
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDir) {
        const real = realpath(childAbs);
        if (visited.has(real)) continue;
        walk(childDisplay, childAbs, out, new Set([...visited, real]));
      } else if (isFile && inputKindOf(entry.name) !== undefined) {
        if (TOOL_CONFIG_FILES.some((re) => re.test(entry.name))) skipped?.push(childDisplay);
        else out.push(childDisplay);
      }
    }
  }
}

/**
 * Reads one manifest file. `-` reads standard input.
 * @throws ManifestError when the file cannot be read or parsed
 */
export function readManifestFile(file: string, cwd: string = process.cwd()): Resource[] {
  const problems: ManifestError[] = [];
  const input = readInputFile(file, cwd, problems);
  const out = input ? collectManifests(input.text, file, problems) : [];
  if (problems.length > 0) throw problems[0];
  return out;
}

/** A file that was read: what it was called and the SHA-256 of its bytes. */
export interface ManifestInput {
  /** The file as given (or found in a directory given); `<stdin>` for standard input. */
  readonly file: string;
  /** SHA-256 of the bytes read, in hex. */
  readonly sha256: string;
  /** Size in bytes. */
  readonly bytes: number;
}

/** Everything read from some paths: the objects, the files, and what could not be read. */
export interface ManifestSet {
  /** The objects of every file that could be read, in the order of {@link readManifests}. */
  readonly resources: readonly Resource[];
  /** Every file read (also those with a problem), with its SHA-256. */
  readonly inputs: readonly ManifestInput[];
  /** Files, documents and paths that could not be read (as Kubernetes objects, Dockerfiles, Compose files or daemon.json); the rest was read. */
  readonly problems: readonly ManifestError[];
  /**
   * JSON and YAML files found in a directory that were not checked and are not problems: tool
   * configuration skipped by name (package.json, tsconfig.json: {@link TOOL_CONFIG_FILES}) and files
   * holding nothing like a Kubernetes object (no document with `apiVersion`, `kind` or `metadata`: an
   * OpenAPI document, a report of an earlier run). A file given by name is always read. @default - none
   */
  readonly skipped?: readonly string[];
}

/**
 * JSON and YAML files of build tools that a directory walk leaves out by name: they are never
 * manifests, and some (tsconfig.json with comments) are not even JSON.
 */
export const TOOL_CONFIG_FILES: readonly RegExp[] = [
  /^package(-lock)?\.json$/, /^npm-shrinkwrap\.json$/, /^[jt]sconfig(\..+)?\.json$/, /^pnpm-(lock|workspace)\.yaml$/,
  /^(lerna|nx|turbo|angular|composer|deno|biome|renovate|vercel|typedoc|api-extractor)\.json$/, /^cdk8s\.yaml$/, /^cdk\.json$/,
  /^Pulumi(\..+)?\.yaml$/, /^PulumiPolicy\.yaml$/,
];

/** Options of {@link readManifestSet}. */
export interface ReadManifestsOptions {
  /** Directory relative paths are resolved against. @default process.cwd() */
  readonly cwd?: string;
  /** Reads standard input for the path `-`. @default - reads file descriptor 0 */
  readonly readStdin?: () => string | Uint8Array;
}

/**
 * Reads every manifest under some paths like {@link readManifests}, but never stops at a bad
 * file: a path that does not exist, a file that cannot be read (permission denied, a link
 * loop), text that is not UTF-8, YAML that does not parse, an unrendered Helm template, or a
 * document that is not a Kubernetes object each becomes a problem naming the file (and line),
 * and everything else is read.
 */
export function readManifestSet(paths: readonly string[], options: ReadManifestsOptions = {}): ManifestSet {
  const cwd = options.cwd ?? process.cwd();
  const problems: ManifestError[] = [];
  const resources: Resource[] = [];
  const inputs: ManifestInput[] = [];
  const skipped: string[] = [];
  const files: string[] = findManifestFiles(paths.filter((p) => p !== '-'), cwd, problems, skipped);
  if (paths.includes('-')) files.push('-');
  const given = new Set(paths);
  // Compose files are read per directory, after the loop: override files layer over the base file.
  const composeByDir = new Map<string, ComposeFileText[]>();
  for (const file of files) {
    const input = readInputFile(file, cwd, problems, options.readStdin);
    if (!input) continue;
    inputs.push({ file: input.name, sha256: input.sha256, bytes: input.bytes });
    if (input.unreadable) continue;
    // Standard input and files of other names given as arguments are Kubernetes YAML, except a file given
    // by name that reads like a Compose file (stack.yml): a project of its own, never layered over another.
    let kind = file === '-' ? 'kubernetes' : inputKindOf(file) ?? 'kubernetes';
    const standalone = kind === 'kubernetes' && file !== '-' && given.has(file) && looksLikeCompose(input.text);
    if (standalone) kind = 'compose';
    if (kind === 'compose' || kind === 'compose-override') {
      const dir = standalone ? path.resolve(cwd, file) : path.dirname(path.resolve(cwd, file));
      const list = composeByDir.get(dir);
      if (list) list.push({ file: input.name, text: input.text });
      else composeByDir.set(dir, [{ file: input.name, text: input.text }]);
      continue;
    }
    const read = kind === 'dockerfile' ? readDockerfile : kind === 'daemon' ? readDaemonConfig : collectManifests;
    const before = problems.length;
    const found = read(input.text, input.name, problems);
    if (kind === 'kubernetes' && !given.has(file) && found.length === 0 && problems.length > before && holdsNoManifest(input.text) && !looksLikeCompose(input.text)) {
      // A JSON or YAML file found in a directory that holds nothing like a manifest (an OpenAPI document,
      // a report of an earlier run): not an input of the check, and not a problem. A Compose file of
      // another name stays a problem that says how to have it checked.
      problems.length = before;
      inputs.pop();
      skipped.push(input.name);
      continue;
    }
    for (const r of found) resources.push(r);
  }
  for (const group of composeByDir.values()) {
    for (const r of readComposeFiles(group, problems)) resources.push(r);
  }
  return { resources, inputs, problems, skipped: skipped.sort(comparePaths) };
}

/**
 * Whether YAML or JSON text holds no document that looks like a Kubernetes object: none is a mapping
 * with `apiVersion`, `kind` or `metadata`. A manifest with a misspelt key still has the others, so it
 * stays a problem; text that does not parse is not judged here (it stays a problem too).
 */
function holdsNoManifest(text: string): boolean {
  let docs: unknown[];
  try {
    docs = yaml.loadAll(text, undefined, { schema: KUBERNETES_YAML_SCHEMA });
  } catch {
    return false;
  }
  return docs.every((d) => d === null || typeof d !== 'object' || Array.isArray(d) || !('apiVersion' in d || 'kind' in d || 'metadata' in d));
}

/**
 * Reads every manifest under some paths (see {@link listManifestFiles}), in a deterministic
 * order: the paths in the order given, the files of a directory sorted.
 * @throws ManifestError naming the file (and line) of the first problem
 */
export function readManifests(paths: readonly string[], cwd: string = process.cwd()): Resource[] {
  const set = readManifestSet(paths, { cwd });
  if (set.problems.length > 0) throw set.problems[0];
  return [...set.resources];
}

interface InputText {
  readonly name: string;
  readonly text: string;
  readonly sha256: string;
  readonly bytes: number;
  /** True when the bytes are not text (a problem was raised): no reader gets it. */
  readonly unreadable?: boolean;
}

/** Reads a file (or standard input for `-`) as UTF-8 text; a problem and undefined when it cannot. */
function readInputFile(file: string, cwd: string, problems: ManifestError[], readStdin?: () => string | Uint8Array): InputText | undefined {
  const name = file === '-' ? '<stdin>' : file;
  let data: Buffer;
  try {
    if (file === '-') {
      const given = readStdin ? readStdin() : fs.readFileSync(0);
      // Uint8Array in the public type: consumers of the core need no @types/node.
      data = typeof given === 'string' ? Buffer.from(given, 'utf8') : Buffer.from(given.buffer, given.byteOffset, given.byteLength);
    } else {
      data = fs.readFileSync(path.resolve(cwd, file));
    }
  } catch (e) {
    problems.push(new ManifestError(name, undefined, file === '-' ? `cannot read standard input (${describeFsError(e)})` : `cannot read it (${describeFsError(e)})`));
    return undefined;
  }
  const sha256 = createHash('sha256').update(data).digest('hex');
  const encoding = notUtf8(data);
  if (encoding !== undefined) {
    problems.push(new ManifestError(name, encoding.line, encoding.reason));
    return { name, text: '', sha256, bytes: data.length, unreadable: true };
  }
  return { name, text: data.toString('utf8'), sha256, bytes: data.length };
}

/** Why bytes are not UTF-8 text (naming UTF-16 when its byte order mark says so); undefined when they are. */
function notUtf8(data: Buffer): { line?: number; reason: string } | undefined {
  if (data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))) {
    return { reason: 'not UTF-8 text: it is UTF-16 (as PowerShell\'s `>` writes); save it as UTF-8' };
  }
  if (isUtf8(data)) return undefined;
  let line = 1;
  let i = 0;
  // Find the first invalid sequence for the message: decode prefixes line by line.
  for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10, nl + 1)) {
    if (!isUtf8(data.subarray(i, nl))) break;
    line++;
    i = nl + 1;
  }
  return { line, reason: 'not UTF-8 text: an invalid byte sequence on this line; Kubernetes reads manifests as UTF-8, so convert the file (e.g. iconv -t UTF-8)' };
}

function statOf(display: string, abs: string, problems: ManifestError[]): fs.Stats | undefined {
  try {
    return fs.statSync(abs);
  } catch (e) {
    problems.push(new ManifestError(display, undefined, `cannot read it (${describeFsError(e)})`));
    return undefined;
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
  // Every plain scalar passes here: reject by length before hashing the string for the map.
  resolve: (data: unknown) => typeof data === 'string' && data.length <= 5 && BOOLS.has(data),
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
    if (typeof data === 'string' && data.length <= 5 && data.length >= 4 && SPECIAL_FLOATS.has(data)) return true;
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
