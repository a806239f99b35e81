import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { EncryptedVolume, EncryptedVolumeProvider, HipaaNamespace, HipaaValidation, SecureStatefulSet, SecureStatefulSetProps } from '../../lib/cdk8s';
import type { IEncryptedStorageClass } from '../../lib/cdk8s/encrypted-storage';
import * as velero from '../../lib/imports/velero.io';
import { OWNER_LABEL, PHI_LABEL } from '../../lib/labels';
import { kubernetesPack } from '../../lib/rules/k8s';
import { container, newChart, ofKind } from '../helpers/cdk8s';
import { validateCustomResources } from '../helpers/crd-schema';
import { SOON } from '../helpers/dates';
import { apartFromMtls } from '../helpers/mesh';
import { validateManifests } from '../helpers/schema';

const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** What an EncryptedVolume gives a workload (the contract in lib/cdk8s/encrypted-storage.ts). */
const encrypted: IEncryptedStorageClass = { storageClassName: 'encrypted-gp3', phi: true };

/**
 * The StorageClass behind `encrypted` and a Velero Schedule covering the namespace, so the
 * storage and backup rules can verify the claims (an EncryptedVolume and a BackupSchedule
 * write these in an app).
 */
function storageAndBackup(chart: Chart): void {
  new k8s.KubeStorageClass(chart, 'EncryptedGp3', {
    metadata: { name: 'encrypted-gp3', labels: { [PHI_LABEL]: 'true' } },
    provisioner: 'ebs.csi.aws.com',
    parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: KEY_ARN },
    reclaimPolicy: 'Retain',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
  });
  new velero.Schedule(chart, 'Backups', {
    metadata: { name: 'clinic-daily', namespace: 'velero' },
    spec: { schedule: '0 3 * * *', template: { includedNamespaces: ['clinic'], ttl: '720h0m0s' } },
  });
}

function build(props: Partial<SecureStatefulSetProps> = {}) {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  storageAndBackup(chart);
  const db = new SecureStatefulSet(chart, 'db', {
    containers: [container({ name: 'postgres', portNumber: 5432 })],
    replicas: 3,
    owner: 'data-team',
    secrets: [{ secret: kplus.Secret.fromSecretName(chart, 'DbSecret', 'db-credentials'), mountPath: '/var/run/secrets/db' }],
    volumeClaims: [{ name: 'data', mountPath: '/var/lib/postgresql/data', size: Size.gibibytes(20), storage: encrypted }],
    ...props,
  });
  return { chart, db };
}

