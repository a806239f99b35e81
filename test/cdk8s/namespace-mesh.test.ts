import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HipaaNamespace, HipaaValidation, NamespaceMesh, SecureDeployment } from '../../lib/cdk8s';
import { kubernetesPack } from '../../lib/rules/k8s';
import { container, expectRefusal, newChart, ofKind } from '../helpers/cdk8s';
import { validateCustomResources } from '../helpers/crd-schema';
import { SOON } from '../helpers/dates';
import { validateManifests } from '../helpers/schema';

const MESH_KINDS = ['PeerAuthentication', 'AuthorizationPolicy', 'Server', 'MeshTLSAuthentication'];

/**
 * A PHI namespace with a mesh and three workloads: `web` is reached from the ingress-nginx
 * namespace (pods of it) and from an IP block; `web` calls `api` on 8080 (an egress flow), `worker`
 * calls `api` on 8080 and 9090 (an ingress flow declared on `api`, port 9090 by name); `api`
 * also takes DNS-style UDP on 5353 from `worker` (NetworkPolicy-only).
 */
function build(mesh: NamespaceMesh, extra: { waivers?: any[] } = {}) {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', mesh, ...extra });
  const worker = new SecureDeployment(chart, 'worker', { containers: [container({ name: 'worker', portNumber: undefined, liveness: undefined, readiness: undefined })], waivers: probeWaivers() });
  const api = new SecureDeployment(chart, 'api', {
    containers: [container({ ports: [{ number: 8080, name: 'http' }, { number: 9090, name: 'grpc' }], portNumber: undefined })],
    ingress: [
      { from: worker, ports: [kplus.NetworkPolicyPort.tcp(8080), kplus.NetworkPolicyPort.of({ port: 'grpc' } as any)] },
      { from: worker, ports: [kplus.NetworkPolicyPort.udp(5353)] },
    ],
  });
  const web = new SecureDeployment(chart, 'web', {
    containers: [container({ name: 'web', portNumber: 8443 })],
    ingress: [
      { from: kplus.Pods.select(chart, 'controller', { labels: { 'app.kubernetes.io/name': 'ingress-nginx' }, namespaces: kplus.Namespaces.select(chart, 'nginx', { names: ['ingress-nginx'] }) }), ports: [kplus.NetworkPolicyPort.tcp(8443)] },
      { from: kplus.NetworkPolicyIpBlock.ipv4(chart, 'lb', '10.0.1.0/24'), ports: [kplus.NetworkPolicyPort.tcp(8443)] },
    ],
    egress: [{ to: api, ports: [kplus.NetworkPolicyPort.tcp(8080)] }],
    // The IP block has no mesh identity: accepted only with this waiver (see the refusal test below).
    waivers: [{ ruleId: 'k8s-phi-namespace-mtls', reason: 'Health checks of the load balancer reach 8443 outside the sidecar (excludeInboundPorts)', expires: SOON }],
  });
  return { chart, api, web, worker, manifests: Testing.synth(chart) };
}

/** `worker` has no port: the probe rules are waived for it (a queue consumer). */
function probeWaivers() {
  const reason = 'A queue consumer without a listening port; the orchestrator restarts it when the queue stalls';
  return [
    { ruleId: 'k8s-liveness-probe', reason, expires: SOON },
    { ruleId: 'k8s-readiness-probe', reason, expires: SOON },
  ];
}

function expectValidAndClean(chart: Chart, manifests: any[]) {
  const result = HipaaValidation.of(chart)!.check();
  expect(result.unwaived).toEqual([]);
  expect(result.findings.filter((f) => !['k8s-liveness-probe', 'k8s-readiness-probe'].includes(f.ruleId))).toEqual([]);
  expect(result.rules.map((r) => r.id)).toEqual(expect.arrayContaining(kubernetesPack.rules.map((r) => r.id)));
  expect(validateManifests(manifests, { ignoreUnknownKinds: true })).toEqual([]);
  expect(validateCustomResources(manifests)).toEqual([]);
}

