// One timed run in a fresh process: `bare` parses the file with js-yaml (default schema);
// `check` runs hipaa-check on it with the JSON report (read, check, render), as a pipeline does;
// `reports` does the same and also writes every report file a pipeline keeps (SARIF, Markdown, HTML,
// JUnit, OSCAL, DOT) into the directory given as the third argument; `register` does that with the
// BAA register given as the fourth argument as well (the BAA rules run and build the data-flow graph);
// `one-thread` is `reports` with every report rendered on this thread (--report-threads off).
import * as fs from 'fs';
import * as yaml from 'js-yaml';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require('../dist/cli/hipaa-check') as typeof import('../lib/cli/hipaa-check');

const [mode, file] = process.argv.slice(2);
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let objects = 0;
let findings = 0;
if (mode === 'bare') {
  objects = yaml.loadAll(fs.readFileSync(file, 'utf8')).length;
} else {
  let out = '';
  const dir = process.argv[4];
  const reports = mode === 'reports' || mode === 'register' || mode === 'one-thread'
    ? ['--sarif', `${dir}/r.sarif`, '--markdown', `${dir}/r.md`, '--html', `${dir}/r.html`, '--junit', `${dir}/r.xml`, '--oscal', `${dir}/r.oscal.json`, '--dot', `${dir}/r.dot`]
    : [];
  if (mode === 'register') reports.push('--baa-register', process.argv[5]);
  if (mode === 'one-thread') reports.push('--report-threads', 'off');
  cli.hipaaCheck([file, '--format', 'json', ...reports], { stdout: (s) => (out = s), stderr: () => {} });
  const summary = /"summary": \{\s*"objects": (\d+),\s*"rules": \d+,\s*"findings": (\d+)/.exec(out);
  objects = Number(summary?.[1]);
  findings = Number(summary?.[2]);
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(JSON.stringify({ ms, cpuMs, objects, findings, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
