import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { HipaaNamespace, HipaaValidation, SecureDeployment } from '../../lib/cdk8s';
import { PHI_LABEL } from '../../lib/labels';
import { runAsNonRoot } from '../../lib/rules/k8s/pod-security/run-as-non-root';
import { addPlatformImagePolicy, container } from '../helpers/cdk8s';
import { SOON } from '../helpers/dates';
import { apartFromMtls } from '../helpers/mesh';

const ONE_RULE = { name: 'one', description: 'one rule', rules: [runAsNonRoot] };

/** A third-party Deployment (not built with our constructs) whose container may run as root. */
function thirdParty(chart: Chart, id = 'vendor', namespace?: string): ApiObject {
  return new ApiObject(chart, id, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id, namespace },
    spec: {
      selector: { matchLabels: { app: id } },
      template: { metadata: { labels: { app: id } }, spec: { containers: [{ name: 'main', image: 'vendor/app' }] } },
    },
  });
}

function tmpApp(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'hc-app-')) });
}

/** Counts chart renders: cdk8s renders a chart (and prepares the whole app) in App._synthChart. */
function countRenders(): () => number {
  const spy = jest.spyOn(App as any, '_synthChart');
  return () => spy.mock.calls.length;
}

/** A platform chart with a HipaaNamespace `clinic`, and `k` team charts with one SecureDeployment each. */
function estate(k: number, app: App = tmpApp()) {
  new HipaaNamespace(new Chart(app, 'platform'), 'clinic', { owner: 'platform-team' });
  const teams: Chart[] = [];
  for (let i = 0; i < k; i++) {
    const chart = new Chart(app, `team-${i}`, { namespace: 'clinic' });
    new SecureDeployment(chart, 'api', { containers: [container()] });
    teams.push(chart);
  }
  return { app, teams };
}

const errorOf = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

afterEach(() => jest.restoreAllMocks());

describe('each chart is rendered once per synth (linear cost)', () => {
  test('app.synth() of 1 + 4 charts renders 5 charts, not 5 x 5', () => {
    const { app } = estate(4);
    const renders = countRenders();
    app.synth();
    expect(renders()).toBe(5);
  });

  test('Testing.synth(chart) and chart.toJson() render each chart of the app once per call', () => {
    const { teams } = estate(4);
    const renders = countRenders();
    Testing.synth(teams[2]);
    expect(renders()).toBe(5);
    teams[3].toJson();
    expect(renders()).toBe(10);
  });

  test('app.synthYaml() renders each chart once too', () => {
    const { app } = estate(3);
    const renders = countRenders();
    expect(app.synthYaml()).toContain('kind: NetworkPolicy');
    expect(renders()).toBe(4);
  });

  test('a change between two synths is seen: renders are kept for one synth only', () => {
    const { app, teams } = estate(2);
    app.synth();
    const renders = countRenders();
    const vendor = thirdParty(teams[1]);
    expect(() => app.synth()).toThrow(/\[k8s-run-as-non-root\] team-1\/vendor \(Deployment clinic\/vendor\)/);
    expect(renders()).toBe(3);
    vendor.metadata.addAnnotation('unrelated', 'x');
    teams[1].node.tryRemoveChild('vendor');
    expect(() => app.synth()).not.toThrow();
    expect(Testing.synth(teams[1]).map((m: any) => m.metadata.name)).not.toContain('vendor');
    thirdParty(teams[0], 'late');
    expect(() => Testing.synth(teams[0])).toThrow(/team-0\/late/);
  });
});

