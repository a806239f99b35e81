import { App, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { AppValidation } from './app-validation';
import { baaRegisterAt, baselineAt } from './evidence-files';
import { fullPackRules } from './full-pack';
import { MAX_WAIVER_MONTHS_KEY } from './waivers';
import type { EgressPrefixLimits } from '../check/egress-prefix';
import type { CheckResult } from '../check/engine';
import type { RulePack } from '../check/rule';
import { resolveMaxWaiverMonths, waiverListProblem, ScopedWaiver, waiverProblems } from '../check/waiver';
import type { ReportFormat } from '../report/formats';

/** Settings of the synth-time check of a chart or of a whole app. */
export interface HipaaValidationProps {
  /** Registries images may come from (`host`, `host/path` prefix, `*` for one DNS label). @default - AWS ECR private registries (`*.dkr.ecr.*.amazonaws.com`) */
  readonly allowedRegistries?: string[];
  /** Kubernetes minor version the chart targets. @default '1.28' */
  readonly kubernetesVersion?: string;
  /** Waivers for objects the chart (or, enabled on the app, any chart) holds but did not create through these constructs (e.g. imported YAML). @default - none */
  readonly waivers?: ScopedWaiver[];
  /** The rule pack to enforce. @default - the full Kubernetes pack */
  readonly pack?: RulePack;
  /**
   * Shortest prefix length of a CIDR a PHI workload may send to, per address family
   * (k8s-phi-open-egress); e.g. `{ ipv4: 24 }` to allow egress to subnets only.
   * @default - IPv4 /16, IPv6 /48 (DEFAULT_MIN_EGRESS_PREFIX)
   */
  readonly minEgressPrefix?: EgressPrefixLimits;
  /**
   * Directory to write the JSON, SARIF and Markdown compliance reports of the whole app into at
   * `app.synth()` (`hipaa-compliance.json`, `.sarif`, `.md`: the same reports `hipaa-check`
   * writes). A relative path is resolved against the working directory, as cdk8s resolves the
   * app's `outdir`: with the default outdir, `'dist/compliance'` writes next to the manifests. One
   * set covers every checked chart, whichever
   * scope asks for it; the reports are written before the manifests, and also when the synth is
   * refused (the synth throws afterwards). `chart.toJson()` and `Testing.synth()` write none.
   * @default - no reports
   */
  readonly reports?: string;
  /**
   * Which reports `reports` writes: any of 'json', 'sarif', 'markdown', 'html', 'junit', 'oscal' and
   * 'dot' (the PHI data-flow graph). Validations of one app that name different lists write the union.
   * @default - every format
   */
  readonly reportFormats?: ReportFormat[];
  /**
   * Path of a BAA register (`hipaa-baa.yaml`, resolved against the working directory) to check every
   * external destination of the app's PHI flows against (the BAA rules, 164.308(b)(1) and
   * 164.314(a)(1)); read and validated when the check is enabled. Validations of one app must name the
   * same register. @default - no register: the BAA rules do not run
   */
  readonly baaRegister?: string;
  /**
   * Path of a baseline file (written by `hipaa-check --write-baseline`, resolved against the working
   * directory): the findings it lists are reported as baselined and do not refuse the synth; entries
   * that match nothing any more are named on standard error and in the reports. Validations of one app
   * must name the same baseline. @default - no baseline
   */
  readonly baseline?: string;
  /**
   * How many months ahead a waiver's expiry may lie (a whole number from 1 to 36), for waivers
   * in annotations, in `waivers`, and added with `addWaivers` under this scope after this call:
   * 45 CFR 164.308(a)(8) asks for periodic evaluation. @default 12
   */
  readonly maxWaiverMonths?: number;
  /**
   * Whether objects nobody classified count as PHI: a namespace whose Namespace object has no
   * `hipaa-constructs.io/phi` label of "true" or "false" (or that no chart of the app defines),
   * and workloads, Services, Secrets and ConfigMaps outside a PHI namespace without such a label.
   * Set to false to treat only what is labelled "true" (and what is in a namespace labelled so) as PHI.
   * @default true
   */
  readonly unclassifiedIsPhi?: boolean;
}

const ENABLED = Symbol.for('hipaa-constructs.HipaaValidation');

/**
 * Runs the rule pack over the objects of an app whenever it is synthesized (`app.synth()`,
 * `app.synthYaml()`, `chart.toJson()`, `Testing.synth(chart)`), and refuses to synthesize while
 * an unwaived error finding stands. Enable it on the app to cover every chart (also charts added
 * later), or on a chart to cover that chart; the constructs of this library enable it on their
 * chart themselves. Objects of any chart that land in a namespace the app labels PHI (e.g. a
 * HipaaNamespace of another chart) are checked in any case. Each synth renders every chart once,
 * the rules see the whole app, and each finding is reported once.
 */
export class HipaaValidation {
  /**
   * Enables the check on `scope`, an App (every chart) or a Chart (once; later calls may change
   * its settings), and returns it. A chart's own settings take precedence over the app's, field
   * by field; waivers of both apply.
   */
  public static enable(scope: App | Chart, props?: HipaaValidationProps): HipaaValidation {
    validateScope(scope);
    validateProps(scope, props);
    const existing = HipaaValidation.of(scope);
    if (existing) {
      if (props) existing.props = { ...existing.props, ...props };
      return existing;
    }
    return new HipaaValidation(scope, props ?? {});
  }

  /** The check enabled on `scope` (an App or a Chart), if any. */
  public static of(scope: App | Chart): HipaaValidation | undefined {
    return (scope as any)[ENABLED];
  }

  private constructor(private readonly scope: App | Chart, private props: HipaaValidationProps) {
    Object.defineProperty(scope, ENABLED, { value: this });
    const settings = this;
    AppValidation.of(scope).enable(scope, { get props() { return settings.props; } });
  }

  /**
   * Synthesizes and checks without throwing, for reports and tests: a chart's objects, or, when
   * enabled on the app, every checked object of the app; the rest of the app is context.
   */
  public check(): CheckResult {
    const app = AppValidation.of(this.scope);
    return (Chart.isChart(this.scope) ? app.check([this.scope]) : app.check()).result;
  }
}

export { formatRefusal } from './app-validation';

function validateScope(scope: unknown): void {
  const c = scope as IConstruct | undefined;
  if (Chart.isChart(c)) return;
  if (c instanceof App || (c?.node && c.node.scope === undefined && typeof (c as any).synth === 'function')) return;
  const where = c?.node ? `[${c.node.path}] ` : '';
  throw new Error(`${where}HipaaValidation.enable: expected an App or a Chart, got ${c?.node ? c.constructor.name : typeof scope}; pass the chart (Chart.of(construct)) or the app.`);
}

/** Refuses settings the rules could not use, now rather than at synth. */
function validateProps(scope: App | Chart, props?: HipaaValidationProps): void {
  // Shape, types, registries and version first: the checks below assume them.
  // Loaded when settings are given: the constructs enable the check without any (lazy like the prop checks).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (props !== undefined) (require('./validation-props') as typeof import('./validation-props')).validateHipaaValidationProps(scope.node.path || 'app', props);
  validateWaiverProps(scope, props);
  const problems: string[] = [];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (props?.minEgressPrefix !== undefined) (require('../check/egress-prefix') as typeof import('../check/egress-prefix')).resolveMinEgressPrefix(props.minEgressPrefix);
  } catch (e) {
    problems.push(`${(e as Error).message} (k8s-phi-open-egress).`);
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (props?.unclassifiedIsPhi !== undefined) (require('../check/engine') as typeof import('../check/engine')).validateCheckOptions({ unclassifiedIsPhi: props.unclassifiedIsPhi });
  } catch (e) {
    problems.push(`${(e as Error).message.replace(/^Invalid check options: /, '')}.`);
  }
  if (props?.reports !== undefined && (typeof props.reports !== 'string' || props.reports.trim() === '')) {
    problems.push(`reports: expected a directory path (e.g. 'dist/compliance', resolved against the working directory), got ${JSON.stringify(props.reports)}.`);
  }
  problems.push(...evidenceFileProblems(props));
  if (problems.length > 0) throw new Error(problems.map((p) => `[${scope.node.path || 'app'}] ${p}`).join('\n'));
}

