#!/usr/bin/env node
/**
 * `hipaa-check`: checks Kubernetes manifests (YAML or JSON files, directories of them, or
 * standard input), Dockerfiles, Compose files and daemon.json against the HIPAA rule packs, prints
 * a report and writes SARIF, JSON and Markdown reports for pipelines and auditors.
 *
 * Exit codes: 0 the check passes; 1 findings fail it (see --fail-on); 2 bad usage, or input
 * that cannot be read. An unreadable file does not stop the run: it is named on standard error
 * and in every report, every other file is checked, and the exit code is 2 (over 1).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, Option } from 'commander';
import { readWaiversFile, WaiversFileError } from './waivers-file';
import { BaaRegisterError, readBaaRegister } from '../baa/read-baa-register';
import type { Baseline, BaselineEntry } from '../check/baseline';
import { baselineOf, BaselineError, isBaselineExpired, pruneBaseline, readBaseline, renderBaseline } from '../check/baseline-file';
import { EgressPrefixLimits, resolveMinEgressPrefix } from '../check/egress-prefix';
import { CheckResult, DEFAULT_ALLOWED_REGISTRIES } from '../check/engine';
import { evidenceCheck, EvidenceCheckOptions, withBaaRules } from '../check/evidence-check';
import { DEFAULT_KUBERNETES_VERSION } from '../check/kubernetes-version';
import { ManifestError, ManifestSet, readManifestSet } from '../check/manifests';
import { isKubernetesKind, Resource } from '../check/resource';
import { combinePacks, RulePack } from '../check/rule';
import { resolveMaxWaiverMonths, ScopedWaiver } from '../check/waiver';
import type { FlowGraph } from '../flows/flow-graph';
import { packageVersion } from '../package-version';
import { describeInputProblem, FailOn, passes, plural, ReportMetadata } from '../report/common';
import { GRAPH_FORMATS, REPORT_FILES, REPORT_FORMATS, REPORT_NAMES, ReportFormat } from '../report/formats';
import { renderJson } from '../report/json';
import { gitProvenance } from '../report/provenance';
import { renderSarif } from '../report/sarif';
import { renderText } from '../report/text';
import { PARALLEL_FROM_FINDINGS, ReportThreads, writeReportFiles } from '../report/write-report-files';
import { baaPack } from '../rules/baa';
import { dockerPack } from '../rules/docker';
import { kubernetesPack } from '../rules/k8s';

/** Exit code: the check passes. */
export const EXIT_PASSED = 0;
/** Exit code: findings fail the check. */
export const EXIT_FAILED = 1;
/** Exit code: bad usage, or input that cannot be read. */
export const EXIT_USAGE = 2;

/** Where the command reads and writes; the real process by default (see {@link processIo}). */
export interface CliIo {
  /** Directory relative paths are resolved against. @default process.cwd() */
  readonly cwd?: string;
  /** The time waivers are judged against and reports are stamped with. @default - now */
  readonly now?: Date;
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Reads all of standard input (for the path `-`). @default - reads file descriptor 0 */
  readStdin?(): string;
}

/** What the command runs, for tests and embedders. */
export interface HipaaCheckOptions {
  /**
   * The rule pack to run. @default - the Kubernetes pack over Kubernetes objects and the Docker pack over
   * Dockerfiles, Compose files and daemon.json: each pack whose objects were read (see {@link packFor})
   */
  readonly pack?: RulePack;
  /** Version printed by --version and in reports. @default - the package's version */
  readonly toolVersion?: string;
  /**
   * Record the git commit of the working directory in the reports. @default true
   */
  readonly recordGitCommit?: boolean;
}

type Format = 'text' | 'json' | 'sarif';

