import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { baaRegisterAt, baselineAt } from './evidence-files';
import { decideFlowPeers } from './flows';
import { fullPack } from './full-pack';
import { decideMeshAuthorization } from './namespace-mesh';
import type { HipaaValidationProps } from './validation';
import { writeWaiverAnnotations } from './waivers';
import type { CheckOptions, CheckResult } from '../check/engine';
import type { Finding } from '../check/finding';
import { describeResource, fromManifest, Resource, SourceLocation } from '../check/resource';
import type { RulePack } from '../check/rule';
import type { ScopedWaiver } from '../check/waiver';
import type { writeSynthReports as WriteSynthReports } from '../report/synth-reports';

const STATE = Symbol.for('hipaa-constructs.AppValidation');

// The engine and the report writers load at the first synth, like the rule pack: importing the
// cdk8s entry point pays only for the constructs (npm run bench: load <= 1.15x cdk8s-plus-28).
/* eslint-disable @typescript-eslint/no-require-imports */
const engine = (): typeof import('../check/engine') => require('../check/engine');
const synthReports = (): { writeSynthReports: typeof WriteSynthReports } => require('../report/synth-reports');
const evidence = (): typeof import('../check/evidence-check') => require('../check/evidence-check');
const baselines = (): typeof import('../check/baseline-file') => require('../check/baseline-file');
const flows = (): typeof import('../flows/build-flow-graph') => require('../flows/build-flow-graph');
/** The rules' PHI classifier: a Namespace counts as PHI here exactly as the rules judge it. */
const phiClassification = (): typeof import('../rules/k8s/phi-classification') => require('../rules/k8s/phi-classification');
/* eslint-enable @typescript-eslint/no-require-imports */
const DEFAULTS: HipaaValidationProps = {};

/** Where the settings of an enabled scope live; read at every check, so later changes count. */
export interface ValidationSettings {
  /** The settings given to `HipaaValidation.enable`. */
  readonly props: HipaaValidationProps;
}

/** What a check of some charts of an app found. */
export interface AppCheckOutcome {
  /** Every checked object's findings, once, as one result (several rule settings merged). */
  readonly result: CheckResult;
  /** The objects that were checked. */
  readonly checked: readonly Resource[];
  /** The chart each checked object belongs to. */
  readonly chartOf: ReadonlyMap<SourceLocation, Chart>;
  /** Every object of the app, checked or not (the data-flow graph is drawn from them all). */
  readonly all: readonly Resource[];
}

/** The charts of a synth pass, rendered once each. */
type Pass = Map<Chart, any[]>;

/**
 * The synth-time check of a whole cdk8s app (one per app root).
 *
 * Cost: a synth pass (`app.synth()`, `app.synthYaml()`, or one `chart.toJson()` /
 * `Testing.synth(chart)` outside an app synth) renders every chart of the app exactly once and
 * keeps the renders until the pass ends, so the rules see the whole app (a platform chart's
 * HipaaNamespace covers an app chart's workloads) at linear cost. Nothing is kept between
 * passes: a construct changed between two synths is rendered again.
 *
 * Coverage: every object of a chart with `HipaaValidation.enable(chart)`, or of every chart once
 * `HipaaValidation.enable(app)` was called; of the other charts, every object that lands in a
 * namespace the app labels PHI (`hipaa-constructs.io/phi: "true"`, e.g. a HipaaNamespace) and
 * that Namespace itself.
 */
export class AppValidation {
  /** The app validation of the app `scope` belongs to, created (with its hooks) on first use. */
  public static of(scope: IConstruct): AppValidation {
    const root = scope.node.root;
    return (root as any)[STATE] ?? new AppValidation(root);
  }

  /**
   * A value computed once per synth pass, e.g. an index of the construct tree that construct
   * validations share (cdk8s validates the whole app once per chart it renders, all inside the
   * pass); outside a pass (or without a check on the app), computed afresh. Nothing is kept
   * between passes.
   */
  public static passValue<T>(scope: IConstruct, key: string, compute: () => T): T {
    const state: AppValidation | undefined = (scope.node.root as any)[STATE];
    return state === undefined ? compute() : state.passValue(key, compute);
  }