const byName = (manifests: any[], kind: string, name: string) => ofKind(manifests, kind).find((m) => m.metadata.name === name);

describe('HipaaNamespace with Istio', () => {
  const { chart, manifests, api, web, worker } = build({ provider: 'istio' });
  const [ns] = ofKind(manifests, 'Namespace');

  test('snapshot', () => {
    expect(manifests.filter((m) => MESH_KINDS.includes(m.kind) || m.kind === 'Namespace')).toMatchSnapshot();
  });

  test('the namespace is in the mesh (istio-injection: enabled) with PeerAuthentication STRICT and an allow-nothing policy', () => {
    expect(ns.metadata.labels['istio-injection']).toBe('enabled');
    expect(ns.metadata.labels['istio.io/rev']).toBeUndefined();
    const pa = byName(manifests, 'PeerAuthentication', 'default');
    expect(pa.apiVersion).toBe('security.istio.io/v1');
    expect(pa.metadata).toMatchObject({ namespace: 'clinic', labels: { 'hipaa-constructs.io/phi': 'true' } });
    expect(pa.spec).toEqual({ mtls: { mode: 'STRICT' } });
    const deny = byName(manifests, 'AuthorizationPolicy', 'allow-nothing');
    expect(deny.apiVersion).toBe('security.istio.io/v1');
    expect(deny.spec).toEqual({});
  });

  test('each declared flow becomes an ALLOW rule on the receiving workload: ServiceAccount principals for workloads, the namespace for pods of a foreign namespace', () => {
    const sa = (w: SecureDeployment) => `cluster.local/ns/clinic/sa/${w.serviceAccount!.name}`;
    const apiPolicy = byName(manifests, 'AuthorizationPolicy', `allow-${api.name}`);
    expect(apiPolicy.spec).toEqual({
      selector: { matchLabels: api.toPodSelectorConfig().labelSelector._toKube().matchLabels },
      action: 'ALLOW',
      rules: [
        // web (egress declared on web) and worker on 8080; worker alone on 9090 (named 'grpc'); UDP 5353 is NetworkPolicy-only.
        { from: [{ source: { principals: [sa(web)] } }, { source: { principals: [sa(worker)] } }].sort((a, b) => (a.source.principals[0] < b.source.principals[0] ? -1 : 1)), to: [{ operation: { ports: ['8080'] } }] },
        { from: [{ source: { principals: [sa(worker)] } }], to: [{ operation: { ports: ['9090'] } }] },
      ],
    });
    const webPolicy = byName(manifests, 'AuthorizationPolicy', `allow-${web.name}`);
    // The IP block stays NetworkPolicy-only: STRICT refuses plain text from outside the mesh.
    expect(webPolicy.spec.rules).toEqual([{ from: [{ source: { namespaces: ['ingress-nginx'] } }], to: [{ operation: { ports: ['8443'] } }] }]);
    // No flow ends at worker: the allow-nothing policy covers it, no ALLOW policy selects it.
    expect(ofKind(manifests, 'AuthorizationPolicy').map((p) => p.metadata.name).sort()).toEqual(['allow-nothing', `allow-${api.name}`, `allow-${web.name}`].sort());
  });

  test('nothing is written into a namespace the app does not create', () => {
    expect(ofKind(manifests, 'AuthorizationPolicy').concat(ofKind(manifests, 'PeerAuthentication')).map((m) => m.metadata.namespace)).toEqual(expect.arrayContaining(['clinic']));
    expect(manifests.filter((m) => m.metadata.namespace === 'ingress-nginx')).toEqual([]);
  });

  test('the full rule pack finds nothing; the output is valid for Kubernetes 1.28 and the Istio CRDs', () => {
    expectValidAndClean(chart, manifests);
  });
});

