import { App, Chart, Cron, Duration, Size, Testing } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import {
  BackupRestoreTest, BackupRestoreTestProps, BackupSchedule, BackupScheduleProps, EncryptedVolume, EncryptedVolumeProvider,
  HipaaNamespace, HipaaValidation, RESTORE_TEST_OF_ANNOTATION, SecureStatefulSet,
} from '../../lib/cdk8s';
import { restoreTemplate, restoreTestScript, resourceModifiers } from '../../lib/cdk8s/restore-test-script';
import { check } from '../../lib/check/engine';
import { fromManifest } from '../../lib/check/resource';
import { Restore } from '../../lib/imports/velero.io';
import { kubernetesPack } from '../../lib/rules/k8s';
import { RESTORE_TEST_OF_ANNOTATION as RULE_ANNOTATION } from '../../lib/rules/k8s/storage/velero';
import { backupProps } from '../helpers/backup';
import { container as containerProps, expectRefusal, imagePolicyManifests, newChart, ofKind, REGISTRY } from '../helpers/cdk8s';
import { validateCustomResources } from '../helpers/crd-schema';
import { SOON } from '../helpers/dates';
import { apartFromMtls } from '../helpers/mesh';
import { validateManifests } from '../helpers/schema';

const KUBECTL = `${REGISTRY}/kubectl:1.28.15@sha256:${'c'.repeat(64)}`;
const TOKEN_WAIVER = { ruleId: 'k8s-service-account-token', reason: 'Restore test creates Velero Restores through the API; its Roles allow only that', expires: SOON };

function restoreTestProps(overrides: Partial<BackupRestoreTestProps> = {}): BackupRestoreTestProps {
  return { image: KUBECTL, apiServer: { cidrs: ['10.0.0.0/24'] }, expectedClaims: ['data-db-0'], waivers: [TOKEN_WAIVER], ...overrides };
}

function build(rt: Partial<BackupRestoreTestProps> = {}, schedule: Partial<BackupScheduleProps> = {}) {
  const chart = newChart();
  const clinic = new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  const backup = new BackupSchedule(chart, 'backup', backupProps({ namespaces: [clinic], restoreTest: restoreTestProps(rt), ...schedule }));
  return { chart, backup };
}

const SCRATCH = 'backup-restore-test';

