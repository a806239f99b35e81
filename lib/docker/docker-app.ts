import * as fs from 'fs';
import * as path from 'path';
import { Construct, IConstruct } from 'constructs';
import { DockerArtifact } from './docker-artifact';
import { ComposeFileText, readComposeFiles } from '../check/docker/compose';
import { readDaemonConfig } from '../check/docker/daemon-json';
import { readDockerfile } from '../check/docker/dockerfile';
import { inputKindOf } from '../check/docker/input-kind';
import { check, CheckResult, DEFAULT_ALLOWED_REGISTRIES } from '../check/engine';
import type { Finding } from '../check/finding';
import type { ManifestError } from '../check/manifest-error';
import { describeResource, Resource } from '../check/resource';
import { resolveMaxWaiverMonths, ScopedWaiver, waiverProblems } from '../check/waiver';
import { writeSynthReports } from '../report/synth-reports';
import { dockerPack } from '../rules/docker';

/** Settings of a {@link HipaaDockerApp}: where it writes and how its files are checked. */
export interface HipaaDockerAppProps {
  /** Directory the files are written into (created if needed); relative to the working directory. @default 'dist' */
  readonly outdir?: string;
  /** Registries images may come from (`host`, `host/path` prefix, `*` for one DNS label). @default - AWS ECR private registries (`*.dkr.ecr.*.amazonaws.com`) */
  readonly allowedRegistries?: string[];
  /** Waivers for the generated files' objects, each with a reason and an expiry (target by kind and name). @default - none */
  readonly waivers?: ScopedWaiver[];
  /** How many months ahead a waiver's expiry may lie (1 to 36): 45 CFR 164.308(a)(8) periodic evaluation. @default 12 */
  readonly maxWaiverMonths?: number;
  /**
   * Whether Compose services nobody classified (no `hipaa-constructs.io/phi` label of "true" or "false")
   * count as PHI. @default true
   */
  readonly unclassifiedIsPhi?: boolean;
  /**
   * Directory to write the JSON, SARIF and Markdown compliance reports of the check into at synth
   * (`hipaa-compliance.json`, `.sarif`, `.md`), also when the synth is refused. @default - no reports
   */
  readonly reports?: string;
}

/** A file of the app, rendered and checked. */
export interface DockerAppFile {
  /** Path relative to the outdir. */
  readonly fileName: string;
  /** The text written. */
  readonly text: string;
  /** Construct path of the construct that renders it. */
  readonly constructPath: string;
}

/**
 * The root of a tree of Docker files (daemon.json, Compose files), as a cdk8s App is of charts: each
 * {@link DockerArtifact} under it is rendered, read back with hipaa-check's reader for its name and
 * checked with the full Docker pack; {@link synth} writes them only when no unwaived error stands, and
 * otherwise throws naming each finding's construct path, file, line, field, rule and fix.
 */
export class HipaaDockerApp extends Construct {
  /** Directory the files are written into. */
  public readonly outdir: string;
  /** Registries images may come from, as the check judges them (generators refuse other images early). */
  public readonly allowedRegistries: readonly string[];
  /** How many months ahead a waiver's expiry may lie, as the check judges waivers. */
  public readonly maxWaiverMonths: number;
  private readonly props: HipaaDockerAppProps;

  constructor(props: HipaaDockerAppProps = {}) {
    super(undefined as any, '');
    validateAppProps(props);
    this.props = props;
    this.outdir = props.outdir ?? 'dist';
    this.allowedRegistries = props.allowedRegistries ?? DEFAULT_ALLOWED_REGISTRIES;
    this.maxWaiverMonths = resolveMaxWaiverMonths(props.maxWaiverMonths);
  }

  /** Every file of the app, rendered (not checked, not written), in construct-tree order. */
  public render(): DockerAppFile[] {
    const files: DockerAppFile[] = [];
    const byName = new Map<string, string>();
    for (const c of this.node.findAll()) {
      if (!DockerArtifact.isDockerArtifact(c)) continue;
      const fileName = normalizeFileName(c);
      const other = byName.get(fileName);
      if (other !== undefined) {
        throw new Error(`[${c.node.path}] fileName: '${fileName}' is also written by ${other}; give each file of the app its own path`);
      }
      byName.set(fileName, c.node.path);
      files.push({ fileName, text: c.render(), constructPath: c.node.path });
    }
    return files;
  }

  /** Renders every file and checks it with the Docker pack, as {@link synth} does, without writing anything. */
  public check(): CheckResult {
    return this.checkFiles(this.render());
  }

  /**
   * Renders, checks and writes every file into {@link outdir}; throws, writing no file, when an unwaived
   * error finding stands. Writes the reports first when `reports` is set. Unwaived warnings do not stop it,
   * but it says so on standard error (a file is never written with a finding nobody was told about).
   * Returns the files written.
   */
  public synth(): DockerAppFile[] {
    const files = this.render();
    const result = this.checkFiles(files);
    if (this.props.reports) {
      writeSynthReports(path.resolve(this.props.reports), result, {
        packName: dockerPack.name,
        inputs: files.map((f) => path.join(this.outdir, f.fileName)),
        allowedRegistries: this.props.allowedRegistries ?? DEFAULT_ALLOWED_REGISTRIES,
      });
    }
    if (!result.passed) throw new Error(refusal(result));
    for (const f of files) {
      const target = path.resolve(this.outdir, f.fileName);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.text);
    }
    const notice = warningNotice(result);
    if (notice !== undefined) process.stderr.write(`${notice}\n`);
    return files;
  }

  private checkFiles(files: readonly DockerAppFile[]): CheckResult {
    const resources = readBack(files);
    const waivers: ScopedWaiver[] = [...(this.props.waivers ?? [])];
    for (const c of this.node.findAll()) {
      if (DockerArtifact.isDockerArtifact(c)) waivers.push(...c.checkerWaivers());
    }
    return check(resources, dockerPack, {
      allowedRegistries: this.props.allowedRegistries,
      waivers,
      maxWaiverMonths: this.props.maxWaiverMonths,
      unclassifiedIsPhi: this.props.unclassifiedIsPhi,
    });
  }
}

