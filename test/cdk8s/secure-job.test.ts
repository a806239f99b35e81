import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HipaaNamespace, HipaaValidation, SecureJob, SecureJobProps } from '../../lib/cdk8s';
import { PHI_LABEL } from '../../lib/labels';
import { kubernetesPack } from '../../lib/rules/k8s';
import { expectRefusal, jobContainer, newChart, ofKind } from '../helpers/cdk8s';
import { validateCustomResources } from '../helpers/crd-schema';
import { apartFromMtls } from '../helpers/mesh';
import { validateManifests } from '../helpers/schema';

function build(props: Partial<SecureJobProps> = {}) {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  const job = new SecureJob(chart, 'migrate', {
    containers: [jobContainer()],
    owner: 'data-team',
    secrets: [{ secret: kplus.Secret.fromSecretName(chart, 'DbSecret', 'db-credentials'), mountPath: '/var/run/secrets/db' }],
    ...props,
  });
  return { chart, job };
}

describe('SecureJob', () => {
  const { chart, job } = build();
  const manifests = Testing.synth(chart);
  const [kubeJob] = ofKind(manifests, 'Job');
  const pod = kubeJob.spec.template.spec;
  const [c] = pod.containers;

  test('snapshot of the hardened output', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('the full rule pack finds nothing, not even waived findings', () => {
    const result = HipaaValidation.of(build().chart)!.check();
    expect(apartFromMtls(result.findings)).toEqual([]);
    expect(result.rules.length).toBeGreaterThanOrEqual(kubernetesPack.rules.length);
  });

  test('the output is valid against the Kubernetes 1.28 schema', () => {
    expect(validateManifests(manifests)).toEqual([]);
    expect(validateCustomResources(manifests)).toEqual([]);
  });

  test('a run ends after 1 hour, is retried 3 times, and the finished Job goes after a day; pods never restart in place', () => {
    expect(kubeJob.spec.activeDeadlineSeconds).toBe(3600);
    expect(kubeJob.spec.backoffLimit).toBe(3);
    expect(kubeJob.spec.ttlSecondsAfterFinished).toBe(86400);
    expect(pod.restartPolicy).toBe('Never');
  });

  test('limits given in props are written as given', () => {
    const { chart: other } = build({
      activeDeadline: Duration.minutes(10),
      backoffLimit: 0,
      ttlAfterFinished: Duration.hours(2),
      restartPolicy: kplus.RestartPolicy.ON_FAILURE,
    });
    const [j] = ofKind(Testing.synth(other), 'Job');
    expect(j.spec).toMatchObject({ activeDeadlineSeconds: 600, backoffLimit: 0, ttlSecondsAfterFinished: 7200 });
    expect(j.spec.template.spec.restartPolicy).toBe('OnFailure');
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
    expect(job.podServiceAccount.name).toBe(pod.serviceAccountName);
  });

  test('container: read-only root, no escalation, every capability dropped, seccomp; no probes needed', () => {
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
    expect(c.livenessProbe).toBeUndefined();
    expect(c.readinessProbe).toBeUndefined();
    expect(kubeJob.spec.template.metadata.annotations).toEqual({ 'container.apparmor.security.beta.kubernetes.io/migrate': 'runtime/default' });
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

  test('PHI and owner labels on the Job and its pods; no spread, anti-affinity or PodDisruptionBudget for a run to completion', () => {
    expect(kubeJob.metadata.labels).toMatchObject({ [PHI_LABEL]: 'true', 'hipaa-constructs.io/owner': 'data-team', 'app.kubernetes.io/name': 'migrate' });
    expect(kubeJob.spec.template.metadata.labels).toMatchObject({ [PHI_LABEL]: 'true', 'app.kubernetes.io/name': 'migrate' });
    expect(pod.topologySpreadConstraints).toBeUndefined();
    expect(pod.affinity).toBeUndefined();
    expect(ofKind(manifests, 'PodDisruptionBudget')).toEqual([]);
  });

  test('isolated: a deny-all NetworkPolicy selects the pods; declared flows are allowed', () => {
    const policies = ofKind(manifests, 'NetworkPolicy');
    expect(policies.length).toBeGreaterThanOrEqual(1);
    const withEgress = newChart();
    new HipaaNamespace(withEgress, 'clinic', { owner: 'platform-team' });
    const db = kplus.NetworkPolicyIpBlock.ipv4(withEgress, 'Db', '10.0.0.0/16');
    new SecureJob(withEgress, 'migrate', { containers: [jobContainer()], egress: [{ to: db, ports: [kplus.NetworkPolicyPort.tcp(5432)] }] });
    const egress = ofKind(Testing.synth(withEgress), 'NetworkPolicy').flatMap((p) => p.spec.egress ?? []);
    expect(egress).toContainEqual(expect.objectContaining({ to: [{ ipBlock: { cidr: '10.0.0.0/16' } }] }));
  });

  test('probes are optional, and still checked when given', () => {
    const { chart: probed } = build({ containers: [jobContainer({ liveness: kplus.Probe.fromCommand(['/app/alive']) })] });
    expect(apartFromMtls(HipaaValidation.of(probed)!.check().findings)).toEqual([]);
    expectRefusal(
      () => build({ containers: [jobContainer({ readiness: 'yes' as any })] }),
      '[test/migrate] containers[0].readiness: expected a Probe (e.g. kplus.Probe.fromHttpGet(...)), got a string ("yes").',
    );
  });

  test('a container added later is hardened too', () => {
    const { chart: c2, job: j } = build();
    j.addContainer(jobContainer({ name: 'uploader' }));
    const [k] = ofKind(Testing.synth(c2), 'Job');
    expect(k.spec.template.spec.containers[1].securityContext).toMatchObject({ readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(apartFromMtls(HipaaValidation.of(c2)!.check().findings)).toEqual([]);
  });
});