  /** Enabled scopes (the root or charts) and their settings. */
  private readonly enabled = new Map<IConstruct, ValidationSettings>();
  /** The original `toJson` of each chart whose `toJson` is routed through this check. */
  private readonly renderers = new Map<Chart, () => any[]>();
  /** Renders of the synth pass under way, if any. */
  private pass: Pass | undefined;
  /** Values computed once in the synth pass under way (see passValue). */
  private passValues: Map<string, unknown> | undefined;

  private constructor(private readonly root: IConstruct) {
    Object.defineProperty(root, STATE, { value: this });
    if (root instanceof App) {
      const app = root;
      const synth = app.synth.bind(app);
      const synthYaml = app.synthYaml.bind(app);
      Object.defineProperty(app, 'synth', { configurable: true, value: () => this.synthApp(synth, true) });
      Object.defineProperty(app, 'synthYaml', { configurable: true, value: () => this.synthApp(synthYaml, false) });
    }
    // cdk8s validates the whole app before it renders any chart; a chart added after the last
    // sweep and synthesized on its own is caught there (see onPrepare).
    root.node.addValidation({ validate: () => this.onPrepare() });
    this.sweep();
  }

  /** Enables the check on `scope` (the app root or a chart) with these settings. */
  public enable(scope: IConstruct, settings: ValidationSettings): void {
    this.enabled.set(scope, settings);
    if (Chart.isChart(scope)) this.route(scope);
  }

  /**
   * Checks `charts` (every chart when omitted) inside one synth pass, without throwing;
   * the rest of the app is context.
   */
  public check(charts?: readonly Chart[]): AppCheckOutcome {
    return this.inPass(() => this.checkCharts(charts ?? this.charts()));
  }

  /** See the static passValue. */
  private passValue<T>(key: string, compute: () => T): T {
    const values = this.passValues;
    if (values === undefined) return compute();
    if (!values.has(key)) values.set(key, compute());
    return values.get(key) as T;
  }

  /** `app.synth()` / `app.synthYaml()`: one pass, one check of the whole app, reports, then cdk8s. */
  private synthApp<T>(synth: () => T, writesFiles: boolean): T {
    return this.inPass(() => {
      const outcome = this.checkCharts(this.charts());
      if (writesFiles) this.writeReports(outcome);
      if (!outcome.result.passed) throw new Error(refusal(outcome));
      return synth();
    });
  }

  /** A chart's `toJson`: inside a pass, its render; alone, a pass that checks this chart. */
  private chartToJson(chart: Chart): any[] {
    if (this.pass) return this.render(chart);
    return this.inPass(() => {
      const outcome = this.checkCharts([chart]);
      if (!outcome.result.passed) throw new Error(refusal(outcome));
      return this.render(chart);
    });
  }

  private inPass<T>(run: () => T): T {
    if (this.pass) return run();
    this.sweep();
    this.pass = new Map();
    this.passValues = new Map();
    try {
      return run();
    } finally {
      this.pass = undefined;
      this.passValues = undefined;
    }
  }

  /** Routes the `toJson` of every chart of the app through this check. */
  private sweep(): void {
    for (const c of this.charts()) this.route(c);
  }

  private route(chart: Chart): void {
    if (this.renderers.has(chart)) return;
    this.renderers.set(chart, chart.toJson.bind(chart));
    // cdk8s has no synth hook that Testing.synth also passes through, so the chart's own toJson
    // is wrapped: the check sees exactly the manifests that are written.
    Object.defineProperty(chart, 'toJson', { configurable: true, value: () => this.chartToJson(chart) });
  }

  /**
   * Runs as a construct validation of the app root, before cdk8s renders any chart. Outside a
   * pass it means a chart that was never routed through the check (added after the last
   * sweep, then synthesized on its own) is being rendered: check the charts in that state now.
   */
  private onPrepare(): string[] {
    if (this.pass) return [];
    const unrouted = this.charts().filter((c) => !this.renderers.has(c));
    if (unrouted.length === 0) return [];
    const outcome = this.check(unrouted);
    return outcome.result.passed ? [] : [refusal(outcome)];
  }

  /** Every chart of the app, in construct-tree order. */
  private charts(): Chart[] {
    return this.root.node.findAll().filter(Chart.isChart);
  }

