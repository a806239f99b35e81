import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ClinicChart } from '../../examples/cdk8s-app/clinic-chart';
import { HipaaNamespace, HipaaValidation, SecureDeployment } from '../../lib/cdk8s';
import { addPlatformImagePolicy, container, newChart, ofKind } from '../helpers/cdk8s';
import { SOON } from '../helpers/dates';
import { apartFromMtls } from '../helpers/mesh';
import { validateManifests } from '../helpers/schema';

const tcp = (n: number) => kplus.NetworkPolicyPort.tcp(n);
const ADDR = 'cdk8s.io/metadata.addr';

/** Every object of every chart of the app, synthesized as `app.synth()` would. */
function synthApp(app: Construct): any[] {
  return app.node.findAll().filter(Chart.isChart).flatMap((c) => (c as Chart).toJson());
}

/** The NetworkPolicies selecting a workload's pods (by the address label cdk8s-plus gives them). */
function policiesOf(manifests: any[], d: SecureDeployment): any[] {
  const addr = d.toPodSelectorConfig().labelSelector._toKube().matchLabels![ADDR];
  return ofKind(manifests, 'NetworkPolicy').filter((p) => p.spec.podSelector.matchLabels?.[ADDR] === addr);
}

/** Policies of a workload that allow `direction`, without the DefaultDenyAll one. */
function allowing(manifests: any[], d: SecureDeployment, direction: 'ingress' | 'egress'): any[] {
  return policiesOf(manifests, d).filter((p) => p.spec[direction]);
}

/** Asserts the full pack finds nothing in any chart and the output is valid Kubernetes 1.28. */
function expectCleanAndValid(charts: Chart[], manifests: any[]): void {
  for (const c of charts) expect(apartFromMtls(HipaaValidation.of(c)!.check().findings)).toEqual([]);
  expect(validateManifests(manifests)).toEqual([]);
}

function clinic() {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  return chart;
}

describe('flows: never a NetworkPolicy in a namespace the app does not create', () => {
  test('ingress from the ingress-nginx namespace: one policy on our side, nothing in ingress-nginx (issue 8)', () => {
    const chart = clinic();
    const api = new SecureDeployment(chart, 'api', {
      containers: [container()],
      ingress: [{ from: kplus.Namespaces.select(chart, 'nginx', { names: ['ingress-nginx'] }), ports: [tcp(8080)] }],
    });
    const manifests = Testing.synth(chart);
    expect(manifests.filter((m) => m.metadata.namespace === 'ingress-nginx')).toEqual([]);
    expect(ofKind(manifests, 'NetworkPolicy').every((p) => p.metadata.namespace === 'clinic')).toBe(true);
    const [policy] = allowing(manifests, api, 'ingress');
    expect(policy.spec).toEqual({
      podSelector: api.toPodSelectorConfig().labelSelector._toKube(),
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: {} }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      }],
    });
    expect(allowing(manifests, api, 'ingress')).toHaveLength(1);
    expectCleanAndValid([chart], manifests);
  });

  test.each<[string, (c: Chart) => kplus.INetworkPolicyPeer]>([
    ['namespaces selected by label', (c) => kplus.Namespaces.select(c, 'peer', { labels: { team: 'portal' } })],
    ['a namespace by name and label', (c) => kplus.Namespaces.select(c, 'peer', { names: ['portal'], labels: { tier: 'web' } })],
    ['pods of a namespace the app does not create', (c) => kplus.Pods.select(c, 'peer', { labels: { app: 'portal' }, namespaces: kplus.Namespaces.select(c, 'ns', { names: ['portal'] }) })],
    ['pods of namespaces selected by label', (c) => kplus.Pods.select(c, 'peer', { labels: { app: 'portal' }, namespaces: kplus.Namespaces.select(c, 'ns', { labels: { team: 'portal' } }) })],
    ['an IPv4 block', (c) => kplus.NetworkPolicyIpBlock.ipv4(c, 'peer', '10.20.0.0/24')],
    ['an IPv6 block', (c) => kplus.NetworkPolicyIpBlock.ipv6(c, 'peer', '2001:db8:1::/64')],
    ['an IPv4 block with an except', (c) => kplus.NetworkPolicyIpBlock.ipv4(c, 'peer', '10.20.0.0/16', ['10.20.9.0/24'])],
  ])('%s: only the workload-side rules, in both directions', (_what, peerOf) => {
    const chart = clinic();
    const peer = peerOf(chart);
    const api = new SecureDeployment(chart, 'api', {
      containers: [container()],
      ingress: [{ from: peer, ports: [tcp(8080)] }],
      egress: [{ to: peer, ports: [tcp(443)] }],
    });
    const manifests = Testing.synth(chart);
    const policies = ofKind(manifests, 'NetworkPolicy');
    expect(policies.map((p) => p.metadata.namespace)).toEqual(policies.map(() => 'clinic'));
    // default-deny, DNS, DefaultDenyAll of api, and the two flows: nothing selecting the peer.
    expect(policies).toHaveLength(5);
    expect(allowing(manifests, api, 'ingress')).toHaveLength(1);
    expect(allowing(manifests, api, 'egress')).toHaveLength(1);
    expectCleanAndValid([chart], manifests);
  });

  test('the example app writes nothing into ingress-nginx; into velero only what Velero reads there', () => {
    const manifests = Testing.synth(new ClinicChart(Testing.app(), 'clinic'));
    const namespaces = new Set(manifests.map((m) => m.metadata.namespace ?? '(cluster)'));
    expect([...namespaces].sort()).toEqual(['(cluster)', 'patient-records', 'records-backup-restore-test', 'velero']);
    // Velero reads its Schedules, locations and resource modifiers only in its own namespace; the
    // restore test's Role there lets it create Restores. No NetworkPolicy or workload goes there.
    expect(manifests.filter((m) => m.metadata.namespace === 'velero').map((m) => m.kind).sort())
      .toEqual(['BackupStorageLocation', 'ConfigMap', 'Role', 'RoleBinding', 'Schedule', 'VolumeSnapshotLocation']);
  });
});