describe('BackupSchedule restore test', () => {
  const { chart, backup } = build();
  const manifests = Testing.synth(chart);
  const inScratch = manifests.filter((m) => m.metadata?.namespace === SCRATCH);
  const [cron] = ofKind(manifests, 'CronJob');
  const pod = cron.spec.jobTemplate.spec.template.spec;
  const [container] = pod.containers;

  test('snapshot (the waiver expiry, relative to today, written as <SOON>)', () => {
    expect(JSON.parse(JSON.stringify(manifests).split(SOON).join('<SOON>'))).toMatchSnapshot();
  });

  test('the full rule pack finds nothing (the API token is the one waived finding, with its reason and expiry)', () => {
    const result = HipaaValidation.of(build().chart)!.check();
    expect(apartFromMtls(result.unwaived)).toEqual([]);
    expect(apartFromMtls(result.findings).map((f) => `${f.ruleId} ${f.resource.kind} ${f.waiver?.reason === TOKEN_WAIVER.reason ? 'waived' : 'open'}`)).toEqual(['k8s-service-account-token CronJob waived']);
  });

  test('its YAML, checked on its own as hipaa-check would, has nothing unwaived (the waiver travels in the annotation)', () => {
    // The platform's image policy is context, as hipaa-check run over both repositories would see it.
    const context = imagePolicyManifests().map((m) => fromManifest(m));
    const result = check(manifests.map((m) => fromManifest(m)), kubernetesPack, { allowedRegistries: [REGISTRY], context });
    expect(apartFromMtls(result.unwaived)).toEqual([]);
    expect(apartFromMtls(result.findings).map((f) => f.ruleId)).toEqual(['k8s-service-account-token']);
  });

  test('valid against the Kubernetes 1.28 schemas and the Velero CRDs', () => {
    expect(validateManifests(manifests.filter((m) => !m.apiVersion.startsWith('velero.io/')))).toEqual([]);
    expect(validateCustomResources(manifests)).toEqual([]);
  });

  test('the scratch namespace is a PHI HipaaNamespace marked as the schedule\'s restore-test space', () => {
    const ns = ofKind(manifests, 'Namespace').find((n) => n.metadata.name === SCRATCH);
    expect(ns.metadata.labels).toMatchObject({ 'hipaa-constructs.io/phi': 'true', 'hipaa-constructs.io/owner': 'platform-team', 'pod-security.kubernetes.io/enforce': 'restricted' });
    expect(ns.metadata.annotations).toEqual({ [RESTORE_TEST_OF_ANNOTATION]: 'velero/backup' });
    expect(RESTORE_TEST_OF_ANNOTATION).toBe(RULE_ANNOTATION);
    expect(ofKind(inScratch, 'NetworkPolicy').map((p) => p.metadata.name)).toContain('default-deny');
  });

  test('the CronJob: one attempt, a deadline past the RTO, the script from its ConfigMap, the API token mounted, HOME on /tmp', () => {
    expect(cron.metadata.namespace).toBe(SCRATCH);
    expect(cron.spec.schedule).toBe('0 5 * * 0');
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    expect(cron.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 4 * 3600 + 600 });
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(container.image).toBe(KUBECTL);
    expect(container.command).toEqual(['/bin/sh', '/etc/restore-test/run.sh']);
    expect(container.args).toBeUndefined();
    expect(container.env).toEqual([{ name: 'HOME', value: '/tmp' }]);
    const mount = container.volumeMounts.find((m: any) => m.mountPath === '/etc/restore-test');
    expect(mount.readOnly).toBe(true);
    const volume = pod.volumes.find((v: any) => v.name === mount.name);
    expect(volume.configMap).toMatchObject({ name: 'backup-restore-test', defaultMode: 0o444 });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsNonRoot: true, allowPrivilegeEscalation: false });
  });

  test('the ConfigMap holds the script and the Restore template for this plan', () => {
    const files = ofKind(inScratch, 'ConfigMap').find((c) => c.metadata.name === 'backup-restore-test');
    expect(backup.restoreTest!.plan).toEqual({
      veleroNamespace: 'velero',
      schedule: 'backup',
      sourceNamespace: 'clinic',
      scratchNamespace: SCRATCH,
      includedResources: ['persistentvolumeclaims', 'persistentvolumes'],
      expectedClaims: ['data-db-0'],
      modifiersConfigMap: 'backup-restore-test',
      maxBackupAgeSeconds: 25 * 3600,
      rtoSeconds: 4 * 3600,
    });
    expect(files.data['run.sh']).toBe(restoreTestScript(backup.restoreTest!.plan));
    expect(JSON.parse(files.data['restore.json'])).toEqual(restoreTemplate(backup.restoreTest!.plan, Restore));
    const modifiers = ofKind(manifests, 'ConfigMap').find((c) => c.metadata.namespace === 'velero');
    expect(modifiers.data).toEqual({ 'resource-modifiers.yaml': resourceModifiers() });
  });

  test('least privilege: Restores and Backups in the Velero namespace; claims and deleting what was restored in the scratch namespace', () => {
    const roles = ofKind(manifests, 'Role').filter((r) => r.metadata.name === 'backup-restore-test');
    expect(roles.map((r) => [r.metadata.namespace, r.rules])).toEqual([
      ['velero', [
        { apiGroups: ['velero.io'], resources: ['restores'], verbs: ['create', 'get'] },
        { apiGroups: ['velero.io'], resources: ['backups'], verbs: ['list'] },
      ]],
      [SCRATCH, [
        { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['list'] },
        { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['deletecollection'] },
      ]],
    ]);
    const bindings = ofKind(manifests, 'RoleBinding').filter((b) => b.metadata.name === 'backup-restore-test');
    expect(bindings.map((b) => [b.metadata.namespace, b.roleRef.name, b.subjects])).toEqual([
      ['velero', 'backup-restore-test', [{ kind: 'ServiceAccount', name: pod.serviceAccountName, namespace: SCRATCH }]],
      [SCRATCH, 'backup-restore-test', [{ kind: 'ServiceAccount', name: pod.serviceAccountName, namespace: SCRATCH }]],
    ]);
  });

  test('egress only to the API server (and DNS, from the namespace)', () => {
    const egress = ofKind(inScratch, 'NetworkPolicy').filter((p) => p.spec.policyTypes?.includes('Egress') && p.spec.egress?.length > 0 && p.metadata.name !== 'allow-dns-egress');
    expect(egress.flatMap((p) => p.spec.egress)).toEqual([{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ port: 443, protocol: 'TCP' }] }]);
  });

  test('options: scratch namespace, source, resources (grouped ones listed and deleted), verification command, schedule, API server port', () => {
    const m = Testing.synth(build({
      namespace: 'clinic-drill',
      sourceNamespace: 'billing',
      includedResources: ['persistentvolumeclaims', 'persistentvolumes', 'secrets', 'deployments.apps'],
      verifyCommand: ['sh', '-c', 'kubectl get secret db -n "$RESTORE_NAMESPACE" -o name'],
      schedule: Cron.schedule({ minute: '30', hour: '3' }),
      apiServer: { cidrs: ['10.0.0.0/24', 'fd00::/64'], port: 6443 },
      maxBackupAge: Duration.hours(30),
    }, { namespaces: ['clinic', 'billing'] }).chart);
    const [c] = ofKind(m, 'CronJob');
    expect([c.metadata.namespace, c.spec.schedule, c.spec.jobTemplate.spec.template.spec.containers[0].args]).toEqual(
      ['clinic-drill', '30 3 * * *', ['sh', '-c', 'kubectl get secret db -n "$RESTORE_NAMESPACE" -o name']]);
    const scratchRole = ofKind(m, 'Role').find((r) => r.metadata.namespace === 'clinic-drill' && r.metadata.name === 'clinic-drill');
    expect(scratchRole.rules).toEqual([
      { apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['list'] },
      { apiGroups: [''], resources: ['persistentvolumeclaims', 'secrets'], verbs: ['deletecollection'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list', 'delete'] },
    ]);
    const script = ofKind(m, 'ConfigMap').find((x) => x.metadata.namespace === 'clinic-drill').data['run.sh'];
    expect(script).toContain("SCRATCH='clinic-drill'");
    expect(script).toContain('MAX_BACKUP_AGE_SECONDS=108000');
    expect(JSON.parse(ofKind(m, 'ConfigMap').find((x) => x.metadata.namespace === 'clinic-drill').data['restore.json']).spec.namespaceMapping).toEqual({ billing: 'clinic-drill' });
    const policies = ofKind(m, 'NetworkPolicy').filter((p) => p.metadata.namespace === 'clinic-drill').flatMap((p) => p.spec.egress ?? []);
    expect(policies).toContainEqual({ to: [{ ipBlock: { cidr: 'fd00::/64' } }], ports: [{ port: 6443, protocol: 'TCP' }] });
  });
});

