import { Chart, Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { HipaaNamespace, HipaaValidation, SecureContainerProps, SecureCronJob, SecureDeployment, SecureJob, SecureStatefulSet } from '../../lib/cdk8s';
import { childPath, InputProblems } from '../../lib/cdk8s/input-problems';
import { HardenedWorkloadProps, PodHardening } from '../../lib/cdk8s/pod-hardening';
import { JOB_KIND, STATEFUL_SET_KIND } from '../../lib/cdk8s/workload-kind';
import { PHI_LABEL } from '../../lib/labels';
import { container, expectRefusal, jobContainer, newChart, ofKind } from '../helpers/cdk8s';
import { apartFromMtls } from '../helpers/mesh';

/** Props of the thin shells below: what PodHardening reads, and the kplus props it passes on. */
type ShellProps = HardenedWorkloadProps & {
  readonly containers: SecureContainerProps[];
  readonly replicas?: number;
};

/**
 * A kplus Deployment made secure the way each workload construct does it, with nothing else (no
 * PDB, no Service labelling): the helper alone. The real shells (SecureDeployment,
 * SecureStatefulSet, SecureJob, SecureCronJob) are tested in their own files.
 */
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

describe('PodHardening', () => {
  describe('one hardening for every pod-bearing construct', () => {
    /** Each construct in its own chart with a HipaaNamespace, the pod spec and pod template metadata it writes. */
    function podOf(kind: string, add: (chart: Chart) => void): { spec: any; metadata: any } {
      const chart = newChart();
      new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
      add(chart);
      const obj = ofKind(Testing.synth(chart), kind)[0];
      const template = kind === 'CronJob' ? obj.spec.jobTemplate.spec.template : obj.spec.template;
      return template;
    }
    const secret = (chart: Chart) => [{ secret: dbSecret(chart), mountPath: '/var/run/secrets/db' }];
    const pods = {
      Deployment: podOf('Deployment', (c) => new SecureDeployment(c, 'app', { containers: [container({ name: 'app' })], secrets: secret(c) })),
      StatefulSet: podOf('StatefulSet', (c) => new SecureStatefulSet(c, 'app', { containers: [container({ name: 'app' })], secrets: secret(c) })),
      Job: podOf('Job', (c) => new SecureJob(c, 'app', { containers: [jobContainer({ name: 'app' })], secrets: secret(c) })),
      CronJob: podOf('CronJob', (c) => new SecureCronJob(c, 'app', { containers: [jobContainer({ name: 'app' })], schedule: Cron.daily(), secrets: secret(c) })),
    };

    test.each(Object.keys(pods))('%s: the same pod and container security, /tmp, secret files, AppArmor and PHI label', (kind) => {
      const { spec, metadata } = pods[kind as keyof typeof pods];
      expect(spec.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        fsGroupChangePolicy: 'Always',
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(spec.automountServiceAccountToken).toBe(false);
      expect(spec.containers[0].securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        privileged: false,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(spec.volumes).toEqual([
        { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
        { name: 'secret-0', secret: { secretName: 'db-credentials', defaultMode: 0o400 } },
      ]);
      expect(spec.containers[0].volumeMounts).toEqual([
        { mountPath: '/tmp', name: 'tmp' },
        { mountPath: '/var/run/secrets/db', name: 'secret-0', readOnly: true },
      ]);
      expect(metadata.annotations).toEqual({ 'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default' });
      expect(metadata.labels).toMatchObject({ [PHI_LABEL]: 'true', 'app.kubernetes.io/name': 'app' });
    });

    test('long-running kinds spread across zones and nodes; runs to completion do not', () => {
      const spreads = (p: { spec: any }) => p.spec.topologySpreadConstraints !== undefined && p.spec.affinity !== undefined;
      const spread = Object.fromEntries(Object.entries(pods).map(([k, p]) => [k, spreads(p)]));
      expect(spread).toEqual({ Deployment: true, StatefulSet: true, Job: false, CronJob: false });
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
      expect(apartFromMtls(HipaaValidation.of(chart)!.check().findings)).toEqual([]);
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
      // The shell passes no kind: the messages name SecureDeployment (the checks live in workload-props.ts).
      expectRefusal(
        () => deployment({ containers: [], phi: 'yes' as any }),
        [
          '[test/api] 2 problems in the props (all are listed; fix each):',
          '- phi: expected true or false, got a string ("yes").',
          '- containers: a SecureDeployment needs at least one container.',
        ].join('\n'),
      );
    });

    test('the kind names the construct, and its own checks join the one Error', () => {
      const own = (p: InputProblems) => p.add('schedule', 'is missing.');
      expectRefusal(
        () => PodHardening.validate('test/nightly', { containers: [], replicas: 0 }, JOB_KIND, own),
        [
          '[test/nightly] 2 problems in the props (all are listed; fix each):',
          '- containers: a SecureJob needs at least one container.',
          '- schedule: is missing.',
        ].join('\n'),
      );
      // A replicated kind checks replicas; a Job has none to check.
      expect(() => PodHardening.validate('test/db', { containers: [container()], replicas: 0 }, STATEFUL_SET_KIND)).toThrow(
        '[test/db] replicas: must be a whole number >= 1 (got 0).',
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
