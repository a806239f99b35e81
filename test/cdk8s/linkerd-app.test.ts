import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HipaaNamespace, HipaaValidation, ImagePolicy, NetworkPolicyProbe, SecureDeployment, SecureIngress } from '../../lib/cdk8s';
import { IMAGE, container, expectRefusal, newChart, ofKind } from '../helpers/cdk8s';
import { validateCustomResources } from '../helpers/crd-schema';
import { SOON, daysFromNow } from '../helpers/dates';
import { validateManifests } from '../helpers/schema';

const REGISTRY = IMAGE.split('/')[0];
const HTTP_PROBES = { liveness: kplus.Probe.fromHttpGet('/livez', { port: 8081 }), readiness: kplus.Probe.fromHttpGet('/readyz', { port: 8081 }) };
const HTTPS_PROBES = {
  liveness: kplus.Probe.fromHttpGet('/livez', { port: 8443, scheme: kplus.ConnectionScheme.HTTPS }),
  readiness: kplus.Probe.fromHttpGet('/readyz', { port: 8443, scheme: kplus.ConnectionScheme.HTTPS }),
};

/**
 * The Linkerd path end to end: a PHI namespace with mesh Linkerd, a portal behind a SecureIngress
 * (ingress-nginx, meshed) serving TLS on 8443, an API the portal calls on two ports, a worker
 * calling the API on a named port, an ImagePolicy and a NetworkPolicyProbe.
 */
function app(portalProps: { probes?: object; waivers?: any[] } = {}) {
  const chart = newChart();
  const namespace = new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', mesh: { provider: 'linkerd' } });
  new ImagePolicy(chart, 'images', { allowedRegistries: [REGISTRY], namespaces: [namespace] });
  const api = new SecureDeployment(chart, 'api', {
    containers: [container({ ports: [{ number: 8080, name: 'http' }, { number: 9090, name: 'grpc' }], portNumber: undefined })],
  });
  const portal = new SecureDeployment(chart, 'portal', {
    containers: [container({ name: 'portal', ports: [{ number: 8443, name: 'https' }, { number: 8081, name: 'health' }], portNumber: undefined, ...(portalProps.probes ?? HTTP_PROBES) })],
    egress: [{ to: api, ports: [kplus.NetworkPolicyPort.tcp(8080), kplus.NetworkPolicyPort.tcp(9090)] }],
    waivers: portalProps.waivers,
  });
  const worker = new SecureDeployment(chart, 'worker', {
    containers: [container({ name: 'worker' })],
    egress: [{ to: api, ports: [kplus.NetworkPolicyPort.of({ port: 'grpc' } as any)] }],
  });
  const service = portal.exposeViaService({ name: 'portal', ports: [{ port: 443, targetPort: 8443 }] });
  new SecureIngress(chart, 'public', {
    rules: [{ host: 'portal.clinic.example.com', backend: { service, workload: portal } }],
    certificate: { issuer: 'letsencrypt' },
    backendTls: { caSecret: 'internal-ca' },
  });
  new NetworkPolicyProbe(chart, 'probe', {
    namespaces: [namespace],
    image: IMAGE,
    mustDeny: ['1.1.1.1:443'],
    mustAllow: [{ target: 'api.clinic.svc.cluster.local:8080', to: api }],
    meshWaiverExpires: daysFromNow(30),
  });
  return { chart, api, portal, worker, manifests: Testing.synth(chart) };
}