test('a Schedule name of 63 characters still gives valid names (CronJob at most 52, namespace at most 63) and passes the pack', () => {
  const long = `records-${'x'.repeat(55)}`;
  const { chart } = build({}, { name: long });
  const m = Testing.synth(chart);
  const [cron] = ofKind(m, 'CronJob');
  expect(cron.metadata.name).toHaveLength(52);
  expect(ofKind(m, 'Namespace').map((n) => n.metadata.name)).toContain(`${'records-' + 'x'.repeat(42)}-restore-test`);
  expect(apartFromMtls(HipaaValidation.of(chart)!.check().unwaived)).toEqual([]);
  expect(validateManifests(m.filter((o) => !o.apiVersion.startsWith('velero.io/')))).toEqual([]);
});

test('more restore tests, one per namespace, constructed directly; their props problems name their own fields', () => {
  const chart = newChart();
  const backup = new BackupSchedule(chart, 'backup', backupProps({ namespaces: ['clinic', 'billing'], restoreTest: restoreTestProps() }));
  const billing = new BackupRestoreTest(backup, 'BillingRestoreTest', restoreTestProps({ namespace: 'billing-restore-test', sourceNamespace: 'billing', expectedClaims: [] }));
  expect(billing.plan).toMatchObject({ sourceNamespace: 'billing', scratchNamespace: 'billing-restore-test', schedule: 'backup' });
  const m = Testing.synth(chart);
  expect(ofKind(m, 'CronJob').map((c) => c.metadata.namespace)).toEqual(['backup-restore-test', 'billing-restore-test']);
  expect(apartFromMtls(HipaaValidation.of(chart)!.check().unwaived)).toEqual([]);
  expectRefusal(() => new BackupRestoreTest(backup, 'Again', restoreTestProps({ sourceNamespace: 'billing', image: 'kubectl:latest' })), [
    '[test/backup/Again] 2 problems in the props (all are listed; fix each):',
    "- image: 'kubectl:latest' is not pinned by digest (k8s-image-digest): the test runs with an API token, so the image must be the one reviewed. Append @sha256:<digest>.",
    "- namespace: 'backup-restore-test' is a PHI namespace of the app (test/backup/RestoreTest/Namespace/Namespace/Resource, labelled hipaa-constructs.io/phi: \"true\"): " +
      "restoring into it would overwrite production data (deleted objects come back, restored ones mix with live ones, and the test's cleanup deletes what it restored there). " +
      "Name a scratch namespace of its own, which the restore test creates, or leave namespace unset ('backup-restore-test').",
  ].join('\n'));
});

