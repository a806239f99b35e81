import * as path from 'path';
import type { Cdk8sValidation, Cdk8sValidationContext, Cdk8sValidationViolation } from './cdk8s-validation-contract';
import { HipaaValidationPluginProps, validatePluginProps } from './plugin-props';
import { inputProblemViolation, reportProblemViolation, settingsProblemViolation, violationsOf } from './plugin-violations';
import type { BaaRegister } from '../baa/baa-register';
import { BaaRegisterError, readBaaRegister } from '../baa/read-baa-register';
import type { Baseline } from '../check/baseline';
import { BaselineError, readBaseline } from '../check/baseline-file';
import { CheckResult, DEFAULT_ALLOWED_REGISTRIES } from '../check/engine';
import { evidenceCheck } from '../check/evidence-check';
import { DEFAULT_KUBERNETES_VERSION } from '../check/kubernetes-version';
import { ManifestError, readManifestSet } from '../check/manifests';
import type { Resource } from '../check/resource';
import type { RulePack } from '../check/rule';
import type { ScopedWaiver } from '../check/waiver';
import { readWaiversFile, WaiversFileError } from '../cli/waivers-file';
import { packageVersion } from '../package-version';
import { InputProblem, ReportMetadata, reportPasses } from '../report/common';
import { GRAPH_FORMATS, REPORT_FILES, REPORT_FORMATS, ReportFormat } from '../report/formats';
import { gitProvenance } from '../report/provenance';
import { writeReportFiles } from '../report/write-report-files';
import { baaPack } from '../rules/baa';
import { kubernetesPack } from '../rules/k8s';

/** How the plugin runs, for tests and embedders; the cdk8s CLI passes none of it. */
export interface HipaaValidationPluginOptions {
  /** Directory relative paths in the properties are resolved against. @default process.cwd() when the plugin is constructed */
  readonly cwd?: string;
  /** The time waivers and the baseline are judged against and reports are stamped with. @default - now, at each validate() */
  readonly now?: Date;
  /** Record the git commit of `cwd` in the reports. @default true */
  readonly recordGitCommit?: boolean;
  /** The rule pack to run. @default - the Kubernetes pack (kubernetesPack) */
  readonly pack?: RulePack;
}

/**
 * The cdk8s CLI validation plugin: `cdk8s synth` checks every manifest of any cdk8s app (also one
 * that uses none of this library's constructs) against the Kubernetes rule pack, in one check over
 * all charts, with the waivers, baseline and BAA register `hipaa-check` takes, writes the report
 * files asked for, and fails the synth (exit code 2) on open findings at or above `failOn`. In cdk8s.yaml:
 *
 * ```yaml
 * validations:
 *   - package: hipaa-constructs
 *     version: 1.2.3              # exact: the CLI refuses ranges
 *     class: HipaaValidationPlugin
 *     properties:
 *       reportDir: dist/compliance
 *       waivers: hipaa-waivers.yaml
 * ```
 */
export class HipaaValidationPlugin implements Cdk8sValidation {
  /** The properties, checked. */
  public readonly props: HipaaValidationPluginProps;
  private readonly cwd: string;

  /**
   * @param properties the entry's `properties:` in cdk8s.yaml; refused with an Error naming
   *   `cdk8s.yaml validations[].properties.<field>` for each problem
   * @param options for tests and embedders (the CLI passes only the properties)
   */
  constructor(properties: HipaaValidationPluginProps = {}, private readonly options: HipaaValidationPluginOptions = {}) {
    this.props = validatePluginProps(properties);
    this.cwd = options.cwd ?? process.cwd();
  }

