// One synth measurement in a fresh process, so peak memory belongs to this run alone.
import { hardened, plain } from './apps';
import { dataHardened, dataPlain } from './data-apps';
import { edgeHardened, edgePlain } from './edge-apps';

/** Each variant builds and synthesizes an app of N services and returns the objects emitted. */
const VARIANTS: Record<string, (n: number) => number> = {
  'hardened': (n) => hardened(n).length,
  'plain': (n) => plain(n).length,
  'data-hardened': dataHardened,
  'data-plain': dataPlain,
  'edge-hardened': edgeHardened,
  'edge-plain': edgePlain,
};

const [variant, nArg] = process.argv.slice(2);
const n = Number(nArg);
const build = VARIANTS[variant];
if (!build) throw new Error(`unknown variant '${variant}' (expected one of ${Object.keys(VARIANTS).join(', ')})`);
build(5); // warm up module-level caches and JIT on a small app
const start = process.hrtime.bigint();
const objects = build(n);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ variant, n, objects, ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