interface ParsedOptions {
  format: Format;
  sarif?: string;
  json?: string;
  markdown?: string;
  html?: string;
  junit?: string;
  oscal?: string;
  dot?: string;
  baaRegister?: string;
  baseline?: string;
  writeBaseline?: string;
  pruneBaseline?: boolean;
  allowStaleBaseline?: boolean;
  allowedRegistry?: string[];
  waivers?: string;
  maxWaiverMonths?: string;
  kubernetesVersion: string;
  minEgressPrefix?: string;
  defaultNamespace: string;
  failOn: FailOn;
  unclassifiedIsPhi: boolean;
  reportThreads: ReportThreads;
}

/** How files are recognized, after the options in --help (not wrapped by commander). */
const FORMATS_HELP = `
Files are read by name, in directories and as arguments:
  Dockerfile, Dockerfile.*, *.dockerfile,          a Dockerfile
  Containerfile, Containerfile.*, *.containerfile
  compose.yaml, compose.yml,                       a Compose file (the base file of its directory)
  docker-compose.yml, docker-compose.yaml
  compose.<name>.yaml, docker-compose.<name>.yml   a Compose file layered over the base file of its directory
  (compose.override.yaml ...)                      (the override file as docker compose does with no -f; any other
                                                   as docker compose -f compose.yaml -f compose.<name>.yaml)
  daemon.json                                      a Docker daemon configuration
  any other .yaml, .yml or .json                   Kubernetes YAML (or JSON)
A file of another name given as an argument is Kubernetes YAML, unless it has a top-level "services" key and
no top-level "kind" or "apiVersion": then it is a Compose project of its own (docker compose -f stack.yml).
Dockerfiles, Compose files and daemon.json are checked by the '${dockerPack.name}' pack, Kubernetes YAML by the
'${kubernetesPack.name}' pack, in one run and one report.
`;

/** A problem with the command line or the input: reported on one line, exit code 2. */
class UsageError extends Error {}

/**
 * Runs `hipaa-check` with the given arguments (without the program name) and returns the exit
 * code. Never calls process.exit and writes only through `io` and to the report files.
 */
