import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  HipaaNamespace,
  HipaaValidation,
  IIngressController,
  IngressNginx,
  IngressSecurityIntent,
  SecureDeployment,
  SecureIngress,
  SecureIngressProps,
} from '../../lib/cdk8s';
import { check } from '../../lib/check/engine';
import { fromManifest } from '../../lib/check/resource';
import { kubernetesPack } from '../../lib/rules/k8s';
import { transportPack } from '../../lib/rules/k8s/transport';
import { container, expectRefusal, newChart, ofKind } from '../helpers/cdk8s';
import { validateCustomResources } from '../helpers/crd-schema';
import { SOON } from '../helpers/dates';
import { apartFromMtls } from '../helpers/mesh';
import { validateManifests } from '../helpers/schema';

const HOST = 'records.clinic.example.com';
const A = 'nginx.ingress.kubernetes.io/';

/** A TLS-serving API container (port 8443, HTTPS probes). */
const tlsContainer = () => container({
  portNumber: 8443,
  liveness: kplus.Probe.fromHttpGet('/livez', { scheme: kplus.ConnectionScheme.HTTPS }),
  readiness: kplus.Probe.fromHttpGet('/readyz', { scheme: kplus.ConnectionScheme.HTTPS }),
});

/** A PHI namespace, a PHI API serving TLS on 8443 behind a Service on 443, and a SecureIngress in front of it. */
function build(props: Partial<SecureIngressProps> = {}, chart = newChart()) {
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  const api = new SecureDeployment(chart, 'api', { containers: [tlsContainer()] });
  const service = api.exposeViaService({ name: 'api', ports: [{ port: 443, targetPort: 8443 }] });
  const ingress = new SecureIngress(chart, 'public', {
    metadata: { name: 'records' },
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
  expect(apartFromMtls(result.findings)).toEqual([]);
  expect(result.rules.length).toBeGreaterThanOrEqual(kubernetesPack.rules.length);
  expect(result.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['k8s-ingress-tls', 'k8s-ingress-tls-settings', 'k8s-ingress-phi-plaintext-backend', 'k8s-certificate-key-strength']));
  expect(validateManifests(manifests, { ignoreUnknownKinds: true })).toEqual([]);
  expect(validateCustomResources(manifests)).toEqual([]);
}

describe('SecureIngress with ingress-nginx and a cert-manager Certificate', () => {
  const { chart, manifests, ingress: construct } = build();
  const [ingress] = ofKind(manifests, 'Ingress');
  const [certificate] = ofKind(manifests, 'Certificate');
  const annotations = ingress.metadata.annotations;

  test('snapshot', () => {
    expect(manifests.filter((m) => ['Ingress', 'Certificate'].includes(m.kind))).toMatchSnapshot();
  });

  test('every host is covered by the TLS entry and by the Certificate; the class is written explicitly', () => {
    expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([{ hosts: [HOST], secretName: 'records-tls' }]);
    expect(ingress.spec.rules).toEqual([{ host: HOST, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 443 } } } }] } }]);
    expect(construct.hosts).toEqual([HOST]);
    expect(construct.tlsSecretName).toBe('records-tls');
  });

  test('the Certificate: cert-manager.io/v1, the hosts as dnsNames, ECDSA P-256 rotated at every renewal, 90 days renewed 30 days ahead', () => {
    expect(certificate.apiVersion).toBe('cert-manager.io/v1');
    expect(certificate.metadata).toMatchObject({ name: 'records-tls', namespace: 'clinic' });
    expect(certificate.spec).toMatchObject({
      secretName: 'records-tls',
      dnsNames: [HOST],
      issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      duration: '2160h0m0s',
      renewBefore: '720h0m0s',
    });
    // Key encipherment is RSA key transport, which an ECDSA key must not assert (RFC 8813).
    expect(certificate.spec.usages).toEqual(['digital signature', 'server auth']);
  });

  test('ingress-nginx annotations: forced redirect, modern ciphers, verified HTTPS to the pods, rate and body limits, no snippets', () => {
    expect(annotations).toEqual({
      [`${A}force-ssl-redirect`]: 'true',
      [`${A}ssl-ciphers`]: 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305',
      [`${A}backend-protocol`]: 'HTTPS',
      [`${A}proxy-ssl-secret`]: 'clinic/internal-ca',
      [`${A}proxy-ssl-verify`]: 'on',
      [`${A}proxy-ssl-name`]: 'api.clinic.svc',
      [`${A}proxy-ssl-server-name`]: 'on',
      [`${A}proxy-ssl-protocols`]: 'TLSv1.2 TLSv1.3',
      [`${A}limit-rps`]: '20',
      [`${A}limit-connections`]: '50',
      [`${A}proxy-body-size`]: '1m',
    });
  });

  test('TLS versions and HSTS, which ingress-nginx takes only controller-wide, are handed to the controller owners, not written', () => {
    expect(construct.controllerSettings).toEqual({
      'ssl-protocols': 'TLSv1.2 TLSv1.3',
      'ssl-ciphers': annotations[`${A}ssl-ciphers`],
      'ssl-redirect': 'true',
      'hsts': 'true',
      'hsts-max-age': '31536000',
      'hsts-include-subdomains': 'true',
      'hsts-preload': 'false',
      'allow-snippet-annotations': 'false',
    });
    expect(manifests.filter((m) => m.metadata?.namespace === 'ingress-nginx')).toEqual([]);
    expect(ofKind(manifests, 'ConfigMap').filter((c) => c.metadata.labels?.['app.kubernetes.io/name'] === 'ingress-nginx')).toEqual([]);
  });

  test('the backend admits the controller pods of namespace ingress-nginx on the target port, on its own side only', () => {
    const policies = ofKind(manifests, 'NetworkPolicy').filter((p) => JSON.stringify(p.spec.ingress ?? []).includes('ingress-nginx'));
    expect(policies).toHaveLength(1);
    expect(policies[0].metadata.namespace).toBe('clinic');
    expect(policies[0].spec.ingress).toEqual([{
      from: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/name': 'ingress-nginx' } },
      }],
      ports: [{ port: 8443, protocol: 'TCP' }],
    }]);
  });

  test('labels: PHI (it routes to a PHI workload) and owner', () => {
    expect(ingress.metadata.labels).toEqual({ 'hipaa-constructs.io/phi': 'true', 'hipaa-constructs.io/owner': 'records-team', 'app.kubernetes.io/name': 'public' });
  });

  test('the full rule pack finds nothing; the output is valid for Kubernetes 1.28 and the cert-manager CRD', () => {
    expectValidAndClean(chart, manifests);
  });
});

