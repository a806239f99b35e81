/**
 * Reading Dockerfiles into one `docker:Dockerfile` object each (see kinds.ts).
 *
 * Why a hand-written reader, by measurement (bench/dockerfile-parse.ts; run it with the two libraries
 * installed outside the project: `NODE_PATH=/tmp/dfp/node_modules npx ts-node --transpile-only -P
 * test/tsconfig.json bench/dockerfile-parse.ts`):
 *
 * | construct                                  | this reader | dockerfile-ast 0.7.1 | docker-file-parser 1.0.7 |
 * |--------------------------------------------|-------------|----------------------|--------------------------|
 * | multi-stage `AS name`, lower-case keywords | yes         | yes                  | yes                      |
 * | `# escape=\`` after `# syntax=`            | yes         | yes                  | no (only on line 1)      |
 * | continuation with a comment line inside    | yes         | no (text keeps it)   | yes                      |
 * | exec form `["sh","-c","curl -k x"]`        | yes         | no (`curl-kx`)       | yes                      |
 * | shell form                                 | yes         | yes                  | yes                      |
 * | heredocs `RUN <<EOF`, `COPY <<EOF /x`      | yes         | yes                  | no (a line each)         |
 * | ARG before FROM                            | yes         | yes                  | yes                      |
 * | ARG substitution in FROM (`${VER:-20}`)    | yes         | no                   | no                       |
 * | `--platform`, `--mount`, `--checksum`, `--chown` | yes   | yes                  | no (left in the args)    |
 * | unterminated heredoc reported              | yes         | no                   | no                       |
 *
 * Throughput on a 40-line multi-stage Dockerfile (node 20, 2 shared vCPUs under load, best of 5):
 * this reader 10,000-22,000/s, dockerfile-ast 1,900-2,300/s, docker-file-parser 2,300-3,800/s.
 * dockerfile-ast, the well-kept one, loses the words of exec-form arguments and keeps comment lines
 * in continued arguments, both of which the rules read; docker-file-parser cannot read heredocs or
 * flags. BuildKit's own grammar (`frontend/dockerfile/parser`) is small, so this file follows it
 * directly and needs no dependency.
 */
import { nameValues, substitute } from './dockerfile-words';
import { ManifestError } from '../manifest-error';
import type { CarriedWaiver, Resource } from '../resource';
import { parseWaiverFields, WAIVER_TAG_PREFIX } from '../waiver-tags';
import { DOCKERFILE } from './kinds';

/** A global ARG, declared before the first FROM. */
export interface DockerfileArg {
  /** Its name. */
  readonly name: string;
  /** Its default value, quotes removed, as written. @default - none (`ARG NAME`) */
  readonly value?: string;
}

/** A `--name=value` flag of an instruction (`--mount=type=secret,id=npm`, `--chown=10001`). */
export interface DockerfileFlag {
  /** The flag's name without the dashes (`mount`). */
  readonly name: string;
  /** Its value, quotes removed. @default - none (a bare `--link`) */
  readonly value?: string;
}

/** A here-document of a RUN, COPY or ADD instruction. */
export interface DockerfileHeredoc {
  /** Its delimiter (`EOF`). */
  readonly name: string;
  /** The lines between the instruction and the delimiter, each ending in a newline (tabs stripped for `<<-`). */
  readonly content: string;
}

/** One instruction of a stage (FROM itself is the stage's `from`). */
export interface DockerfileInstruction {
  /** The instruction, upper case (`RUN`). */
  readonly keyword: string;
  /**
   * The text after the keyword and the flags, continuation lines joined (escape and newline
   * removed, comment lines dropped) as BuildKit joins them; for a heredoc instruction, its first
   * line only (`<<EOF bash`). Variables are left as written.
   */
  readonly args: string;
  /** Its leading `--` flags, in order. */
  readonly flags: readonly DockerfileFlag[];
  /** The exec (JSON) form's array, when `args` is one (`["node", "server.js"]`). @default - shell form */
  readonly json?: readonly string[];
  /** Its here-documents, in order. @default - none */
  readonly heredocs?: readonly DockerfileHeredoc[];
}

/** The base of a stage. */
export interface DockerfileFrom {
  /** The image as written (`${REG}/node:${VER:-20}`). */
  readonly image: string;
  /** The image with the global ARGs substituted; variables without a value stay visible (`${REG}/node:20`). */
  readonly resolved: string;
  /** The `--platform` flag as written. @default - none */
  readonly platform?: string;
  /** Index of the earlier stage this one builds on, when `resolved` names one (stage names ignore case). @default - an image */
  readonly stage?: number;
}

/** A build stage: a FROM and the instructions up to the next FROM. */
export interface DockerfileStage {
  /** 0-based position among the stages, as `COPY --from=<index>` counts. */
  readonly index: number;
  /** The name after `AS`, lower case as BuildKit keeps it. @default - unnamed */
  readonly name?: string;
  /** Its base. */
  readonly from: DockerfileFrom;
  /** Its instructions after FROM. */
  readonly instructions: readonly DockerfileInstruction[];
}

