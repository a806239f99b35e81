import { Cron, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HipaaNamespace, HipaaValidation, NetworkPolicyProbe, NetworkPolicyProbeProps, PROBE_COMPONENT, PROBE_OUTSIDE_MESH_REASON, SecureDeployment } from '../../lib/cdk8s';
import { probeScript } from '../../lib/cdk8s/network-policy-probe-script';
import { check } from '../../lib/check/engine';
import { fromManifest } from '../../lib/check/resource';
import { PHI_LABEL } from '../../lib/labels';
import { kubernetesPack } from '../../lib/rules/k8s';
import { container, imagePolicyManifests, newChart, ofKind, REGISTRY } from '../helpers/cdk8s';
import { validateCustomResources } from '../helpers/crd-schema';
import { SOON } from '../helpers/dates';
import { apartFromMtls } from '../helpers/mesh';
import { validateManifests } from '../helpers/schema';

const BUSYBOX = `${REGISTRY}/mirror/busybox:1.37.0@sha256:${'d'.repeat(64)}`;
const ADDR = 'cdk8s.io/metadata.addr';

function build(props: Partial<NetworkPolicyProbeProps> = {}) {
  const chart = newChart();
  const clinic = new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  const api = new SecureDeployment(chart, 'api', { containers: [container()] });
  const probe = new NetworkPolicyProbe(chart, 'isolation', {
    namespaces: [clinic],
    image: BUSYBOX,
    mustDeny: ['ingress-nginx-controller.ingress-nginx.svc.cluster.local:443', 'kubernetes.default.svc.cluster.local:443', '1.1.1.1:443'],
    mustAllow: [{ target: 'api.clinic.svc.cluster.local:8080', to: api }],
    ...props,
  });
  return { chart, clinic, api, probe };
}