describe('SecureIngress variants', () => {
  test('a given TLS Secret: no Certificate, the Secret covers every host', () => {
    const { chart, manifests } = build({ certificate: undefined, tlsSecretName: 'records-wildcard-tls' });
    expect(ofKind(manifests, 'Certificate')).toEqual([]);
    expect(ofKind(manifests, 'Ingress')[0].spec.tls).toEqual([{ hosts: [HOST], secretName: 'records-wildcard-tls' }]);
    expectValidAndClean(chart, manifests);
  });

  test('RSA 3072, custom duration, limits and class; several paths and hosts, one certificate for all', () => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    const api = new SecureDeployment(chart, 'api', { containers: [tlsContainer()] });
    const service = api.exposeViaService({ name: 'api', ports: [{ port: 443, targetPort: 8443 }] });
    new SecureIngress(chart, 'public', {
      rules: [
        { host: HOST, path: '/v1', backend: { service, workload: api } },
        { host: HOST, path: '/v2', pathType: kplus.HttpIngressPathType.EXACT, backend: { service, workload: api } },
        { host: 'portal.clinic.example.com', backend: { service, workload: api } },
      ],
      certificate: { issuer: 'internal-ca', issuerKind: 'Issuer', keyAlgorithm: 'RSA', keySize: 3072, duration: Duration.days(30), renewBefore: Duration.days(10) },
      backendTls: { caSecret: 'pki/internal-ca' },
      rateLimit: { requestsPerSecond: 5, connections: 10 },
      maxRequestBodySize: Size.kibibytes(512),
      hsts: { maxAge: Duration.days(730), preload: true },
    });
    const manifests = Testing.synth(chart);
    const [ingress] = ofKind(manifests, 'Ingress');
    const [certificate] = ofKind(manifests, 'Certificate');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls[0].hosts).toEqual([HOST, 'portal.clinic.example.com']);
    expect(certificate.spec.dnsNames).toEqual([HOST, 'portal.clinic.example.com']);
    expect(certificate.spec).toMatchObject({ issuerRef: { name: 'internal-ca', kind: 'Issuer' }, privateKey: { algorithm: 'RSA', size: 3072, rotationPolicy: 'Always' }, duration: '720h0m0s', renewBefore: '240h0m0s' });
    expect(certificate.spec.usages).toEqual(['digital signature', 'key encipherment', 'server auth']);
    expect(ingress.metadata.annotations).toMatchObject({ [`${A}limit-rps`]: '5', [`${A}limit-connections`]: '10', [`${A}proxy-body-size`]: '512k', [`${A}proxy-ssl-secret`]: 'pki/internal-ca' });
    // One flow policy for the workload and port, however many routes use it.
    expect(ofKind(manifests, 'NetworkPolicy').filter((p) => JSON.stringify(p.spec.ingress ?? []).includes('ingress-nginx'))).toHaveLength(1);
    expectValidAndClean(chart, manifests);
  });

  test('a kplus Service without its workload counts as PHI and needs backendTls; the flow is left to the workload', () => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    const service = new kplus.Service(chart, 'legacy', { metadata: { name: 'legacy' }, ports: [{ port: 443, targetPort: 8443 }], selector: kplus.Pods.select(chart, 'legacy-pods', { labels: { app: 'legacy' } }) });
    expect(() => new SecureIngress(chart, 'public', { rules: [{ host: HOST, backend: { service } }], certificate: { issuer: 'letsencrypt' } })).toThrow(
      "[test/public] backendTls: re-encryption to PHI backend 'legacy' must verify the backend certificate",
    );
  });

  test('an ingress class the rules cannot resolve is refused at synth by both transport rules (fail closed)', () => {
    expect(() => build({ controller: new IngressNginx({ ingressClassName: 'internal-nginx' }) })).toThrow(
      /2 unwaived findings[^]*\[k8s-ingress-phi-plaintext-backend\][^]*\[k8s-ingress-tls-settings\][^]*names ingress class 'internal-nginx', and no IngressClass of that name was checked/,
    );
  });

  test('a custom controller: its class and annotations are written, its problems refused', () => {
    class Contour implements IIngressController {
      readonly name = 'contour';
      readonly ingressClassName = 'contour';
      peer(scope: Construct, id: string) {
        return kplus.Pods.select(scope, id, { labels: { app: 'envoy' }, namespaces: kplus.Namespaces.select(scope, `${id}Ns`, { names: ['projectcontour'] }) });
      }
      settings(intent: IngressSecurityIntent) {
        return {
          annotations: { 'projectcontour.io/tls-minimum-protocol-version': intent.minTlsVersion },
          controllerWide: {},
          problems: intent.rateLimit.requestsPerSecond > 100 ? [{ field: 'rateLimit.requestsPerSecond', message: 'contour needs a RateLimitPolicy for this.' }] : [],
        };
      }
    }
    // The rules know only ingress-nginx: another controller's Ingress is accepted with waivers saying where it is enforced.
    const waivers = [
      { ruleId: 'k8s-ingress-tls-settings', reason: 'Contour redirects to HTTPS and enforces TLS 1.2 through its annotations and global config', expires: SOON },
      { ruleId: 'k8s-ingress-phi-plaintext-backend', reason: 'Contour re-encrypts with upstream validation configured in its HTTPProxy defaults', expires: SOON },
    ];
    const { manifests } = build({ controller: new Contour(), waivers });
    const [ingress] = ofKind(manifests, 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('contour');
    expect(ingress.metadata.annotations['projectcontour.io/tls-minimum-protocol-version']).toBe('1.2');
    expect(Object.keys(ingress.metadata.annotations).filter((k) => k.startsWith(A))).toEqual([]);
    // The flow comes from the controller's own peer.
    expect(JSON.stringify(ofKind(manifests, 'NetworkPolicy'))).toContain('projectcontour');
    expect(() => build({ controller: new Contour(), waivers, rateLimit: { requestsPerSecond: 500 } })).toThrow('[test/public] rateLimit.requestsPerSecond: contour needs a RateLimitPolicy for this.');
  });

  test('plain HTTP to a PHI workload is accepted with a waiver, which the rule then honours', () => {
    const waivers = [{ ruleId: 'k8s-ingress-phi-plaintext-backend', reason: 'Legacy API cannot serve TLS until the v3 release; the hop runs on an encrypted CNI (WireGuard)', expires: SOON }];
    const { chart, manifests } = build({ backendProtocol: 'HTTP', backendTls: undefined, waivers });
    const [ingress] = ofKind(manifests, 'Ingress');
    expect(ingress.metadata.annotations[`${A}backend-protocol`]).toBe('HTTP');
    expect(ingress.metadata.annotations[`${A}proxy-ssl-verify`]).toBeUndefined();
    const result = HipaaValidation.of(chart)!.check();
    expect(apartFromMtls(result.unwaived)).toEqual([]);
    expect(result.findings.filter((f) => f.waiver).map((f) => f.ruleId)).toEqual(['k8s-ingress-phi-plaintext-backend']);
  });

  test('plain HTTP to a workload classified as not PHI needs no waiver', () => {
    const chart = newChart('public');
    new HipaaNamespace(chart, 'public', { owner: 'platform-team', phi: false });
    const site = new SecureDeployment(chart, 'site', { containers: [container()], phi: false });
    const service = site.exposeViaService({ name: 'site', ports: [{ port: 80, targetPort: 8080 }] });
    new SecureIngress(chart, 'www', { rules: [{ host: 'www.clinic.example.com', backend: { service, workload: site } }], certificate: { issuer: 'letsencrypt' }, backendProtocol: 'HTTP' });
    const [ingress] = ofKind(Testing.synth(chart), 'Ingress');
    expect(ingress.metadata.labels['hipaa-constructs.io/phi']).toBe('false');
    expect(ingress.metadata.annotations[`${A}backend-protocol`]).toBe('HTTP');
  });
});

