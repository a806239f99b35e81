import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fullMeta } from './evidence-sample';
import { sampleResult } from './sample';
import { EXIT_USAGE, hipaaCheck } from '../../lib/cli/hipaa-check';
import type { ReportMetadata } from '../../lib/report/common';
import { REPORT_FORMATS, renderReport } from '../../lib/report/formats';
import { writeReportFiles } from '../../lib/report/write-report-files';
import { buildLocalPackage } from '../plugin/local-package';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-report-files-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('writeReportFiles on one thread', () => {
  // Under the TypeScript sources there is no compiled worker: every setting renders here, in order.
  test.each(['auto', 'on', 'off'] as const)('threads %s: writes each file with the renderer\'s bytes and runs the extra work once', (threads) => {
    const result = sampleResult();
    const meta = fullMeta();
    const jobs = REPORT_FORMATS.map((format) => ({ format, file: path.join(tmp, 'out', `r.${format}`) }));
    let ran = 0;
    const outcomes = writeReportFiles(jobs, result, meta, { threads, alsoHere: { format: 'json', run: () => ran++ } });
    expect(outcomes).toEqual(jobs);
    expect(ran).toBe(1);
    for (const j of jobs) expect(fs.readFileSync(j.file, 'utf8')).toBe(renderReport(j.format, result, meta));
  });

  test('a file that cannot be written is an outcome with the system\'s code, and the other files are still written', () => {
    fs.writeFileSync(path.join(tmp, 'file'), '');
    const jobs = [
      { format: 'sarif' as const, file: path.join(tmp, 'file', 'r.sarif') },
      { format: 'json' as const, file: path.join(tmp, 'r.json') },
    ];
    const [failed, written] = writeReportFiles(jobs, sampleResult(), fullMeta());
    expect(failed.failure?.stage).toBe('write');
    expect(failed.failure?.error.code).toBe('EEXIST'); // mkdir of the file's directory, which is a file
    expect(written).toEqual(jobs[1]);
    expect(fs.existsSync(jobs[1].file)).toBe(true);
  });

  test('a renderer that throws is a render failure carrying its error', () => {
    const meta = { ...fullMeta(), get flowGraph(): never { throw new Error('graph exploded'); } } as ReportMetadata;
    const [outcome] = writeReportFiles([{ format: 'dot', file: path.join(tmp, 'r.dot') }], sampleResult(), meta);
    expect(outcome.failure?.stage).toBe('render');
    expect(outcome.failure?.error.message).toBe('graph exploded');
    expect(fs.existsSync(path.join(tmp, 'r.dot'))).toBe(false);
  });
});

const REGISTER = `apiVersion: hipaa-constructs.io/v1
kind: BaaRegister
vendors:
  - id: aws
    name: AWS
    provider: aws
    baa: {status: signed, signed: 2025-03-01, reviewBy: 2027-03-01}
    services: [s3, kms, ecr, eks, logs]
    match: {registries: ["*.dkr.ecr.*.amazonaws.com"]}
internal: {cidrs: [10.0.0.0/8]}
`;

/** Deployments with findings, an egress to an unknown vendor, and a waiver: every part of every report has content. */
function manifests(n: number): string {
  const docs = ['apiVersion: v1\nkind: Namespace\nmetadata: {name: clinic, labels: {hipaa-constructs.io/phi: "true"}}'];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: api-${i}, namespace: clinic}
spec:
  selector: {matchLabels: {app: api-${i}}}
  template:
    metadata: {labels: {app: api-${i}}}
    spec:
      containers:
        - {name: api, image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:${i}", securityContext: {privileged: true}}`);
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-${i}-egress, namespace: clinic}
spec:
  podSelector: {matchLabels: {app: api-${i}}}
  policyTypes: [Egress]
  egress: [{to: [{ipBlock: {cidr: 203.0.113.0/24}}]}]`);
  }
  return docs.join('\n---\n') + '\n';
}

const WAIVERS = `- ruleId: k8s-image-digest
  reason: tags are pinned by the release process (ticket SEC-1)
  expires: 2026-12-31
  owner: platform
  target: {name: api-0}
`;

test('hipaa-check refuses a --report-threads value it does not know, naming the choices', () => {
  let stderr = '';
  const code = hipaaCheck(['app.yaml', '--report-threads', 'sometimes'], { cwd: tmp, stdout: () => {}, stderr: (s) => (stderr += s) });
  expect({ code, stderr }).toEqual({
    code: EXIT_USAGE,
    stderr: "hipaa-check: option '--report-threads <when>' argument 'sometimes' is invalid. Allowed choices are auto, on, off.\n(run hipaa-check --help for usage)\n",
  });
});

describe('writeReportFiles on two threads (the compiled package)', () => {
  // Built once: the CLI, the writer and its worker, as `tsc` emits them.
  const pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-report-threads-pkg-'));
  beforeAll(() => buildLocalPackage(pkg, ['cli/hipaa-check.ts', 'report/write-report-files.ts']));
  afterAll(() => fs.rmSync(pkg, { recursive: true, force: true }));

  /** Runs the compiled CLI in a child process (the worker needs compiled JavaScript) with every report file in `out`. */
  function cli(out: string, extra: string[]): { code: number; stdout: string; stderr: string } {
    const args = ['app.yaml', 'missing.yaml', '--format', 'json', '--baa-register', 'hipaa-baa.yaml', '--waivers', 'waivers.yaml',
      ...REPORT_FORMATS.flatMap((f) => [`--${f}`, `${out}/r.${f}`]), ...extra];
    const script = `const { hipaaCheck } = require(${JSON.stringify(path.join(pkg, 'dist', 'cli', 'hipaa-check.js'))});
