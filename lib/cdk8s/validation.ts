import { ApiObject, Chart } from 'cdk8s';
import { fullPack } from './full-pack';
import { validateHipaaValidationProps } from './validation-props';
import { writeWaiverAnnotations } from './waivers';
import { CheckOptions, CheckResult, check } from '../check/engine';
import type { Finding } from '../check/finding';
import { describeResource, fromManifest, Resource } from '../check/resource';
import type { RulePack } from '../check/rule';
import type { ScopedWaiver } from '../check/waiver';

/** Settings of the synth-time check of a chart. */
export interface HipaaValidationProps {
  /** Registries images may come from (`host`, `host/path` prefix, `*` for one DNS label). @default - AWS ECR private registries (`*.dkr.ecr.*.amazonaws.com`) */
  readonly allowedRegistries?: string[];
  /** Kubernetes minor version the chart targets. @default '1.28' */
  readonly kubernetesVersion?: string;
  /** Waivers for objects the chart holds but did not create through these constructs (e.g. imported YAML). @default - none */
  readonly waivers?: ScopedWaiver[];
  /** The rule pack to enforce. @default - the full Kubernetes pack */
  readonly pack?: RulePack;
}

const ENABLED = Symbol.for('hipaa-constructs.HipaaValidation');

/**
 * Runs the rule pack over every object of a chart whenever the chart is synthesized
 * (`app.synth()`, `chart.toJson()`, `Testing.synth(chart)`), and refuses to synthesize while
 * an unwaived error finding stands. Attach it to any chart to cover third-party objects too;
 * the constructs of this library attach it to their chart themselves.
 */
export class HipaaValidation {
  /** Enables the check on `chart` (once; later calls may change its settings) and returns it. */
  public static enable(chart: Chart, props?: HipaaValidationProps): HipaaValidation {
    validateProps(chart, props);
    const existing = HipaaValidation.of(chart);
    if (existing) {
      if (props) existing.props = { ...existing.props, ...props };
      return existing;
    }
    return new HipaaValidation(chart, props ?? {});
  }

  /** The check enabled on `chart`, if any. */
  public static of(chart: Chart): HipaaValidation | undefined {
    return (chart as any)[ENABLED];
  }

  private props: HipaaValidationProps;
  private readonly synth: () => any[];

  private constructor(private readonly chart: Chart, props: HipaaValidationProps) {
    this.props = props;
    // cdk8s has no synth hook that Testing.synth also passes through, so the chart's own toJson
    // is wrapped: the check sees exactly the manifests that are written, and runs once per synth.
    this.synth = chart.toJson.bind(chart);
    Object.defineProperty(chart, ENABLED, { value: this });
    Object.defineProperty(chart, 'toJson', {
      value: () => {
        const manifests = this.render();
        const result = this.checkManifests(manifests);
        if (!result.passed) throw new Error(formatRefusal(this.chart, result));
        return manifests;
      },
    });
  }

  /** Synthesizes the chart and checks it without throwing: for reports and tests. */
  public check(): CheckResult {
    return this.checkManifests(this.render());
  }

  /** The chart's manifests, with construct waivers written into their annotations; not checked. */
  private render(): any[] {
    writeWaiverAnnotations(this.chart);
    return this.synth();
  }

  private checkManifests(manifests: any[]): CheckResult {
    const paths = constructPaths(this.chart);
    const resources: Resource[] = manifests.map((m) => {
      const name = m.metadata?.name ?? '';
      // Cluster-scoped objects lose the chart's namespace in output, so fall back to kind + name.
      const constructPath = takePath(paths, `${m.kind}|${m.metadata?.namespace ?? ''}|${name}`) ?? takePath(paths, `${m.kind}|*|${name}`);
      return fromManifest(m, { constructPath });
    });
    const options: CheckOptions = {
      allowedRegistries: this.props.allowedRegistries,
      kubernetesVersion: this.props.kubernetesVersion,
      waivers: this.props.waivers,
      context: this.otherCharts(),
    };
    return check(resources, this.props.pack ?? fullPack(), options);
  }

  /**
   * The objects of the app's other charts, which rules consult but do not check here: a
   * platform chart's HipaaNamespace (its default deny, its PHI label) covers an app chart's
   * workloads. Each chart is still checked once, by its own synth.
   */
  private otherCharts(): Resource[] {
    const app = this.chart.node.root;
    const out: Resource[] = [];
    // A plain traversal: App.charts would build the app's whole dependency graph once more.
    for (const other of app.node.findAll()) {
      if (!Chart.isChart(other) || other === this.chart) continue;
      const manifests = HipaaValidation.of(other)?.render() ?? other.toJson();
      for (const m of manifests) out.push(fromManifest(m));
    }
    return out;
  }
}

/** Refuses settings the rules could not use, now rather than at synth. */
function validateProps(chart: Chart, props?: HipaaValidationProps): void {
  validateHipaaValidationProps(chart.node.path, props);
}

function constructPaths(chart: Chart): Map<string, string[]> {
  // A list per key: two constructs writing the same object (k8s-unique-object) keep their own paths.
  const paths = new Map<string, string[]>();
  for (const obj of chart.node.findAll()) {
    if (!ApiObject.isApiObject(obj)) continue;
    for (const key of [`${obj.kind}|${obj.metadata.namespace ?? ''}|${obj.name}`, `${obj.kind}|*|${obj.name}`]) {
      const list = paths.get(key);
      if (list) list.push(obj.node.path);
      else paths.set(key, [obj.node.path]);
    }
  }
  return paths;
}

/** The construct path for `key`: the next one when several constructs write that object, else the only one. */
function takePath(paths: Map<string, string[]>, key: string): string | undefined {
  const list = paths.get(key);
  if (!list) return undefined;
  return list.length > 1 ? list.shift() : list[0];
}

/** The error a refused synth throws: every unwaived error finding with path, field, rule and fix. */
export function formatRefusal(chart: Chart, result: CheckResult): string {
  const blocking = result.unwaived.filter((f) => f.severity === 'error');
  const lines = [
    `hipaa-constructs: refusing to synthesize chart '${chart.node.path}': ${blocking.length} unwaived finding${blocking.length === 1 ? '' : 's'}.`,
  ];
  for (const f of blocking) lines.push(formatFinding(f));
  lines.push('Fix each finding, or accept it with a waiver (addWaivers / the waivers prop) that gives a reason.');
  return lines.join('\n');
}

function formatFinding(f: Finding): string {
  const where = f.source?.constructPath ?? describeResource(f.resource);
  return `- [${f.ruleId}] ${where} (${describeResource(f.resource)}) ${f.path}: ${f.message}\n    fix: ${f.fix}`;
}