/** Reads the register and baseline a validation names, now, so a broken file is refused at enable. */
function evidenceFileProblems(props?: HipaaValidationProps): string[] {
  const problems: string[] = [];
  for (const [field, read] of [['baaRegister', baaRegisterAt], ['baseline', baselineAt]] as const) {
    const file = props?.[field];
    if (typeof file !== 'string' || file.trim() === '') continue;
    try {
      read(file);
    } catch (e) {
      const listed = (e as { problems?: readonly string[] }).problems;
      problems.push(`${field}: ${listed && listed.length > 0 ? listed.join('; ') : (e as Error).message}`);
    }
  }
  return problems;
}

/** Refuses a bad maxWaiverMonths or waiver at enable, with every problem in one error, and records the limit for addWaivers. */
function validateWaiverProps(scope: App | Chart, props?: HipaaValidationProps): void {
  const problems: string[] = [];
  let maxWaiverMonths: number | undefined;
  try {
    maxWaiverMonths = resolveMaxWaiverMonths(props?.maxWaiverMonths);
  } catch (e) {
    problems.push(`${(e as Error).message} (waiver-invalid)`);
  }
  const waivers: unknown = props?.waivers;
  if (waivers !== undefined && !Array.isArray(waivers)) {
    problems.push(`waivers: ${waiverListProblem(waivers)!.replace(/\.$/, '')}`);
  } else if (waivers !== undefined && waivers.length > 0 && maxWaiverMonths !== undefined) {
    const knownIds = new Set((props?.pack?.rules ?? [...fullPackRules().values()]).map((r) => r.id));
    waivers.forEach((w, i) => {
      const found = waiverProblems(w, knownIds, { now: new Date(), maxWaiverMonths });
      if (found.length > 0) problems.push(`waivers[${i}] (rule '${(w as any)?.ruleId ?? '?'}', waiver-invalid): ${found.join('; ')}`);
    });
  }
  if (problems.length === 1) throw new Error(`[${scope.node.path || 'app'}] ${problems[0]}.`);
  if (problems.length > 1) throw new Error(`[${scope.node.path || 'app'}] ${problems.length} problems:\n- ${problems.join('\n- ')}`);
  if (props?.maxWaiverMonths !== undefined) Object.defineProperty(scope, MAX_WAIVER_MONTHS_KEY, { value: maxWaiverMonths, configurable: true });
}