describe('IngressNginx.controllerConfig', () => {
  test('TLS 1.2 and 1.3, modern ciphers, HSTS a year, redirect on, snippets off; TLS 1.3 only on request', () => {
    expect(IngressNginx.controllerConfig()).toMatchObject({ 'ssl-protocols': 'TLSv1.2 TLSv1.3', 'hsts': 'true', 'hsts-max-age': '31536000', 'allow-snippet-annotations': 'false' });
    expect(IngressNginx.controllerConfig({ minTlsVersion: '1.3' })['ssl-protocols']).toBe('TLSv1.3');
  });

  test('passes k8s-ingress-nginx-config as a controller ConfigMap', () => {
    const chart = newChart('ingress-nginx');
    new kplus.ConfigMap(chart, 'config', {
      metadata: { name: 'ingress-nginx-controller', labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'hipaa-constructs.io/phi': 'false' } },
      data: IngressNginx.controllerConfig(),
    });
    expect(check(Testing.synth(chart).map((m: any) => fromManifest(m)), transportPack).findings).toEqual([]);
  });

  test('refuses TLS below 1.2 and a short HSTS', () => {
    expect(() => IngressNginx.controllerConfig({ minTlsVersion: '1.1' as any, hsts: { maxAge: Duration.days(30) } })).toThrow(
      "IngressNginx.controllerConfig: minTlsVersion: '1.1' is below TLS 1.2, which HIPAA transmission security needs (k8s-ingress-tls-settings). Use '1.2' (the default) or '1.3'.; " +
        'hsts.maxAge: HSTS must last at least 15724800 seconds (182 days) so browsers keep using HTTPS between visits (k8s-ingress-nginx-config). Use Duration.days(365).',
    );
  });
});