describe('a PHI app in a Linkerd namespace behind a SecureIngress', () => {
  const { chart, api, portal, worker, manifests } = app();
  const named = (kind: string, name: string) => ofKind(manifests, kind).find((m) => m.metadata.name === name);
  const sa = (w: SecureDeployment) => w.serviceAccount!.name;

  test('one Server per port receiving flows, selecting the workload\'s pods, deny unless authorized', () => {
    const selector = (w: SecureDeployment) => ({ matchLabels: ofKind(manifests, 'Deployment').find((d) => d.metadata.name === w.name).spec.selector.matchLabels });
    expect(ofKind(manifests, 'Server').map((s) => [s.metadata.name, s.spec])).toEqual([
      [`${api.name}-8080`, { accessPolicy: 'deny', podSelector: selector(api), port: 8080 }],
      [`${api.name}-9090`, { accessPolicy: 'deny', podSelector: selector(api), port: 9090 }],
      [`${portal.name}-8443`, { accessPolicy: 'deny', podSelector: selector(portal), port: 8443 }],
    ]);
  });

  test('the named port resolves to 9090; the callers are authorized by ServiceAccount, the controller by its namespace', () => {
    expect(named('MeshTLSAuthentication', `${api.name}-8080`).spec.identityRefs).toEqual([{ kind: 'ServiceAccount', name: sa(portal), namespace: 'clinic' }]);
    expect(named('MeshTLSAuthentication', `${api.name}-9090`).spec.identityRefs).toEqual([
      { kind: 'ServiceAccount', name: sa(portal), namespace: 'clinic' },
      { kind: 'ServiceAccount', name: sa(worker), namespace: 'clinic' },
    ]);
    expect(named('MeshTLSAuthentication', `${portal.name}-8443`).spec.identityRefs).toEqual([{ kind: 'Namespace', name: 'ingress-nginx' }]);
    for (const policy of ofKind(manifests, 'AuthorizationPolicy')) {
      expect(policy.spec).toEqual({
        targetRef: { group: 'policy.linkerd.io', kind: 'Server', name: policy.metadata.name },
        requiredAuthenticationRefs: [{ group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name: policy.metadata.name }],
      });
    }
    expect(ofKind(manifests, 'AuthorizationPolicy')).toHaveLength(3);
  });

  test('the Ingress re-encrypts with verification; no service-upstream (Linkerd mTLSes pod-IP connections too)', () => {
    const annotations = ofKind(manifests, 'Ingress')[0].metadata.annotations;
    expect(annotations['nginx.ingress.kubernetes.io/backend-protocol']).toBe('HTTPS');
    expect(annotations['nginx.ingress.kubernetes.io/proxy-ssl-verify']).toBe('on');
    expect(annotations['nginx.ingress.kubernetes.io/service-upstream']).toBeUndefined();
  });

  test('no unwaived finding (the probe\'s opt-out of the mesh is waived); valid for Kubernetes 1.28 and the CRDs', () => {
    const result = HipaaValidation.of(chart)!.check();
    expect(result.unwaived).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.resource.name, f.waiver !== undefined])).toEqual([['k8s-phi-namespace-mtls', 'network-policy-probe', true]]);
    expect(validateManifests(manifests, { ignoreUnknownKinds: true })).toEqual([]);
    expect(validateCustomResources(manifests)).toEqual([]);
  });
});

describe('kubelet probes in a Linkerd namespace', () => {
  test('HTTPS probes the app terminates are refused: Linkerd authorizes probes as plain HTTP only', () => {
    const problem = (field: string) => `[test/portal] containers[0].${field}: an HTTPS probe (port 8443) in namespace 'clinic', whose Linkerd mesh authorizes kubelet probes ` +
      'only as plain HTTP GET requests to the probe paths: the deny default inbound policy refuses it and the pods never become ready (k8s-phi-namespace-mtls). ' +
      'Serve the probe paths over plain HTTP on their own port (kplus.Probe.fromHttpGet(path, { port })), or use an exec probe; ' +
      'if the port is kept out of the proxy (config.linkerd.io/skip-inbound-ports), waive k8s-phi-namespace-mtls on test/portal, giving the reason.';
    expectRefusal(() => app({ probes: HTTPS_PROBES }), [problem('liveness'), problem('readiness')].join('\n'));
  });

  test('accepted when the pods skip the probe port (config.linkerd.io/skip-inbound-ports), also by name', () => {
    for (const skip of ['8443', '9000, 8440-8450']) {
      const { manifests } = skippingApp(skip);
      expect(ofKind(manifests, 'Deployment')[0].spec.template.metadata.annotations['config.linkerd.io/skip-inbound-ports']).toBe(skip);
    }
    expect(() => skippingApp('8080')).toThrow("containers[0].liveness: an HTTPS probe (port https) in namespace 'clinic'");
  });

  test('accepted with a waiver of k8s-phi-namespace-mtls (the port kept out of the proxy)', () => {
    const waivers = [{ ruleId: 'k8s-phi-namespace-mtls', reason: 'Port 8443 probes skip the proxy (config.linkerd.io/skip-inbound-ports on the pods)', expires: SOON }];
    expect(ofKind(app({ probes: HTTPS_PROBES, waivers }).manifests, 'Server')).toHaveLength(3);
  });
});

/** The app with HTTPS probes on the named port `https` (8443), its pods skipping inbound ports `skip`. */
function skippingApp(skip: string) {
  const named = {
    liveness: kplus.Probe.fromHttpGet('/livez', { port: 'https' as any, scheme: kplus.ConnectionScheme.HTTPS }),
    readiness: kplus.Probe.fromHttpGet('/readyz', { port: 8443, scheme: kplus.ConnectionScheme.HTTPS }),
  };
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', mesh: { provider: 'linkerd' } });
  const portal = new SecureDeployment(chart, 'portal', {
    containers: [container({ name: 'portal', ports: [{ number: 8443, name: 'https' }], portNumber: undefined, ...named })],
    podMetadata: { annotations: { 'config.linkerd.io/skip-inbound-ports': skip } },
  } as any);
  return { portal, manifests: Testing.synth(chart) };
}