describe('the restore target must not be a production namespace', () => {
  const FIX = "Name a scratch namespace of its own, which the restore test creates, or leave restoreTest.namespace unset ('backup-restore-test').";
  const OVERWRITE = 'restoring into it would overwrite production data (deleted objects come back, restored ones mix with live ones, and the test\'s cleanup deletes what it restored there).';

  test('a namespace the schedule backs up', () => {
    expectRefusal(() => build({ namespace: 'clinic' }), `[test/backup] restoreTest.namespace: 'clinic' is a namespace this schedule backs up: ${OVERWRITE} ${FIX}`);
  });

  test('a PHI namespace of the app, declared before the schedule (at construction) or after it (at synth)', () => {
    const before = newChart();
    new HipaaNamespace(before, 'records', { owner: 'platform-team' });
    expectRefusal(() => new BackupSchedule(before, 'backup', backupProps({ restoreTest: restoreTestProps({ namespace: 'records' }) })),
      `[test/backup] restoreTest.namespace: 'records' is a PHI namespace of the app (test/records/Namespace/Resource, labelled hipaa-constructs.io/phi: "true"): ${OVERWRITE} ${FIX}`);
    const after = newChart();
    new BackupSchedule(after, 'backup', backupProps({ restoreTest: restoreTestProps({ namespace: 'records' }) }));
    new HipaaNamespace(after, 'records', { owner: 'platform-team' });
    expectRefusal(() => Testing.synth(after), 'Validation failed with the following errors:\n  ' +
      `[test/backup/RestoreTest] restoreTest.namespace: 'records' is a PHI namespace of the app (test/records/Namespace/Resource, labelled hipaa-constructs.io/phi: "true"): ${OVERWRITE} ${FIX}`);
  });

  test('a namespace of the app labelled not PHI is not the test\'s to create either', () => {
    const c = newChart();
    new HipaaNamespace(c, 'tools', { owner: 'platform-team', phi: false });
    expectRefusal(() => new BackupSchedule(c, 'backup', backupProps({ restoreTest: restoreTestProps({ namespace: 'tools' }) })),
      `[test/backup] restoreTest.namespace: 'tools' is a Namespace the app already creates (test/tools/Namespace/Resource); the restore test creates and owns its scratch namespace. ${FIX}`);
  });
});

