import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HipaaNamespace, HipaaValidation, SecureDeployment, SecureIngress, SecureIngressProps } from '../../lib/cdk8s';
import { kubernetesPack } from '../../lib/rules/k8s';
import { container, newChart, ofKind } from '../helpers/cdk8s';
import { validateCustomResources } from '../helpers/crd-schema';
import { validateManifests } from '../helpers/schema';

const HOST = 'records.clinic.example.com';

/** A PHI namespace, a PHI API serving TLS on 8443 behind a Service on 443, and a SecureIngress in front of it. */
function build(props: Partial<SecureIngressProps> = {}) {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  const api = new SecureDeployment(chart, 'api', { containers: [container({ portNumber: 8443, liveness: kplus.Probe.fromHttpGet('/livez', { scheme: kplus.ConnectionScheme.HTTPS }), readiness: kplus.Probe.fromHttpGet('/readyz', { scheme: kplus.ConnectionScheme.HTTPS }) })] });
  const service = api.exposeViaService({ name: 'api', ports: [{ port: 443, targetPort: 8443 }] });
  const ingress = new SecureIngress(chart, 'public', {
    rules: [{ host: HOST, backend: { service, workload: api } }],
    certificate: { issuer: 'letsencrypt' },
    backendTls: { caSecret: 'internal-ca' },
    owner: 'records-team',
    ...props,
  });
  return { chart, api, service, ingress, manifests: Testing.synth(chart) };
}

function expectValidAndClean(chart: Chart, manifests: any[]) {
  const result = HipaaValidation.of(chart)!.check();
  expect(result.findings).toEqual([]);
  expect(result.rules.length).toBeGreaterThanOrEqual(kubernetesPack.rules.length);
  expect(validateManifests(manifests, { ignoreUnknownKinds: true })).toEqual([]);
  expect(validateCustomResources(manifests)).toEqual([]);
}

describe('SecureIngress with ingress-nginx and a cert-manager Certificate', () => {
  const { chart, manifests } = build();
  test('smoke', () => {
    console.log(JSON.stringify(manifests.filter((m) => ['Ingress', 'Certificate', 'NetworkPolicy'].includes(m.kind)), null, 1));
    expectValidAndClean(chart, manifests);
  });
});
