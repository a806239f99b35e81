// One multi-chart synth measurement (`app.synth()` to a temporary directory) in a fresh process.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { container } from '../test/helpers/cdk8s';

/** What a benchmark app is built with: the compiled package, as users load it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hc = require('../dist/cdk8s') as typeof import('../lib/cdk8s');

function containerProps(i: number) {
  return container({ envVariables: { INDEX: kplus.EnvValue.fromValue(String(i)) } });
}

/**
 * `charts` charts of `services` services each, all in namespace `clinic`, synthesized with
 * `app.synth()`; the first chart also holds the namespace (a HipaaNamespace when hardened), so
 * every other chart's check needs the whole app as context. Returns the objects written.
 */
function build(variant: string, charts: number, services: number): number {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-bench-'));
  try {
    const app = new App({ outdir });
    for (let c = 0; c < charts; c++) {
      const chart = new Chart(app, `team-${c}`, { namespace: 'clinic' });
      if (c === 0 && variant === 'hardened') new hc.HipaaNamespace(chart, 'clinic', { owner: 'bench' });
      if (c === 0 && variant === 'plain') new kplus.Namespace(chart, 'clinic', { metadata: { name: 'clinic' } });
      for (let i = 0; i < services; i++) {
        const id = `svc-${i}`;
        const d = variant === 'hardened'
          ? new hc.SecureDeployment(chart, id, { containers: [containerProps(i)] })
          : new kplus.Deployment(chart, id, { containers: [containerProps(i)], isolate: true });
        d.exposeViaService({ ports: [{ port: 8080 }] });
      }
    }
    app.synth();
    let objects = 0;
    for (const f of fs.readdirSync(outdir)) {
      if (f.endsWith('.k8s.yaml')) objects += fs.readFileSync(path.join(outdir, f), 'utf8').split(/^---$/m).filter((d) => d.trim()).length;
    }
    return objects;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const [variant, chartsArg, servicesArg] = process.argv.slice(2);
build(variant, 2, 2); // warm up module-level caches and JIT on a small app
const start = process.hrtime.bigint();
const objects = build(variant, Number(chartsArg), Number(servicesArg));
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ variant, objects, ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
