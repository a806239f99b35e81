/**
 * hipaa-check end to end on a large YAML file: 10,000 realistic Deployments (see
 * realistic-deployments.ts), read, checked with the full Kubernetes pack and reported as JSON,
 * against a bare js-yaml parse of the same file; and the same run writing every report file
 * (SARIF, Markdown, HTML, JUnit, OSCAL, DOT), without and with a BAA register (the BAA rules run), and
 * on one thread (--report-threads off) against the default (part of the files on a second thread). Each run
 * in a fresh process, alternating, medians.
 * Targets (issue 8): >= 10,000 objects/s and <= 2.5x the bare parse; (issue 13) every report
 * within the same 2.5x budget.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { realisticDeploymentsYaml } from './realistic-deployments';

interface YamlRun { ms: number; cpuMs: number; objects: number; findings: number; peakRssMb: number }

/** The BAA register of the `register` runs: AWS (signed BAA) covers the ECR registry, the AWS hosts and account. */
const BENCH_REGISTER = `apiVersion: hipaa-constructs.io/v1
kind: BaaRegister
vendors:
  - id: aws
    name: Amazon Web Services
    provider: aws
    baa: {status: signed, signed: 2025-03-01, reviewBy: 2027-03-01}
    services: [s3, kms, ecr, eks, logs, secretsmanager, backup]
    match: {hosts: ["*.amazonaws.com"], registries: ["*.dkr.ecr.*.amazonaws.com"], accounts: ["123456789012"]}
internal: {cidrs: [10.0.0.0/8]}
`;

export function yamlBench(log: (s: string) => void, targets: boolean[], runs = 5, n = 10_000): void {
  log(`== hipaa-check end to end on YAML (fresh processes, alternating, median of ${runs} each) ==`);
  const here = __dirname;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-bench-')), 'deployments.yaml');
  const text = realisticDeploymentsYaml(n);
  fs.writeFileSync(file, text);
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-bench-reports-'));
  // A register covering the Deployments' ECR registry and the AWS services they name.
  const register = path.join(path.dirname(file), 'hipaa-baa.yaml');
  fs.writeFileSync(register, BENCH_REGISTER);
  const once = (mode: string): YamlRun => JSON.parse(execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(here, 'yaml-worker.ts'), mode, file, reportDir, register],
    { cwd: path.join(here, '..'), encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(here, '..', 'test', 'tsconfig.json') } },
  ));
  const samples: Record<string, YamlRun[]> = { 'bare': [], 'check': [], 'reports': [], 'register': [], 'one-thread': [] };
  for (let i = 0; i < runs; i++) for (const mode of Object.keys(samples)) samples[mode].push(once(mode));
  // Each report's own cost, in one process (the end-to-end runs above cannot tell them apart).
  const parts = JSON.parse(execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(here, 'evidence-reports.ts'), file],
    { cwd: path.join(here, '..'), encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(here, '..', 'test', 'tsconfig.json') } },
  )) as { timings: { format: string; wallMs: number; cpuMs: number; mb: number }[] };
  const sizes = fs.readdirSync(reportDir).sort().map((f) => `${f.replace(/^r\./, '')} ${(fs.statSync(path.join(reportDir, f)).size / 1e6).toFixed(1)} MB`);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  fs.rmSync(reportDir, { recursive: true, force: true });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const bare = median(samples.bare.map((r) => r.ms));
  const full = median(samples.check.map((r) => r.ms));
  const objects = samples.check[0].objects;
  const perSecond = objects / (full / 1000);
  const ratio = full / bare;
  targets.push(perSecond >= 10_000, ratio <= 2.5);
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  const mb = (text.length / 1e6).toFixed(0);
  log(`${fmt(n)} Deployments, ${mb} MB, ${Math.round(text.split('\n').length / n)} lines each; ${samples.check[0].findings} findings`);
  log(`bare js-yaml parse: ${fmt(bare)} ms = ${fmt(n / (bare / 1000))} objects/s`);
  log(`hipaa-check --format json: ${fmt(full)} ms = ${fmt(perSecond)} objects/s (target >= 10,000) ${perSecond >= 10_000 ? 'OK' : 'MISSED'}, ` +
    `peak RSS ${fmt(Math.max(...samples.check.map((r) => r.peakRssMb)))} MB`);
  log(`ratio to bare js-yaml ${ratio.toFixed(2)}x (target <= 2.5x) ${ratio <= 2.5 ? 'OK' : 'MISSED'}`);
  const withReports = median(samples.reports.map((r) => r.ms));
  const reportsRatio = withReports / bare;
  targets.push(reportsRatio <= 2.5);
  log(`... writing every report as well (SARIF, Markdown, HTML, JUnit, OSCAL, DOT: ${sizes.join(', ')}): ${fmt(withReports)} ms ` +
    `(+${fmt(withReports - full)} ms), peak RSS ${fmt(Math.max(...samples.reports.map((r) => r.peakRssMb)))} MB; ` +
    `ratio to bare js-yaml ${reportsRatio.toFixed(2)}x (target <= 2.5x) ${reportsRatio <= 2.5 ? 'OK' : 'MISSED'}`);
  const withRegister = median(samples.register.map((r) => r.ms));
  const registerRatio = withRegister / bare;
  targets.push(registerRatio <= 2.5);
  log(`... every report and --baa-register (the BAA rules run; ${samples.register[0].findings} findings): ${fmt(withRegister)} ms, ` +
    `peak RSS ${fmt(Math.max(...samples.register.map((r) => r.peakRssMb)))} MB; ratio to bare js-yaml ${registerRatio.toFixed(2)}x (target <= 2.5x) ${registerRatio <= 2.5 ? 'OK' : 'MISSED'}`);
  const oneThread = median(samples['one-thread'].map((r) => r.ms));
  log(`... every report on one thread (--report-threads off): ${fmt(oneThread)} ms, peak RSS ${fmt(Math.max(...samples['one-thread'].map((r) => r.peakRssMb)))} MB; ` +
    `ratio to bare js-yaml ${(oneThread / bare).toFixed(2)}x (the default renders part of the files on a second thread)`);
  log(`each report rendered alone (median of 3 in one process, ms wall/CPU): ${parts.timings
    .map((t) => `${t.format} ${fmt(t.wallMs)}/${fmt(t.cpuMs)} (${t.mb.toFixed(1)} MB)`).join(', ')}`);
  // Wall time swings with other load on the machine; CPU time (all threads, GC included) less so.
  const cpu = (mode: string) => median(samples[mode].map((r) => r.cpuMs));
  const bareCpu = cpu('bare');
  const fullCpu = cpu('check');
  log(`CPU time: bare ${fmt(bareCpu)} ms, hipaa-check ${fmt(fullCpu)} ms = ${fmt(objects / (fullCpu / 1000))} objects per CPU-second, ratio ${(fullCpu / bareCpu).toFixed(2)}x; ` +
    `every report ${fmt(cpu('reports'))} ms, ${(cpu('reports') / bareCpu).toFixed(2)}x; with the register ${fmt(cpu('register'))} ms, ${(cpu('register') / bareCpu).toFixed(2)}x; ` +
    `on one thread ${fmt(cpu('one-thread'))} ms, ${(cpu('one-thread') / bareCpu).toFixed(2)}x ` +
    `(load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)`);
}
