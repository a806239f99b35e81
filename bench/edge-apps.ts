/**
 * The "edge" shape (issue 10): PHI services behind TLS ingresses in meshed namespaces. N
 * services as N/2 pairs (a front end serving TLS on 8443, calling its API on 8080), spread over
 * several namespaces (one chart each). Built hardened (HipaaNamespace with Istio mTLS STRICT,
 * SecureDeployments whose declared flows become NetworkPolicies and mesh authorization, one
 * SecureIngress with a cert-manager Certificate per front end, one ImagePolicy over every
 * namespace, one NetworkPolicyProbe per namespace; checked at synth) and plain (kplus
 * Deployments, Services and Ingresses with the same annotations, ApiObjects for the mesh,
 * certificate and admission objects, a kplus CronJob and ConfigMap for the probe), synthesized
 * with `app.synthYaml()` as one app.
 */
import { ApiObject, App, Chart, Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { namespacesFor, waiverExpiry } from './data-apps';
import { container } from '../test/helpers/cdk8s';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hc = require('../dist/cdk8s') as typeof import('../lib/cdk8s');

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const BUSYBOX_IMAGE = `${REGISTRY}/mirror/busybox:1.37.0@sha256:${'5c2e'.repeat(16)}`;
const COSIGN_ISSUER = 'https://token.actions.githubusercontent.com';
const COSIGN_SUBJECT = 'https://github.com/clinic/services/.github/workflows/release.yaml@refs/heads/main';

/** Pairs per namespace: N/2 pairs over namespacesFor(N) namespaces. */
function spread(app: App, n: number, build: (chart: Chart, ns: string, first: number, pairs: number, index: number) => void): void {
  const k = namespacesFor(n);
  const pairs = Math.max(1, Math.floor(n / 2));
  let first = 0;
  for (let c = 0; c < k; c++) {
    const count = Math.floor(pairs / k) + (c < pairs % k ? 1 : 0);
    const ns = `edge-${c}`;
    build(new Chart(app, ns, { namespace: ns }), ns, first, count, c);
    first += count;
  }
}

function countObjects(yaml: string): number {
  return yaml.split(/^---$/m).filter((d) => d.trim()).length;
}

const front = (i: number) => container({
  name: 'web',
  image: `${REGISTRY}/edge/web-${i}@sha256:${'4f53'.repeat(16)}`,
  portNumber: 8443,
  liveness: kplus.Probe.fromHttpGet('/livez', { port: 8443, scheme: kplus.ConnectionScheme.HTTPS }),
  readiness: kplus.Probe.fromHttpGet('/readyz', { port: 8443, scheme: kplus.ConnectionScheme.HTTPS }),
});
const api = (i: number) => container({ name: 'api', image: `${REGISTRY}/edge/api-${i}@sha256:${'9b2a'.repeat(16)}` });

/** The hardened app's manifests, as `app.synthYaml()` writes them (the synth-time check runs in it). */
export function edgeHardenedYaml(n: number): string {
  const app = Testing.app();
  const namespaces: InstanceType<typeof hc.HipaaNamespace>[] = [];
  const charts: Chart[] = [];
  spread(app, n, (chart, ns, first, pairs) => {
    charts.push(chart);
    const namespace = new hc.HipaaNamespace(chart, ns, { owner: 'edge-team', mesh: { provider: 'istio' } });
    namespaces.push(namespace);
    const targets: { target: string; to: InstanceType<typeof hc.SecureDeployment> }[] = [];
    for (let i = first; i < first + pairs; i++) {
      const backend = new hc.SecureDeployment(chart, `api-${i}`, { metadata: { name: `api-${i}` }, owner: 'edge-team', containers: [api(i)] });
      backend.exposeViaService({ name: `api-${i}`, ports: [{ port: 8080, targetPort: 8080 }] });
      const web = new hc.SecureDeployment(chart, `web-${i}`, {
        metadata: { name: `web-${i}` },
        owner: 'edge-team',
        containers: [front(i)],
        secrets: [{ secret: kplus.Secret.fromSecretName(chart, `web-${i}-tls`, `web-${i}-tls`), mountPath: '/etc/web/tls' }],
        egress: [{ to: backend, ports: [kplus.NetworkPolicyPort.tcp(8080)] }],
      });
      const service = web.exposeViaService({ name: `web-${i}`, ports: [{ port: 443, targetPort: 8443 }] });
      new hc.SecureIngress(chart, `web-${i}-ingress`, {
        metadata: { name: `web-${i}` },
        owner: 'edge-team',
        rules: [{ host: `web-${i}.clinic.example.com`, backend: { service, workload: web } }],
        certificate: { issuer: 'letsencrypt-production' },
        backendTls: { caSecret: 'internal-ca' },
      });
      if (i === first) targets.push({ target: `api-${i}.${ns}.svc.cluster.local:8080`, to: backend });
    }
    new hc.NetworkPolicyProbe(chart, 'isolation-probe', {
      namespaces: [namespace],
      image: BUSYBOX_IMAGE,
      mustDeny: ['kubernetes.default.svc.cluster.local:443', '1.1.1.1:443'],
      mustAllow: targets,
      meshWaiverExpires: waiverExpiry(),
    });
  });
  new hc.ImagePolicy(charts[0], 'image-policy', {
    allowedRegistries: [REGISTRY],
    namespaces,
    signatures: { keylessIssuer: COSIGN_ISSUER, keylessSubject: COSIGN_SUBJECT },
  });
  return app.synthYaml();
}

/** The hardened app; returns the number of objects emitted. */
export function edgeHardened(n: number): number {
  return countObjects(edgeHardenedYaml(n));
}

/** The same app in plain cdk8s-plus-28 and ApiObjects; returns the number of objects emitted. */
export function edgePlain(n: number): number {
  const app = Testing.app();
  const names: string[] = [];
  let first: Chart | undefined;
  spread(app, n, (chart, ns, start, pairs) => {
    first ??= chart;
    names.push(ns);
    new kplus.Namespace(chart, ns, { metadata: { name: ns, labels: { 'istio-injection': 'enabled' } } });
    new ApiObject(chart, 'peer-authentication', { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default' }, spec: { mtls: { mode: 'STRICT' } } });
    new ApiObject(chart, 'allow-nothing', { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'allow-nothing' }, spec: {} });
    for (let i = start; i < start + pairs; i++) {
      const backend = new kplus.Deployment(chart, `api-${i}`, { metadata: { name: `api-${i}` }, containers: [api(i)], isolate: true });
      backend.exposeViaService({ name: `api-${i}`, ports: [{ port: 8080, targetPort: 8080 }] });
      const web = new kplus.Deployment(chart, `web-${i}`, { metadata: { name: `web-${i}` }, containers: [front(i)], isolate: true });
      web.connections.allowTo(backend, { ports: [kplus.NetworkPolicyPort.tcp(8080)] });
      const service = web.exposeViaService({ name: `web-${i}`, ports: [{ port: 443, targetPort: 8443 }] });
      new ApiObject(chart, `api-${i}-authz`, {
        apiVersion: 'security.istio.io/v1',
        kind: 'AuthorizationPolicy',
        metadata: { name: `allow-api-${i}` },
        spec: { selector: { matchLabels: { app: `api-${i}` } }, action: 'ALLOW', rules: [{ from: [{ source: { principals: [`cluster.local/ns/${ns}/sa/web-${i}`] } }], to: [{ operation: { ports: ['8080'] } }] }] },
      });
      new ApiObject(chart, `web-${i}-certificate`, {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: `web-${i}-tls` },
        spec: { secretName: `web-${i}-tls`, dnsNames: [`web-${i}.clinic.example.com`], issuerRef: { name: 'letsencrypt-production', kind: 'ClusterIssuer' } },
      });
      const ingress = new kplus.Ingress(chart, `web-${i}-ingress`, {
        metadata: { name: `web-${i}`, annotations: { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true', 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' } },
        className: 'nginx',
        tls: [{ hosts: [`web-${i}.clinic.example.com`], secret: kplus.Secret.fromSecretName(chart, `web-${i}-cert`, `web-${i}-tls`) }],
      });
      ingress.addHostDefaultBackend(`web-${i}.clinic.example.com`, kplus.IngressBackend.fromService(service));
    }
    const script = new kplus.ConfigMap(chart, 'probe-script', { data: { 'probe.sh': 'nc -z -w 5 1.1.1.1 443 && exit 1; exit 0' } });
    const probe = new kplus.CronJob(chart, 'isolation-probe', {
      schedule: Cron.schedule({ minute: '*/30' }),
      containers: [{ name: 'probe', image: BUSYBOX_IMAGE, command: ['/bin/sh', '/probe/probe.sh'] }],
    });
    probe.containers[0].mount('/probe', kplus.Volume.fromConfigMap(chart, 'probe-volume', script));
  });
  new ApiObject(first!, 'image-policy', {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: 'image-policy' },
    spec: { failurePolicy: 'Fail', validations: [{ expression: 'object.spec.containers.all(c, c.image.contains("@sha256:"))' }] },
  });
  new ApiObject(first!, 'image-policy-binding', {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: 'image-policy' },
    spec: { policyName: 'image-policy', validationActions: ['Deny'], matchResources: { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: names }] } } },
  });
  return countObjects(app.synthYaml());
}
