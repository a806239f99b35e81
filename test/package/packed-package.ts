// Builds and packs hipaa-constructs the way a release does, then installs the tarball into fresh
// apps in a temp dir, as a user would. Used by packed-package.test.ts.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

export const REPO = path.join(__dirname, '..', '..');
const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const run = promisify(execFile);

/** Output of a command that ran, whatever its exit code. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment for child npm and node processes: without the npm_* variables of the `npm test`
 * that runs jest (npm_config_local_prefix and friends would point npm back at this repository),
 * but with the npm cache, registry and user config, so installs hit the cache CI has filled.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_') || keep.has(k.toLowerCase())));
}

/** Runs `file args` in `cwd`; rejects with the output when it exits non-zero (unless `allowFailure`). */
export async function exec(file: string, args: readonly string[], cwd: string, allowFailure = false): Promise<RunResult> {
  try {
    const { stdout, stderr } = await run(file, [...args], { cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    const result = { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? String(e) };
    if (allowFailure) return result;
    throw new Error(`${path.basename(file)} ${args.join(' ')} (in ${cwd}) exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  }
}

/** `npm`: the npm-cli.js that runs `npm test` when there is one (npm_execpath), else `npm` on PATH. */
export function npm(args: readonly string[], cwd: string, allowFailure = false): Promise<RunResult> {
  const cli = process.env.npm_execpath;
  return cli && /npm-cli\.js$/.test(cli) ? exec(process.execPath, [cli, ...args], cwd, allowFailure) : exec('npm', args, cwd, allowFailure);
}

/** Type-checks and compiles a TypeScript project with the repository's compiler (`tsc -p dir`). */
export function tsc(dir: string, allowFailure = false): Promise<RunResult> {
  return exec(process.execPath, [TSC, '-p', dir], dir, allowFailure);
}

/** The packages whose installed versions the consumer apps pin: the peers, @types/node and TypeScript. */
export const PINNED = [
  'cdk8s', 'cdk8s-plus-28', 'constructs', '@pulumi/pulumi', '@pulumi/aws', '@pulumi/kubernetes', '@pulumi/policy', '@types/node', 'typescript',
] as const;

/** The exact versions of the peers (and @types/node) this repository's own tests run against. */
export function pinnedVersions(): Record<typeof PINNED[number], string> {
  const version = (name: string) => (JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  // @pulumi/policy's own package.json says v1.21.0; the registry (and npm install) say 1.21.0.
  return Object.fromEntries(PINNED.map((name) => [name, version(name).replace(/^v/, '')])) as Record<typeof PINNED[number], string>;
}

// What a working tree holds that is not source: never copied into the staging copy.
const NOT_SOURCE = new Set(['node_modules', '.git', 'dist', 'dist-pack', 'coverage', 'test-reports', 'reports']);

/** A packed tarball and what `npm pack --json` says about it. */
export interface Packed {
  readonly tarball: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly string[];
}

/**
 * Packs the package from a clean copy of the working tree in `tmp`: sources copied (no dist/),
 * compiled with the project's tsconfig, then `npm pack`. A tarball left in dist/js and dist-pack/js
 * (where projen's package task writes one) stands in for an earlier `npm run package`: it must not
 * be packed again.
 */
export async function buildAndPack(tmp: string): Promise<Packed> {
  const stage = path.join(tmp, 'stage');
  fs.cpSync(REPO, stage, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(REPO, src).split(path.sep);
      return !NOT_SOURCE.has(rel[0]) && !(rel.includes('dist') && rel[0] === 'examples');
    },
  });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  for (const dir of ['dist/js', 'dist-pack/js']) {
    fs.mkdirSync(path.join(stage, dir), { recursive: true });
    fs.writeFileSync(path.join(stage, dir, 'hipaa-constructs-0.0.0.tgz'), 'an earlier tarball');
  }
  await exec(process.execPath, [TSC, '-p', 'tsconfig.json'], stage);
  await buildOscal(stage);
  const out = await npm(['pack', '--json', '--pack-destination', tmp], stage);
  const info = (JSON.parse(out.stdout) as Array<{ filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>)[0];
  return {
    tarball: path.join(tmp, info.filename),
    size: info.size,
    unpackedSize: info.unpackedSize,
    files: info.files.map((f) => f.path).sort(),
  };
}

/**
 * The build's post-compile `oscal` task (.projen/tasks.json, as projen runs it): writes
 * dist/oscal/component-definition.json, which package.json `files` and `exports` ship.
 */
async function buildOscal(stage: string): Promise<void> {
  const tasks = JSON.parse(fs.readFileSync(path.join(stage, '.projen', 'tasks.json'), 'utf8')) as { tasks: Record<string, { steps: Array<{ exec?: string }> }> };
  const [command, ...args] = (tasks.tasks.oscal?.steps[0]?.exec ?? '').split(' ');
  if (command !== 'ts-node') throw new Error(`the oscal task of .projen/tasks.json is not one ts-node step: ${JSON.stringify(tasks.tasks.oscal)}`);
  await exec(process.execPath, [path.join(REPO, 'node_modules', 'ts-node', 'dist', 'bin.js'), ...args], stage);
}

/** Creates `dir` with a package.json and installs `packages` into it from npm's cache where it can. */
export async function installApp(dir: string, packages: readonly string[]): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), version: '1.0.0', private: true }, null, 2));
  await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-progress', '--loglevel=error', ...packages], dir);
}

/** The README's cdk8s example: the first ```ts block under "## Using it with cdk8s", as written. */
export function readmeExample(): string {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.split(/^## Using it with cdk8s\s*$/m)[1];
  const block = section ? /^```ts\n([\s\S]*?)^```/m.exec(section) : null;
  if (!block) throw new Error('README.md has no ```ts block under "## Using it with cdk8s": the consumer test compiles and synthesizes that example');
  return block[1];
}

/** The README sections whose examples continue the cdk8s example (its app, chart and imports). */
export const README_CONTINUED_SECTIONS = [
  '### `KmsSecretStore`',
  '### `EncryptedVolume`',
  '### `SecureStatefulSet`, `SecureJob`, `SecureCronJob`',
  '### `BackupSchedule`',
  '### `ImagePolicy`',
  '### `NetworkPolicyProbe`',
  '### Mesh mTLS',
  '### `SecureIngress`',
  '### `AuditSink`',
] as const;

/** Every ```ts block of the README section that starts with `heading` (up to the next heading), as written, one after the other. */
export function readmeSectionExample(heading: string): string {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  const section = start < 0 ? undefined : readme.slice(start + heading.length + 2).split(/^#{1,3} /m)[0];
  const blocks = section ? [...section.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]) : [];
  if (blocks.length === 0) throw new Error(`README.md has no \`\`\`ts block under "${heading}": the consumer test compiles and synthesizes it after the cdk8s example`);
  return blocks.join('\n');
}

/**
 * `code` with each waiver's `expires: 'YYYY-MM-DD'` (and AuditSink's `waiversExpire`) moved to `days` days from today: the README's
 * fixed review dates age, and a waiver past its expiry (or more than 12 months ahead) is refused.
 */
export function withCurrentExpiries(code: string, days = 30): string {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return code.replace(/(expires|waiversExpire): '\d{4}-\d{2}-\d{2}'/g, `$1: '${day}'`);
}

/**
 * One program of the cdk8s example followed by the examples of {@link README_CONTINUED_SECTIONS},
 * which continue it: their imports merged into its own, its `app.synth()` moved to the end, the
 * app writing to `outdir`, and waiver expiries moved to a month from today ({@link withCurrentExpiries}).
 * Only single-line `import ... from '...';` statements are merged.
 */
export function readmeContinuedProgram(outdir: string): string {
  const named = new Map<string, Set<string>>();
  const namespaces = new Map<string, string>();
  const bodies: string[] = [];
  for (const code of [readmeExample(), ...README_CONTINUED_SECTIONS.map((h) => withCurrentExpiries(readmeSectionExample(h)))]) {
    const body: string[] = [];
    for (const line of code.split('\n')) {
      const imp = /^import (.+) from '([^']+)';$/.exec(line);
      if (!imp) {
        body.push(line);
        continue;
      }
      const [, what, from] = imp;
      const ns = /^\* as (\w+)$/.exec(what);
      if (ns) namespaces.set(from, ns[1]);
      else for (const name of what.replace(/[{}]/g, '').split(',').map((n) => n.trim()).filter(Boolean)) named.set(from, (named.get(from) ?? new Set()).add(name));
    }
    bodies.push(body.join('\n'));
  }
  const [main, ...rest] = bodies;
  const synth = 'app.synth();';
  if (!main.includes('const app = new App();') || !main.includes(synth)) throw new Error('the README cdk8s example no longer has `const app = new App();` and `app.synth();`');
  const imports = [
    ...[...namespaces].map(([from, name]) => `import * as ${name} from '${from}';`),
    ...[...named].map(([from, names]) => `import { ${[...names].sort().join(', ')} } from '${from}';`),
  ];
  const head = main.replace('const app = new App();', `const app = new App({ outdir: '${outdir}' });`).replace(/^app\.synth\(\);.*$/m, '');
  return [...imports, head, ...rest, synth, ''].join('\n');
}

/** A temp dir for one run, removed by `cleanup` (kept when HIPAA_KEEP_CONSUMER_TMP is set, for debugging). */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-constructs-consumer-'));
  return {
    dir,
    cleanup: () => {
      if (process.env.HIPAA_KEEP_CONSUMER_TMP) console.log(`consumer test files kept in ${dir}`);
      else fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