describe('HipaaNamespace with Istio: revision, trust domain, PERMISSIVE', () => {
  test('a revision replaces istio-injection with istio.io/rev', () => {
    const { manifests } = build({ provider: 'istio', revision: '1-30-3' });
    const [ns] = ofKind(manifests, 'Namespace');
    expect(ns.metadata.labels['istio.io/rev']).toBe('1-30-3');
    expect(ns.metadata.labels['istio-injection']).toBeUndefined();
  });

  test('the trust domain is the first part of the principals', () => {
    const { manifests, api } = build({ provider: 'istio', trustDomain: 'prod.example.org' });
    const principals = byName(manifests, 'AuthorizationPolicy', `allow-${api.name}`).spec.rules.flatMap((r: any) => r.from.map((f: any) => f.source.principals[0]));
    expect(principals.every((p: string) => p.startsWith('prod.example.org/ns/clinic/sa/'))).toBe(true);
  });

  test('PERMISSIVE with a waiver of k8s-phi-namespace-mtls is written, and the finding shows as waived', () => {
    const waiver = { ruleId: 'k8s-phi-namespace-mtls', reason: 'Legacy billing clients move into the mesh this quarter, until then plain text is accepted', expires: SOON };
    const { chart, manifests } = build({ provider: 'istio', mode: 'PERMISSIVE' }, { waivers: [waiver] });
    expect(byName(manifests, 'PeerAuthentication', 'default').spec).toEqual({ mtls: { mode: 'PERMISSIVE' } });
    const result = HipaaValidation.of(chart)!.check();
    expect(result.unwaived).toEqual([]);
    const waived = result.waived.filter((f) => f.ruleId === 'k8s-phi-namespace-mtls');
    expect(waived.map((f) => `${f.resource.kind} ${f.path}: ${f.message}`)).toEqual([
      "PeerAuthentication spec.mtls.mode: PeerAuthentication 'default' in PHI namespace 'clinic' has mode PERMISSIVE, which accepts plain-text connections",
    ]);
    expect(waived[0].waiver?.reason).toBe(waiver.reason);
    // The waiver travels with the YAML, so hipaa-check accepts the same finding.
    const annotation = JSON.parse(byName(manifests, 'PeerAuthentication', 'default').metadata.annotations['hipaa-constructs.io/waivers']);
    expect(annotation).toEqual([expect.objectContaining({ ruleId: 'k8s-phi-namespace-mtls', reason: waiver.reason, expires: SOON })]);
  });
});