describe('SecureStatefulSet', () => {
  const { chart, db } = build();
  const manifests = Testing.synth(chart);
  const [sts] = ofKind(manifests, 'StatefulSet');
  const pod = sts.spec.template.spec;
  const [c] = pod.containers;

  test('snapshot of the hardened output', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('the full rule pack finds nothing, not even waived findings', () => {
    const result = HipaaValidation.of(build().chart)!.check();
    expect(apartFromMtls(result.findings)).toEqual([]);
    expect(result.rules.length).toBeGreaterThanOrEqual(kubernetesPack.rules.length);
  });

  test('the output is valid against the Kubernetes 1.28 schema (and the Velero Schedule beside it against its CRD)', () => {
    expect(validateManifests(manifests, { ignoreUnknownKinds: true })).toEqual([]);
    expect(validateCustomResources(manifests)).toEqual([]);
  });

  test('volume claim templates: the encrypted class, the size, PHI and owner labels, ReadWriteOnce', () => {
    expect(sts.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'data', labels: { [PHI_LABEL]: 'true', [OWNER_LABEL]: 'data-team' } },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'encrypted-gp3', resources: { requests: { storage: '20Gi' } } },
      },
    ]);
    expect(db.volumeClaims.map((v) => v.name)).toEqual(['data']);
  });

  test('claims are retained when the set is scaled down or deleted', () => {
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
  });

  test('the claim is mounted read-write into the containers, after /tmp and the secret', () => {
    expect(c.volumeMounts).toEqual([
      { mountPath: '/tmp', name: 'tmp' },
      { mountPath: '/var/run/secrets/db', name: 'secret-0', readOnly: true },
      { mountPath: '/var/lib/postgresql/data', name: 'data' },
    ]);
    // The controller adds the claim's volume; the pod template must not define one of that name.
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['tmp', 'secret-0']);
  });

  test('pod and container hardened as every SecureX pod, with spread and anti-affinity', () => {
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      fsGroupChangePolicy: 'Always',
      seccompProfile: { type: 'RuntimeDefault' },
    });
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
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(db.podServiceAccount.name).toBe(pod.serviceAccountName);
    expect(sts.spec.template.metadata.annotations).toEqual({ 'container.apparmor.security.beta.kubernetes.io/postgres': 'runtime/default' });
    expect(pod.topologySpreadConstraints.map((t: any) => t.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
  });

  test('its own headless Service on the containers\' port, labelled like the workload, named in serviceName', () => {
    const [service] = ofKind(manifests, 'Service');
    expect(service.spec).toMatchObject({ clusterIP: 'None', type: 'ClusterIP', ports: [{ port: 5432, targetPort: 5432 }], selector: sts.spec.selector.matchLabels });
    expect(service.metadata.labels).toEqual({ [PHI_LABEL]: 'true', [OWNER_LABEL]: 'data-team', 'app.kubernetes.io/name': 'db' });
    expect(sts.spec.serviceName).toBe(service.metadata.name);
    expect(db.service.name).toBe(service.metadata.name);
  });

  test('serviceName names the headless Service, which is the DNS name clients use', () => {
    const named = build({ serviceName: 'records-db' });
    const out = Testing.synth(named.chart);
    expect(ofKind(out, 'Service').map((s) => s.metadata.name)).toEqual(['records-db']);
    expect(ofKind(out, 'StatefulSet')[0].spec.serviceName).toBe('records-db');
  });

  test('a PodDisruptionBudget for 3 replicas, none for 1', () => {
    const [pdb] = ofKind(manifests, 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: sts.spec.selector.matchLabels } });
    expect(db.podDisruptionBudget).toBeDefined();
    const { chart: single, db: one } = build({ replicas: undefined });
    expect(ofKind(Testing.synth(single), 'PodDisruptionBudget')).toEqual([]);
    expect(one.podDisruptionBudget).toBeUndefined();
  });

  test('claims name their containers; a non-PHI workload on a PHI class still labels its claims PHI', () => {
    const { chart: other } = build({
      phi: false,
      containers: [container({ name: 'postgres', portNumber: 5432 }), container({ name: 'exporter', portNumber: 9187 })],
      initContainers: [container({ name: 'init-perms', liveness: undefined, readiness: undefined, portNumber: undefined })],
      volumeClaims: [
        { name: 'data', mountPath: '/var/lib/postgresql/data', size: Size.gibibytes(20), storage: encrypted, containers: ['postgres', 'init-perms'] },
        {
          name: 'wal',
          mountPath: '/var/lib/postgresql/wal',
          size: Size.mebibytes(512),
          storage: { storageClassName: 'encrypted-gp3', phi: false },
          accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD],
        },
      ],
    });
    const [s] = ofKind(Testing.synth(other), 'StatefulSet');
    const mounts = (list: any[]) => Object.fromEntries(list.map((x: any) => [x.name, x.volumeMounts.map((m: any) => m.name)]));
    expect(mounts(s.spec.template.spec.containers)).toEqual({ postgres: ['tmp', 'secret-0', 'data', 'wal'], exporter: ['tmp', 'secret-0', 'wal'] });
    expect(mounts(s.spec.template.spec.initContainers)).toEqual({ 'init-perms': ['tmp', 'secret-0', 'data'] });
    const templates = s.spec.volumeClaimTemplates.map((t: any) => [
      t.metadata.labels[PHI_LABEL], t.spec.accessModes, t.spec.resources.requests.storage,
    ]);
    expect(templates).toEqual([
      ['true', ['ReadWriteOnce'], '20Gi'],
      ['false', ['ReadWriteOncePod'], '512Mi'],
    ]);
    const service = ofKind(Testing.synth(other), 'Service')[0];
    expect(service.spec.ports).toEqual([
      { name: 'tcp-5432', port: 5432, targetPort: 5432 },
      { name: 'tcp-9187', port: 9187, targetPort: 9187 },
    ]);
  });

  test('the workload\'s waivers reach its headless Service (beside it in the tree)', () => {
    const { chart: waived } = build({
      waivers: [{ ruleId: 'k8s-phi-service-exposure', reason: 'Replication peers connect through the headless Service, compensated by mTLS', expires: SOON }],
    });
    const [service] = ofKind(Testing.synth(waived), 'Service');
    expect(JSON.parse(service.metadata.annotations['hipaa-constructs.io/waivers']).map((w: any) => w.ruleId)).toEqual(['k8s-phi-service-exposure']);
  });

  test('without claims, no templates and no retention policy are written', () => {
    const { chart: plain } = build({ volumeClaims: undefined });
    const [s] = ofKind(Testing.synth(plain), 'StatefulSet');
    expect(s.spec.volumeClaimTemplates).toBeUndefined();
    expect(s.spec.persistentVolumeClaimRetentionPolicy).toBeUndefined();
  });

  test('on a real EncryptedVolume (PostgreSQL with its WAL on a second claim): nothing found, every object valid, CRDs included', () => {
    const c2 = newChart();
    new HipaaNamespace(c2, 'clinic', { owner: 'platform-team' });
    new velero.Schedule(c2, 'Backups', {
      metadata: { name: 'clinic-daily', namespace: 'velero' },
      spec: { schedule: '0 3 * * *', template: { includedNamespaces: ['clinic'], ttl: '720h0m0s' } },
    });
    const volume = new EncryptedVolume(c2, 'data', { provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId: KEY_ARN }), owner: 'data-team' });
    new SecureStatefulSet(c2, 'postgres', {
      containers: [container({ name: 'postgres', portNumber: 5432 })],
      replicas: 2,
      volumeClaims: [
        { name: 'data', mountPath: '/var/lib/postgresql/data', size: Size.gibibytes(50), storage: volume },
        { name: 'wal', mountPath: '/var/lib/postgresql/wal', size: Size.gibibytes(10), storage: volume },
      ],
    });
    expect(apartFromMtls(HipaaValidation.of(c2)!.check().findings)).toEqual([]);
    const out = Testing.synth(c2);
    expect(validateManifests(out, { ignoreUnknownKinds: true })).toEqual([]);
    expect(validateCustomResources(out)).toEqual([]);
    const [s] = ofKind(out, 'StatefulSet');
    expect(s.spec.volumeClaimTemplates.map((t: any) => t.spec.storageClassName)).toEqual([volume.storageClassName, volume.storageClassName]);
    expect(ofKind(out, 'StorageClass').map((x) => x.metadata.name)).toEqual([volume.storageClassName]);
  });
});

