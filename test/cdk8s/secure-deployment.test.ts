import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HipaaNamespace, HipaaValidation, SecureDeployment, SecureDeploymentProps } from '../../lib/cdk8s';
import { kubernetesPack } from '../../lib/rules/k8s';
import { container, newChart, ofKind } from '../helpers/cdk8s';
import { SOON } from '../helpers/dates';
import { apartFromMtls } from '../helpers/mesh';

function build(props: Partial<SecureDeploymentProps> = {}) {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  const deployment = new SecureDeployment(chart, 'api', { containers: [container()], ...props });
  return { chart, deployment };
}

describe('SecureDeployment', () => {
  test('snapshot of the hardened output', () => {
    const { chart } = build();
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('the full rule pack finds nothing, not even waived findings', () => {
    const { chart } = build();
    const result = HipaaValidation.of(chart)!.check();
    expect(apartFromMtls(result.findings)).toEqual([]);
    expect(result.rules.length).toBeGreaterThanOrEqual(kubernetesPack.rules.length);
  });

  describe('security-relevant fields', () => {
    const manifests = Testing.synth(build().chart);
    const [deployment] = ofKind(manifests, 'Deployment');
    const pod = deployment.spec.template.spec;
    const [c] = pod.containers;

    test('pod runs as non-root UID/GID 10001 with seccomp RuntimeDefault', () => {
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
    });

    test('container is locked down', () => {
      expect(c.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsGroup: 10001,
        runAsNonRoot: true,
        runAsUser: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
    });

    test('AppArmor runtime/default through the Kubernetes 1.28 annotation', () => {
      expect(deployment.spec.template.metadata.annotations['container.apparmor.security.beta.kubernetes.io/api']).toBe('runtime/default');
    });

    test('own ServiceAccount, token not mounted', () => {
      const [sa] = ofKind(manifests, 'ServiceAccount').filter((s) => s.metadata.name !== 'default');
      expect(pod.serviceAccountName).toBe(sa.metadata.name);
      expect(pod.serviceAccountName).not.toBe('default');
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(sa.automountServiceAccountToken).toBe(false);
    });

    test('requests and limits for cpu, memory and ephemeral storage; both probes', () => {
      for (const kind of ['requests', 'limits']) {
        expect(Object.keys(c.resources[kind]).sort()).toEqual(['cpu', 'ephemeral-storage', 'memory']);
      }
      expect(c.livenessProbe.httpGet.path).toBe('/livez');
      expect(c.readinessProbe.httpGet.path).toBe('/readyz');
    });

    test('image pinned by digest, always pulled', () => {
      expect(c.image).toMatch(/@sha256:[a-f0-9]{64}$/);
      expect(c.imagePullPolicy).toBe('Always');
    });

    test('writable /tmp is a size-limited in-memory emptyDir', () => {
      expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } });
    });

    test('PHI label on the Deployment and its pods', () => {
      expect(deployment.metadata.labels['hipaa-constructs.io/phi']).toBe('true');
      expect(deployment.spec.template.metadata.labels['hipaa-constructs.io/phi']).toBe('true');
    });

    test('PodDisruptionBudget selects the pods; topology spread over zones and nodes', () => {
      const [pdb] = ofKind(manifests, 'PodDisruptionBudget');
      expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: deployment.spec.selector });
      expect(pod.topologySpreadConstraints.map((t: any) => t.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
      // Preferred, not required: more replicas than nodes must still schedule.
      expect(pod.affinity).toEqual({
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{
            weight: 100,
            podAffinityTerm: { labelSelector: deployment.spec.selector, namespaces: ['clinic'], topologyKey: 'kubernetes.io/hostname' },
          }],
        },
      });
    });

    test('its pods are isolated by a NetworkPolicy of their own', () => {
      const own = ofKind(manifests, 'NetworkPolicy').filter((p) => p.spec.podSelector.matchLabels);
      expect(own).toHaveLength(1);
      expect(own[0].spec).toEqual({ podSelector: deployment.spec.selector, policyTypes: ['Egress', 'Ingress'] });
    });
  });

  test('labels are valid label values whatever the construct id and owner', () => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    new SecureDeployment(chart, 'Patient API', { containers: [container()], owner: 'records@clinic.example', phi: false });
    const [d] = ofKind(Testing.synth(chart), 'Deployment');
    expect(d.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'Patient_API', 'hipaa-constructs.io/owner': 'records_clinic.example', 'hipaa-constructs.io/phi': 'false' });
    expect(d.spec.template.metadata.labels['hipaa-constructs.io/phi']).toBe('false');
  });

  test('no PodDisruptionBudget for a single replica', () => {
    const { chart } = build({ replicas: 1 });
    expect(ofKind(Testing.synth(chart), 'PodDisruptionBudget')).toEqual([]);
  });

  test('secrets are mounted read-only as files with mode 0400', () => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    new SecureDeployment(chart, 'api', {
      containers: [container()],
      secrets: [{ secret: kplus.Secret.fromSecretName(chart, 'db', 'db-credentials'), mountPath: '/var/run/secrets/db' }],
    });
    const [d] = ofKind(Testing.synth(chart), 'Deployment');
    const pod = d.spec.template.spec;
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'secret-0', mountPath: '/var/run/secrets/db', readOnly: true });
    expect(pod.volumes).toContainEqual({ name: 'secret-0', secret: { secretName: 'db-credentials', defaultMode: 0o400 } });
    expect(pod.containers[0].env).toBeUndefined();
  });

  describe('the cdk8s-plus API keeps working', () => {
    test('exposeViaService, connections and declared flows produce NetworkPolicies', () => {
      const chart = newChart();
      new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
      const db = new SecureDeployment(chart, 'db', { containers: [container({ name: 'db', portNumber: 5432 })] });
      const api = new SecureDeployment(chart, 'api', {
        containers: [container()],
        ingress: [{ from: kplus.Namespaces.select(chart, 'ingress', { names: ['ingress-nginx'] }), ports: [kplus.NetworkPolicyPort.tcp(8080)] }],
        egress: [{ to: db, ports: [kplus.NetworkPolicyPort.tcp(5432)] }],
      });
      api.exposeViaService({ ports: [{ port: 443, targetPort: 8080 }] });
      const manifests = Testing.synth(chart);
      const [service] = ofKind(manifests, 'Service');
      expect(service.spec.type).toBe('ClusterIP');
      expect(service.metadata.labels).toEqual({ 'hipaa-constructs.io/phi': 'true', 'app.kubernetes.io/name': 'api' });
      const policies = ofKind(manifests, 'NetworkPolicy');
      const selecting = (d: SecureDeployment, direction: string) => policies.filter((p) =>
        JSON.stringify(p.spec.podSelector) === JSON.stringify(d.toPodSelectorConfig().labelSelector._toKube()) && p.spec[direction]);
      // From the ingress controller: our side only; nothing is written into ingress-nginx.
      expect(selecting(api, 'ingress').map((p) => p.spec.ingress)).toEqual([[{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: {} }],
        ports: [{ port: 8080, protocol: 'TCP' }],
      }]]);
      expect(policies.map((p) => p.metadata.namespace)).toEqual(policies.map(() => 'clinic'));
      // To the database of the same app: egress on the api, ingress on the db.
      expect(selecting(api, 'egress').map((p) => p.spec.egress[0].ports)).toEqual([[{ port: 5432, protocol: 'TCP' }]]);
      expect(selecting(db, 'ingress').map((p) => p.spec.ingress[0].ports)).toEqual([[{ port: 5432, protocol: 'TCP' }]]);
      expect(apartFromMtls(HipaaValidation.of(chart)!.check().findings)).toEqual([]);
    });

    test("a Service made by exposeViaService inherits the workload's waivers", () => {
      const chart = newChart();
      new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', quota: { loadBalancers: 1 } });
      const waiver = { ruleId: 'k8s-phi-service-exposure', reason: 'Internal NLB only reachable from the hospital VPN; SEC-77', expires: SOON, owner: 'netops' };
      const api = new SecureDeployment(chart, 'api', { containers: [container()], waivers: [waiver] });
      api.exposeViaService({ serviceType: kplus.ServiceType.LOAD_BALANCER, ports: [{ port: 443, targetPort: 8080 }] });
      const manifests = Testing.synth(chart);
      const [service] = ofKind(manifests, 'Service');
      expect(JSON.parse(service.metadata.annotations['hipaa-constructs.io/waivers'])).toEqual([waiver]);
      // The Deployment carries no annotation for a rule that does not apply to it.
      expect(ofKind(manifests, 'Deployment')[0].metadata.annotations).toBeUndefined();
      const result = HipaaValidation.of(chart)!.check();
      expect(apartFromMtls(result.unwaived)).toEqual([]);
      expect(result.waived.map((f) => `${f.resource.kind} ${f.ruleId}`)).toEqual(['Service k8s-phi-service-exposure']);
    });

    test('containers added later get the same hardening', () => {
      const { chart, deployment } = build();
      deployment.addContainer(container({ name: 'sidecar', portNumber: 9090 }));
      const [d] = ofKind(Testing.synth(chart), 'Deployment');
      const sidecar = d.spec.template.spec.containers[1];
      expect(sidecar.securityContext.capabilities).toEqual({ drop: ['ALL'] });
      expect(sidecar.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      expect(d.spec.template.metadata.annotations['container.apparmor.security.beta.kubernetes.io/sidecar']).toBe('runtime/default');
    });

    test('addVolume with a safe volume type works', () => {
      const { chart, deployment } = build();
      const cache = kplus.Volume.fromEmptyDir(chart, 'cache', 'cache', { sizeLimit: Size.mebibytes(32) });
      deployment.addVolume(cache);
      deployment.containers[0].mount('/var/cache/app', cache);
      const [d] = ofKind(Testing.synth(chart), 'Deployment');
      expect(d.spec.template.spec.volumes).toContainEqual({ name: 'cache', emptyDir: { sizeLimit: '32Mi' } });
    });
  });
});
