/**
 * Multi-chart synth: the same 500 services as 1 chart x 500, 20 x 25 and 100 x 5, hardened
 * (SecureDeployment + Service, a HipaaNamespace, checked at `app.synth()`) against plain
 * cdk8s-plus-28 (Deployment + Service + isolate, a Namespace), per emitted object, each run in
 * a fresh process, medians. Target from issue 8: <= 1.3x plain at every chart count.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const SHAPES: ReadonlyArray<[charts: number, services: number]> = [[1, 500], [20, 25], [100, 5]];

interface Run { objects: number; ms: number; peakRssMb: number }

function runOnce(variant: string, charts: number, services: number): Run {
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'multi-chart-worker.ts'), variant, String(charts), String(services)], {
    cwd: path.join(__dirname, '..'),
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'test', 'tsconfig.json') },
  });
  return JSON.parse(out);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Logs one line per shape and variant plus the ratio; returns whether each shape met the target. */
export function benchMultiChart(log: (line: string) => void, runs = Number(process.env.BENCH_MULTI_CHART_RUNS ?? 5)): boolean[] {
  log(`== multi-chart app.synth(): hardened (checked) vs plain cdk8s-plus-28, 500 services, median of ${runs} fresh processes ==`);
  const met: boolean[] = [];
  for (const [charts, services] of SHAPES) {
    const runsOf: Record<string, Run[]> = { hardened: [], plain: [] };
    // Alternating, since this machine's speed drifts.
    for (let i = 0; i < runs; i++) {
      for (const variant of ['hardened', 'plain']) runsOf[variant].push(runOnce(variant, charts, services));
    }
    const perObject: Record<string, number> = {};
    for (const variant of ['hardened', 'plain']) {
      const rs = runsOf[variant];
      const ms = median(rs.map((r) => r.ms));
      perObject[variant] = ms / rs[0].objects;
      log(`${charts} x ${services}: ${variant.padEnd(8)} ${rs[0].objects} objects in ${ms.toFixed(0)} ms = ${perObject[variant].toFixed(3)} ms/object, peak RSS ${Math.max(...rs.map((r) => r.peakRssMb)).toFixed(0)} MB`);
    }
    const ratio = perObject.hardened / perObject.plain;
    met.push(ratio <= 1.3);
    log(`${charts} x ${services}: ratio per emitted object ${ratio.toFixed(2)}x (target <= 1.3x) ${ratio <= 1.3 ? 'OK' : 'MISSED'}`);
  }
  return met;
}

if (require.main === module) benchMultiChart(console.log);