let stdout = '', stderr = '';
const code = hipaaCheck(${JSON.stringify(args)}, { cwd: ${JSON.stringify(tmp)}, now: new Date('2026-06-01T12:00:00Z'),
  stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, { toolVersion: '9.9.9', recordGitCommit: false });
process.stdout.write(JSON.stringify({ code, stdout, stderr }));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`the CLI crashed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  }

  beforeEach(() => {
    fs.writeFileSync(path.join(tmp, 'app.yaml'), manifests(40));
    fs.writeFileSync(path.join(tmp, 'hipaa-baa.yaml'), REGISTER);
    fs.writeFileSync(path.join(tmp, 'waivers.yaml'), WAIVERS);
  });

  test('every file, the printed report and the messages are the same bytes as on one thread', () => {
    const one = cli('one', ['--report-threads', 'off']);
    const two = cli('two', ['--report-threads', 'on']);
    expect(two.code).toBe(2); // missing.yaml cannot be read (an input problem every report names)
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr.replace(/ one\//g, ' two/'));
    expect(two.stderr).toContain('hipaa-check: wrote the OSCAL assessment results to two/r.oscal\n');
    for (const f of REPORT_FORMATS) {
      const bytes = fs.readFileSync(path.join(tmp, 'two', `r.${f}`), 'utf8');
      expect({ f, same: bytes === fs.readFileSync(path.join(tmp, 'one', `r.${f}`), 'utf8') }).toEqual({ f, same: true });
    }
    // The content is real: findings, the waiver, the vendor and the unreadable input are in them.
    const json = JSON.parse(fs.readFileSync(path.join(tmp, 'two', 'r.json'), 'utf8'));
    expect(json.summary.findings).toBeGreaterThan(80);
    expect(json.findings.some((f: { waiver?: unknown }) => f.waiver)).toBe(true);
    expect(fs.readFileSync(path.join(tmp, 'two', 'r.html'), 'utf8')).toContain('missing.yaml');
    expect(fs.readFileSync(path.join(tmp, 'two', 'r.junit'), 'utf8')).toContain('<testsuite name="baa-');
  });

  test('the worker renders its share, longest first onto the less busy thread, with the bytes of one thread', () => {
    const result = JSON.parse(JSON.stringify(sampleResult()));
    const jobs = REPORT_FORMATS.map((format) => ({ format, file: path.join(tmp, `r.${format}`) }));
    const script = `const { writeReportFiles } = require(${JSON.stringify(path.join(pkg, 'dist', 'report', 'write-report-files.js'))});
const meta = ${JSON.stringify(fullMeta())};
meta.generatedAt = new Date(meta.generatedAt);
const outcomes = writeReportFiles(${JSON.stringify(jobs)}, ${JSON.stringify(result)}, meta, { threads: 'on', alsoHere: { format: 'json', run: () => {} } });
process.stdout.write(JSON.stringify(outcomes));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const outcomes = JSON.parse(r.stdout) as { format: string; worker?: boolean; failure?: unknown }[];
    // This thread starts with the copy and the JSON it prints (3 + 5 = 8), the worker with its start (9); each
    // report goes to the less loaded, ties here: OSCAL (10) here 18, HTML (7) there 16, SARIF (6) there 22,
    // JUnit (6) here 24, JSON (5) there 27, Markdown (4) here 28, DOT (2) there 29.
    expect(outcomes.map((o) => [o.format, o.worker ?? false, o.failure])).toEqual([
      ['sarif', true, undefined], ['json', true, undefined], ['markdown', false, undefined], ['html', true, undefined],
      ['junit', false, undefined], ['oscal', false, undefined], ['dot', true, undefined],
    ]);
    const meta = fullMeta();
    for (const j of jobs) expect({ f: j.format, same: fs.readFileSync(j.file, 'utf8') === renderReport(j.format, result, meta) }).toEqual({ f: j.format, same: true });
  });

  // With --format json, HTML is the worker's (see above) and OSCAL this thread's.
  test.each(['html', 'oscal'] as const)('a --%s file that cannot be written fails the run with the same message as on one thread', (format) => {
    fs.writeFileSync(path.join(tmp, 'file'), '');
    const target = (out: string) => [`--${format}`, `file/${out}.${format}`];
    const one = cli('one', ['--report-threads', 'off', ...target('one')]);
    const two = cli('two', ['--report-threads', 'on', ...target('two')]);
    expect(one.code).toBe(2);
    expect(two.code).toBe(2);
    expect(two.stderr).toBe(one.stderr.replace(/ one\//g, ' two/').replace('file/one.', 'file/two.'));
    expect(two.stderr).toContain(`hipaa-check: cannot write file/two.${format} (a part of the path is a file)\n`);
  });
});