/**
 * The body of a `docker:Dockerfile` object. Paths into it for findings and `Resource.lines`:
 * `stages[i]` (its FROM line), `stages[i].instructions[j]`, `args[k]`, `waivers[k]` (a waiver comment).
 */
export interface DockerfileBody {
  /** The escape character (`\` unless a `# escape=` directive says `` ` ``). */
  readonly escape: string;
  /** Global ARGs (before the first FROM), one per declared name. */
  readonly args: readonly DockerfileArg[];
  /** The build stages in order; the last one is the image. */
  readonly stages: readonly DockerfileStage[];
}

/** Instructions Docker knows; anything else makes the file unreadable to Docker. */
const KEYWORDS: ReadonlySet<string> = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);
/** Instructions whose leading `--` words are flags. */
const FLAGGED: ReadonlySet<string> = new Set(['ADD', 'COPY', 'FROM', 'HEALTHCHECK', 'RUN']);
/** Instructions that take here-documents. */
const HEREDOC_KEYWORDS: ReadonlySet<string> = new Set(['ADD', 'COPY', 'RUN']);
/** Instructions with an exec (JSON) form. */
const JSON_KEYWORDS: ReadonlySet<string> = new Set(['ADD', 'CMD', 'COPY', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME']);

const DIRECTIVE = /^#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;
const HEREDOC = /(?<!<)<<(?!<)(-?)(["']?)([A-Za-z0-9_.-]+)\2/g;
const FLAG = /^--([A-Za-z][A-Za-z0-9-]*)(?:=("[^"]*"|'[^']*'|\S*))?(?:\s+|$)/;
const WAIVER_COMMENT = new RegExp(`^#\\s*${escapeRegExp(WAIVER_TAG_PREFIX)}(.*)$`);
/** The one form a waiver comment has, for messages. */
export const WAIVER_COMMENT_FORM = '# hipaa-constructs.io/waiver/<rule-id>: expires=YYYY-MM-DD owner=<x> ticket=<y> reason=<text>';

/**
 * Reads one Dockerfile. Problems (text that is not a Dockerfile) are pushed onto `problems`, and then
 * nothing is returned: Docker would not build it either.
 * @param text the Dockerfile's text
 * @param file the file as given, used as the object's name and in locations
 */
export function readDockerfile(text: string, file: string, problems: ManifestError[]): Resource[] {
  let parsed: Parsed | ParseError;
  try {
    parsed = parseDockerfile(text);
  } catch (e) {
    // Not expected; a reader never throws on input, so a defect here is reported like bad input.
    parsed = { error: { line: 1, message: `could not be read as a Dockerfile: ${e instanceof Error ? e.message : String(e)}` } };
  }
  if ('error' in parsed) {
    problems.push(new ManifestError(file, parsed.error.line, parsed.error.message));
    return [];
  }
  return [{ kind: DOCKERFILE, name: file, body: parsed.body, source: { file, line: 1 }, lines: parsed.lines, waivers: parsed.waivers }];
}

interface Parsed {
  readonly body: DockerfileBody;
  readonly lines: Record<string, number>;
  readonly waivers: CarriedWaiver[];
}

interface ParseError {
  readonly error: { readonly line: number; readonly message: string };
}

interface MutableStage {
  index: number;
  name?: string;
  from: DockerfileFrom;
  instructions: DockerfileInstruction[];
}

/** Parses a Dockerfile's text; the first problem ends it. */
function parseDockerfile(text: string): Parsed | ParseError {
  const lines = text.split(/\r?\n/);
  const fail = (line: number, message: string): ParseError => ({ error: { line, message } });
  let escape = '\\';
  let i = 0;
  // Parser directives: `# name=value` lines at the very top, up to the first other line.
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape') {
      if (m[2] !== '\\' && m[2] !== '`') return fail(i + 1, `invalid escape directive '${m[2]}': the escape character must be \\ or \``);
      escape = m[2];
    }
  }
  const continuation = new RegExp(`${escape === '\\' ? '\\\\' : '`'}[ \\t]*$`);
  const isComment = (line: string) => /^\s*#/.test(line);
  const globalArgs: DockerfileArg[] = [];
  const stages: MutableStage[] = [];
  // Dictionary-mode from the start: its keys differ per file, and a growing plain object would change shape per key.
  const lineOf: Record<string, number> = Object.create(null);
  const waivers: CarriedWaiver[] = [];
  const globals = new Map<string, string | undefined>();
  const waiverAt = (comment: string, line: number) => {
    const w = waiverComment(comment.trim());
    if (w === undefined) return;
    const path = `waivers[${waivers.length}]`;
    waivers.push({ ...w, path });
    lineOf[path] = line;
  };
  for (; i < lines.length; i++) {
    const first = lines[i];
    if (first.trim() === '') continue;
    if (isComment(first)) {
      waiverAt(first, i + 1);
      continue;
    }
    const startLine = i + 1;
    // The logical line: continuation lines joined, comment and empty lines between them dropped.
    let logical = first;
    while (continuation.test(logical) && i + 1 < lines.length) {
      logical = logical.replace(continuation, '');
      i++;
      while (i < lines.length && (lines[i].trim() === '' || isComment(lines[i]))) {
        if (isComment(lines[i])) waiverAt(lines[i], i + 1);
        i++;
      }
      if (i >= lines.length) break;
      logical += lines[i];
    }
    logical = logical.replace(continuation, '');
    const km = /^\s*(\S+)\s*([\s\S]*)$/.exec(logical);
    if (km === null) continue; // a lone continuation character: an empty line to BuildKit
    const keyword = km[1].toUpperCase();
    let rest = km[2].trim();
    if (!KEYWORDS.has(keyword)) return fail(startLine, `unknown instruction '${km[1]}': a Dockerfile has only ${[...KEYWORDS].join(', ')}`);
    const flags: DockerfileFlag[] = [];
    if (FLAGGED.has(keyword)) {
      for (let f = FLAG.exec(rest); f !== null; f = FLAG.exec(rest)) {
        const value = f[2] === undefined ? undefined : f[2].replace(/^(["'])(.*)\1$/, '$2');
        flags.push(value === undefined ? { name: f[1] } : { name: f[1], value });
        rest = rest.slice(f[0].length);
      }
    }
    let heredocs: DockerfileHeredoc[] | undefined;
    if (HEREDOC_KEYWORDS.has(keyword) && rest.includes('<<')) {
      heredocs = [];
      HEREDOC.lastIndex = 0;
      for (let h = HEREDOC.exec(rest); h !== null; h = HEREDOC.exec(rest)) {
        const stripTabs = h[1] === '-';
        const name = h[3];
        const content: string[] = [];
        let closed = false;
        for (i++; i < lines.length; i++) {
          const line = stripTabs ? lines[i].replace(/^\t+/, '') : lines[i];
          if (line === name) {
            closed = true;
            break;
          }
          content.push(`${line}\n`);
        }
        if (!closed) return fail(startLine, `the heredoc <<${name} of ${keyword} is never closed: end it with a line that reads exactly ${name}`);
        heredocs.push({ name, content: content.join('') });
      }
      if (heredocs.length === 0) heredocs = undefined;
    }
    if (keyword === 'FROM') {
      const words = rest.split(/\s+/).filter(Boolean);
      if (words.length === 0) return fail(startLine, 'FROM names no image: write FROM <image>[@sha256:<digest>] [AS <name>]');
      if (words.length !== 1 && !(words.length === 3 && words[1].toUpperCase() === 'AS')) {
        return fail(startLine, `FROM takes an image and an optional AS <name> (got '${rest}')`);
      }
      const image = words[0];
      const resolved = substitute(image, globals, escape);
      const lower = resolved.toLowerCase();
      const stage = stages.findIndex((s) => s.name === lower);
      const platform = flags.find((f) => f.name === 'platform')?.value;
      const index = stages.length;
      stages.push({
        index,
        ...(words.length === 3 ? { name: words[2].toLowerCase() } : {}),
        from: { image, resolved, ...(platform !== undefined ? { platform } : {}), ...(stage >= 0 ? { stage } : {}) },
        instructions: [],
      });
      lineOf[`stages[${index}]`] = startLine;
      continue;
    }
    if (stages.length === 0) {
      if (keyword !== 'ARG') return fail(startLine, `${keyword} comes before the first FROM: only ARG may (and parser directives, at the very top)`);
      for (const nv of nameValues(rest, escape, false)) {
        const value = nv.value === undefined ? undefined : substitute(nv.value, globals, escape);
        lineOf[`args[${globalArgs.length}]`] = startLine;
        globalArgs.push(nv.value === undefined ? { name: nv.name } : { name: nv.name, value: nv.value });
        globals.set(nv.name, value);
      }
      continue;
    }
    const stage = stages[stages.length - 1];
    const json = JSON_KEYWORDS.has(keyword) ? execForm(rest) : undefined;
    lineOf[`stages[${stage.index}].instructions[${stage.instructions.length}]`] = startLine;
    stage.instructions.push({ keyword, args: rest, flags, ...(json ? { json } : {}), ...(heredocs ? { heredocs } : {}) });
  }
  if (stages.length === 0) return fail(1, 'not a Dockerfile: it has no FROM instruction (a Dockerfile starts with FROM <image>, after optional ARGs)');
  return { body: { escape, args: globalArgs, stages }, lines: lineOf, waivers };
}

/** The exec form's words, when the arguments are a JSON array of strings (else BuildKit reads them as shell form). */
function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(args);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The carried waiver of a comment, when the comment is a waiver comment: `# hipaa-constructs.io/waiver/<rule
 * id>: expires=... reason=...`; a comment of that prefix in any other shape is a problem.
 */
function waiverComment(comment: string): Omit<CarriedWaiver, 'path'> | undefined {
  const c = WAIVER_COMMENT.exec(comment);
  if (!c) return undefined;
  const m = /^([a-z0-9][a-z0-9-]*):\s*(.*)$/.exec(c[1]);
  const waiver = m ? parseWaiverFields(m[1], m[2]) : undefined;
  if (waiver === undefined) return { problem: `waiver comment must read '${WAIVER_COMMENT_FORM}' (owner and ticket optional; got '${comment}')` };
  return { waiver };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