export function hipaaCheck(argv: readonly string[], io: CliIo, options: HipaaCheckOptions = {}): number {
  const pack = options.pack;
  const version = options.toolVersion ?? packageVersion();
  let exitCode = EXIT_USAGE;
  const program = new Command('hipaa-check')
    .description(
      (pack
        ? `Checks Kubernetes manifests, Dockerfiles, Compose files and daemon.json against the HIPAA rule pack '${pack.name}' (${pack.rules.length} rules) `
        : `Checks Kubernetes manifests (rule pack '${kubernetesPack.name}', ${kubernetesPack.rules.length} rules) and Dockerfiles, Compose files and ` +
          `daemon.json (rule pack '${dockerPack.name}', ${dockerPack.rules.length} rules) `) +
        'and reports findings with their HIPAA Security Rule citations, in one report for every file read.\n\n' +
        'Exit codes: 0 passed, 1 findings fail the check (see --fail-on), 2 bad usage or unreadable input ' +
        '(an unreadable file is reported and the other files are still checked).',
    )
    .argument(
      '<paths...>',
      'files, or directories searched recursively for the files above (skipping names starting with "." and node_modules); ' +
        '"-" reads Kubernetes YAML from standard input',
    )
    .addOption(new Option('--format <format>', 'report printed on standard output').choices(['text', 'json', 'sarif']).default('text'))
    .option('--sarif <file>', 'also write a SARIF 2.1.0 report to this file (directories are created)')
    .option('--json <file>', 'also write the JSON report to this file')
    .option('--markdown <file>', "also write the auditor's Markdown compliance report to this file")
    .option('--html <file>', 'also write the self-contained HTML evidence report (citation matrix, PHI data-flow diagram, vendors, findings) to this file')
    .option('--junit <file>', 'also write JUnit XML (a suite per rule) for CI test reporters to this file')
    .option('--oscal <file>', 'also write OSCAL 1.2.1 assessment results (JSON) to this file')
    .option('--dot <file>', 'also write the PHI data-flow graph as Graphviz DOT to this file')
    .option('--baa-register <file>', 'BAA register (hipaa-baa.yaml): check that every external destination of PHI resolves to a vendor with a current BAA')
    .option(
      '--baseline <file>',
      'accept the findings this baseline file (.hipaa-baseline.json) lists, by rule, object and field path (not message, file or line): ' +
        'they stay in every report as baselined but do not fail the check; new findings still do; an expired baseline accepts nothing',
    )
    .option(
      '--write-baseline <file>',
      'write a baseline accepting every finding that stands now (after waivers; with --baseline, plus the entries that still match), ' +
        'expiring in 12 months; the exit code is then that of the run with it applied (0 unless input could not be read); review the file and pass it with --baseline',
    )
    .option('--prune-baseline', 'with --baseline: rewrite the baseline file without its stale entries (it only shrinks), and do not fail on them')
    .option('--allow-stale-baseline', 'with --baseline: do not fail when baseline entries match no finding any more (they are still reported)')
    .option(
      '--allowed-registry <pattern>',
      `registry images may come from: host, host/path prefix, '*' for one DNS label; repeat for several (default: ${DEFAULT_ALLOWED_REGISTRIES.join(', ')})`,
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      '--waivers <file>',
      'YAML or JSON list of waivers: {ruleId, reason, expires, owner?, ticket?, container?, target?: {kind?, namespace?, name?}}; ' +
        'a Docker target names the file as given (kind docker:Dockerfile or docker:DaemonConfig, name the file), or a Compose ' +
        'service (kind docker:ComposeService, namespace the project\'s base file, name the service)',
    )
    .option('--max-waiver-months <months>', 'how many months ahead a waiver may expire, 1 to 36 (45 CFR 164.308(a)(8) periodic evaluation)', '12')
    .option('--kubernetes-version <version>', 'Kubernetes minor version the manifests target (Kubernetes rules)', DEFAULT_KUBERNETES_VERSION)
    .option(
      '--min-egress-prefix <prefixes>',
      'shortest prefix length of a CIDR a PHI workload may send to (k8s-phi-open-egress), e.g. ipv4=24 or ipv4=24,ipv6=64 (default: ipv4=16,ipv6=48)',
    )
    .option(
      '--no-unclassified-is-phi',
      'treat only objects labelled hipaa-constructs.io/phi: "true" (and objects in namespaces labelled so) as PHI; by default ' +
        'namespaces, workloads and Services without a "true" or "false" label, namespaces with no Namespace object in the input, ' +
        'and Compose services without the label, count as PHI',
    )
    .option(
      '--default-namespace <namespace>',
      'namespace that Kubernetes objects without metadata.namespace land in, as with kubectl apply -n <namespace>',
      'default',
    )
    .addOption(new Option('--fail-on <level>', 'which unwaived findings fail the check').choices(['error', 'warning', 'never']).default('error'))
    .addOption(
      new Option(
        '--report-threads <when>',
        `render part of the report files on a second thread: auto (two or more files and ${PARALLEL_FROM_FINDINGS.toLocaleString('en-US')} findings or more), on, off (the same bytes either way)`,
      ).choices(['auto', 'on', 'off']).default('auto'),
    )
    .addHelpText('after', FORMATS_HELP)
    .version(version ?? 'unknown', '-V, --version')
    .helpOption('-h, --help')
    .allowExcessArguments(false)
    .showHelpAfterError('(run hipaa-check --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(`hipaa-check: ${s.replace(/^error: /, '')}`),
    })
    .action((paths: string[], opts: ParsedOptions) => {
      exitCode = run(paths, opts, io, pack, version, options.recordGitCommit ?? true);
    });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_PASSED : EXIT_USAGE;
    throw e;
  }
  return exitCode;
}