  /** Checks the manifests of `context`, adds one violation per rule with open findings, writes the reports, and submits. */
  public async validate(context: Cdk8sValidationContext): Promise<void> {
    const now = this.options.now ?? new Date();
    const props = this.props;
    const failOn = props.failOn ?? 'error';

    const settings = this.readSettingsFiles(now);
    if (settings.problems.length > 0) {
      context.report.addViolation(settingsProblemViolation(settings.problems));
      context.report.submit('failure', { 'Settings problems': String(settings.problems.length) });
      return;
    }

    const set = readManifestSet(context.manifests, { cwd: this.cwd });
    const resources = withConstructPaths(set.resources, context.metadata ?? {});
    const formats = props.reportDir === undefined ? [] : REPORT_FORMATS.filter((f) => (props.formats ?? REPORT_FORMATS).includes(f));
    const kubernetesVersion = props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
    const allowedRegistries = props.allowedRegistries ?? DEFAULT_ALLOWED_REGISTRIES;
    const { result, pack, flowGraph } = evidenceCheck(resources, this.options.pack ?? kubernetesPack, {
      allowedRegistries,
      kubernetesVersion,
      defaultNamespace: props.defaultNamespace,
      unclassifiedIsPhi: props.unclassifiedIsPhi,
      maxWaiverMonths: props.maxWaiverMonths,
      minEgressPrefix: props.minEgressPrefix,
      waivers: settings.waivers,
      baaRegister: settings.baaRegister,
      baseline: settings.baseline,
      now,
      flowGraph: formats.some((f) => GRAPH_FORMATS.has(f)),
    });

    const git = this.options.recordGitCommit === false ? undefined : gitProvenance(this.cwd);
    const meta: ReportMetadata = {
      toolName: 'hipaa-constructs',
      toolVersion: packageVersion(),
      packName: pack.name,
      inputs: context.manifests,
      generatedAt: now,
      failOn,
      kubernetesVersion,
      allowedRegistries,
      inputProblems: set.problems,
      provenance: { inputs: set.inputs, ...(git ? { git } : {}) },
      flowGraph,
      baaRegister: settings.baaRegister,
    };
    const written = this.writeReports(formats, result, meta);

    const violations: Cdk8sValidationViolation[] = violationsOf(result, resources);
    if (set.problems.length > 0) violations.unshift(inputProblemViolation(set.problems));
    if (written.problems.length > 0) violations.push(reportProblemViolation(written.problems));
    for (const v of violations) context.report.addViolation(v);

    const stale = result.staleBaseline?.length ?? 0;
    const passes = reportPasses(result, meta) && written.problems.length === 0 && (stale === 0 || props.allowStaleBaseline === true);
    const open = result.unwaived;
    const errors = open.filter((f) => f.severity === 'error').length;
    context.report.submit(passes ? 'success' : 'failure', {
      'Rule pack': `${pack.name} (${pack.rules.length} rules)`,
      'Objects': String(result.resourceCount),
      'Fail on': failOn,
      'Errors': String(errors),
      'Warnings': String(open.length - errors),
      'Waived': String(result.waived.length),
      'Baselined': String(result.baselined?.length ?? 0),
      ...(settings.baseline ? { 'Stale baseline entries': String(stale) } : {}),
      ...(set.problems.length > 0 ? { 'Unreadable input': String(set.problems.length) } : {}),
      'Reports': written.files.length > 0 ? written.files.join(', ') : 'none',
    });
  }

  /** Reads the waivers, baseline and BAA register named in the properties; every problem is collected. */
  private readSettingsFiles(now: Date): { waivers?: ScopedWaiver[]; baseline?: Baseline; baaRegister?: BaaRegister; problems: InputProblem[] } {
    const props = this.props;
    const problems: InputProblem[] = [];
    let baaRegister: BaaRegister | undefined;
    let waivers: ScopedWaiver[] | undefined;
    let baseline: Baseline | undefined;
    if (props.baaRegister !== undefined) {
      try {
        baaRegister = readBaaRegister(props.baaRegister, this.cwd);
      } catch (e) {
        problems.push(...problemsOf(e, props.baaRegister));
      }
    }
    if (props.waivers !== undefined) {
      const rules = [...(this.options.pack ?? kubernetesPack).rules, ...(props.baaRegister !== undefined ? baaPack.rules : [])];
      const knownIds = new Set(rules.map((r) => r.id));
      try {
        waivers = readWaiversFile(props.waivers, knownIds, this.cwd, { now, maxWaiverMonths: props.maxWaiverMonths });
      } catch (e) {
        problems.push(...problemsOf(e, props.waivers));
      }
    }
    if (props.baseline !== undefined) {
      try {
        baseline = readBaseline(props.baseline, this.cwd);
      } catch (e) {
        problems.push(...problemsOf(e, props.baseline));
      }
    }
    return { waivers, baseline, baaRegister, problems };
  }

  /** Writes each format into reportDir; a report that cannot be rendered or written is a problem, not a crash. */
  private writeReports(formats: readonly ReportFormat[], result: CheckResult, meta: ReportMetadata): { files: string[]; problems: InputProblem[] } {
    const files: string[] = [];
    const problems: InputProblem[] = [];
    if (formats.length === 0 || this.props.reportDir === undefined) return { files, problems };
    const dir = this.props.reportDir;
    const jobs = formats.map((format) => ({ format, file: path.resolve(this.cwd, dir, REPORT_FILES[format]) }));
    writeReportFiles(jobs, result, meta).forEach((outcome, i) => {
      const file = path.join(dir, REPORT_FILES[formats[i]]);
      if (outcome.failure) problems.push({ file, reason: `the ${formats[i]} report could not be written: ${outcome.failure.error.message}` });
      else files.push(file);
    });
    return { files, problems };
  }
}

/**
 * The objects with their construct path from the app's metadata, where it is unambiguous: the CLI
 * keys the metadata by `metadata.name` only, so a name two checked objects share gets none.
 */
function withConstructPaths(resources: readonly Resource[], metadata: Cdk8sValidationContext['metadata']): Resource[] {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  return resources.map((r) => {
    const constructPath = counts.get(r.name) === 1 && Object.prototype.hasOwnProperty.call(metadata, r.name) ? metadata[r.name]?.path : undefined;
    return typeof constructPath === 'string' && constructPath !== '' ? { ...r, source: { ...r.source, constructPath } } : r;
  });
}

/** The problems of a settings file's error, each naming the file (and line, when known). */
function problemsOf(e: unknown, file: string): InputProblem[] {
  if (e instanceof WaiversFileError) return e.problems.map((p) => ({ file: p.file, line: p.line, reason: p.reason }));
  if (e instanceof ManifestError) return [{ file: e.file, line: e.line, reason: e.reason }];
  if (e instanceof BaaRegisterError || e instanceof BaselineError) return e.problems.map((reason) => ({ file, reason }));
  return [{ file, reason: (e as Error).message }];
}