describe('HipaaNamespace with Linkerd', () => {
  const { chart, manifests, api, web, worker } = build({ provider: 'linkerd' });
  const [ns] = ofKind(manifests, 'Namespace');

  test('snapshot', () => {
    expect(manifests.filter((m) => MESH_KINDS.includes(m.kind) || m.kind === 'Namespace')).toMatchSnapshot();
  });

  test('injection on and the default inbound policy deny; no Istio objects', () => {
    expect(ns.metadata.annotations).toEqual({ 'linkerd.io/inject': 'enabled', 'config.linkerd.io/default-inbound-policy': 'deny' });
    expect(ofKind(manifests, 'PeerAuthentication')).toEqual([]);
    expect(manifests.filter((m) => m.apiVersion.startsWith('security.istio.io'))).toEqual([]);
  });

  test('per receiving port: a Server (deny), a MeshTLSAuthentication of the allowed identities, an AuthorizationPolicy joining them', () => {
    const selector = { matchLabels: api.toPodSelectorConfig().labelSelector._toKube().matchLabels };
    const server = byName(manifests, 'Server', `${api.name}-8080`);
    expect(server.apiVersion).toBe('policy.linkerd.io/v1beta3');
    expect(server.spec).toEqual({ podSelector: selector, port: 8080, accessPolicy: 'deny' });
    const auth = byName(manifests, 'MeshTLSAuthentication', `${api.name}-8080`);
    expect(auth.apiVersion).toBe('policy.linkerd.io/v1alpha1');
    expect(auth.spec.identityRefs).toEqual(expect.arrayContaining([
      { kind: 'ServiceAccount', name: web.serviceAccount!.name, namespace: 'clinic' },
      { kind: 'ServiceAccount', name: worker.serviceAccount!.name, namespace: 'clinic' },
    ]));
    expect(auth.spec.identityRefs).toHaveLength(2);
    expect(byName(manifests, 'MeshTLSAuthentication', `${api.name}-9090`).spec.identityRefs).toEqual([{ kind: 'ServiceAccount', name: worker.serviceAccount!.name, namespace: 'clinic' }]);
    const policy = byName(manifests, 'AuthorizationPolicy', `${api.name}-8080`);
    expect(policy.apiVersion).toBe('policy.linkerd.io/v1alpha1');
    expect(policy.spec).toEqual({
      targetRef: { group: 'policy.linkerd.io', kind: 'Server', name: `${api.name}-8080` },
      requiredAuthenticationRefs: [{ group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name: `${api.name}-8080` }],
    });
    // Pods of ingress-nginx: every meshed pod of that namespace; the IP block stays NetworkPolicy-only.
    expect(byName(manifests, 'MeshTLSAuthentication', `${web.name}-8443`).spec.identityRefs).toEqual([{ kind: 'Namespace', name: 'ingress-nginx' }]);
    expect(ofKind(manifests, 'Server').map((s) => s.metadata.name).sort()).toEqual([`${api.name}-8080`, `${api.name}-9090`, `${web.name}-8443`].sort());
  });

  test('the full rule pack finds nothing; the output is valid for Kubernetes 1.28 and the Linkerd CRDs', () => {
    expectValidAndClean(chart, manifests);
  });
});

describe('HipaaNamespace without a mesh', () => {
  test('k8s-phi-namespace-mtls warns (severity warning: the check still passes)', () => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    const result = HipaaValidation.of(chart)!.check();
    expect(result.passed).toBe(true);
    expect(result.unwaived.map((f) => `${f.ruleId} ${f.severity} ${f.resource.kind}/${f.resource.name}`)).toEqual(['k8s-phi-namespace-mtls warning Namespace/clinic']);
  });
});