describe('flows: peers the app owns get their side too', () => {
  test('a workload of the same app, in the same namespace: egress on one side, ingress on the other', () => {
    const chart = clinic();
    const db = new SecureDeployment(chart, 'db', { containers: [container({ name: 'db', portNumber: 5432 })] });
    const api = new SecureDeployment(chart, 'api', { containers: [container()], egress: [{ to: db, ports: [tcp(5432)] }] });
    const manifests = Testing.synth(chart);
    const [egress] = allowing(manifests, api, 'egress');
    expect(egress.spec.egress).toEqual([{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'clinic' } }, podSelector: db.toPodSelectorConfig().labelSelector._toKube() }], ports: [{ port: 5432, protocol: 'TCP' }] }]);
    const [ingress] = allowing(manifests, db, 'ingress');
    expect(ingress.metadata.namespace).toBe('clinic');
    expect(ingress.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'clinic' } }, podSelector: api.toPodSelectorConfig().labelSelector._toKube() }], ports: [{ port: 5432, protocol: 'TCP' }] }]);
    expectCleanAndValid([chart], manifests);
  });

  test('a workload of another chart and namespace of the app: its side lands in its namespace, with its chart', () => {
    const app = Testing.app();
    addPlatformImagePolicy(app);
    const records = new Chart(app, 'records', { namespace: 'records' });
    new HipaaNamespace(records, 'records', { owner: 'records-team' });
    const db = new SecureDeployment(records, 'db', { containers: [container({ name: 'db', portNumber: 5432 })] });
    const portal = new Chart(app, 'portal', { namespace: 'portal' });
    new HipaaNamespace(portal, 'portal', { owner: 'portal-team' });
    const api = new SecureDeployment(portal, 'api', { containers: [container()], egress: [{ to: db, ports: [tcp(5432)] }] });
    const portalOut = portal.toJson();
    const recordsOut = records.toJson();
    expect(allowing(portalOut, api, 'egress')).toHaveLength(1);
    const [ingress] = allowing(recordsOut, db, 'ingress');
    expect(ingress.metadata.namespace).toBe('records');
    expect(ingress.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'portal' } }, podSelector: api.toPodSelectorConfig().labelSelector._toKube() }]);
    expect(allowing(portalOut, db, 'ingress')).toEqual([]);
    expectCleanAndValid([records, portal], [...portalOut, ...recordsOut]);
  });

  test('a HipaaNamespace of the app, declared after the flow: every pod there may send to the workload', () => {
    const app = Testing.app();
    addPlatformImagePolicy(app);
    const clinicChart = new Chart(app, 'clinic', { namespace: 'clinic' });
    new HipaaNamespace(clinicChart, 'clinic', { owner: 'platform-team' });
    const frontend = kplus.Namespaces.select(clinicChart, 'frontend-by-name', { names: ['frontend'] });
    const api = new SecureDeployment(clinicChart, 'api', { containers: [container()], ingress: [{ from: frontend, ports: [tcp(8080)] }] });
    // The platform chart with the namespace comes later in the code.
    const platform = new Chart(app, 'platform');
    new HipaaNamespace(platform, 'frontend', { owner: 'web-team' });
    const manifests = synthApp(app);
    const inFrontend = manifests.filter((m) => m.kind === 'NetworkPolicy' && m.metadata.namespace === 'frontend');
    expect(inFrontend.map((p) => p.metadata.name)).toEqual(expect.arrayContaining(['default-deny', 'allow-dns-egress']));
    expect(inFrontend).toHaveLength(3);
    const peerSide = inFrontend.find((p) => p.metadata.name.startsWith('platform-'));
    expect(peerSide.spec).toEqual({
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'clinic' } }, podSelector: api.toPodSelectorConfig().labelSelector._toKube() }], ports: [{ port: 8080, protocol: 'TCP' }] }],
    });
    // Written after the Namespace it lives in.
    const platformOut = platform.toJson();
    expect(platformOut.findIndex((m) => m.kind === 'Namespace')).toBeLessThan(platformOut.findIndex((m) => m === platformOut.find((p) => p.metadata.name === peerSide.metadata.name)));
    // The image policy's admissionregistration.k8s.io/v1 kinds are Kubernetes 1.30+ (test/cdk8s/image-policy.test.ts validates them).
    expectCleanAndValid([clinicChart, platform], manifests.filter((m) => !m.apiVersion.startsWith('admissionregistration.k8s.io/')));
  });

  test('the peer\'s side, written at synth, carries the peer\'s waivers in the first synth', () => {
    const chart = clinic();
    const waiver = { ruleId: 'k8s-phi-open-egress', reason: 'Reaches the legacy HL7 engines across the hospital WAN', expires: SOON };
    const db = new SecureDeployment(chart, 'db', { containers: [container({ name: 'db', portNumber: 5432 })], waivers: [waiver] });
    const api = new SecureDeployment(chart, 'api', { containers: [container()], egress: [{ to: db, ports: [tcp(5432)] }] });
    const [ingress] = allowing(Testing.synth(chart), db, 'ingress');
    expect(ingress.spec.ingress[0].from[0].podSelector).toEqual(api.toPodSelectorConfig().labelSelector._toKube());
    expect(JSON.parse(ingress.metadata.annotations['hipaa-constructs.io/waivers'])).toEqual([waiver]);
  });

  test('a HipaaNamespace passed as the peer, and pods selected by label in the app\'s own namespace', () => {
    const chart = clinic();
    const jobs = new HipaaNamespace(chart, 'jobs', { owner: 'batch-team' });
    const workers = kplus.Pods.select(chart, 'workers', { labels: { app: 'worker' } });
    const api = new SecureDeployment(chart, 'api', {
      containers: [container()],
      ingress: [{ from: jobs, ports: [tcp(8080)] }, { from: workers, ports: [tcp(8080)] }],
    });
    const manifests = Testing.synth(chart);
    const peerSides = ofKind(manifests, 'NetworkPolicy').filter((p) => p.spec.egress?.[0]?.to?.[0]?.podSelector?.matchLabels?.[ADDR]);
    expect(peerSides.map((p) => [p.metadata.namespace, p.spec.podSelector]).sort()).toEqual([
      ['clinic', { matchLabels: { app: 'worker' } }],
      ['jobs', {}],
    ]);
    expect(allowing(manifests, api, 'ingress')).toHaveLength(2);
    expectCleanAndValid([chart], manifests);
  });

  test('pods selected by label in the workload\'s own namespace, which the app does not create, get nothing', () => {
    const chart = newChart('legacy');
    // No HipaaNamespace here, so the pack would refuse the chart: check nothing, look at the output.
    HipaaValidation.enable(chart, { pack: { name: 'none', description: 'no rules', rules: [] } });
    const workers = kplus.Pods.select(chart, 'workers', { labels: { app: 'worker' } });
    const api = new SecureDeployment(chart, 'api', { containers: [container()], ingress: [{ from: workers, ports: [tcp(8080)] }] });
    const policies = ofKind(Testing.synth(chart), 'NetworkPolicy');
    expect(policies.filter((p) => JSON.stringify(p.spec.podSelector) === JSON.stringify({ matchLabels: { app: 'worker' } }))).toEqual([]);
    const apiAddr = api.toPodSelectorConfig().labelSelector._toKube().matchLabels![ADDR];
    expect(policies.map((p) => p.spec.podSelector.matchLabels[ADDR])).toEqual(policies.map(() => apiAddr));
  });
});