describe('every chart whose objects land in a PHI namespace of the app is checked', () => {
  test('a chart without HipaaValidation writing into a HipaaNamespace of another chart is refused, naming the construct path', () => {
    const app = tmpApp();
    new HipaaNamespace(new Chart(app, 'platform'), 'clinic', { owner: 'platform-team' });
    const vendor = new Chart(app, 'vendor');
    expect(HipaaValidation.of(vendor)).toBeUndefined();
    thirdParty(vendor, 'backend', 'clinic');
    const message = errorOf(() => app.synth());
    expect(message).toContain("refusing to synthesize chart 'vendor'");
    expect(message).toContain('- [k8s-run-as-non-root] vendor/backend (Deployment clinic/backend) spec.template.spec.containers[0].securityContext.runAsNonRoot:');
    expect(fs.readdirSync(app.outdir)).toEqual([]);
    // Synthesized alone, the chart is still checked against the whole app.
    expect(() => Testing.synth(vendor)).toThrow('- [k8s-run-as-non-root] vendor/backend (Deployment clinic/backend)');
  });

  test("only that chart's objects in PHI namespaces: its objects elsewhere are not checked", () => {
    const app = tmpApp();
    new HipaaNamespace(new Chart(app, 'platform'), 'clinic', { owner: 'platform-team' });
    const ingress = new Chart(app, 'ingress', { namespace: 'ingress-nginx' });
    thirdParty(ingress, 'controller');
    expect(() => app.synth()).not.toThrow();
    expect(() => Testing.synth(ingress)).not.toThrow();
  });

  test('a namespace labelled PHI by plain YAML counts as well', () => {
    const app = tmpApp();
    HipaaValidation.enable(new Chart(app, 'checked'), { pack: ONE_RULE });
    const raw = new Chart(app, 'raw');
    new ApiObject(raw, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'records', labels: { [PHI_LABEL]: 'true' } } });
    thirdParty(raw, 'importer', 'records');
    expect(() => app.synth()).toThrow('- [k8s-run-as-non-root] raw/importer (Deployment records/importer)');
  });

  test('a Namespace the app creates without a PHI label counts as PHI (fail closed); one labelled "false" does not', () => {
    const app = tmpApp();
    HipaaValidation.enable(new Chart(app, 'checked'), { pack: ONE_RULE });
    const raw = new Chart(app, 'raw');
    new ApiObject(raw, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'records' } });
    new ApiObject(raw, 'tools-ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tools', labels: { [PHI_LABEL]: 'false' } } });
    thirdParty(raw, 'importer', 'records');
    thirdParty(raw, 'linter', 'tools');
    expect(() => app.synth()).toThrow('- [k8s-run-as-non-root] raw/importer (Deployment records/importer)');
    expect(() => app.synth()).not.toThrow('raw/linter');
  });

  test('with unclassifiedIsPhi off in every validation, only a Namespace labelled "true" pulls an unchecked chart in', () => {
    const app = tmpApp();
    HipaaValidation.enable(new Chart(app, 'checked'), { pack: ONE_RULE, unclassifiedIsPhi: false });
    const raw = new Chart(app, 'raw');
    new ApiObject(raw, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'records' } });
    thirdParty(raw, 'importer', 'records');
    expect(() => app.synth()).not.toThrow();
  });

  test('the namespace is still context for a checked chart in another chart: its default deny covers the workloads', () => {
    const { app, teams } = estate(2);
    expect(apartFromMtls(HipaaValidation.of(teams[0])!.check().findings)).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });
});

