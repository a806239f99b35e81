/**
 * `npm run bench`: hardened synth against plain cdk8s-plus-28 per emitted object, rule-pack
 * throughput, and load time of `hipaa-constructs/cdk8s` against cdk8s-plus-28. Uses the
 * compiled package in dist/ (the bench task compiles first). Targets from issue 2: synth
 * <= 1.3x plain per object, rules >= 100k objects/s, load <= 1.15x.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { hardened } from './apps';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('../dist') as typeof import('../lib');

const TS_NODE = ['-r', 'ts-node/register/transpile-only'];
const here = __dirname;

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: path.join(here, '..'), encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(here, '..', 'test', 'tsconfig.json') } });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function synth(variant: string, n: number, runs: number) {
  const results = Array.from({ length: runs }, () => JSON.parse(node([...TS_NODE, path.join(here, 'synth-worker.ts'), variant, String(n)])));
  const ms = median(results.map((r) => r.ms));
  return { objects: results[0].objects, ms, msPerObject: ms / results[0].objects, peakRssMb: Math.max(...results.map((r) => r.peakRssMb)) };
}

const lines: string[] = [];
const log = (s: string) => { lines.push(s); console.log(s); };
const targets: boolean[] = [];

log('== synth: SecureDeployment+Service in a HipaaNamespace (checked) vs kplus Deployment+Service+isolate ==');
for (const n of [100, 1000]) {
  const runs = n >= 1000 ? 3 : 5;
  const h = synth('hardened', n, runs);
  const p = synth('plain', n, runs);
  const ratio = h.msPerObject / p.msPerObject;
  targets.push(ratio <= 1.3);
  log(`N=${n}: hardened ${h.objects} objects in ${h.ms.toFixed(0)} ms = ${(h.msPerObject).toFixed(3)} ms/object, peak RSS ${h.peakRssMb.toFixed(0)} MB`);
  log(`N=${n}: plain    ${p.objects} objects in ${p.ms.toFixed(0)} ms = ${(p.msPerObject).toFixed(3)} ms/object, peak RSS ${p.peakRssMb.toFixed(0)} MB`);
  log(`N=${n}: ratio per emitted object ${ratio.toFixed(2)}x (target <= 1.3x) ${ratio <= 1.3 ? 'OK' : 'MISSED'}`);
}

log('== rule pack throughput (full Kubernetes pack over the N=1000 hardened app) ==');
const manifests = hardened(1000);
const resources = manifests.map((m: any) => core.fromManifest(m));
core.check(resources, core.kubernetesPack); // warm up
const rounds = 20;
const start = process.hrtime.bigint();
let findings = 0;
for (let i = 0; i < rounds; i++) findings += core.check(resources, core.kubernetesPack).findings.length;
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const perSecond = (resources.length * rounds) / seconds;
targets.push(perSecond >= 100_000);
log(`${core.kubernetesPack.rules.length} rules, ${resources.length} objects x ${rounds} rounds: ${Math.round(perSecond).toLocaleString('en-US')} objects/s (target >= 100,000) ${perSecond >= 100_000 ? 'OK' : 'MISSED'}; findings ${findings}`);

log('== load time (fresh process, median of 9) ==');
const loadMs = (target: string) => median(Array.from({ length: 9 }, () => Number(node([...TS_NODE, path.join(here, 'load-worker.ts'), target]))));
const ours = loadMs(path.join(here, '..', 'dist', 'cdk8s'));
const kplusMs = loadMs('cdk8s-plus-28');
const loadRatio = ours / kplusMs;
targets.push(loadRatio <= 1.15);
log(`hipaa-constructs/cdk8s ${ours.toFixed(0)} ms, cdk8s-plus-28 ${kplusMs.toFixed(0)} ms: ${loadRatio.toFixed(2)}x (target <= 1.15x) ${loadRatio <= 1.15 ? 'OK' : 'MISSED'}`);
// The rule modules load at the first waiver or synth, not at import; report that cost too.
const withRules = loadMs(`${path.join(here, '..', 'dist', 'cdk8s')},${path.join(here, '..', 'dist', 'rules', 'k8s')}`);
log(`  with the rule pack that the first synth loads: ${withRules.toFixed(0)} ms (${(withRules / kplusMs).toFixed(2)}x cdk8s-plus-28)`);
log(targets.every(Boolean) ? 'all targets met' : 'some targets MISSED');
