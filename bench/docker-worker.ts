// One timed run in a fresh process: `check` runs hipaa-check on a directory with the JSON report (read,
// check, render), as a pipeline does; `bare` only parses the same files (js-yaml for Compose, the reader
// hipaa-check uses for Dockerfiles, as there is no faster bare parse of a Dockerfile to compare with).
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { BENCH_REGISTRY } from './docker-inputs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require('../dist/cli/hipaa-check') as typeof import('../lib/cli/hipaa-check');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('../dist') as typeof import('../lib');

const [mode, dir] = process.argv.slice(2);

function walk(d: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let objects = 0;
let findings = 0;
if (mode === 'check') {
  let out = '';
  cli.hipaaCheck([dir, '--format', 'json', '--allowed-registry', BENCH_REGISTRY], { stdout: (s) => (out = s), stderr: () => {} });
  const summary = /"summary": \{\s*"objects": (\d+),\s*"rules": \d+,\s*"findings": (\d+)/.exec(out);
  objects = Number(summary?.[1]);
  findings = Number(summary?.[2]);
} else {
  for (const f of walk(dir)) {
    const text = fs.readFileSync(f, 'utf8');
    const base = path.basename(f);
    if (base === 'Dockerfile') objects += core.readDockerfile(text, f, []).length;
    else if (base === 'compose.yaml') objects += Object.keys((yaml.load(text, { maxTotalMergeKeys: text.length } as yaml.LoadOptions) as { services: object }).services).length;
  }
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(JSON.stringify({ ms, cpuMs, objects, findings, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
