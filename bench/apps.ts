import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

/** What a benchmark app is built with: the compiled package, as users load it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hc = require('../dist/cdk8s') as typeof import('../lib/cdk8s');

const IMAGE = `123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api@sha256:${'c'.repeat(64)}`;

function containerProps(i: number) {
  return {
    name: 'api',
    image: IMAGE,
    portNumber: 8080,
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
      ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(1) },
    },
    liveness: kplus.Probe.fromHttpGet('/livez'),
    readiness: kplus.Probe.fromHttpGet('/readyz'),
    envVariables: { INDEX: kplus.EnvValue.fromValue(String(i)) },
  };
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
