/**
 * Where the time of writing every report goes: the full Kubernetes pack over 10,000 realistic
 * Deployments (~62k findings) with the data-flow graph, then each report rendered three times in one
 * process, as `hipaa-check` renders them (the JSON first, shared by the HTML when it embeds it).
 * Prints one JSON line: per format, the median wall and CPU ms of a render and the size. Run alone:
 *   npx ts-node --transpile-only -P test/tsconfig.json bench/evidence-reports.ts [deployments.yaml] [format ...]
 * (bench/yaml.ts runs it with the benchmark's file and prints the table).
 */
import * as fs from 'fs';
import { realisticDeploymentsYaml } from './realistic-deployments';
import { evidenceCheck } from '../lib/check/evidence-check';
import { parseManifests } from '../lib/check/manifests';
import type { ReportMetadata } from '../lib/report/common';
import { REPORT_FORMATS, renderReport, ReportFormat } from '../lib/report/formats';
import { kubernetesPack } from '../lib/rules/k8s';

export interface ReportTiming { readonly format: ReportFormat; readonly wallMs: number; readonly cpuMs: number; readonly mb: number }

const [file, ...asked] = process.argv.slice(2);
const text = file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : realisticDeploymentsYaml(10_000);
const now = new Date('2026-12-02T00:00:00Z');
const { result, flowGraph } = evidenceCheck(parseManifests(text, 'deployments.yaml'), kubernetesPack, { now, flowGraph: true });
const meta: ReportMetadata = {
  toolName: 'hipaa-check',
  toolVersion: '1.0.0',
  packName: 'kubernetes',
  inputs: ['deployments.yaml'],
  generatedAt: now,
  provenance: { inputs: [{ file: 'deployments.yaml', sha256: 'a'.repeat(64) }] },
  flowGraph,
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timings: ReportTiming[] = [];
const formats = asked.length > 0 ? (asked as ReportFormat[]) : REPORT_FORMATS;
// The JSON report first: a run renders it once and the HTML embeds that text (when it embeds it).
renderReport('json', result, meta);
for (const format of formats) {
  const wall: number[] = [];
  const cpu: number[] = [];
  let size = 0;
  for (let i = 0; i < 3; i++) {
    // A fresh metadata object: the JSON report's memo (per result and metadata) would make repeats free.
    const m = format === 'json' ? { ...meta } : meta;
    const c = process.cpuUsage();
    const start = process.hrtime.bigint();
    size = renderReport(format, result, m).length;
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  timings.push({ format, wallMs: median(wall), cpuMs: median(cpu), mb: size / 1e6 });
}
process.stdout.write(JSON.stringify({ findings: result.findings.length, nodes: flowGraph?.nodes.length ?? 0, flows: flowGraph?.edges.length ?? 0, timings }) + '\n');
