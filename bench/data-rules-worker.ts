// Rule-pack throughput over the data app (data-apps.ts) or, with `edge` first, the edge app
// (edge-apps.ts) at each N given, in one fresh process: the full Kubernetes pack over each app's manifests, in batches of about the same
// number of objects, the apps' batches alternating (this VM's speed drifts); medians.
import { dataHardenedYaml } from './data-apps';
import { edgeHardenedYaml } from './edge-apps';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('../dist') as typeof import('../lib');

export interface DataRulesRun {
  readonly n: number;
  readonly objects: number;
  /** Median batch, objects per wall-clock second. */
  readonly perSecond: number;
  readonly min: number;
  readonly max: number;
  /** Median batch, objects per CPU-second of this process (less sensitive to other load). */
  readonly perCpuSecond: number;
  /** Findings of one check (all waived in the app: the restore tests' API tokens). */
  readonly findings: number;
  readonly unwaived: number;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const BATCHES = 7;
const args = process.argv.slice(2);
const shape = args[0] === 'edge' ? args.shift()! : 'data';
const build = shape === 'edge' ? edgeHardenedYaml : dataHardenedYaml;
const apps = args.map(Number).map((n) => {
  const resources = core.parseManifests(build(n), `${shape}-${n}.yaml`);
  const result = core.check(resources, core.kubernetesPack); // warm up
  const unwaived = result.findings.filter((f) => f.waiver === undefined).length;
  const rounds = Math.max(1, Math.round(25_000 / resources.length));
  return { n, resources, findings: result.findings.length, unwaived, rounds, wall: [] as number[], cpu: [] as number[] };
});
for (let batch = 0; batch < BATCHES; batch++) {
  for (const app of apps) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < app.rounds; i++) core.check(app.resources, core.kubernetesPack);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    const objects = app.resources.length * app.rounds;
    app.wall.push(objects / seconds);
    app.cpu.push(objects / ((cpu.user + cpu.system) / 1e6));
  }
}
const runs: DataRulesRun[] = apps.map((a) => ({
  n: a.n,
  objects: a.resources.length,
  perSecond: median(a.wall),
  min: Math.min(...a.wall),
  max: Math.max(...a.wall),
  perCpuSecond: median(a.cpu),
  findings: a.findings,
  unwaived: a.unwaived,
}));
process.stdout.write(JSON.stringify(runs));
