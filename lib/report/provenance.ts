/**
 * Where a report's input came from, so an auditor can tie a report to exact files and a
 * commit: the SHA-256 of each input file, and the git commit (with a dirty flag) of the
 * repository the check ran in. Reading git never fails a check: outside a repository, or
 * without a git executable, the commit is simply not recorded.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** One input file and the hash of the bytes that were checked. */
export interface InputDigest {
  /** The file as given (or found in a directory given). */
  readonly file: string;
  /** SHA-256 of its bytes, hex. */
  readonly sha256: string;
}

/** The git state of the directory a check ran in. */
export interface GitProvenance {
  /** The commit checked out (HEAD), 40 hex digits. */
  readonly commit: string;
  /**
   * Whether the working tree differs from the commit (modified, staged or untracked files);
   * undefined when it could not be told (no git executable). @default - unknown
   */
  readonly dirty?: boolean;
  /** The branch checked out; absent on a detached HEAD. @default - none */
  readonly branch?: string;
  /** URL of the `origin` remote, with any user name or password removed. @default - none */
  readonly remote?: string;
}

/** What a report records about its inputs. */
export interface Provenance {
  /** Each input file with its SHA-256. @default - not recorded */
  readonly inputs?: readonly InputDigest[];
  /** The git commit the check ran on. @default - not in a git repository */
  readonly git?: GitProvenance;
}

/** Options of {@link gitProvenance}. */
export interface GitProvenanceOptions {
  /** The git executable to run. @default 'git' (found on PATH) */
  readonly gitExecutable?: string;
}

const GIT_TIMEOUT_MS = 10_000;

/**
 * The git commit of the repository containing `dir`, asking the git executable and, without
 * one, reading `.git` directly (then `dirty` is unknown). Undefined outside a repository.
 */
export function gitProvenance(dir: string, options: GitProvenanceOptions = {}): GitProvenance | undefined {
  const fromGit = viaGit(dir, options.gitExecutable ?? 'git');
  if (fromGit !== 'no-git') return fromGit;
  return viaDotGit(dir);
}

function git(exe: string, dir: string, args: string[]): string {
  return execFileSync(exe, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: GIT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }).trim();
}

function viaGit(dir: string, exe: string): GitProvenance | undefined | 'no-git' {
  let commit: string;
  try {
    commit = git(exe, dir, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ENOENT: no git executable; anything else: not a repository, or no commit yet.
    return code === 'ENOENT' ? 'no-git' : undefined;
  }
  if (!/^[0-9a-f]{40,64}$/.test(commit)) return undefined;
  let dirty: boolean | undefined;
  try {
    dirty = git(exe, dir, ['status', '--porcelain']) !== '';
  } catch {
    dirty = undefined;
  }
  const branch = attempt(() => git(exe, dir, ['symbolic-ref', '--quiet', '--short', 'HEAD']));
  const remote = attempt(() => git(exe, dir, ['config', '--get', 'remote.origin.url']));
  return {
    commit,
    ...(dirty !== undefined ? { dirty } : {}),
    ...(branch ? { branch } : {}),
    ...(remote ? { remote: withoutCredentials(remote) } : {}),
  };
}

function attempt(fn: () => string): string | undefined {
  try {
    return fn() || undefined;
  } catch {
    return undefined;
  }
}

/** Reads HEAD from the `.git` directory (or `gitdir:` file) above `dir`. */
function viaDotGit(dir: string): GitProvenance | undefined {
  try {
    let current = path.resolve(dir);
    for (;;) {
      const dotGit = path.join(current, '.git');
      if (fs.existsSync(dotGit)) return readHead(dotGit);
      const parent = path.dirname(current);
      if (parent === current) return undefined;
      current = parent;
    }
  } catch {
    return undefined;
  }
}

function readHead(dotGit: string): GitProvenance | undefined {
  let gitDir = dotGit;
  if (fs.statSync(dotGit).isFile()) {
    const m = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'));
    if (!m) return undefined;
    gitDir = path.resolve(path.dirname(dotGit), m[1].trim());
  }
  const commonFile = path.join(gitDir, 'commondir');
  const commonDir = fs.existsSync(commonFile) ? path.resolve(gitDir, fs.readFileSync(commonFile, 'utf8').trim()) : gitDir;
  const head = fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
  const ref = /^ref:\s*(.+)$/.exec(head);
  if (!ref) return /^[0-9a-f]{40,64}$/.test(head) ? { commit: head } : undefined;
  const name = ref[1].trim();
  const branch = name.startsWith('refs/heads/') ? name.slice('refs/heads/'.length) : undefined;
  for (const base of [gitDir, commonDir]) {
    const file = path.join(base, name);
    if (fs.existsSync(file)) {
      const commit = fs.readFileSync(file, 'utf8').trim();
      return /^[0-9a-f]{40,64}$/.test(commit) ? { commit, ...(branch ? { branch } : {}) } : undefined;
    }
  }
  const packed = path.join(commonDir, 'packed-refs');
  if (fs.existsSync(packed)) {
    for (const line of fs.readFileSync(packed, 'utf8').split('\n')) {
      const [commit, refName] = line.trim().split(/\s+/);
      if (refName === name && /^[0-9a-f]{40,64}$/.test(commit)) return { commit, ...(branch ? { branch } : {}) };
    }
  }
  return undefined;
}

/** A remote URL without user name or password (`https://user:token@host/x` becomes `https://host/x`). */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}