describe('the synth-time scratch namespace checks share one walk of the tree per synth', () => {
  /** An app of `charts` namespaces, each in its own chart with a schedule; the first `tests` schedules have a restore test. */
  function app(charts: number, tests: number) {
    const a = Testing.app();
    for (let i = 0; i < charts; i++) {
      const chart = new Chart(a, `team-${i}`, { namespace: `team-${i}` });
      const ns = new HipaaNamespace(chart, `team-${i}`, { owner: 'platform-team' });
      const restoreTest = i < tests ? { restoreTest: restoreTestProps({ namespace: `team-${i}-restore-test` }) } : {};
      new BackupSchedule(chart, 'backup', backupProps({ name: `team-${i}-backup`, namespaces: [ns], ...restoreTest }));
    }
    return a;
  }

  /** How often a synth walks the whole tree (root.node.findAll). cdk8s validates the whole app once per chart it renders. */
  function walks(a: App): number {
    const spy = jest.spyOn(a.node, 'findAll');
    try {
      a.synthYaml();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  test('as many walks with five restore tests as with one (was one per test and validation: a test per namespace made synth cost tests x charts x constructs)', () => {
    expect(walks(app(5, 5))).toBe(walks(app(5, 1)));
  });

  test('a Namespace added between two synths is still refused at the second', () => {
    const a = app(2, 2);
    a.synthYaml();
    new HipaaNamespace(a.charts[1], 'team-0-restore-test', { owner: 'platform-team' });
    expect(() => a.synthYaml()).toThrow("[team-0/backup/RestoreTest] restoreTest.namespace: 'team-0-restore-test' is a PHI namespace of the app (team-1/team-0-restore-test/Namespace/Resource");
  });
});

describe('restore test props are refused with exact errors', () => {
  const build1 = (rt: unknown, schedule: Partial<BackupScheduleProps> = {}) => () => new BackupSchedule(newChart(), 'backup', backupProps({ restoreTest: rt as any, ...schedule }));

  test('without the waiver for the API token', () => {
    expectRefusal(build1(restoreTestProps({ waivers: [] })),
      "[test/backup] restoreTest.waivers: needs a waiver for k8s-service-account-token: the restore test calls the Kubernetes API (it creates a Velero Restore and reads what was restored), so its pod mounts its ServiceAccount's token, which its Roles limit to that. " +
      "Accept it with a reason and a review date, e.g. { ruleId: 'k8s-service-account-token', reason: 'Restore test creates Velero Restores through the API; its Roles allow only that', expires: 'YYYY-MM-DD' }.");
  });

  test('every problem at once', () => {
    expectRefusal(build1({
      image: 'bitnami/kubectl:1.28',
      includedResources: ['persistentvolumeclaims', 'namespaces', '*'],
      expectedClaims: ['Data_0'],
      verifyCommand: [],
      apiServer: { cidrs: ['10.0.0.0'], port: 70000 },
      maxBackupAge: Duration.hours(2),
      sourceNamespace: 'billing',
      waivers: [TOKEN_WAIVER],
    }), [
      '[test/backup] 10 problems in the props (all are listed; fix each):',
      "- restoreTest.image: 'bitnami/kubectl:1.28' is not pinned by digest (k8s-image-digest): the test runs with an API token, so the image must be the one reviewed. Append @sha256:<digest>.",
      "- restoreTest.sourceNamespace: 'billing' is not backed up by this schedule (namespaces: 'clinic'), so there is nothing to restore. Name one of them.",
      "- restoreTest.includedResources[1]: 'namespaces' would restore the source Namespace object; the scratch namespace already exists (a HipaaNamespace). Leave it out.",
      "- restoreTest.includedResources[2]: '*' is not a resource name; name each resource Velero restores in lower case, with its API group unless it is core (e.g. 'configmaps', 'deployments.apps').",
      '- restoreTest.includedResources: restores persistentvolumeclaims without persistentvolumes: the claims would not get the volumes Velero creates from the snapshots, and the test would check empty or unbound claims instead of the backed-up data. Add persistentvolumes.',
      "- restoreTest.expectedClaims[0]: PersistentVolumeClaim name 'Data_0' is not a valid DNS-1123 subdomain: use only lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters (k8s-valid-name).",
      "- restoreTest.verifyCommand: is empty; give the command and its arguments, e.g. ['/bin/sh', '-c', 'kubectl get configmap app -n \"$RESTORE_NAMESPACE\"'], or leave it unset.",
      "- restoreTest.maxBackupAge: 2h is shorter than the schedule's longest gap between backups (24h (1 day)), so the test would fail before every backup. Set it to at least 24h plus the time a backup takes, or leave it unset (the RPO plus one hour).",
      "- restoreTest.apiServer.cidrs[0]: '10.0.0.0' is not a CIDR (e.g. '10.0.0.0/24', or '10.0.0.5/32' for one address).",
      '- restoreTest.apiServer.port: must be a port number from 1 to 65535 (got 70000).',
    ].join('\n'));
  });

  test('missing image and API server; no owner anywhere', () => {
    expectRefusal(build1({ waivers: [TOKEN_WAIVER] }, { owner: undefined }), [
      '[test/backup] 3 problems in the props (all are listed; fix each):',
      "- restoreTest.image: is required: an image with sh and kubectl, pinned by digest (e.g. '<registry>/kubectl:1.28.15@sha256:...').",
      "- restoreTest.apiServer: is required: the addresses of the Kubernetes API server the test's pod may reach (its only egress besides DNS), e.g. { cidrs: ['10.0.0.0/24'] } (the endpoints of the `kubernetes` Service: kubectl get endpoints kubernetes -n default).",
      '- restoreTest.owner: is required when the schedule has no owner: the scratch namespace (a HipaaNamespace) is labelled with the team accountable for it. Set owner on the schedule or on the restore test.',
    ].join('\n'));
  });
});

// Issue 9 trial 2: the README and the example app waited for 'data-records-db-0' while the
// StatefulSet, named after its construct path, wrote 'data-test-db-c8...-0': every run would fail.
describe('expectedClaims are checked at synth against the claims the app\'s StatefulSets write', () => {
  const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  function withDatabase(expectedClaims: string[], name?: string, replicas = 2) {
    const chart = newChart();
    const clinic = new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    const storage = new EncryptedVolume(chart, 'storage', { provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId: KEY }) });
    const db = new SecureStatefulSet(chart, 'db', {
      ...(name === undefined ? {} : { metadata: { name } }),
      replicas,
      containers: [containerProps({ name: 'postgres', portNumber: 5432 })],
      volumeClaims: [{ name: 'data', mountPath: '/var/lib/postgresql/data', size: Size.gibibytes(20), storage }],
    });
    new BackupSchedule(chart, 'backup', backupProps({ namespaces: [clinic], restoreTest: restoreTestProps({ expectedClaims }) }));
    return { chart, db };
  }

  test('a claim of the set\'s template under a name the set does not have is refused, naming the claims it writes and the fix', () => {
    const { chart, db } = withDatabase(['data-db-0']);
    const set = db.name;
    expectRefusal(() => Testing.synth(chart), 'Validation failed with the following errors:\n  ' +
      `[test/backup/RestoreTest] restoreTest.expectedClaims[0]: 'data-db-0' is not a claim the app creates in namespace 'clinic': claim template 'data' of StatefulSet '${set}' ` +
      `(test/db) writes 'data-${set}-0', 'data-${set}-1', so every run would wait for a claim that never exists and fail. ` +
      'Name one of those, or give the StatefulSet a fixed name (metadata: { name: \'db\' } on the SecureStatefulSet).');
  });

  test('an ordinal at or beyond replicas is refused too', () => {
    const { chart } = withDatabase(['data-db-0', 'data-db-2'], 'db');
    expectRefusal(() => Testing.synth(chart), 'Validation failed with the following errors:\n  ' +
      "[test/backup/RestoreTest] restoreTest.expectedClaims[1]: 'data-db-2' is not a claim the app creates in namespace 'clinic': claim template 'data' of StatefulSet 'db' " +
      "(test/db) writes 'data-db-0', 'data-db-1', so every run would wait for a claim that never exists and fail. " +
      "Name one of those, or raise the StatefulSet's replicas.");
  });

  test('a StatefulSet the library did not write (its templates read from its rendered spec) is held to the same check', () => {
    const chart = newChart();
    const clinic = new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    new k8s.KubeStatefulSet(chart, 'vendor-db', {
      metadata: { name: 'vendor-db' },
      spec: {
        replicas: 1,
        serviceName: 'vendor-db',
        selector: { matchLabels: { app: 'vendor-db' } },
        template: { metadata: { labels: { app: 'vendor-db' } }, spec: { containers: [{ name: 'db', image: 'db' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
      },
    });
    new BackupSchedule(chart, 'backup', backupProps({ namespaces: [clinic], restoreTest: restoreTestProps({ expectedClaims: ['data-vendor-db-1'] }) }));
    // The vendor StatefulSet has findings of its own: only the restore test's validation is asserted here.
    const messages = chart.node.findAll().flatMap((c) => c.node.validate());
    expect(messages).toContain(
      "restoreTest.expectedClaims[0]: 'data-vendor-db-1' is not a claim the app creates in namespace 'clinic': claim template 'data' of StatefulSet 'vendor-db' " +
      "(test/vendor-db) writes 'data-vendor-db-0', so every run would wait for a claim that never exists and fail. Name one of those, or raise the StatefulSet's replicas.");
  });

  test('the claims the set writes pass, and so do claims of no template of the app (made elsewhere, e.g. by Helm)', () => {
    const { chart } = withDatabase(['data-db-0', 'data-db-1', 'uploads'], 'db');
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});