  /** A chart's manifests in this pass, rendered (with construct waivers written) on first use. */
  private render(chart: Chart): any[] {
    const pass = this.pass!;
    let manifests = pass.get(chart);
    if (!manifests) {
      // The peer's side of flows goes into whichever chart owns the peer, so it is decided for the
      // whole app before a chart is rendered (and before waiver annotations are written).
      decideFlowPeers(chart);
      decideMeshAuthorization(chart);
      writeWaiverAnnotations(chart);
      manifests = (this.renderers.get(chart) ?? chart.toJson.bind(chart))();
      pass.set(chart, manifests);
    }
    return manifests;
  }

  private checkCharts(targets: readonly Chart[]): AppCheckOutcome {
    const all: Array<{ chart: Chart; resources: Resource[] }> = [];
    for (const chart of this.charts()) {
      const paths = constructPaths(chart);
      const resources = this.render(chart).map((m) => {
        const name = m.metadata?.name ?? '';
        // Cluster-scoped objects lose the chart's namespace in output, so fall back to kind + name.
        const constructPath = takePath(paths, `${m.kind}|${m.metadata?.namespace ?? ''}|${name}`) ?? takePath(paths, `${m.kind}|*|${name}`);
        return fromManifest(m, { constructPath });
      });
      all.push({ chart, resources });
    }

    const phi = this.phiNamespaces(all);
    const wanted = new Set(targets);
    const groups = new Map<string, { props: HipaaValidationProps; resources: Resource[] }>();
    // The group a chart's objects go to (undefined: the chart is not enabled), once per chart.
    const groupOf = new Map<Chart, { props: HipaaValidationProps; resources: Resource[] } | undefined>();
    const groupFor = (props: HipaaValidationProps) => {
      const key = settingsKey(props);
      if (!groups.has(key)) groups.set(key, { props, resources: [] });
      return groups.get(key)!;
    };
    const group = (chart: Chart) => {
      if (!groupOf.has(chart)) {
        const props = this.settingsOf(chart);
        groupOf.set(chart, props && groupFor(props));
      }
      return groupOf.get(chart);
    };
    const chartOf = new Map<SourceLocation, Chart>();
    const checked = new Set<Resource>();
    for (const { chart, resources } of all) {
      if (!wanted.has(chart)) continue;
      const own = group(chart);
      for (const r of resources) {
        let target = own;
        if (!target) {
          const ns = r.kind === 'Namespace' ? r.name : r.namespace ?? 'default';
          const definedBy = phi.get(ns);
          if (!definedBy) continue;
          // Checked with the settings of the chart that defines the namespace, if it has any.
          target = group(definedBy) ?? groupFor(DEFAULTS);
        }
        target.resources.push(r);
        chartOf.set(r.source!, chart);
        checked.add(r);
      }
    }

    const everything = all.flatMap((c) => c.resources);
    const results: CheckResult[] = [];
    for (const { props, resources } of groups.values()) {
      const mine = groups.size === 1 ? checked : new Set(resources);
      results.push(engine().check(resources, packOf(props), {
        ...checkOptionsOf(props),
        context: everything.filter((r) => !mine.has(r)),
      }));
    }
    let result = mergeResults(results);
    const baselineFile = oneFile([...this.enabled.values()].map((v) => v.props), 'baseline');
    if (baselineFile !== undefined) result = baselines().applyBaseline(result, baselineAt(baselineFile), new Date());
    return { result, checked: [...checked], chartOf, all: everything };
  }

  /**
   * Namespaces the app creates that count as PHI, with the chart that defines each: labelled
   * "true", or (failing closed, unless every validation of the app turns `unclassifiedIsPhi`
   * off) not labelled "true" or "false" at all.
   */
  private phiNamespaces(all: ReadonlyArray<{ chart: Chart; resources: Resource[] }>): Map<string, Chart> {
    const settings = [...this.enabled.values()];
    const unclassifiedIsPhi = settings.length === 0 || settings.some((v) => v.props.unclassifiedIsPhi !== false);
    const { labelPhiBasis, phiLabelOf } = phiClassification();
    const out = new Map<string, Chart>();
    for (const { chart, resources } of all) {
      for (const r of resources) {
        if (r.kind !== 'Namespace' || out.has(r.name)) continue;
        if (labelPhiBasis(phiLabelOf(r.body.metadata?.labels), unclassifiedIsPhi) !== undefined) out.set(r.name, chart);
      }
    }
    return out;
  }