describe('NetworkPolicyProbe', () => {
  const { chart, probe } = build();
  const manifests = Testing.synth(chart);
  const [cron] = ofKind(manifests, 'CronJob');
  const jobSpec = cron.spec.jobTemplate.spec;
  const pod = jobSpec.template.spec;
  const [c] = pod.containers;
  const probeAddr = jobSpec.template.metadata.labels[ADDR];
  const policies = ofKind(manifests, 'NetworkPolicy');

  test('snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('the full rule pack finds nothing (apart from the un-meshed namespace\'s mTLS warning), not even waived findings; the YAML checked on its own neither', () => {
    const result = HipaaValidation.of(build().chart)!.check();
    expect(apartFromMtls(result.findings)).toEqual([]);
    const context = imagePolicyManifests().map((m) => fromManifest(m));
    const alone = check(manifests.map((m) => fromManifest(m)), kubernetesPack, { allowedRegistries: [REGISTRY], context });
    expect(apartFromMtls(alone.findings)).toEqual([]);
  });

  test('valid against the Kubernetes 1.28 schemas', () => {
    expect(validateManifests(manifests)).toEqual([]);
    expect(validateCustomResources(manifests)).toEqual([]);
  });

  test('a SecureCronJob in the namespace, every 30 minutes, one attempt, a deadline bounded by the checks', () => {
    expect(probe.cronJobs).toHaveLength(1);
    expect(cron.metadata).toMatchObject({ name: 'network-policy-probe', namespace: 'clinic' });
    expect(cron.spec).toMatchObject({ schedule: '*/30 * * * *', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid' });
    // 6 checks (1 DNS name, DNS over TCP, 1 allowed, 3 denied) and 2 lookups of must-deny names, each 5 s + 3 s; 300 s to start.
    expect(jobSpec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: (6 + 2) * 8 + 300 });
  });

  test('no rights a workload lacks: hardened pod, no token, PHI label, no egress but DNS and the declared flow', () => {
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false });
    expect(jobSpec.template.metadata.labels).toMatchObject({ [PHI_LABEL]: 'true', 'app.kubernetes.io/component': PROBE_COMPONENT });
    // Out of any mesh, wherever it runs (a sidecar would accept every connection itself); no waiver where no mesh asks for one.
    expect(jobSpec.template.metadata.labels).toMatchObject({ 'sidecar.istio.io/inject': 'false', 'istio.io/dataplane-mode': 'none' });
    expect(jobSpec.template.metadata.annotations).toMatchObject({ 'linkerd.io/inject': 'disabled' });
    expect(cron.metadata.annotations?.['hipaa-constructs.io/waivers']).toBeUndefined();
    // Every egress rule that selects the probe's pod: the namespace's DNS rule and its one declared flow.
    const selecting = policies.filter((p) => p.spec.policyTypes.includes('Egress') &&
      (Object.keys(p.spec.podSelector).length === 0 || p.spec.podSelector.matchLabels?.[ADDR] === probeAddr));
    const egress = selecting.flatMap((p) => p.spec.egress ?? []);
    const apiAddr = ofKind(manifests, 'Deployment')[0].spec.selector.matchLabels[ADDR];
    expect(egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      },
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'clinic' } }, podSelector: { matchLabels: { [ADDR]: apiAddr } } }], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
    // No ingress to the probe at all.
    expect(policies.filter((p) => p.spec.podSelector.matchLabels?.[ADDR] === probeAddr).flatMap((p) => p.spec.ingress ?? [])).toEqual([]);
  });

  test('the declared flow is written on the peer\'s side too, as for any workload', () => {
    const apiAddr = ofKind(manifests, 'Deployment')[0].spec.selector.matchLabels[ADDR];
    const ingress = policies.filter((p) => p.spec.podSelector.matchLabels?.[ADDR] === apiAddr).flatMap((p) => p.spec.ingress ?? []);
    expect(ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'clinic' } }, podSelector: { matchLabels: { [ADDR]: probeAddr } } }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }]);
  });

  test('the script comes from a read-only ConfigMap and checks what the props say', () => {
    expect(c.image).toBe(BUSYBOX);
    expect(c.command).toEqual(['/bin/sh', '/etc/network-policy-probe/probe.sh']);
    const mount = c.volumeMounts.find((m: any) => m.mountPath === '/etc/network-policy-probe');
    expect(mount.readOnly).toBe(true);
    expect(pod.volumes.find((v: any) => v.name === mount.name).configMap).toMatchObject({ name: 'network-policy-probe', defaultMode: 0o444 });
    expect(probe.plans).toEqual([{
      namespace: 'clinic',
      mustDeny: [
        { host: 'ingress-nginx-controller.ingress-nginx.svc.cluster.local', port: 443 },
        { host: 'kubernetes.default.svc.cluster.local', port: 443 },
        { host: '1.1.1.1', port: 443 },
      ],
      mustAllow: [{ host: 'api.clinic.svc.cluster.local', port: 8080 }],
      dnsNames: ['kubernetes.default.svc.cluster.local'],
      dnsTcp: 'kube-dns.kube-system.svc.cluster.local',
      timeoutSeconds: 5,
      rejectIsDenial: false,
    }]);
    const [files] = ofKind(manifests, 'ConfigMap');
    expect(files.metadata).toMatchObject({ name: 'network-policy-probe', namespace: 'clinic', labels: { [PHI_LABEL]: 'true', 'hipaa-constructs.io/owner': 'platform-team' } });
    expect(files.data['probe.sh']).toBe(probeScript(probe.plans[0]));
  });

  test('defaults: the API server and the internet must be denied; several namespaces get a probe each, with their owner', () => {
    const chart2 = newChart();
    const a = new HipaaNamespace(chart2, 'clinic', { owner: 'platform-team' });
    new HipaaNamespace(chart2, 'billing', { owner: 'billing-team' });
    // A HipaaNamespace, or the name of one the app declares.
    const p = new NetworkPolicyProbe(chart2, 'isolation', { namespaces: [a, 'billing'], image: BUSYBOX, clusterDomain: 'corp.internal', timeout: Duration.seconds(2), rejectIsDenial: true });
    const m = Testing.synth(chart2);
    expect(ofKind(m, 'CronJob').map((j) => [j.metadata.namespace, j.metadata.labels['hipaa-constructs.io/owner'], j.spec.jobTemplate.spec.activeDeadlineSeconds]))
      .toEqual([['clinic', 'platform-team', (4 + 1) * 5 + 300], ['billing', 'billing-team', (4 + 1) * 5 + 300]]);
    expect(p.plans[1]).toEqual({
      namespace: 'billing',
      mustDeny: [{ host: 'kubernetes.default.svc.corp.internal', port: 443 }, { host: '1.1.1.1', port: 443 }],
      mustAllow: [],
      dnsNames: ['kubernetes.default.svc.corp.internal'],
      dnsTcp: 'kube-dns.kube-system.svc.corp.internal',
      timeoutSeconds: 2,
      rejectIsDenial: true,
    });
    expect(apartFromMtls(HipaaValidation.of(chart2)!.check().findings)).toEqual([]);
    expect(validateManifests(m)).toEqual([]);
  });

  test('options: schedule, name, owner, no DNS over TCP; a non-PHI namespace when asked explicitly', () => {
    const chart2 = newChart();
    const ops = new HipaaNamespace(chart2, 'ops', { owner: 'ops-team', phi: false });
    new NetworkPolicyProbe(chart2, 'isolation', {
      namespaces: [ops],
      image: BUSYBOX,
      nonPhiNamespaces: true,
      name: 'isolation-check',
      owner: 'security-team',
      schedule: Cron.schedule({ minute: '5', hour: '*' }),
      dnsOverTcp: false,
      dnsNames: ['kubernetes.default.svc.cluster.local', 'example.com'],
    });
    const m = Testing.synth(chart2);
    const [job] = ofKind(m, 'CronJob');
    expect(job.metadata).toMatchObject({ name: 'isolation-check', namespace: 'ops', labels: { 'hipaa-constructs.io/owner': 'security-team' } });
    expect(job.spec.schedule).toBe('5 * * * *');
    // Classified as the namespace's workloads are.
    expect(job.spec.jobTemplate.spec.template.metadata.labels[PHI_LABEL]).toBe('false');
    expect(HipaaValidation.of(chart2)!.check().findings).toEqual([]);
    const script: string = ofKind(m, 'ConfigMap')[0].data['probe.sh'];
    expect(script).toContain("resolves 'example.com'");
    expect(script).not.toContain('DNS over TCP)\'');
  });

  test('a namespace without DNS can be probed by IP address alone', () => {
    const chart2 = newChart();
    const quiet = new HipaaNamespace(chart2, 'quiet', { owner: 'ops-team', allowDns: false });
    const p = new NetworkPolicyProbe(chart2, 'isolation', { namespaces: [quiet], image: BUSYBOX, dnsNames: [], dnsOverTcp: false, mustDeny: ['10.96.0.1:443', '[2606:4700:4700::1111]:443'] });
    expect(p.plans[0].mustDeny).toEqual([{ host: '10.96.0.1', port: 443 }, { host: '2606:4700:4700::1111', port: 443 }]);
  });
});

