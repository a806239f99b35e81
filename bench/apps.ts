import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { container } from '../test/helpers/cdk8s';

/** What a benchmark app is built with: the compiled package, as users load it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hc = require('../dist/cdk8s') as typeof import('../lib/cdk8s');

/** The same valid container props the tests use, with a per-service variable. */
function containerProps(i: number) {
  return container({ envVariables: { INDEX: kplus.EnvValue.fromValue(String(i)) } });
}

/** N hardened services: SecureDeployment + Service, in a HipaaNamespace, checked at synth. */
export function hardened(n: number): any[] {
  const chart = new Chart(Testing.app(), 'bench', { namespace: 'clinic' });
  new hc.HipaaNamespace(chart, 'clinic', { owner: 'bench' });
  for (let i = 0; i < n; i++) {
    const d = new hc.SecureDeployment(chart, `svc-${i}`, { containers: [containerProps(i)] });
    d.exposeViaService({ ports: [{ port: 8080 }] });
  }
  return Testing.synth(chart);
}

/** The same services in plain cdk8s-plus-28: Deployment + Service + isolate. */
export function plain(n: number): any[] {
  const chart = new Chart(Testing.app(), 'bench', { namespace: 'clinic' });
  for (let i = 0; i < n; i++) {
    const d = new kplus.Deployment(chart, `svc-${i}`, { containers: [containerProps(i)], isolate: true });
    d.exposeViaService({ ports: [{ port: 8080 }] });
  }
  return Testing.synth(chart);
}