describe('flows: declared twice, written once', () => {
  function pair() {
    const chart = clinic();
    const db = new SecureDeployment(chart, 'db', { containers: [container({ name: 'db', portNumber: 5432 })] });
    return { chart, db };
  }
  const ports = (p: any, direction: 'ingress' | 'egress') => p.spec[direction][0].ports.map((x: any) => `${x.protocol}/${x.port}`);

  test('egress prop and connections.allowTo to the same peer and port: no id collision, one policy per side', () => {
    const { chart, db } = pair();
    const api = new SecureDeployment(chart, 'api', { containers: [container()], egress: [{ to: db, ports: [tcp(5432)] }] });
    api.connections.allowTo(db, { ports: [tcp(5432)] });
    const manifests = Testing.synth(chart);
    expect(allowing(manifests, api, 'egress').map((p) => ports(p, 'egress'))).toEqual([['TCP/5432']]);
    expect(allowing(manifests, db, 'ingress').map((p) => ports(p, 'ingress'))).toEqual([['TCP/5432']]);
    expectCleanAndValid([chart], manifests);
  });

  test('connections.allowTo without ports takes the peer\'s container ports, and other ports merge into the same policy', () => {
    const { chart, db } = pair();
    const api = new SecureDeployment(chart, 'api', { containers: [container()], egress: [{ to: db, ports: [tcp(9187)] }] });
    api.connections.allowTo(db);
    api.connections.allowTo(db, { ports: [kplus.NetworkPolicyPort.udp(5432)] });
    const manifests = Testing.synth(chart);
    expect(allowing(manifests, api, 'egress').map((p) => ports(p, 'egress'))).toEqual([['TCP/9187', 'TCP/5432', 'UDP/5432']]);
    expect(allowing(manifests, db, 'ingress').map((p) => ports(p, 'ingress'))).toEqual([['TCP/9187', 'TCP/5432', 'UDP/5432']]);
    expectCleanAndValid([chart], manifests);
  });

  test('the peer declares the flow first (db ingress prop), then the workload (api.connections.allowTo)', () => {
    const chart = clinic();
    const api = new SecureDeployment(chart, 'api', { containers: [container()] });
    const db = new SecureDeployment(chart, 'db', { containers: [container({ name: 'db', portNumber: 5432 })], ingress: [{ from: api, ports: [tcp(5432)] }] });
    api.connections.allowTo(db, { ports: [tcp(5432)] });
    const manifests = Testing.synth(chart);
    expect(allowing(manifests, api, 'egress').map((p) => ports(p, 'egress'))).toEqual([['TCP/5432']]);
    expect(allowing(manifests, db, 'ingress').map((p) => ports(p, 'ingress'))).toEqual([['TCP/5432']]);
    expectCleanAndValid([chart], manifests);
  });

  test('connections first on both ends (db.connections.allowFrom, then api.connections.allowTo)', () => {
    const chart = clinic();
    const db = new SecureDeployment(chart, 'db', { containers: [container({ name: 'db', portNumber: 5432 })] });
    const api = new SecureDeployment(chart, 'api', { containers: [container()] });
    db.connections.allowFrom(api, { ports: [tcp(5432)] });
    api.connections.allowTo(db, { ports: [tcp(5432)] });
    const manifests = Testing.synth(chart);
    expect(allowing(manifests, api, 'egress')).toHaveLength(1);
    expect(allowing(manifests, db, 'ingress')).toHaveLength(1);
  });

  test('both ends declare the flow in their props: one egress and one ingress policy', () => {
    const chart = clinic();
    const db = new SecureDeployment(chart, 'db', { containers: [container({ name: 'db', portNumber: 5432 })] });
    const api = new SecureDeployment(chart, 'api', { containers: [container()], egress: [{ to: db, ports: [tcp(5432)] }] });
    db.connections.allowFrom(api, { ports: [tcp(5432)] });
    const manifests = Testing.synth(chart);
    expect(allowing(manifests, api, 'egress')).toHaveLength(1);
    expect(allowing(manifests, db, 'ingress')).toHaveLength(1);
  });

  test('ingress prop and connections.allowFrom from the same peer compose; other ports merge', () => {
    const chart = clinic();
    const nginx = kplus.Namespaces.select(chart, 'nginx', { names: ['ingress-nginx'] });
    const api = new SecureDeployment(chart, 'api', { containers: [container()], ingress: [{ from: nginx, ports: [tcp(8080)] }] });
    api.connections.allowFrom(nginx, { ports: [tcp(8080)] });
    api.connections.allowFrom(nginx, { ports: [tcp(8443)] });
    api.connections.allowFrom(nginx); // the workload's own container port, 8080
    const manifests = Testing.synth(chart);
    expect(allowing(manifests, api, 'ingress').map((p) => ports(p, 'ingress'))).toEqual([['TCP/8080', 'TCP/8443']]);
    expect(manifests.filter((m) => m.metadata.namespace === 'ingress-nginx')).toEqual([]);
    expectCleanAndValid([chart], manifests);
  });

  test('a same peer from different scopes is one peer: two selections of ingress-nginx are one policy', () => {
    const chart = clinic();
    const api = new SecureDeployment(chart, 'api', {
      containers: [container()],
      ingress: [
        { from: kplus.Namespaces.select(chart, 'nginx-a', { names: ['ingress-nginx'] }), ports: [tcp(8080)] },
        { from: kplus.Namespaces.select(chart, 'nginx-b', { names: ['ingress-nginx'] }), ports: [tcp(9090)] },
      ],
    });
    expect(allowing(Testing.synth(chart), api, 'ingress').map((p) => ports(p, 'ingress'))).toEqual([['TCP/8080', 'TCP/9090']]);
  });

  test('isolation POD writes only the workload\'s side; PEER only the peer\'s', () => {
    const { chart, db } = pair();
    const api = new SecureDeployment(chart, 'api', { containers: [container()] });
    api.connections.allowTo(db, { ports: [tcp(5432)], isolation: kplus.PodConnectionsIsolation.POD });
    let manifests = Testing.synth(chart);
    expect(allowing(manifests, api, 'egress')).toHaveLength(1);
    expect(allowing(manifests, db, 'ingress')).toHaveLength(0);
    api.connections.allowTo(db, { ports: [tcp(5432)], isolation: kplus.PodConnectionsIsolation.PEER });
    manifests = Testing.synth(chart);
    expect(allowing(manifests, api, 'egress')).toHaveLength(1);
    expect(allowing(manifests, db, 'ingress')).toHaveLength(1);
  });

  test('isolation PEER with a peer outside the app is refused at synth, naming the call', () => {
    const chart = clinic();
    const api = new SecureDeployment(chart, 'api', { containers: [container()] });
    const nginx = kplus.Namespaces.select(chart, 'nginx', { names: ['ingress-nginx'] });
    api.connections.allowFrom(nginx, { ports: [tcp(8080)], isolation: kplus.PodConnectionsIsolation.PEER });
    expect(() => Testing.synth(chart)).toThrow(
      "[test/api] connections.allowFrom(test/nginx): isolation PEER asks for a NetworkPolicy on the peer's side only, but the peer is in namespace 'ingress-nginx', which the app does not create",
    );
  });

  test('connections without ports to a peer that has none are refused, naming the call', () => {
    const chart = clinic();
    const api = new SecureDeployment(chart, 'api', { containers: [container()] });
    expect(() => api.connections.allowTo(kplus.NetworkPolicyIpBlock.ipv4(chart, 'db-subnet', '10.20.0.0/24'))).toThrow(
      '[test/api] connections.allowTo(test/db-subnet): name the ports this flow may use (options.ports); the peer has no container ports to take them from',
    );
  });
});