describe('the synth-time check of claims on undeclared StorageClasses', () => {
  /** An app of `charts` charts with `sets` StatefulSets each (claims on the declared class). */
  function app(charts: number, sets: number) {
    const a = Testing.app();
    for (let i = 0; i < charts; i++) {
      const chart = new Chart(a, `team-${i}`, { namespace: 'clinic' });
      if (i === 0) {
        new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
        storageAndBackup(chart);
      }
      for (let j = 0; j < sets; j++) {
        new SecureStatefulSet(chart, `db-${j}`, {
          containers: [container({ name: 'postgres', portNumber: 5432 })],
          volumeClaims: [{ name: 'data', mountPath: '/var/lib/postgresql/data', size: Size.gibibytes(20), storage: encrypted }],
        });
      }
    }
    return a;
  }

  /** How often a synth walks the whole tree (root.node.findAll). cdk8s validates the whole app once per chart it renders. */
  function walks(a: ReturnType<typeof Testing.app>): number {
    const spy = jest.spyOn(a.node, 'findAll');
    try {
      a.synthYaml();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  test('walks the tree once per synth for every StatefulSet (was once per set and validation: sets x charts x constructs, 100 s for 1,000 sets in 10 charts)', () => {
    expect(walks(app(3, 6))).toBe(walks(app(3, 1)));
  });
});