describe('HipaaValidation.enable(app)', () => {
  test('covers every chart, also charts added after the call, in any namespace', () => {
    const app = tmpApp();
    const validation = HipaaValidation.enable(app, { pack: ONE_RULE });
    expect(HipaaValidation.of(app)).toBe(validation);
    expect(HipaaValidation.enable(app)).toBe(validation);
    const early = new Chart(app, 'early', { namespace: 'tools' });
    new Chart(app, 'clean');
    thirdParty(early, 'a');
    const late = new Chart(app, 'late', { namespace: 'batch' });
    thirdParty(late, 'b');
    const message = errorOf(() => app.synth());
    expect(message.split('\n')[0]).toBe("hipaa-constructs: refusing to synthesize charts 'early', 'late': 2 unwaived findings.");
    expect(message).toContain('- [k8s-run-as-non-root] early/a (Deployment tools/a)');
    expect(message).toContain('- [k8s-run-as-non-root] late/b (Deployment batch/b)');
    expect(validation.check().unwaived.map((f) => f.source?.constructPath)).toEqual(['late/b', 'early/a']);
  });

  test('a chart added after the last synth and synthesized alone is checked too', () => {
    const app = tmpApp();
    HipaaValidation.enable(app, { pack: ONE_RULE });
    Testing.synth(new Chart(app, 'first'));
    const late = new Chart(app, 'late', { namespace: 'batch' });
    thirdParty(late, 'job');
    expect(() => Testing.synth(late)).toThrow('- [k8s-run-as-non-root] late/job (Deployment batch/job)');
    expect(() => late.toJson()).toThrow('- [k8s-run-as-non-root] late/job (Deployment batch/job)');
  });

  test('each finding is reported once, not once per chart', () => {
    const app = tmpApp();
    HipaaValidation.enable(app, { pack: ONE_RULE });
    for (let i = 0; i < 3; i++) HipaaValidation.enable(new Chart(app, `c${i}`, { namespace: 'clinic' }));
    thirdParty(app.node.findChild('c1') as Chart, 'vendor');
    const message = errorOf(() => app.synth());
    expect(message.match(/^- \[/gm)).toHaveLength(1);
    expect(message).toContain("refusing to synthesize chart 'c1': 1 unwaived finding.");
  });

  test("a chart's own settings take precedence over the app's, and waivers of both apply", () => {
    const app = tmpApp();
    HipaaValidation.enable(app, {
      pack: ONE_RULE,
      waivers: [{ ruleId: 'k8s-run-as-non-root', target: { name: 'a' }, reason: 'Vendor image needs root; isolated node pool, SEC-12.', expires: SOON }],
    });
    const chart = new Chart(app, 'team', { namespace: 'tools' });
    HipaaValidation.enable(chart, {
      waivers: [{ ruleId: 'k8s-run-as-non-root', target: { name: 'b' }, reason: 'Legacy batch image runs as root until the Q3 rebuild.', expires: SOON }],
    });
    thirdParty(chart, 'a');
    thirdParty(chart, 'b');
    thirdParty(chart, 'c');
    const result = HipaaValidation.of(chart)!.check();
    expect(result.waived.map((f) => f.resource.name)).toEqual(['a', 'b']);
    expect(result.unwaived.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual(['k8s-run-as-non-root c']);
  });

  test('anything but an App or a Chart is refused', () => {
    const chart = new Chart(Testing.app(), 'test');
    const obj = thirdParty(chart);
    expect(() => HipaaValidation.enable(obj as any)).toThrow('[test/vendor] HipaaValidation.enable: expected an App or a Chart, got ApiObject');
  });
});

describe('reports at synth', () => {
  function sarifValidator() {
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    delete schema.$schema;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    return ajv.compile(schema);
  }

  function readReports(dir: string) {
    return {
      json: JSON.parse(fs.readFileSync(path.join(dir, 'hipaa-compliance.json'), 'utf8')),
      sarif: JSON.parse(fs.readFileSync(path.join(dir, 'hipaa-compliance.sarif'), 'utf8')),
      markdown: fs.readFileSync(path.join(dir, 'hipaa-compliance.md'), 'utf8'),
    };
  }

  test('a relative reports directory is resolved against the working directory, as cdk8s resolves outdir', () => {
    const cwd = process.cwd();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-cwd-'));
    try {
      process.chdir(work);
      const { app } = estate(1, new App({ outdir: 'dist' }));
      HipaaValidation.enable(app, { reports: 'dist/compliance' });
      app.synth();
      expect(fs.readdirSync(path.join(work, 'dist')).sort()).toEqual(['compliance', 'platform.k8s.yaml', 'team-0.k8s.yaml']);
      expect(fs.readdirSync(path.join(work, 'dist', 'compliance')).sort()).toEqual(['hipaa-compliance.html', 'hipaa-compliance.json', 'hipaa-compliance.md', 'hipaa-compliance.sarif', 'hipaa-data-flows.dot', 'hipaa-junit.xml', 'hipaa-oscal-assessment-results.json']);
    } finally {
      process.chdir(cwd);
    }
  });

  test('JSON, SARIF and Markdown for the whole app, in the directory asked for', () => {
    const { app } = estate(2);
    addPlatformImagePolicy(app);
    HipaaValidation.enable(app, { reports: path.join(app.outdir, 'compliance') });
    app.synth();
    expect(fs.readdirSync(app.outdir).sort()).toEqual(['compliance', 'image-policy.k8s.yaml', 'platform.k8s.yaml', 'team-0.k8s.yaml', 'team-1.k8s.yaml']);
    const dir = path.join(app.outdir, 'compliance');
    expect(fs.readdirSync(dir).sort()).toEqual(['hipaa-compliance.html', 'hipaa-compliance.json', 'hipaa-compliance.md', 'hipaa-compliance.sarif', 'hipaa-data-flows.dot', 'hipaa-junit.xml', 'hipaa-oscal-assessment-results.json']);
    const { json, sarif, markdown } = readReports(dir);
    const written = fs.readdirSync(app.outdir).filter((f) => f.endsWith('.k8s.yaml'))
      .reduce((n, f) => n + fs.readFileSync(path.join(app.outdir, f), 'utf8').split(/^---$/m).length, 0);
    expect(json.summary.objects).toBe(written);
    expect(json.passed).toBe(true);
    expect(json.tool.name).toBe('hipaa-constructs');
    expect(apartFromMtls(json.findings)).toEqual([]);
    const validate = sarifValidator();
    expect([validate(sarif), validate.errors]).toEqual([true, null]);
    expect(sarif.runs[0].tool.driver.name).toBe('hipaa-constructs');
    expect(apartFromMtls(sarif.runs[0].results)).toEqual([]);
    expect(markdown).toMatch(/^# /);
  });

  test('a failing synth writes the reports, then throws and writes no manifests', () => {
    const app = tmpApp();
    const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-reports-'));
    new HipaaNamespace(new Chart(app, 'platform'), 'clinic', { owner: 'platform-team' });
    HipaaValidation.enable(app, { reports });
    thirdParty(new Chart(app, 'vendor', { namespace: 'clinic' }), 'backend');
    expect(() => app.synth()).toThrow("refusing to synthesize chart 'vendor'");
    expect(fs.readdirSync(app.outdir)).toEqual([]);
    const { json, sarif, markdown } = readReports(reports);
    const mine = (f: any) => f.ruleId === 'k8s-run-as-non-root';
    expect(json.findings.filter(mine)).toHaveLength(1);
    expect(json.findings.find(mine).source).toMatchObject({ constructPath: 'vendor/backend' });
    const validate = sarifValidator();
    expect([validate(sarif), validate.errors]).toEqual([true, null]);
    expect(sarif.runs[0].results.filter((r: any) => r.ruleId === 'k8s-run-as-non-root')).toHaveLength(1);
    expect(markdown).toContain('k8s-run-as-non-root');
  });

  test('one set for the app whichever scope asks; Testing.synth and chart.toJson write none', () => {
    const { app, teams } = estate(2);
    HipaaValidation.enable(teams[1], { reports: path.join(app.outdir, 'compliance') });
    Testing.synth(teams[1]);
    teams[0].toJson();
    expect(fs.existsSync(path.join(app.outdir, 'compliance'))).toBe(false);
    app.synth();
    const { json } = readReports(path.join(app.outdir, 'compliance'));
    // Every chart's objects: the platform chart's and both team charts', though only team-1 asked.
    const ofTeams = teams.flatMap((t) => t.toJson()).length;
    expect(json.summary.objects).toBeGreaterThan(ofTeams);
    expect(fs.readdirSync(path.join(app.outdir, 'compliance'))).toHaveLength(7);
  });

  test('a reports value that is not a directory path is refused at enable', () => {
    expect(() => HipaaValidation.enable(Testing.app(), { reports: ' ' })).toThrow(
      "[app] reports: expected a directory path (e.g. 'dist/compliance', resolved against the working directory), got \" \".",
    );
  });
});