describe('flows from everyone are refused at construction (k8s-phi-open-ingress)', () => {
  test.each<[string, (c: Chart) => kplus.INetworkPolicyPeer, string]>([
    ['Namespaces.all()', (c) => kplus.Namespaces.all(c, 'all'), 'every pod in every namespace (namespaceSelector {})'],
    ['a selector matching every namespace', (c) => kplus.Namespaces.select(c, 'all', { expressions: [kplus.LabelExpression.exists('kubernetes.io/metadata.name')] }), 'every pod in every namespace (namespaceSelector {})'],
    ['an empty namespace selection', (c) => kplus.Namespaces.select(c, 'all', {}), 'every pod in every namespace (namespaceSelector {})'],
    ['Pods.all in every namespace', (c) => kplus.Pods.all(c, 'all', { namespaces: kplus.Namespaces.all(c, 'every') }), 'every pod in every namespace (namespaceSelector {})'],
    ['pods by label in every namespace', (c) => kplus.Pods.select(c, 'scanners', { labels: { app: 'scanner' }, namespaces: kplus.Namespaces.all(c, 'all') }), 'pods matching {"matchLabels":{"app":"scanner"}} in every namespace (namespaceSelector {})'],
    ['anyIpv4', (c) => kplus.NetworkPolicyIpBlock.anyIpv4(c, 'any'), 'any IPv4 address (ipBlock 0.0.0.0/0)'],
    ['anyIpv6', (c) => kplus.NetworkPolicyIpBlock.anyIpv6(c, 'any'), 'any IPv6 address (ipBlock ::/0)'],
    ['0.0.0.0/0 with an except', (c) => kplus.NetworkPolicyIpBlock.ipv4(c, 'any', '0.0.0.0/0', ['10.0.0.0/8']), 'any IPv4 address (ipBlock 0.0.0.0/0 except 10.0.0.0/8)'],
  ])('ingress from %s', (_what, peerOf, what) => {
    const chart = clinic();
    expect(() => new SecureDeployment(chart, 'api', { containers: [container()], ingress: [{ from: peerOf(chart), ports: [tcp(8080)] }] })).toThrow(
      `[test/api] ingress[0].from: allows ingress from ${what} to this PHI workload (k8s-phi-open-ingress). Name the sources instead`,
    );
  });

  test('every such flow is named in one error', () => {
    const chart = clinic();
    let message = '';
    try {
      new SecureDeployment(chart, 'api', {
        containers: [container()],
        ingress: [
          { from: kplus.Namespaces.select(chart, 'nginx', { names: ['ingress-nginx'] }), ports: [tcp(8080)] },
          { from: kplus.Namespaces.all(chart, 'all'), ports: [tcp(8080)] },
          { from: kplus.NetworkPolicyIpBlock.anyIpv6(chart, 'any6'), ports: [tcp(8080)] },
        ],
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n').map((l) => l.slice(0, l.indexOf(':')))).toEqual(['[test/api] ingress[1].from', '[test/api] ingress[2].from']);
  });

  test('connections.allowFrom is held to the same rule', () => {
    const chart = clinic();
    const api = new SecureDeployment(chart, 'api', { containers: [container()] });
    expect(() => api.connections.allowFrom(kplus.Namespaces.all(chart, 'all'), { ports: [tcp(8080)] })).toThrow(
      '[test/api] connections.allowFrom(test/all): allows ingress from every pod in every namespace (namespaceSelector {}) to this PHI workload (k8s-phi-open-ingress)',
    );
  });

  test('a waiver of the rule on the construct lets it through; the finding is then waived, not hidden', () => {
    const chart = clinic();
    const waiver = { ruleId: 'k8s-phi-open-ingress', reason: 'Public patient portal; a WAF and mTLS at the edge compensate', expires: SOON };
    const api = new SecureDeployment(chart, 'api', {
      containers: [container()],
      waivers: [waiver],
      ingress: [{ from: kplus.NetworkPolicyIpBlock.anyIpv4(chart, 'any'), ports: [tcp(8443)] }],
    });
    const manifests = Testing.synth(chart);
    const [open] = allowing(manifests, api, 'ingress');
    expect(open.spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '0.0.0.0/0' } }]);
    const result = HipaaValidation.of(chart)!.check();
    expect(apartFromMtls(result.unwaived)).toEqual([]);
    expect(result.waived.map((f) => `${f.ruleId} ${f.resource.kind} ${f.path}`)).toEqual(['k8s-phi-open-ingress NetworkPolicy spec.ingress[0].from[0]']);
  });

  test('a workload classified phi: false is left to the rule, which flags it at synth in a PHI namespace', () => {
    const chart = clinic();
    new SecureDeployment(chart, 'docs', { containers: [container()], phi: false, ingress: [{ from: kplus.Namespaces.all(chart, 'all'), ports: [tcp(8080)] }] });
    expect(() => Testing.synth(chart)).toThrow(/\[k8s-phi-open-ingress\] test\/docs\/AllowIngress-[0-9a-f]+ .* spec\.ingress\[0\]\.from\[0\]: allows ingress from every pod in every namespace \(namespaceSelector \{\}\) to PHI workload Deployment 'test-docs-[0-9a-f]+'/);
  });

  test('egress to any address is refused at synth by k8s-phi-open-egress', () => {
    const chart = clinic();
    new SecureDeployment(chart, 'api', { containers: [container()], egress: [{ to: kplus.NetworkPolicyIpBlock.anyIpv4(chart, 'internet'), ports: [tcp(443)] }] });
    expect(() => Testing.synth(chart)).toThrow(/\[k8s-phi-open-egress\] test\/api\/AllowEgress-[0-9a-f]+ .*spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr: allows egress to any IPv4 address \(ipBlock 0\.0\.0\.0\/0\) from PHI workload Deployment 'test-api-/);
  });

  test('the egress limit is a HipaaValidation setting, checked when it is set', () => {
    const chart = clinic();
    expect(() => HipaaValidation.enable(chart, { minEgressPrefix: { ipv4: 40 } })).toThrow(
      '[test] minEgressPrefix.ipv4: must be a whole number from 0 to 32 (a prefix length, e.g. 16), got 40 (k8s-phi-open-egress).',
    );
    new SecureDeployment(chart, 'api', { containers: [container()], egress: [{ to: kplus.NetworkPolicyIpBlock.ipv4(chart, 'vpc', '10.20.0.0/16'), ports: [tcp(5432)] }] });
    expect(apartFromMtls(HipaaValidation.of(chart)!.check().findings)).toEqual([]);
    HipaaValidation.enable(chart, { minEgressPrefix: { ipv4: 24 } });
    expect(apartFromMtls(HipaaValidation.of(chart)!.check().unwaived).map((f) => f.ruleId)).toEqual(['k8s-phi-open-egress']);
  });
});