/** The objects of the rendered files, as hipaa-check reads them, each knowing its construct path. */
function readBack(files: readonly DockerAppFile[]): Resource[] {
  const problems: ManifestError[] = [];
  const out: Resource[] = [];
  const pathOf = new Map(files.map((f) => [f.fileName, f.constructPath]));
  const composeByDir = new Map<string, ComposeFileText[]>();
  for (const f of files) {
    const kind = inputKindOf(f.fileName);
    if (kind === 'compose' || kind === 'compose-override') {
      const dir = path.posix.dirname(f.fileName);
      composeByDir.set(dir, [...(composeByDir.get(dir) ?? []), { file: f.fileName, text: f.text }]);
    } else if (kind === 'dockerfile') {
      out.push(...readDockerfile(f.text, f.fileName, problems));
    } else if (kind === 'daemon') {
      out.push(...readDaemonConfig(f.text, f.fileName, problems));
    } else {
      throw new Error(`[${f.constructPath}] fileName: '${f.fileName}' is not a name Docker tools read (daemon.json, compose.yaml, Dockerfile, ...)`);
    }
  }
  for (const group of composeByDir.values()) out.push(...readComposeFiles(group, problems));
  if (problems.length > 0) {
    // What the app renders must read back: a problem here is a defect of the construct, not of the input.
    const p = problems[0];
    throw new Error(`[${pathOf.get(p.file) ?? p.file}] the generated ${p.file} cannot be read back: ${p.message}`);
  }
  return out.map((r) => {
    const constructPath = r.source?.file !== undefined ? pathOf.get(r.source.file) : undefined;
    return constructPath ? { ...r, source: { ...r.source, constructPath } } : r;
  });
}

function normalizeFileName(c: DockerArtifact): string {
  const name = c.fileName;
  const normal = path.posix.normalize(name);
  if (typeof name !== 'string' || name === '' || path.posix.isAbsolute(normal) || normal.startsWith('..') || name.includes('\\')) {
    throw new Error(`[${c.node.path}] fileName: '${name}' must be a relative path inside the app's outdir, with '/' separators (e.g. 'phi-api/compose.yaml')`);
  }
  return normal;
}

/** The error a refused synth throws: every unwaived error finding with construct path, file:line, field, rule and fix. */
function refusal(result: CheckResult): string {
  const blocking = result.unwaived.filter((f) => f.severity === 'error');
  const refused = [...new Set(blocking.map((f) => f.source?.file ?? '?'))];
  const lines = [
    `hipaa-constructs: refusing to synthesize ${refused.map((f) => `'${f}'`).join(', ')}: ${blocking.length} unwaived finding${blocking.length === 1 ? '' : 's'}.`,
    ...blocking.map(formatFinding),
    'Fix each finding, or accept it with a waiver (the construct\'s waivers prop) that gives a reason and an expiry date.',
  ];
  return lines.join('\n');
}

/** What a synth that wrote files with unwaived warnings says: each warning with construct path, file:line, field, rule and fix. */
function warningNotice(result: CheckResult): string | undefined {
  const warnings = result.unwaived.filter((f) => f.severity === 'warning');
  if (warnings.length === 0) return undefined;
  const files = [...new Set(warnings.map((f) => f.source?.file ?? '?'))];
  return [
    `hipaa-constructs: wrote ${files.map((f) => `'${f}'`).join(', ')} with ${warnings.length} unwaived warning${warnings.length === 1 ? '' : 's'} (it stands in the reports and in hipaa-check):`,
    ...warnings.map(formatFinding),
    'Fix each warning, or accept it with a waiver (the construct\'s waivers prop) that gives a reason and an expiry date.',
  ].join('\n');
}

function formatFinding(f: Finding): string {
  const where = f.source?.constructPath ?? describeResource(f.resource);
  const at = f.source?.file ? ` ${f.source.file}${f.source.line ? `:${f.source.line}` : ''}` : '';
  return `- [${f.ruleId}] ${where} (${describeResource(f.resource)}${at}) ${f.path}: ${f.message}\n    fix: ${f.fix}`;
}

function validateAppProps(props: HipaaDockerAppProps): void {
  const problems: string[] = [];
  if (props.outdir !== undefined && (typeof props.outdir !== 'string' || props.outdir.trim() === '')) problems.push('outdir must be a non-empty path');
  if (props.maxWaiverMonths !== undefined) {
    try {
      resolveMaxWaiverMonths(props.maxWaiverMonths);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  (props.waivers ?? []).forEach((w, i) => {
    const found = waiverProblems(w, new Set(dockerPack.rules.map((r) => r.id)), { maxWaiverMonths: props.maxWaiverMonths });
    if (found.length > 0) problems.push(`waivers[${i}]: ${found.join('; ')}`);
  });
  if (problems.length > 0) throw new Error(`[HipaaDockerApp] invalid props: ${problems.join('; ')}`);
}

/** The HipaaDockerApp a construct belongs to. */
export function dockerAppOf(c: IConstruct): HipaaDockerApp | undefined {
  const root = c.node.root;
  return root instanceof HipaaDockerApp ? root : undefined;
}
