import { Duration, Testing } from 'cdk8s';
import { BACKUP_PLAN_ANNOTATIONS, BackupSchedule, BackupScheduleProps, HipaaNamespace, HipaaValidation } from '../../lib/cdk8s';
import { goDuration } from '../../lib/cdk8s/backup-schedule-props';
import { RETENTION_ANNOTATION, RPO_ANNOTATION, RTO_ANNOTATION } from '../../lib/rules/k8s/storage/velero';
import { BACKUP_KEY as KEY, backupProps } from '../helpers/backup';
import { newChart, ofKind } from '../helpers/cdk8s';
import { validateCustomResources } from '../helpers/crd-schema';
import { apartFromMtls } from '../helpers/mesh';
import { validateManifests } from '../helpers/schema';

function build(overrides: Partial<BackupScheduleProps> = {}) {
  const chart = newChart();
  const ns = new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  const backup = new BackupSchedule(chart, 'backup', backupProps({ namespaces: [ns], ...overrides }));
  return { chart, backup };
}

describe('BackupSchedule', () => {
  const { chart, backup } = build();
  const manifests = Testing.synth(chart);
  const [schedule] = ofKind(manifests, 'Schedule');
  const [location] = ofKind(manifests, 'BackupStorageLocation');
  const [snapshots] = ofKind(manifests, 'VolumeSnapshotLocation');

  test('snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('the full rule pack finds nothing', () => {
    expect(apartFromMtls(HipaaValidation.of(build().chart)!.check().findings)).toEqual([]);
  });

  test('valid against the Kubernetes 1.28 schemas and the Velero CRDs (unknown fields rejected)', () => {
    expect(validateManifests(manifests.filter((m) => !m.apiVersion.startsWith('velero.io/')))).toEqual([]);
    expect(validateCustomResources(manifests)).toEqual([]);
    expect(ofKind(manifests, 'Schedule').concat(location, snapshots).map((m) => m.apiVersion)).toEqual(['velero.io/v1', 'velero.io/v1', 'velero.io/v1']);
  });

  test('the Schedule backs up the namespaces with the cluster-scoped RBAC, admission configuration, CRDs and classes, and volume snapshots; keeps backups for the retention; labels them PHI', () => {
    expect(schedule.metadata.namespace).toBe('velero');
    expect(schedule.spec.schedule).toBe('0 2 * * *');
    expect(schedule.spec.useOwnerReferencesInBackup).toBe(false);
    expect(schedule.spec.paused).toBeUndefined();
    // Not includeClusterResources: true, which would back up and snapshot every PersistentVolume of the cluster.
    expect(schedule.spec.template.includeClusterResources).toBeUndefined();
    expect(schedule.spec.template).toEqual({
      includedNamespaces: ['clinic'],
      includedClusterScopedResources: [
        'clusterroles.rbac.authorization.k8s.io',
        'clusterrolebindings.rbac.authorization.k8s.io',
        'validatingwebhookconfigurations.admissionregistration.k8s.io',
        'mutatingwebhookconfigurations.admissionregistration.k8s.io',
        'validatingadmissionpolicies.admissionregistration.k8s.io',
        'validatingadmissionpolicybindings.admissionregistration.k8s.io',
        'customresourcedefinitions.apiextensions.k8s.io',
        'storageclasses.storage.k8s.io',
        'volumesnapshotclasses.snapshot.storage.k8s.io',
      ],
      snapshotVolumes: true,
      storageLocation: 'backup',
      volumeSnapshotLocations: ['backup'],
      ttl: '2160h0m0s',
      metadata: { labels: { 'hipaa-constructs.io/phi': 'true', 'hipaa-constructs.io/owner': 'platform-team' } },
    });
  });

  test('retention, RPO and RTO are annotations on the Schedule, in the Go durations the storage rules read', () => {
    expect(schedule.metadata.annotations).toEqual({
      'hipaa-constructs.io/retention': '2160h0m0s',
      'hipaa-constructs.io/rpo': '24h0m0s',
      'hipaa-constructs.io/rto': '4h0m0s',
    });
    expect(BACKUP_PLAN_ANNOTATIONS).toEqual({ retention: RETENTION_ANNOTATION, rpo: RPO_ANNOTATION, rto: RTO_ANNOTATION });
  });

  test('the location writes to the S3 bucket with SSE-KMS under the customer key, credentials through IRSA (no credential Secret)', () => {
    expect(location.metadata).toMatchObject({ name: 'backup', namespace: 'velero', labels: { 'hipaa-constructs.io/phi': 'true' } });
    expect(location.spec).toEqual({
      provider: 'aws',
      objectStorage: { bucket: 'clinic-backups', prefix: 'velero/clinic' },
      config: { region: 'us-east-1', kmsKeyId: KEY, serverSideEncryption: 'aws:kms' },
    });
    expect(location.spec.credential).toBeUndefined();
    expect(snapshots.spec).toEqual({ provider: 'aws', config: { region: 'us-east-1' } });
    expect(snapshots.spec.credential).toBeUndefined();
  });

  test('exposes the plan: name, namespaces, cron and its longest gap', () => {
    expect([backup.name, backup.veleroNamespace, backup.namespaces, backup.cron, backup.longestGap.toHours()]).toEqual(['backup', 'velero', ['clinic'], '0 2 * * *', 24]);
  });

  test('the Velero objects come after the locations the Schedule names', () => {
    expect(manifests.filter((m) => m.apiVersion.startsWith('velero.io/')).map((m) => m.kind)).toEqual(['BackupStorageLocation', 'VolumeSnapshotLocation', 'Schedule']);
  });

  test('options: name, Velero namespace, schedule, TTL above the retention, snapshot region and key for restored volumes, names as strings', () => {
    const key2 = 'arn:aws:kms:us-west-2:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab';
    const m = Testing.synth(build({
      name: 'records-6h',
      veleroNamespace: 'backups',
      schedule: '15 */6 * * *',
      rpo: Duration.hours(6),
      ttl: Duration.days(120),
      namespaces: ['clinic', 'billing', 'clinic'],
      clusterScopedResources: [],
      snapshots: { region: 'us-west-2', restoredVolumeKmsKeyId: key2 },
    }).chart);
    const [s] = ofKind(m, 'Schedule');
    expect(s.metadata).toMatchObject({ name: 'records-6h', namespace: 'backups', annotations: { 'hipaa-constructs.io/rpo': '6h0m0s', 'hipaa-constructs.io/retention': '2160h0m0s' } });
    expect(s.spec.schedule).toBe('15 */6 * * *');
    expect(s.spec.template).toMatchObject({ includedNamespaces: ['clinic', 'billing'], ttl: '2880h0m0s', storageLocation: 'records-6h', volumeSnapshotLocations: ['records-6h'] });
    expect(s.spec.template.includedClusterScopedResources).toBeUndefined();
    expect(ofKind(m, 'VolumeSnapshotLocation')[0].spec).toEqual({ provider: 'aws', config: { region: 'us-west-2', ebsKmsKeyId: key2 } });
    expect(validateCustomResources(m)).toEqual([]);
  });

  test('a billing namespace the app declares but the schedule leaves out is flagged by k8s-phi-namespace-backup at synth', () => {
    const c = newChart();
    new HipaaNamespace(c, 'clinic', { owner: 'platform-team' });
    new HipaaNamespace(c, 'billing', { owner: 'platform-team' });
    new BackupSchedule(c, 'backup', backupProps());
    expect(apartFromMtls(HipaaValidation.of(c)!.check().findings).map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual(['k8s-phi-namespace-backup billing']);
  });
});

describe('goDuration', () => {
  test('whole seconds in the form Velero writes', () => {
    expect([goDuration(0), goDuration(90 * 60_000), goDuration(Duration.days(90).toMilliseconds()), goDuration(1500)]).toEqual(['0h0m0s', '1h30m0s', '2160h0m0s', '0h0m2s']);
  });
});