describe('flows from other peers, and flows declared with connections', () => {
  test('a HipaaNamespace of the app as the source: its namespace identity; connections.allowFrom counts like the ingress prop', () => {
    const chart = newChart();
    const clinic = new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', mesh: { provider: 'istio' } });
    const billing = new HipaaNamespace(chart, 'billing', { owner: 'billing-team', mesh: { provider: 'istio' } });
    const api = new SecureDeployment(chart, 'api', { containers: [container()], ingress: [{ from: billing, ports: [kplus.NetworkPolicyPort.tcp(8080)] }] });
    const web = new SecureDeployment(chart, 'web', { containers: [container({ name: 'web', portNumber: 8443 })] });
    api.connections.allowFrom(web, { ports: [kplus.NetworkPolicyPort.tcp(8080)] });
    const manifests = Testing.synth(chart);
    expect(byName(manifests, 'AuthorizationPolicy', `allow-${api.name}`).spec.rules).toEqual([{
      from: [{ source: { namespaces: ['billing'] } }, { source: { principals: [`cluster.local/ns/clinic/sa/${web.serviceAccount!.name}`] } }],
      to: [{ operation: { ports: ['8080'] } }],
    }]);
    // Written after the Namespace they live in.
    const kinds = manifests.map((m) => `${m.kind}/${m.metadata.name}`);
    expect(kinds.indexOf('Namespace/clinic')).toBeLessThan(kinds.indexOf(`AuthorizationPolicy/allow-${api.name}`));
    expect(clinic.name).toBe('clinic');
  });

  test('a caller in a namespace of the app outside the mesh (or in another mesh) is refused: STRICT mTLS would refuse what the NetworkPolicies allow', () => {
    const twoNamespaces = (billingMesh: NamespaceMesh | undefined, podLabels: Record<string, string> = {}) => () => {
      const chart = newChart();
      new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', mesh: { provider: 'istio' } });
      const other = new Chart(chart.node.scope as any, 'other', { namespace: 'billing' });
      const billing = new HipaaNamespace(other, 'billing', { owner: 'billing-team', mesh: billingMesh });
      const worker = new SecureDeployment(other, 'worker', { containers: [container({ name: 'worker' })], podMetadata: { labels: podLabels } });
      const api = new SecureDeployment(chart, 'api', { containers: [container()], ingress: [{ from: worker, ports: [kplus.NetworkPolicyPort.tcp(8080)] }] });
      api.connections.allowFrom(billing, { ports: [kplus.NetworkPolicyPort.tcp(8080)] });
      return Testing.synth(chart);
    };
    const problem = (caller: string, where: string) => `${caller} is ${where} of namespace 'clinic', so its pods have no identity that mesh authenticates ` +
      "and the STRICT mTLS and ALLOW policies of namespace 'clinic' would refuse the connections the NetworkPolicies allow (k8s-phi-namespace-mtls). " +
      "Put namespace 'billing' in the same mesh (HipaaNamespace's mesh: { provider: 'istio' }).";
    expectRefusal(twoNamespaces(undefined), [
      `[test/api] ingress[0].from: ${problem("other/worker (namespace 'billing')", 'outside the mesh')}`,
      `[test/api] connections.allowFrom(other/billing): ${problem("namespace 'billing'", 'outside the mesh')}`,
    ].join('\n'));
    expectRefusal(twoNamespaces({ provider: 'linkerd' }), [
      `[test/api] ingress[0].from: ${problem("other/worker (namespace 'billing')", 'in the linkerd mesh, not in the istio mesh')}`,
      `[test/api] connections.allowFrom(other/billing): ${problem("namespace 'billing'", 'in the linkerd mesh, not in the istio mesh')}`,
    ].join('\n'));
    // A pod injected on its own (sidecar.istio.io/inject) has the identity; the rest of its namespace does not.
    expectRefusal(twoNamespaces(undefined, { 'sidecar.istio.io/inject': 'true' }),
      `[test/api] connections.allowFrom(other/billing): ${problem("namespace 'billing'", 'outside the mesh')}`);
    // In the same mesh: written.
    expect(ofKind(twoNamespaces({ provider: 'istio' })(), 'AuthorizationPolicy').length).toBeGreaterThan(1);
  });

  test('a source without a mesh identity (an IP block, namespaces selected by label) on a TCP port is refused unless the receiver waives k8s-phi-namespace-mtls', () => {
    const attempt = (provider: 'istio' | 'linkerd', waivers?: any[]) => () => {
      const chart = newChart();
      new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', mesh: { provider } });
      new SecureDeployment(chart, 'api', {
        containers: [container()],
        ingress: [
          { from: kplus.NetworkPolicyIpBlock.ipv4(chart, 'lb', '10.0.1.0/24'), ports: [kplus.NetworkPolicyPort.tcp(8080)] },
          { from: kplus.Namespaces.select(chart, 'monitoring', { labels: { team: 'monitoring' } }), ports: [kplus.NetworkPolicyPort.tcp(8080)] },
          { from: kplus.NetworkPolicyIpBlock.ipv4(chart, 'dns', '10.0.2.0/24'), ports: [kplus.NetworkPolicyPort.udp(5353)] }, // UDP: NetworkPolicy-only, fine
        ],
        waivers,
      });
      return Testing.synth(chart);
    };
    const fix = 'Let the callers in through a meshed workload (an ingress gateway or controller in the mesh) and declare the flow from it, ' +
      'or, if the port is kept out of the mesh by other means, waive k8s-phi-namespace-mtls on test/api, giving the reason.';
    expectRefusal(attempt('linkerd'), [
      "[test/api] ingress[0].from: the IP block 10.0.1.0/24 has no identity the linkerd mesh of namespace 'clinic' authenticates, " +
        `so Linkerd's deny default inbound policy would refuse the connections the NetworkPolicy allows (k8s-phi-namespace-mtls). ${fix}`,
      "[test/api] ingress[1].from: namespaces selected by label (or every namespace) has no identity the linkerd mesh of namespace 'clinic' authenticates, " +
        `so Linkerd's deny default inbound policy would refuse the connections the NetworkPolicy allows (k8s-phi-namespace-mtls). ${fix}`,
    ].join('\n'));
    expectRefusal(attempt('istio'), [
      "[test/api] ingress[0].from: the IP block 10.0.1.0/24 has no identity the istio mesh of namespace 'clinic' authenticates, " +
        `so STRICT mTLS and the allow-nothing AuthorizationPolicy would refuse the connections the NetworkPolicy allows (k8s-phi-namespace-mtls). ${fix}`,
      "[test/api] ingress[1].from: namespaces selected by label (or every namespace) has no identity the istio mesh of namespace 'clinic' authenticates, " +
        `so STRICT mTLS and the allow-nothing AuthorizationPolicy would refuse the connections the NetworkPolicy allows (k8s-phi-namespace-mtls). ${fix}`,
    ].join('\n'));
    const waived = attempt('linkerd', [{ ruleId: 'k8s-phi-namespace-mtls', reason: 'Port 8080 is skipped by the proxy (config.linkerd.io/skip-inbound-ports)', expires: SOON }])();
    expect(ofKind(waived, 'Server')).toEqual([]);
  });

  test('a workload in a namespace without a mesh gets no mesh objects', () => {
    const chart = newChart('billing');
    new HipaaNamespace(chart, 'billing', { owner: 'billing-team' });
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', mesh: { provider: 'linkerd' } });
    const web = new SecureDeployment(chart, 'web', { containers: [container({ name: 'web' })] });
    new SecureDeployment(chart, 'api', { containers: [container()], ingress: [{ from: web, ports: [kplus.NetworkPolicyPort.tcp(8080)] }] });
    const manifests = Testing.synth(chart);
    expect(manifests.filter((m) => MESH_KINDS.includes(m.kind))).toEqual([]);
  });

  test('a workload whose pods opt out of the mesh has no mesh identity: its flows authorize nothing, and the rule flags its opt-out', () => {
    for (const [provider, podMetadata] of [['istio', { labels: { 'sidecar.istio.io/inject': 'false' } }], ['linkerd', { annotations: { 'linkerd.io/inject': 'disabled' } }]] as const) {
      const chart = newChart();
      new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', mesh: { provider } });
      const api = new SecureDeployment(chart, 'api', { containers: [container()] });
      const outside = new SecureDeployment(chart, 'outside', { containers: [container({ name: 'outside' })], podMetadata, egress: [{ to: api, ports: [kplus.NetworkPolicyPort.tcp(8080)] }] });
      api.connections.allowFrom(outside, { ports: [kplus.NetworkPolicyPort.tcp(8080)] });
      const manifests = Testing.synth(chart);
      expect(manifests.filter((m) => MESH_KINDS.includes(m.kind) && m.spec.action !== undefined && m.metadata.name !== 'allow-nothing')).toEqual([]);
      expect(ofKind(manifests, 'MeshTLSAuthentication')).toEqual([]);
      // The NetworkPolicies still carry the flow.
      expect(ofKind(manifests, 'NetworkPolicy').some((n) => (n.spec.egress ?? []).some((r: any) => r.ports?.[0]?.port === 8080))).toBe(true);
      const findings = HipaaValidation.of(chart)!.check().unwaived.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name}`);
      expect(findings).toEqual([`k8s-phi-namespace-mtls Deployment/${outside.name}`]);
    }
  });
});
