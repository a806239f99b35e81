import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { HipaaNamespace, HipaaValidation, SecureContainerProps } from '../../lib/cdk8s';
import { childPath } from '../../lib/cdk8s/input-problems';
import { HardenedWorkloadProps, PodHardening } from '../../lib/cdk8s/pod-hardening';
import { PHI_LABEL } from '../../lib/labels';
import { kubernetesPack } from '../../lib/rules/k8s';
import { container, expectRefusal, newChart, ofKind } from '../helpers/cdk8s';
import { validateManifests } from '../helpers/schema';

/** Props of the thin shells below: what PodHardening reads, and the kplus props it passes on. */
type ShellProps = HardenedWorkloadProps & {
  readonly containers: SecureContainerProps[];
  readonly replicas?: number;
  readonly service?: kplus.Service;
};

/**
 * A kplus StatefulSet made secure the way each workload construct does it: the helper does the
 * pod, the shell only routes addContainer, addInitContainer and _toPodSpec through it.
 */
class HardenedStatefulSet extends kplus.StatefulSet {
  public readonly hardening: PodHardening;
  constructor(scope: Construct, id: string, props: ShellProps) {
    PodHardening.validate(childPath(scope, id), props);
    super(scope, id, PodHardening.podProps(id, props));
    this.hardening = new PodHardening(this, props);
    this.hardening.addInitialContainersAndFlows(props);
  }
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addContainer(cont, (h) => super.addContainer(h));
  }
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addContainer(cont, (h) => super.addInitContainer(h), 'addInitContainer');
  }
  /** @internal */
  public _toPodSpec(): k8s.PodSpec {
    return this.hardening.podSpec(() => super._toPodSpec());
  }
}

/** The same shell on a plain kplus Deployment (no PDB, no Service labelling: the helper alone). */
class HardenedDeployment extends kplus.Deployment {
  public readonly hardening: PodHardening;
  constructor(scope: Construct, id: string, props: ShellProps) {
    PodHardening.validate(childPath(scope, id), props);
    super(scope, id, PodHardening.podProps(id, props));
    this.hardening = new PodHardening(this, props);
    this.hardening.addInitialContainersAndFlows(props);
  }
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addContainer(cont, (h) => super.addContainer(h));
  }
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addContainer(cont, (h) => super.addInitContainer(h), 'addInitContainer');
  }
  /** @internal */
  public _toPodSpec(): k8s.PodSpec {
    return this.hardening.podSpec(() => super._toPodSpec());
  }
}

const dbSecret = (chart: Chart) => kplus.Secret.fromSecretName(chart, 'DbSecret', 'db-credentials');

/**
 * A StatefulSet of one replica in a HipaaNamespace, its headless Service labelled like the pods.
 * The Service is given: kplus derives the one it would create from the containers' ports, and
 * the containers are added (hardened) only after its constructor.
 */
function statefulSet(props: Partial<ShellProps> = {}) {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  const service = new kplus.Service(chart, 'DbService', { clusterIP: 'None', ports: [{ port: 5432 }] });
  const workload = new HardenedStatefulSet(chart, 'db', {
    containers: [container({ name: 'db', portNumber: 5432 })],
    replicas: 1,
    service,
    owner: 'data-team',
    secrets: [{ secret: dbSecret(chart), mountPath: '/var/run/secrets/db' }],
    ...props,
  });
  for (const [k, v] of Object.entries(workload.hardening.relatedLabels)) workload.service.metadata.addLabel(k, v);
  return { chart, workload };
}

