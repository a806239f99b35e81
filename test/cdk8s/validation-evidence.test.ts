import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { HipaaValidation } from '../../lib/cdk8s';
import { baselineOf, renderBaseline } from '../../lib/check/baseline-file';

// Synth-time evidence settings: reportFormats, baaRegister and baseline on HipaaValidation.enable.

let work: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-synth-evidence-'));
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

/** A third-party Deployment (not built with our constructs) whose container may run as root. */
function thirdParty(chart: Chart, id = 'vendor'): ApiObject {
  return new ApiObject(chart, id, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id },
    spec: {
      selector: { matchLabels: { app: id } },
      template: { metadata: { labels: { app: id } }, spec: { containers: [{ name: 'main', image: 'vendor/app' }] } },
    },
  });
}

function appWithVendor(): { app: App; chart: Chart } {
  const app = new App({ outdir: path.join(work, 'dist') });
  const chart = new Chart(app, 'legacy', { namespace: 'legacy' });
  thirdParty(chart);
  return { app, chart };
}

describe('HipaaValidation: evidence settings are refused when they cannot be used', () => {
  test('an unknown report format names the field and the formats there are', () => {
    const { app } = appWithVendor();
    expect(() => HipaaValidation.enable(app, { reportFormats: ['json', 'pdf' as any] })).toThrow(
      "[app] reportFormats[1]: \"pdf\" is not a report format; use any of 'sarif', 'json', 'markdown', 'html', 'junit', 'oscal', 'dot'.",
    );
  });

  test('an empty register path is refused', () => {
    const { app } = appWithVendor();
    expect(() => HipaaValidation.enable(app, { baaRegister: ' ' })).toThrow(
      '[app] baaRegister: expected a file path (resolved against the working directory), got an empty string.',
    );
  });

  test('a register that cannot be read is refused at enable, naming the file', () => {
    const { app } = appWithVendor();
    const missing = path.join(work, 'hipaa-baa.yaml');
    expect(() => HipaaValidation.enable(app, { baaRegister: missing })).toThrow(
      `[app] baaRegister: ${missing}: cannot read the BAA register (no such file); give the path of a hipaa-baa.yaml file`,
    );
  });

  test('a broken baseline is refused at enable with its own problems', () => {
    const { app } = appWithVendor();
    const file = path.join(work, 'baseline.json');
    fs.writeFileSync(file, '{"version": 1}');
    expect(() => HipaaValidation.enable(app, { baseline: file })).toThrow(/^\[app\] baseline: .*baseline\.json/);
  });
});

describe('HipaaValidation: a baseline at synth', () => {
  test('findings the baseline lists no longer refuse the synth, and the reports keep them as baselined', () => {
    const first = appWithVendor();
    HipaaValidation.enable(first.app);
    expect(() => first.app.synth()).toThrow(/k8s-run-as-non-root/);
    const result = HipaaValidation.enable(first.app).check();
    const baselineFile = path.join(work, '.hipaa-baseline.json');
    fs.writeFileSync(baselineFile, renderBaseline(baselineOf(result, new Date())));

    const second = appWithVendor();
    const reports = path.join(work, 'compliance');
    HipaaValidation.enable(second.app, { baseline: baselineFile, reports, reportFormats: ['json'] });
    expect(() => second.app.synth()).not.toThrow();
    expect(fs.readdirSync(reports)).toEqual(['hipaa-compliance.json']);
    const json = JSON.parse(fs.readFileSync(path.join(reports, 'hipaa-compliance.json'), 'utf8'));
    expect(json.summary.errors).toBe(0);
    expect(json.summary.baselined).toBe(result.unwaived.length);
    expect(json.findings.every((f: any) => f.baselined !== null && f.baselined.file === baselineFile)).toBe(true);
    expect(fs.existsSync(path.join(work, 'dist', 'legacy.k8s.yaml'))).toBe(true);
  });

  test('a new finding still refuses the synth', () => {
    const first = appWithVendor();
    const result = HipaaValidation.enable(first.app).check();
    const baselineFile = path.join(work, '.hipaa-baseline.json');
    fs.writeFileSync(baselineFile, renderBaseline(baselineOf(result, new Date())));

    const second = appWithVendor();
    thirdParty(second.chart, 'newcomer');
    HipaaValidation.enable(second.app, { baseline: baselineFile });
    expect(() => second.app.synth()).toThrow(/Deployment legacy\/newcomer/);
  });

  test('two charts of one app that name different baselines are refused', () => {
    const { app, chart } = appWithVendor();
    const other = new Chart(app, 'other', { namespace: 'other' });
    thirdParty(other);
    const a = path.join(work, 'a.json');
    const b = path.join(work, 'b.json');
    const empty = renderBaseline(baselineOf({ findings: [], unwaived: [], waived: [], resourceCount: 0, rules: [], passed: true }, new Date()));
    fs.writeFileSync(a, empty);
    fs.writeFileSync(b, empty);
    HipaaValidation.enable(chart, { baseline: a });
    HipaaValidation.enable(other, { baseline: b });
    expect(() => app.synth()).toThrow(
      `HipaaValidation: the validations of this app name 2 different baseline files (${a}, ${b}); give one, e.g. on the app with HipaaValidation.enable(app, { baseline: '...' }).`,
    );
  });
});

describe('HipaaValidation: a BAA register at synth', () => {
  test('a register named on the app joins the BAA rules to every check, and the reports name that pack', () => {
    const { app, chart } = appWithVendor();
    const register = path.join(work, 'hipaa-baa.yaml');
    fs.writeFileSync(register, [
      'apiVersion: hipaa-constructs.io/v1',
      'kind: BaaRegister',
      'vendors:',
      '  - id: aws',
      '    provider: aws',
      '    baa: {status: signed, signed: "2025-03-01", ref: "AWS Artifact"}',
      '    services: [ecr]',
      '    match: {registries: ["*.dkr.ecr.*.amazonaws.com"]}',
      '',
    ].join('\n'));
    const reports = path.join(work, 'compliance');
    HipaaValidation.enable(app, { baaRegister: register, reports, reportFormats: ['json', 'html'] });
    // The chart's own check (as the constructs enable it) inherits the app's register.
    HipaaValidation.enable(chart, { allowedRegistries: ['docker.io'] });
    const result = HipaaValidation.enable(app).check();
    expect(result.rules.some((r) => r.id === 'baa-image-registry')).toBe(true);
    expect(() => app.synth()).toThrow(/k8s-run-as-non-root/);
    const json = JSON.parse(fs.readFileSync(path.join(reports, 'hipaa-compliance.json'), 'utf8'));
    expect(json.pack).toBe('kubernetes+baa');
    expect(fs.readFileSync(path.join(reports, 'hipaa-compliance.html'), 'utf8')).toContain('id="vendor-aws"');
  });
});