  /**
   * The settings a chart is checked with, or undefined when neither it nor the app is enabled:
   * the chart's own over the app's, field by field; waivers of both apply.
   */
  private settingsOf(chart: Chart): HipaaValidationProps | undefined {
    const own = this.enabled.get(chart)?.props;
    const app = this.enabled.get(this.root)?.props;
    if (!own) return app;
    if (!app) return own;
    const waivers = [...(app.waivers ?? []), ...(own.waivers ?? [])];
    const merged: HipaaValidationProps = { ...app, ...own, waivers };
    MERGED_WAIVERS.set(waivers, [app.waivers, own.waivers]);
    return merged;
  }

  /** Writes the JSON, SARIF and Markdown reports into every directory a validation of the app asks for. */
  private writeReports(outcome: AppCheckOutcome): void {
    const dirs = new Set<string>();
    // Relative to the working directory, like the app's own outdir: with cdk8s's default outdir,
    // 'dist/compliance' puts the reports next to the manifests.
    for (const { props } of this.enabled.values()) {
      if (props.reports !== undefined) dirs.add(path.resolve(props.reports));
    }
    if (dirs.size === 0) return;
    const settings = [...this.enabled.values()].map((s) => s.props);
    const same = <T>(pick: (p: HipaaValidationProps) => T): T | undefined => {
      const values = new Set(settings.map((p) => JSON.stringify(pick(p) ?? null)));
      return values.size === 1 ? settings.map(pick)[0] : undefined;
    };
    const registerFile = oneFile(settings, 'baaRegister');
    // The app's one register joins the BAA rules to every check, whichever scope named it.
    const basePack = same((p) => (p.pack ?? fullPack()).name);
    const pack = basePack !== undefined && registerFile !== undefined ? `${basePack}+baa` : basePack;
    const baaRegister = registerFile === undefined ? undefined : baaRegisterAt(registerFile);
    const stale = outcome.result.staleBaseline ?? [];
    if (stale.length > 0) {
      // Not a refusal: the synth output is as secure as the baseline allows; the reports list the entries.
      process.stderr.write(`hipaa-constructs: ${stale.length} entr${stale.length === 1 ? 'y' : 'ies'} of the baseline ${outcome.result.baseline?.file ?? ''} match no finding any more; remove ${stale.length === 1 ? 'it' : 'them'} (hipaa-check --prune-baseline)\n`);
    }
    // The union of the formats asked for; every format when a validation names none.
    const formats = settings.some((p) => p.reports !== undefined && p.reportFormats === undefined)
      ? undefined
      : [...new Set(settings.flatMap((p) => p.reportFormats ?? []))];
    // The graph only for the formats that draw it (as hipaa-check and the plugin do).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { GRAPH_FORMATS } = require('../report/formats') as typeof import('../report/formats');
    const flowGraph = formats === undefined || formats.some((f) => GRAPH_FORMATS.has(f))
      ? flows().buildFlowGraph(outcome.all, {
        defaultNamespace: 'default',
        unclassifiedIsPhi: settings.length === 0 || settings.some((p) => p.unclassifiedIsPhi !== false),
        baaRegister,
      })
      : undefined;
    for (const dir of dirs) {
      synthReports().writeSynthReports(dir, outcome.result, {
        packName: pack,
        kubernetesVersion: same((p) => p.kubernetesVersion),
        allowedRegistries: same((p) => p.allowedRegistries ?? [...engine().DEFAULT_ALLOWED_REGISTRIES]),
        objects: outcome.checked,
        flowGraph,
        baaRegister,
      }, formats);
    }
  }
}

/** The waiver lists a merged list was made of, so equal settings share one check run. */
const MERGED_WAIVERS = new WeakMap<readonly ScopedWaiver[], Array<readonly ScopedWaiver[] | undefined>>();
const ids = new WeakMap<object, number>();
let lastId = 0;

function idOf(o: object | undefined): number {
  if (!o) return 0;
  let id = ids.get(o);
  if (id === undefined) ids.set(o, id = ++lastId);
  return id;
}

/**
 * Charts with equal settings are checked in one run (one rule context over the app), however
 * many HipaaValidation objects hold them.
 */
function settingsKey(p: HipaaValidationProps): string {
  const parts = p.waivers ? MERGED_WAIVERS.get(p.waivers) ?? [p.waivers] : [];
  const waivers = parts.filter((w) => w && w.length > 0).map((w) => idOf(w!)).join(',');
  const { waivers: _waivers, ...options } = checkOptionsOf(p);
  return JSON.stringify([options, idOf(p.pack as RulePack | undefined), waivers]);
}

