// Rule-pack throughput over the data app (see data-apps.ts) of each N given, in a fresh process:
// the full Kubernetes pack over its manifests, batches of rounds, the median batch.
import { dataHardenedYaml } from './data-apps';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('../dist') as typeof import('../lib');

export interface DataRulesRun { n: number; objects: number; perSecond: number; min: number; max: number; findings: number }

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const runs: DataRulesRun[] = [];
for (const n of process.argv.slice(2).map(Number)) {
  const resources = core.parseManifests(dataHardenedYaml(n), `data-${n}.yaml`);
  const findings = core.check(resources, core.kubernetesPack).findings.length; // warm up
  // About the same number of objects checked per batch at every N.
  const rounds = Math.max(1, Math.round(25_000 / resources.length));
  const rates: number[] = [];
  for (let batch = 0; batch < 7; batch++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) core.check(resources, core.kubernetesPack);
    rates.push((resources.length * rounds) / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  runs.push({ n, objects: resources.length, perSecond: median(rates), min: Math.min(...rates), max: Math.max(...rates), findings });
}
process.stdout.write(JSON.stringify(runs));