describe('NetworkPolicyProbe in a namespace with a service mesh', () => {
  /** A meshed PHI namespace with an API, a web workload whose flow to it is mesh-authorized, and a probe that must reach the API. */
  function meshed(provider: 'istio' | 'linkerd') {
    const chart = newChart();
    const clinic = new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', mesh: { provider } });
    const api = new SecureDeployment(chart, 'api', { containers: [container()] });
    const web = new SecureDeployment(chart, 'web', { containers: [container({ name: 'web' })], egress: [{ to: api, ports: [kplus.NetworkPolicyPort.tcp(8080)] }] });
    const probe = new NetworkPolicyProbe(chart, 'isolation', {
      namespaces: [clinic],
      image: BUSYBOX,
      mustAllow: [{ target: 'api.clinic.svc.cluster.local:8080', to: api }],
      meshWaiverExpires: SOON,
    });
    const manifests = Testing.synth(chart);
    const sa = (w: SecureDeployment | kplus.CronJob) => w.serviceAccount!.name;
    return { chart, probe, manifests, api, web, probeSa: sa(probe.cronJobs[0]), webSa: sa(web) };
  }

  test('a non-PHI namespace with a mesh: the pod stays out of it too, but no waiver is asked for or written (the rule asks PHI namespaces only)', () => {
    const chart = newChart();
    const ops = new HipaaNamespace(chart, 'ops', { owner: 'ops-team', phi: false, mesh: { provider: 'istio' } });
    new NetworkPolicyProbe(chart, 'isolation', { namespaces: [ops], image: BUSYBOX, nonPhiNamespaces: true });
    const [cron] = ofKind(Testing.synth(chart), 'CronJob');
    expect(cron.spec.jobTemplate.spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('false');
    expect(cron.metadata.annotations?.['hipaa-constructs.io/waivers']).toBeUndefined();
    expect(HipaaValidation.of(chart)!.check().findings).toEqual([]);
  });

  for (const provider of ['istio', 'linkerd'] as const) {
    describe(provider, () => {
      const { chart, manifests, probeSa, webSa } = meshed(provider);
      const [cron] = ofKind(manifests, 'CronJob');
      const template = cron.spec.jobTemplate.spec.template;

      test('its pod stays out of the mesh, and carries a reasoned, expiring waiver of k8s-phi-namespace-mtls for it', () => {
        expect(template.metadata.labels).toMatchObject({ 'sidecar.istio.io/inject': 'false', 'istio.io/dataplane-mode': 'none' });
        expect(template.metadata.annotations).toMatchObject({ 'linkerd.io/inject': 'disabled' });
        expect(JSON.parse(cron.metadata.annotations['hipaa-constructs.io/waivers'])).toEqual([
          { ruleId: 'k8s-phi-namespace-mtls', reason: PROBE_OUTSIDE_MESH_REASON, expires: SOON },
        ]);
        // The workloads of the namespace stay in the mesh.
        for (const d of ofKind(manifests, 'Deployment')) expect(d.spec.template.metadata.labels['sidecar.istio.io/inject']).toBeUndefined();
      });

      test('the full rule pack finds nothing but the waived opt-out of the probe, in the app and in its YAML checked alone', () => {
        const result = HipaaValidation.of(chart)!.check();
        const summary = (findings: readonly any[]) => findings.map((f) => [f.ruleId, f.resource.kind, f.resource.name, f.waiver !== undefined]);
        expect(summary(result.findings)).toEqual([['k8s-phi-namespace-mtls', 'CronJob', 'network-policy-probe', true]]);
        expect(result.passed).toBe(true);
        const context = imagePolicyManifests().map((m) => fromManifest(m));
        const alone = check(manifests.map((m) => fromManifest(m)), kubernetesPack, { allowedRegistries: [REGISTRY], context });
        expect(summary(alone.findings)).toEqual([['k8s-phi-namespace-mtls', 'CronJob', 'network-policy-probe', true]]);
        // Without the waiver the rule flags the probe's pod: the opt-out is never silently accepted.
        const bare = manifests.map((m) => (m.kind === 'CronJob' ? { ...m, metadata: { ...m.metadata, annotations: {} } } : m));
        const flagged = check(bare.map((m) => fromManifest(m)), kubernetesPack, { allowedRegistries: [REGISTRY], context }).unwaived;
        expect(flagged.map((f) => [f.ruleId, f.path]))
          .toEqual([['k8s-phi-namespace-mtls', `spec.jobTemplate.spec.template.metadata.${provider === 'istio' ? 'labels["sidecar.istio.io/inject"]' : 'annotations["linkerd.io/inject"]'}`]]);
      });

      test('valid against the Kubernetes 1.28 schemas and the mesh CRDs', () => {
        expect(validateManifests(manifests, { ignoreUnknownKinds: true })).toEqual([]);
        expect(validateCustomResources(manifests)).toEqual([]);
      });

      test('its declared flow stays NetworkPolicy-only: the mesh authorization names the web workload, never the probe', () => {
        expect(probeSa).not.toBe(webSa);
        const meshObjects = manifests.filter((m) => /istio\.io|linkerd\.io/.test(m.apiVersion));
        expect(JSON.stringify(meshObjects)).not.toContain(probeSa);
        if (provider === 'istio') {
          const allow = ofKind(meshObjects, 'AuthorizationPolicy').filter((p) => p.spec.action === 'ALLOW');
          expect(allow.map((p) => p.spec.rules)).toEqual([[{ from: [{ source: { principals: [`cluster.local/ns/clinic/sa/${webSa}`] } }], to: [{ operation: { ports: ['8080'] } }] }]]);
        } else {
          expect(ofKind(meshObjects, 'MeshTLSAuthentication').map((a) => a.spec.identityRefs)).toEqual([[{ kind: 'ServiceAccount', name: webSa, namespace: 'clinic' }]]);
        }
        // The NetworkPolicy side is as in a namespace without a mesh: the API admits the probe on 8080.
        const probeAddr = template.metadata.labels[ADDR];
        const admitting = ofKind(manifests, 'NetworkPolicy').flatMap((p) => p.spec.ingress ?? []).filter((r: any) => r.from.some((f: any) => f.podSelector?.matchLabels?.[ADDR] === probeAddr));
        expect(admitting.map((r: any) => r.ports)).toEqual([[{ port: 8080, protocol: 'TCP' }]]);
      });
    });
  }
});