/**
 * The engine options a validation's settings stand for: every setting but the pack and the
 * reports directory, so a setting added to HipaaValidationProps reaches the engine (and the
 * grouping key above) without another edit here.
 */
function checkOptionsOf(props: HipaaValidationProps): CheckOptions {
  const { pack: _pack, reports: _reports, reportFormats: _formats, baseline: _baseline, baaRegister, ...options } = props;
  return baaRegister === undefined ? options : { ...options, baaRegister: baaRegisterAt(baaRegister) };
}

/** The pack a validation runs: its own (or the full pack), with the BAA rules when it names a register. */
function packOf(props: HipaaValidationProps): RulePack {
  const pack = props.pack ?? fullPack();
  return props.baaRegister === undefined ? pack : evidence().withBaaRules(pack);
}

/**
 * The one file the validations of an app name for `field` (a register or a baseline), if any; two
 * different files are refused: one app, one register and one baseline.
 */
function oneFile(settings: readonly HipaaValidationProps[], field: 'baaRegister' | 'baseline'): string | undefined {
  const files = [...new Set(settings.map((p) => p[field]).filter((f): f is string => f !== undefined).map((f) => path.resolve(f)))];
  if (files.length > 1) {
    throw new Error(`HipaaValidation: the validations of this app name ${files.length} different ${field} files (${files.join(', ')}); give one, e.g. on the app with HipaaValidation.enable(app, { ${field}: '...' }).`);
  }
  return files[0];
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

/** Several check runs (one per distinct settings) as one result, in the engine's order. */
function mergeResults(results: readonly CheckResult[]): CheckResult {
  if (results.length === 1) return results[0];
  const findings = results.flatMap((r) => r.findings).sort(compareFindings);
  const rules = new Map<string, CheckResult['rules'][number]>();
  for (const r of results) for (const rule of r.rules) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  return {
    findings,
    unwaived: findings.filter((f) => !f.waiver),
    waived: findings.filter((f) => f.waiver),
    resourceCount: results.reduce((n, r) => n + r.resourceCount, 0),
    rules: [...rules.values()],
    passed: results.every((r) => r.passed),
  };
}

function compareFindings(a: Finding, b: Finding): number {
  const keys = (f: Finding) => [f.resource.namespace ?? '', f.resource.kind, f.resource.name, f.ruleId, f.path, f.message];
  const ka = keys(a);
  const kb = keys(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

/** The error a refused synth throws: every unwaived error finding once, with path, field, rule and fix. */
function refusal(outcome: AppCheckOutcome): string {
  const refused = new Set<Chart>();
  for (const f of outcome.result.unwaived) {
    const chart = f.source ? outcome.chartOf.get(f.source) : undefined;
    if (f.severity === 'error' && chart) refused.add(chart);
  }
  // In the app's construct-tree order, which chartOf was filled in.
  const charts = [...new Set(outcome.chartOf.values())].filter((c) => refused.has(c));
  return formatRefusal(charts, outcome.result);
}

/** The error a refused synth throws: every unwaived error finding with path, field, rule and fix. */
export function formatRefusal(charts: Chart | readonly Chart[], result: CheckResult): string {
  const list = Chart.isChart(charts) ? [charts as Chart] : charts as readonly Chart[];
  const blocking = result.unwaived.filter((f) => f.severity === 'error');
  const names = list.map((c) => `'${c.node.path}'`).join(', ');
  const lines = [
    `hipaa-constructs: refusing to synthesize ${list.length === 1 ? 'chart' : 'charts'} ${names}: ${blocking.length} unwaived finding${blocking.length === 1 ? '' : 's'}.`,
  ];
  for (const f of blocking) lines.push(formatFinding(f));
  lines.push('Fix each finding, or accept it with a waiver (addWaivers / the waivers prop) that gives a reason and an expiry date.');
  return lines.join('\n');
}

function formatFinding(f: Finding): string {
  const where = f.source?.constructPath ?? describeResource(f.resource);
  return `- [${f.ruleId}] ${where} (${describeResource(f.resource)}) ${f.path}: ${f.message}\n    fix: ${f.fix}`;
}