function run(paths: string[], opts: ParsedOptions, io: CliIo, given: RulePack | undefined, version: string | undefined, recordGit: boolean): number {
  const cwd = io.cwd ?? process.cwd();
  const now = io.now ?? new Date();
  try {
    const kubernetesVersion = parseKubernetesVersion(opts.kubernetesVersion);
    const defaultNamespace = parseNamespace(opts.defaultNamespace);
    const allowedRegistries = opts.allowedRegistry?.map(parseRegistry);
    const minEgressPrefix = opts.minEgressPrefix === undefined ? undefined : parseMinEgressPrefix(opts.minEgressPrefix);
    const maxWaiverMonths = parseMaxWaiverMonths(opts.maxWaiverMonths);
    checkBaselineOptions(opts);
    const waiverPolicy = { now, maxWaiverMonths };
    const baaRegister = opts.baaRegister ? readBaaRegister(opts.baaRegister, cwd) : undefined;
    // Validated against every rule that could run: which packs run depends on what is read.
    const couldRun = [...(given ? given.rules : [...kubernetesPack.rules, ...dockerPack.rules]), ...(baaRegister ? baaPack.rules : [])];
    const knownIds = new Set(couldRun.map((r) => r.id));
    const waivers: ScopedWaiver[] = opts.waivers ? readWaiversFile(opts.waivers, knownIds, cwd, waiverPolicy) : [];
    const baseline = opts.baseline ? readBaseline(opts.baseline, cwd) : undefined;
    const reportFiles = REPORT_FORMATS.map((format) => [format, opts[format]] as const)
      .filter((r): r is [ReportFormat, string] => r[1] !== undefined);
    checkOutputFiles(reportFiles, opts.writeBaseline, cwd);
    // Read and checked in a function of its own: the parsed objects are garbage once it returns,
    // before the reports are rendered (measured: fewer live objects for the collector to mark
    // while rendering tens of thousands of findings).
    const { result, input, pack, flowGraph } = readAndCheck(paths, cwd, io, given, {
      allowedRegistries,
      kubernetesVersion,
      defaultNamespace,
      waivers,
      now,
      minEgressPrefix,
      maxWaiverMonths,
      unclassifiedIsPhi: opts.unclassifiedIsPhi,
      baaRegister,
      baseline,
      flowGraph: reportFiles.some(([format]) => GRAPH_FORMATS.has(format)),
    });
    const problems = input.problems;

    const git = recordGit ? gitProvenance(cwd) : undefined;
    const meta: ReportMetadata = {
      toolName: 'hipaa-check',
      toolVersion: version,
      packName: pack.name,
      inputs: paths,
      generatedAt: now,
      failOn: opts.failOn,
      kubernetesVersion,
      allowedRegistries: allowedRegistries ?? DEFAULT_ALLOWED_REGISTRIES,
      inputProblems: problems,
      provenance: { inputs: input.inputs, ...(git ? { git } : {}) },
      flowGraph,
      baaRegister,
    };
    // The report printed on standard output is rendered while a second thread renders report files, if one does.
    const render = opts.format === 'json' ? renderJson : opts.format === 'sarif' ? renderSarif : renderText;
    let printed = '';
    const outcomes = writeReportFiles(reportFiles.map(([format, file]) => ({ format, file: path.resolve(cwd, file) })), result, meta, {
      threads: opts.reportThreads,
      alsoHere: { format: opts.format === 'text' ? 'markdown' : opts.format, run: () => (printed = render(result, meta)) },
    });
    reportFiles.forEach(([format, file], i) => {
      const failure = outcomes[i].failure;
      if (failure?.stage === 'render') throw failure.error;
      if (failure) throw writeError(file, failure.error);
      io.stderr(`hipaa-check: wrote the ${REPORT_NAMES[format]} to ${file}\n`);
    });
    const baselineOutcome = baselineOptions(result, opts, baseline, io, cwd, now);
    io.stdout(printed);
    if (problems.length > 0) return EXIT_USAGE;
    return (baselineOutcome.accepted || passes(result, opts.failOn)) && baselineOutcome.passes ? EXIT_PASSED : EXIT_FAILED;
  } catch (e) {
    if (e instanceof WaiversFileError) {
      for (const p of e.problems) io.stderr(`hipaa-check: ${p.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof BaaRegisterError || e instanceof BaselineError) {
      for (const p of e.problems) io.stderr(`hipaa-check: ${p}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof ManifestError || e instanceof UsageError) {
      io.stderr(`hipaa-check: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

/**
 * Refuses a report or baseline path that names a directory (`--html reports/`), before the check
 * runs: each option takes a file, and a trailing slash would otherwise be dropped and the file
 * written where the directory was meant to be.
 */
function checkOutputFiles(reportFiles: ReadonlyArray<readonly [ReportFormat, string]>, writeBaseline: string | undefined, cwd: string): void {
  const outputs = [...reportFiles.map(([format, file]) => [`--${format}`, file, REPORT_FILES[format]]), ...(writeBaseline ? [['--write-baseline', writeBaseline, '.hipaa-baseline.json']] : [])];
  for (const [option, file, example] of outputs) {
    if (!/[\\/]$/.test(file) && !isDirectory(path.resolve(cwd, file))) continue;
    throw new UsageError(`${option} ${file}: is a directory; give a file path, e.g. ${option} ${path.join(file, example)}`);
  }
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** Refuses baseline options that do not go together. */
function checkBaselineOptions(opts: ParsedOptions): void {
  if (opts.pruneBaseline && !opts.baseline) throw new UsageError('--prune-baseline rewrites the file given with --baseline <file>; give that too');
  if (opts.allowStaleBaseline && !opts.baseline) throw new UsageError('--allow-stale-baseline applies to the file given with --baseline <file>; give that too');
  if (opts.pruneBaseline && opts.writeBaseline) {
    throw new UsageError('--write-baseline already leaves out the stale entries of --baseline; drop --prune-baseline');
  }
}

/**
 * --write-baseline, --prune-baseline, an expired baseline and stale entries: writes what was asked,
 * says so on standard error, and decides the verdict the baseline gives:
 * - `accepted`: a baseline was written; the exit code is that of the run with it applied, so every
 *   finding is accepted (exit 0 unless input could not be read). The reports show the run as checked
 *   (with --baseline, if given), i.e. what the written file accepts.
 * - `passes`: false when stale entries fail the run (not with --allow-stale-baseline or --prune-baseline).
 */
function baselineOptions(
  result: CheckResult,
  opts: ParsedOptions,
  baseline: Baseline | undefined,
  io: CliIo,
  cwd: string,
  now: Date,
): { passes: boolean; accepted: boolean } {
  if (baseline && isBaselineExpired(baseline, now)) {
    io.stderr(
      `hipaa-check: the baseline ${opts.baseline} expired on ${baseline.expires}: its ${plural(baseline.entries.length, 'entry', 'entries')} ` +
        'are no longer accepted and every finding stands; review them and write a new baseline with --write-baseline\n',
    );
  }
  const stale = result.staleBaseline ?? [];
  if (opts.writeBaseline) {
    const written = baselineOf(result, now, { tool: 'hipaa-check' });
    writeReport(opts.writeBaseline, renderBaseline(written), cwd);
    const accepted = written.entries.reduce((n, e) => n + (e.count ?? 1), 0);
    io.stderr(
      `hipaa-check: wrote the baseline to ${opts.writeBaseline}: ${plural(written.entries.length, 'entry', 'entries')} accepting ` +
        `${plural(accepted, 'finding')} until ${written.expires}` +
        (stale.length > 0 ? `, without the ${plural(stale.length, 'stale entry', 'stale entries')} of ${opts.baseline}` : '') +
        '; the exit code counts them as accepted\n',
    );
    return { passes: true, accepted: true };
  }
  if (stale.length === 0) return { passes: true, accepted: false };
  // An entry of a rule that did not run (a BAA rule without --baa-register) is not fixed: say so, or pruning would drop it.
  const ran = new Set(result.rules.map((r) => r.id));
  const notRun = stale.filter((e) => !ran.has(e.rule)).length;
  for (const e of stale) io.stderr(`hipaa-check: stale baseline entry: ${staleEntryText(e)}${ran.has(e.rule) ? '' : notRunText(e.rule)}\n`);
  if (baseline && opts.pruneBaseline) {
    writeReport(opts.baseline!, renderBaseline(pruneBaseline(baseline, result)), cwd);
    io.stderr(`hipaa-check: removed ${plural(stale.length, 'stale entry', 'stale entries')} from ${opts.baseline}\n`);
    return { passes: true, accepted: false };
  }
  io.stderr(
    `hipaa-check: ${stale.length} baseline entr${stale.length === 1 ? 'y matches' : 'ies match'} no finding any more (fixed, or the object is gone); ` +
      `remove ${stale.length === 1 ? 'it' : 'them'} with --prune-baseline${opts.allowStaleBaseline ? '' : ' (or pass --allow-stale-baseline)'}` +
      (notRun > 0 ? `; but ${notRun === stale.length ? (notRun === 1 ? 'it is of a rule' : 'all are of rules') : `${notRun} of them are of rules`} that did not run: give the options the baseline was written with instead` : '') +
      '\n',
  );
  return { passes: opts.allowStaleBaseline === true, accepted: false };
}

/** Why an entry of `rule` matched nothing when the rule did not run in this check. */
function notRunText(rule: string): string {
  return `: rule '${rule}' did not run in this check${rule.startsWith('baa-') ? ' (the BAA rules run only with --baa-register <file>)' : ''}`;
}

/** `rule 'r' on Deployment ns/name at 'path'`, as stderr names a stale entry. */
function staleEntryText(e: BaselineEntry): string {
  return `rule '${e.rule}' on ${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name} at '${e.path}' matches no finding`;
}

/** Reads the manifests and checks them; the objects read are not part of what it returns. */
function readAndCheck(
  paths: string[],
  cwd: string,
  io: CliIo,
  given: RulePack | undefined,
  options: EvidenceCheckOptions,
): { result: CheckResult; input: Omit<ManifestSet, 'resources'>; pack: RulePack; flowGraph?: FlowGraph } {
  // An unreadable file does not stop the run: it is reported, and the others are checked.
  const { resources, inputs, problems, skipped = [] } = readManifestSet(paths, { cwd, readStdin: io.readStdin });
  if (skipped.length > 0) {
    // Said, not hidden: a reader can see which files the run did not check (give a file by name to check it).
    const shown = skipped.slice(0, 5).join(', ') + (skipped.length > 5 ? `, and ${skipped.length - 5} more` : '');
    io.stderr(`hipaa-check: skipped ${skipped.length} JSON/YAML file${skipped.length === 1 ? '' : 's'} that hold${skipped.length === 1 ? 's' : ''} no Kubernetes object (${shown})\n`);
  }
  for (const p of problems) io.stderr(`hipaa-check: ${describeInputProblem(p)}\n`);
  if (resources.length === 0 && problems.length === 0) {
    throw new UsageError(`found no Kubernetes objects, Dockerfiles, Compose services or daemon.json in ${paths.join(', ')}`);
  }
  const pack = given ?? packFor(resources);
  // Waivers of rules that do not run (a Docker rule when only Kubernetes YAML was read) have nothing to waive.
  const ids = new Set((options.baaRegister ? withBaaRules(pack) : pack).rules.map((r) => r.id));
  const waivers = options.waivers?.filter((w) => ids.has(w.ruleId));
  try {
    const { result, pack: ran, flowGraph } = evidenceCheck(resources, pack, { ...options, waivers });
    return { result, input: { inputs, problems }, pack: ran, flowGraph };
  } catch (e) {
    throw new UsageError(`the check could not run: ${(e as Error).message}`);
  }
}

/**
 * The pack for what was read: the Kubernetes pack when Kubernetes objects were read, the Docker pack
 * when Docker files were, both joined (`kubernetes+docker`) when both were.
 */
export function packFor(resources: readonly Resource[]): RulePack {
  const kubernetes = resources.some((r) => isKubernetesKind(r.kind));
  const docker = resources.some((r) => !isKubernetesKind(r.kind));
  if (kubernetes && docker) {
    return combinePacks('kubernetes+docker', `${kubernetesPack.description} ${dockerPack.description}`, kubernetesPack, dockerPack);
  }
  return docker ? dockerPack : kubernetesPack;
}

function parseMaxWaiverMonths(value: string | undefined): number {
  const months = value === undefined ? undefined : /^\d+$/.test(value.trim()) ? Number(value) : value;
  try {
    return resolveMaxWaiverMonths(months);
  } catch (e) {
    throw new UsageError(`--max-waiver-months: ${(e as Error).message}`);
  }
}

function writeReport(file: string, text: string, cwd: string): void {
  const abs = path.resolve(cwd, file);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text, 'utf8');
  } catch (e) {
    throw writeError(file, e as Error);
  }
}

/** The usage error for a file that could not be written, in words. */
function writeError(file: string, e: Error & { code?: string }): UsageError {
  const code = e.code;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'EISDIR'
        ? 'it is a directory'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'a part of the path is a file'
          : e.message;
  return new UsageError(`cannot write ${file} (${why})`);
}

const KUBERNETES_VERSION = /^v?(\d+)\.(\d+)$/;

function parseKubernetesVersion(value: string): string {
  const m = KUBERNETES_VERSION.exec(value.trim());
  if (!m) {
    throw new UsageError(`--kubernetes-version must be a minor version such as 1.28 (got '${value}')`);
  }
  return `${+m[1]}.${+m[2]}`;
}

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function parseNamespace(value: string): string {
  const v = value.trim();
  if (v.length > 63 || !NAMESPACE.test(v)) {
    throw new UsageError(`--default-namespace must be a namespace name (lower-case letters, digits and '-', at most 63 characters; got '${value}')`);
  }
  return v;
}

const REGISTRY = /^(?:[a-z0-9*](?:[a-z0-9*-]*[a-z0-9*])?)(?:\.(?:[a-z0-9*](?:[a-z0-9*-]*[a-z0-9*])?))*(?::\d+)?(?:\/[a-z0-9._\-/]+)?$/i;

function parseRegistry(value: string): string {
  const v = value.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    throw new UsageError(`--allowed-registry '${value}' must be a registry host (and optional path) without a scheme, e.g. ${v.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')}`);
  }
  if (!REGISTRY.test(v)) {
    throw new UsageError(`--allowed-registry '${value}' is not a registry host with an optional path, e.g. ghcr.io/acme or *.dkr.ecr.*.amazonaws.com`);
  }
  return v.replace(/\/+$/, '');
}

/** `ipv4=24,ipv6=64` (either or both) as limits the engine accepts. */
function parseMinEgressPrefix(value: string): EgressPrefixLimits {
  const limits: Record<string, number> = {};
  for (const part of value.split(',')) {
    const m = /^\s*(ipv4|ipv6)\s*=\s*\/?(\d+)\s*$/.exec(part);
    if (!m || m[1] in limits) {
      throw new UsageError(`--min-egress-prefix must be ipv4=<0-32> and/or ipv6=<0-128>, comma-separated, e.g. ipv4=24,ipv6=64 (got '${value}')`);
    }
    limits[m[1]] = Number(m[2]);
  }
  try {
    resolveMinEgressPrefix(limits);
  } catch (e) {
    throw new UsageError(`--min-egress-prefix: ${(e as Error).message.replace(/minEgressPrefix\./g, '')}`);
  }
  return limits;
}

/** The real process's streams. */
export function processIo(): CliIo {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  };
}

if (require.main === module) {
  process.exitCode = hipaaCheck(process.argv.slice(2), processIo());
}
