// One synth measurement in a fresh process, so peak memory belongs to this run alone.
import { hardened, plain } from './apps';

const [variant, nArg] = process.argv.slice(2);
const n = Number(nArg);
const build = variant === 'hardened' ? hardened : plain;
build(5); // warm up module-level caches and JIT on a small app
const start = process.hrtime.bigint();
const objects = build(n).length;
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ variant, n, objects, ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