describe('PodHardening', () => {
  describe('on a kplus StatefulSet', () => {
    const { chart, workload } = statefulSet();
    const manifests = Testing.synth(chart);
    const [sts] = ofKind(manifests, 'StatefulSet');
    const pod = sts.spec.template.spec;
    const [c] = pod.containers;

    test('the full rule pack finds nothing, not even waived findings', () => {
      const result = HipaaValidation.of(statefulSet().chart)!.check();
      expect(result.findings).toEqual([]);
      expect(result.rules.length).toBeGreaterThanOrEqual(kubernetesPack.rules.length);
    });

    test('the output is valid against the Kubernetes 1.28 schema', () => {
      expect(validateManifests(manifests)).toEqual([]);
    });

    test('pod: non-root 10001 with fsGroup, seccomp RuntimeDefault, no token, its own ServiceAccount', () => {
      expect(pod.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        fsGroupChangePolicy: 'Always',
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.automountServiceAccountToken).toBe(false);
      const sa = ofKind(manifests, 'ServiceAccount').find((x) => x.metadata.name === pod.serviceAccountName);
      expect(sa.automountServiceAccountToken).toBe(false);
      expect(workload.hardening.serviceAccount.name).toBe(pod.serviceAccountName);
      expect(sa.metadata.labels).toEqual(workload.hardening.relatedLabels);
    });

    test('container: read-only root, no escalation, every capability dropped, seccomp, the pod identity', () => {
      expect(c.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        privileged: false,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(sts.spec.template.metadata.annotations).toEqual({ 'container.apparmor.security.beta.kubernetes.io/db': 'runtime/default' });
    });

    test('a size-limited in-memory /tmp and the secret as read-only 0400 files', () => {
      expect(pod.volumes).toEqual([
        { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
        { name: 'secret-0', secret: { secretName: 'db-credentials', defaultMode: 0o400 } },
      ]);
      expect(c.volumeMounts).toEqual([
        { mountPath: '/tmp', name: 'tmp' },
        { mountPath: '/var/run/secrets/db', name: 'secret-0', readOnly: true },
      ]);
    });

    test('labels: PHI, app name and instance on the workload, PHI and app name on the pods', () => {
      expect(sts.metadata.labels).toMatchObject({
        [PHI_LABEL]: 'true',
        'app.kubernetes.io/name': 'db',
        'app.kubernetes.io/instance': sts.metadata.name,
        'hipaa-constructs.io/owner': 'data-team',
      });
      expect(workload.hardening.labels).toEqual(sts.metadata.labels);
      expect(sts.spec.template.metadata.labels).toMatchObject({ [PHI_LABEL]: 'true', 'app.kubernetes.io/name': 'db' });
      expect(workload.hardening.relatedLabels).not.toHaveProperty(['app.kubernetes.io/instance']);
    });

    test('spread across zones and nodes, preferred anti-affinity by node', () => {
      const selector = { matchLabels: sts.spec.selector.matchLabels };
      expect(pod.topologySpreadConstraints).toEqual([
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
      ]);
      expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    });

    test('isolated: the kplus deny-all policy selects the pods', () => {
      expect(ofKind(manifests, 'NetworkPolicy').length).toBeGreaterThanOrEqual(1);
    });
  });

  describe('on a kplus Deployment', () => {
    /** A chart with a HipaaNamespace; one replica, as the bare shell writes no PodDisruptionBudget. */
    function deployment(props: Partial<ShellProps> = {}) {
      const chart = newChart();
      new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
      const d = new HardenedDeployment(chart, 'api', { containers: [container()], replicas: 1, ...props });
      return { chart, d };
    }

    test('the full rule pack finds nothing, with a sidecar added later', () => {
      const { chart, d } = deployment();
      d.addContainer(container({ name: 'sidecar', portNumber: 9090 }));
      expect(HipaaValidation.of(chart)!.check().findings).toEqual([]);
    });

    test('a container added later is hardened and gets /tmp, secrets only when named', () => {
      const chart = newChart();
      new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
      const d = new HardenedDeployment(chart, 'api', {
        containers: [container()],
        replicas: 1,
        secrets: [{ secret: dbSecret(chart), mountPath: '/etc/creds', containers: ['api', 'sidecar'] }],
      });
      d.addContainer(container({ name: 'sidecar', portNumber: 9090 }));
      d.addContainer(container({ name: 'other', portNumber: 9091 }));
      const pod = ofKind(Testing.synth(chart), 'Deployment')[0].spec.template.spec;
      const mounts = Object.fromEntries(pod.containers.map((x: any) => [x.name, x.volumeMounts.map((m: any) => m.mountPath)]));
      expect(mounts).toEqual({ api: ['/tmp', '/etc/creds'], sidecar: ['/tmp', '/etc/creds'], other: ['/tmp'] });
      for (const x of pod.containers) expect(x.securityContext).toMatchObject({ readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    });

    test('a container added later is validated, naming the construct path and the method', () => {
      const { d } = deployment();
      expect(() => d.addInitContainer(container({ name: 'init', image: '' }))).toThrow(
        "[test/api] addInitContainer('init').image: must name an image (got an empty string).",
      );
    });

    test('props are refused through the one validator entry, every problem at once', () => {
      // Worded for SecureDeployment, its only user so far (the checks live in workload-props.ts).
      expectRefusal(
        () => deployment({ containers: [], phi: 'yes' as any }),
        [
          '[test/api] 2 problems in the props (all are listed; fix each):',
          '- phi: expected true or false, got a string ("yes").',
          '- containers: a SecureDeployment needs at least one container.',
        ].join('\n'),
      );
    });

    test('a secret naming a container the pod does not have is refused before the pod spec is rendered', () => {
      const chart = newChart();
      const d = new HardenedDeployment(chart, 'api', {
        containers: [container()],
        secrets: [{ secret: dbSecret(chart), mountPath: '/etc/creds', containers: ['missing'] }],
      });
      const render = jest.fn(() => ({ containers: [] }));
      expect(() => d.hardening.podSpec(render)).toThrow(/\[test\/api\] secrets\[0\]\.containers\[0\]: no container .* named 'missing'/);
      expect(render).not.toHaveBeenCalled();
    });

    test('identity overrides reach the pod and every container', () => {
      const { chart } = deployment({ identity: { user: 20000, group: 20001, fsGroup: 20002 } });
      const pod = ofKind(Testing.synth(chart), 'Deployment')[0].spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsUser: 20000, runAsGroup: 20001, fsGroup: 20002 });
      expect(pod.containers[0].securityContext).toMatchObject({ runAsUser: 20000, runAsGroup: 20001 });
    });
  });

  describe('podProps (the rewrite for super)', () => {
    const props: ShellProps = {
      containers: [container()],
      initContainers: [container({ name: 'init' })],
      phi: false,
      identity: { user: 12345 },
      podMetadata: { labels: { team: 'x' }, annotations: { a: 'b' } },
    };

    test('no containers yet, a non-root pod, no token, isolated, the PHI and name labels on the pods', () => {
      const out = PodHardening.podProps('api', props);
      expect(out.containers).toEqual([]);
      expect(out.initContainers).toEqual([]);
      expect(out.securityContext).toEqual({ ensureNonRoot: true, user: 12345, group: 10001, fsGroup: 10001 });
      expect(out.automountServiceAccountToken).toBe(false);
      expect(out.isolate).toBe(true);
      expect(out.podMetadata).toEqual({ labels: { 'team': 'x', [PHI_LABEL]: 'false', 'app.kubernetes.io/name': 'api' }, annotations: { a: 'b' } });
      expect(out.phi).toBe(false);
    });

    test('keeps explicit choices and leaves its input untouched (pure)', () => {
      const before = JSON.stringify(props);
      const out = PodHardening.podProps('api', { ...props, automountServiceAccountToken: true, isolate: false });
      expect(out.automountServiceAccountToken).toBe(true);
      expect(out.isolate).toBe(false);
      expect(JSON.stringify(props)).toBe(before);
      expect(PodHardening.podProps('api', props)).toEqual(PodHardening.podProps('api', props));
    });
  });
});