describe('SecureIngress in front of a namespace with an Istio mesh', () => {
  const PLAINTEXT = [{ ruleId: 'k8s-ingress-phi-plaintext-backend', reason: 'Legacy API cannot serve TLS until the v3 release; the mesh encrypts the hop', expires: SOON }];

  /** A namespace with `mesh` (before or after the ingress), an API and a SecureIngress to it. */
  function meshed(mesh: 'istio' | 'linkerd' | undefined, order: 'namespace-first' | 'ingress-first', props: Partial<SecureIngressProps> = {}) {
    const chart = newChart();
    const ns = () => new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', ...(mesh ? { mesh: { provider: mesh } } : {}) });
    if (order === 'namespace-first') ns();
    // Linkerd authorizes kubelet probes as plain HTTP only: the probes get their own port there.
    const probes = { ports: [{ number: 8443 }, { number: 8081 }], portNumber: undefined, liveness: kplus.Probe.fromHttpGet('/livez', { port: 8081 }), readiness: kplus.Probe.fromHttpGet('/readyz', { port: 8081 }) };
    const api = new SecureDeployment(chart, 'api', { containers: [mesh === 'linkerd' ? container(probes) : tlsContainer()] });
    const service = api.exposeViaService({ name: 'api', ports: [{ port: 443, targetPort: 8443 }] });
    new SecureIngress(chart, 'public', {
      metadata: { name: 'records' },
      rules: [{ host: HOST, backend: { service, workload: api } }],
      certificate: { issuer: 'letsencrypt' },
      backendTls: { caSecret: 'internal-ca' },
      ...props,
    });
    if (order === 'ingress-first') ns();
    const manifests = Testing.synth(chart);
    return { chart, manifests, annotations: ofKind(manifests, 'Ingress')[0].metadata.annotations };
  }

  test('ingress-nginx sends to the Service (service-upstream), keeps re-encryption with verification, and the app stays clean', () => {
    const { chart, manifests, annotations } = meshed('istio', 'namespace-first');
    expect(annotations[`${A}service-upstream`]).toBe('true');
    // TLS to the backend passes the sidecar by address and SNI: no Host rewrite.
    expect(annotations[`${A}upstream-vhost`]).toBeUndefined();
    expect(annotations).toMatchObject({ [`${A}backend-protocol`]: 'HTTPS', [`${A}proxy-ssl-verify`]: 'on', [`${A}proxy-ssl-name`]: 'api.clinic.svc' });
    expectValidAndClean(chart, manifests);
  });

  test('a namespace created after the SecureIngress is followed too', () => {
    expect(meshed('istio', 'ingress-first').annotations[`${A}service-upstream`]).toBe('true');
  });

  test('no service-upstream without an Istio mesh (none, or Linkerd)', () => {
    for (const mesh of [undefined, 'linkerd'] as const) {
      for (const order of ['namespace-first', 'ingress-first'] as const) {
        expect(meshed(mesh, order).annotations[`${A}service-upstream`]).toBeUndefined();
      }
    }
  });

  test('plain HTTP to a meshed Service: the Host header names the Service (upstream-vhost), as the sidecar routes by it', () => {
    const { annotations } = meshed('istio', 'namespace-first', { backendProtocol: 'HTTP', backendTls: undefined, waivers: PLAINTEXT });
    expect(annotations[`${A}service-upstream`]).toBe('true');
    expect(annotations[`${A}upstream-vhost`]).toBe('api.clinic.svc.cluster.local');
  });

  test('plain HTTP to two meshed Services is refused (one upstream-vhost per Ingress), also when the mesh comes later', () => {
    const message = '[test/public] rules: backendProtocol HTTP to api.clinic.svc.cluster.local, admin.clinic.svc.cluster.local, in a namespace with an Istio mesh, ' +
      'needs the Host header to name the Service (ingress-nginx upstream-vhost, one per Ingress), so one SecureIngress can route to one of them only. ' +
      "Use backendProtocol 'HTTPS' (the default) or one SecureIngress per Service.";
    const twoServices = (order: 'namespace-first' | 'ingress-first') => () => {
      const chart = newChart();
      const ns = () => new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', mesh: { provider: 'istio' } });
      if (order === 'namespace-first') ns();
      const api = new SecureDeployment(chart, 'api', { containers: [tlsContainer()] });
      const admin = new SecureDeployment(chart, 'admin', { containers: [tlsContainer()] });
      new SecureIngress(chart, 'public', {
        rules: [
          { host: HOST, backend: { service: api.exposeViaService({ name: 'api', ports: [{ port: 443, targetPort: 8443 }] }), workload: api } },
          { host: 'admin.clinic.example.com', backend: { service: admin.exposeViaService({ name: 'admin', ports: [{ port: 443, targetPort: 8443 }] }), workload: admin } },
        ],
        certificate: { issuer: 'letsencrypt' },
        backendProtocol: 'HTTP',
        waivers: PLAINTEXT,
      });
      if (order === 'ingress-first') ns();
    };
    expectRefusal(twoServices('namespace-first'), message);
    expectRefusal(twoServices('ingress-first'), `${message} (HipaaNamespace [test/clinic], created after this SecureIngress, gives namespace 'clinic' its Istio mesh.)`);
  });
});
