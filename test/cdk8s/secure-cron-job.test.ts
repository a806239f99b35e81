import { Cron, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HipaaNamespace, HipaaValidation, SecureCronJob, SecureCronJobProps } from '../../lib/cdk8s';
import { PHI_LABEL } from '../../lib/labels';
import { kubernetesPack } from '../../lib/rules/k8s';
import { jobContainer, newChart, ofKind } from '../helpers/cdk8s';
import { validateCustomResources } from '../helpers/crd-schema';
import { apartFromMtls } from '../helpers/mesh';
import { validateManifests } from '../helpers/schema';

function build(props: Partial<SecureCronJobProps> = {}) {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  const cronJob = new SecureCronJob(chart, 'report', {
    containers: [jobContainer({ name: 'report', command: ['/app/report'] })],
    schedule: Cron.schedule({ minute: '30', hour: '2' }),
    owner: 'data-team',
    secrets: [{ secret: kplus.Secret.fromSecretName(chart, 'DbSecret', 'db-credentials'), mountPath: '/var/run/secrets/db' }],
    ...props,
  });
  return { chart, cronJob };
}

describe('SecureCronJob', () => {
  const { chart, cronJob } = build();
  const manifests = Testing.synth(chart);
  const [cron] = ofKind(manifests, 'CronJob');
  const jobSpec = cron.spec.jobTemplate.spec;
  const pod = jobSpec.template.spec;
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

  test('schedule read in Etc/UTC, no overlapping runs, a 5-minute starting deadline, one finished Job of each outcome kept', () => {
    expect(cron.spec).toMatchObject({
      schedule: '30 2 * * *',
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 1,
      suspend: false,
    });
  });

  test('each run ends after 1 hour and is retried 3 times; pods never restart in place', () => {
    expect(jobSpec.activeDeadlineSeconds).toBe(3600);
    expect(jobSpec.backoffLimit).toBe(3);
    expect(jobSpec.ttlSecondsAfterFinished).toBeUndefined();
    expect(pod.restartPolicy).toBe('Never');
  });

  test('settings given in props are written as given', () => {
    const { chart: other } = build({
      timeZone: 'America/New_York',
      concurrencyPolicy: kplus.ConcurrencyPolicy.REPLACE,
      startingDeadline: Duration.minutes(1),
      successfulJobsRetained: 0,
      failedJobsRetained: 3,
      activeDeadline: Duration.minutes(20),
      backoffLimit: 1,
    });
    const [k] = ofKind(Testing.synth(other), 'CronJob');
    expect(k.spec).toMatchObject({ timeZone: 'America/New_York', concurrencyPolicy: 'Replace', startingDeadlineSeconds: 60, successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 3 });
    expect(k.spec.jobTemplate.spec).toMatchObject({ activeDeadlineSeconds: 1200, backoffLimit: 1 });
  });

  test('pod and container hardened as every SecureX pod; no probes, spread or PodDisruptionBudget', () => {
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      fsGroupChangePolicy: 'Always',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(cronJob.podServiceAccount.name).toBe(pod.serviceAccountName);
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true });
    expect(c.volumeMounts).toEqual([
      { mountPath: '/tmp', name: 'tmp' },
      { mountPath: '/var/run/secrets/db', name: 'secret-0', readOnly: true },
    ]);
    expect(c.livenessProbe).toBeUndefined();
    expect(pod.topologySpreadConstraints).toBeUndefined();
    expect(pod.affinity).toBeUndefined();
    expect(ofKind(manifests, 'PodDisruptionBudget')).toEqual([]);
  });

  test('PHI and owner labels on the CronJob, on the Jobs it creates and on their pods', () => {
    const labels = { [PHI_LABEL]: 'true', 'hipaa-constructs.io/owner': 'data-team', 'app.kubernetes.io/name': 'report' };
    expect(cron.metadata.labels).toMatchObject(labels);
    expect(cron.spec.jobTemplate.metadata.labels).toEqual(labels);
    expect(jobSpec.template.metadata.labels).toMatchObject({ [PHI_LABEL]: 'true', 'app.kubernetes.io/name': 'report' });
  });

  test('phi: false labels all three levels "false"', () => {
    const [k] = ofKind(Testing.synth(build({ phi: false }).chart), 'CronJob');
    expect(k.metadata.labels[PHI_LABEL]).toBe('false');
    expect(k.spec.jobTemplate.metadata.labels[PHI_LABEL]).toBe('false');
    expect(k.spec.jobTemplate.spec.template.metadata.labels[PHI_LABEL]).toBe('false');
  });

  test.each([['@daily'], ['*/15 * * * *'], ['0 3 * * MON-FRI'], ['0 0 1 JAN,JUL ?']])('accepts the schedule %s', (expr) => {
    const schedule = { expressionString: expr } as Cron;
    const [k] = ofKind(Testing.synth(build({ schedule }).chart), 'CronJob');
    expect(k.spec.schedule).toBe(expr);
  });
});
