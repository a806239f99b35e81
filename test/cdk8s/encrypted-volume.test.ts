import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  EncryptedVolume,
  EncryptedVolumeProps,
  EncryptedVolumeProvider,
  HipaaNamespace,
  HipaaValidation,
  IEncryptedStorageClass,
  SecureDeployment,
} from '../../lib/cdk8s';
import { fromManifest } from '../../lib/check/resource';
import { kubernetesPack } from '../../lib/rules/k8s';
import { classEncryption } from '../../lib/rules/k8s/storage/encryption';
import { addPlatformImagePolicy, container, newChart, ofKind } from '../helpers/cdk8s';
import { customResourceGroups, validateCustomResources } from '../helpers/crd-schema';
import { SOON } from '../helpers/dates';
import { apartFromMtls } from '../helpers/mesh';
import { validateManifests } from '../helpers/schema';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const GCP_KEY = 'projects/clinic-prod/locations/us-central1/keyRings/phi/cryptoKeys/volumes';
const AZURE_DES = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/clinic/providers/Microsoft.Compute/diskEncryptionSets/phi-des';
const FS = 'fs-0123456789abcdef0';
/** No Velero Schedule is in these charts (BackupSchedule covers that); its warning is waived on the namespace. */
const BACKUP_WAIVER = { ruleId: 'k8s-phi-namespace-backup-unverified', reason: 'Backups are scheduled by the platform Velero chart, checked there', expires: SOON };

const providers = {
  'aws-ebs': () => EncryptedVolumeProvider.awsEbs({ kmsKeyId: KEY }),
  'aws-efs': () => EncryptedVolumeProvider.awsEfs({ fileSystemId: FS, encryptionAtRest: { kmsKeyId: KEY, expires: SOON } }),
  'gce-pd': () => EncryptedVolumeProvider.gcePd({ kmsKeyName: GCP_KEY }),
  'azure-disk': () => EncryptedVolumeProvider.azureDisk({ diskEncryptionSetId: AZURE_DES }),
};
type ProviderName = keyof typeof providers;

/** A chart in PHI namespace `clinic` with one EncryptedVolume and a claim on it. */
function build(provider: ProviderName, props: Partial<EncryptedVolumeProps> = {}) {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team', waivers: [BACKUP_WAIVER] });
  const volume = new EncryptedVolume(chart, 'data', { provider: providers[provider](), owner: 'platform-team', ...props });
  const claim = volume.claim(chart, 'db', { size: Size.gibibytes(20) });
  return { chart, volume, claim };
}

/** The objects EncryptedVolume writes (the namespace's own are pinned by its tests). */
function volumeObjects(chart: Chart): any[] {
  return Testing.synth(chart).filter((m) => ['StorageClass', 'VolumeSnapshotClass', 'PersistentVolumeClaim'].includes(m.kind));
}

describe('EncryptedVolume', () => {
  describe.each(Object.keys(providers) as ProviderName[])('%s', (provider) => {
    test('snapshot of the class, snapshot class and claim', () => {
      // The EFS statement's expiry is relative to today (SOON): pinned as a placeholder, asserted exactly below.
      const objects = JSON.parse(JSON.stringify(volumeObjects(build(provider).chart)).split(SOON).join('<SOON>'));
      expect(objects).toMatchSnapshot();
    });

    test('the full rule pack finds nothing unwaived; the only waived findings are the ones stated', () => {
      const { chart } = build(provider);
      const result = HipaaValidation.of(chart)!.check();
      expect(apartFromMtls(result.findings).filter((f) => f.waiver === undefined)).toEqual([]);
      const waived = apartFromMtls(result.findings).map((f) => `${f.ruleId} ${f.resource.kind}`).sort();
      expect(waived).toEqual(provider === 'aws-efs'
        // EFS: the stated encryption at rest of the file system, on the class and on the claim.
        ? ['k8s-phi-claim-storage-unknown PersistentVolumeClaim', 'k8s-phi-namespace-backup-unverified Namespace', 'k8s-storage-class-encryption-unverified StorageClass']
        : ['k8s-phi-namespace-backup-unverified Namespace']);
      expect(result.rules.length).toBeGreaterThanOrEqual(kubernetesPack.rules.length);
    });

    test('valid against the Kubernetes 1.28 schemas and the external-snapshotter CRD (a cluster-scoped kind without a namespace)', () => {
      const manifests = Testing.synth(build(provider).chart);
      expect(validateManifests(manifests, { ignoreUnknownKinds: true })).toEqual([]);
      expect(validateCustomResources(manifests)).toEqual([]);
      // The snapshot class is validated, not skipped: its group is one the pinned CRDs define.
      expect(customResourceGroups().has('snapshot.storage.k8s.io')).toBe(true);
    });

    test('StorageClass: Retain, WaitForFirstConsumer, PHI and owner labels, no namespace although the chart has one', () => {
      const { chart, volume } = build(provider);
      const [sc] = ofKind(Testing.synth(chart), 'StorageClass');
      expect(chart.namespace).toBe('clinic');
      expect(sc.metadata).toEqual({
        name: volume.storageClassName,
        labels: { 'hipaa-constructs.io/phi': 'true', 'hipaa-constructs.io/owner': 'platform-team' },
        ...(provider === 'aws-efs' ? { annotations: { 'hipaa-constructs.io/waivers': expect.any(String) } } : {}),
      });
      expect(sc.reclaimPolicy).toBe('Retain');
      expect(sc.volumeBindingMode).toBe('WaitForFirstConsumer');
      // EFS is elastic and its driver expands nothing; the block drivers grow volumes.
      expect(sc.allowVolumeExpansion).toBe(provider !== 'aws-efs');
      // What the rules call a customer-managed key (EFS: the class cannot show it).
      expect(classEncryption(fromManifest(sc)).status).toBe(provider === 'aws-efs' ? 'unverifiable' : 'customer-key');
    });

    test('claim: the class, PHI and owner labels, the chart\'s namespace, a default access mode the driver supports', () => {
      const { chart, volume } = build(provider);
      const [pvc] = ofKind(Testing.synth(chart), 'PersistentVolumeClaim');
      expect(pvc.metadata.namespace).toBe('clinic');
      expect(pvc.metadata.labels).toEqual({ 'hipaa-constructs.io/phi': 'true', 'hipaa-constructs.io/owner': 'platform-team' });
      expect(pvc.spec).toEqual({
        storageClassName: volume.storageClassName,
        accessModes: [provider === 'aws-efs' ? 'ReadWriteMany' : 'ReadWriteOnce'],
        resources: { requests: { storage: '20Gi' } },
        volumeMode: 'Filesystem',
      });
    });
  });

  test('EBS: gp3, encrypted "true" and the customer-managed key', () => {
    const [sc] = ofKind(Testing.synth(build('aws-ebs').chart), 'StorageClass');
    expect(sc.provisioner).toBe('ebs.csi.aws.com');
    expect(sc.parameters).toEqual({ 'type': 'gp3', 'encrypted': 'true', 'kmsKeyId': KEY, 'csi.storage.k8s.io/fstype': 'ext4' });
  });

  test.each([
    ['key ARN', KEY],
    ['multi-Region key ARN', `arn:aws:kms:us-east-1:123456789012:key/mrk-${'0'.repeat(32)}`],
    ['alias ARN', 'arn:aws:kms:us-east-1:123456789012:alias/clinic-phi'],
    ['GovCloud key ARN', KEY.replace('arn:aws:', 'arn:aws-us-gov:').replace('us-east-1', 'us-gov-west-1')],
  ])('EBS: accepts a customer-managed key given as a %s, which the rule accepts too', (_form, kmsKeyId) => {
    const chart = newChart();
    new EncryptedVolume(chart, 'data', { provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId }) });
    const [sc] = ofKind(Testing.synth(chart), 'StorageClass');
    expect(sc.parameters.kmsKeyId).toBe(kmsKeyId);
    expect(classEncryption(fromManifest(sc)).status).toBe('customer-key');
  });

  test('EBS: provisioned IOPS and throughput within gp3 limits, xfs', () => {
    const chart = newChart();
    new EncryptedVolume(chart, 'fast', { provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:alias/clinic-phi', iops: 16000, throughput: 1000, fsType: 'xfs' }) });
    const [sc] = ofKind(Testing.synth(chart), 'StorageClass');
    expect(sc.parameters).toEqual({ 'type': 'gp3', 'encrypted': 'true', 'kmsKeyId': 'arn:aws:kms:us-east-1:123456789012:alias/clinic-phi', 'csi.storage.k8s.io/fstype': 'xfs', 'iops': '16000', 'throughput': '1000' });
  });

  test('EFS: access points on the file system, owner-only root directory with the pods\' identity; TLS in transit never turned off', () => {
    const [sc] = ofKind(Testing.synth(build('aws-efs').chart), 'StorageClass');
    expect(sc.provisioner).toBe('efs.csi.aws.com');
    expect(sc.parameters).toEqual({ provisioningMode: 'efs-ap', fileSystemId: FS, directoryPerms: '700', uid: '10001', gid: '10001' });
    // The driver encrypts in transit unless encryptInTransit is "false"; the deprecated tls mount option is not needed.
    expect(sc.parameters.encryptInTransit).toBeUndefined();
    expect(sc.mountOptions).toBeUndefined();
  });

  test('EFS: the stated key becomes the waivers of the two unverifiable findings, with the expiry given', () => {
    const { chart } = build('aws-efs');
    const manifests = Testing.synth(chart);
    const reason = `EFS file system ${FS} is encrypted at rest with customer-managed KMS key ${KEY}, as stated to EncryptedVolume test/data (encryptionAtRest)`;
    expect(JSON.parse(ofKind(manifests, 'StorageClass')[0].metadata.annotations['hipaa-constructs.io/waivers']))
      .toEqual([{ ruleId: 'k8s-storage-class-encryption-unverified', reason, expires: SOON }]);
    expect(JSON.parse(ofKind(manifests, 'PersistentVolumeClaim')[0].metadata.annotations['hipaa-constructs.io/waivers']))
      .toEqual([{ ruleId: 'k8s-phi-claim-storage-unknown', reason, expires: SOON }]);
  });

  test('EFS: an acknowledgement instead of the key, with owner, ticket, base path and another identity', () => {
    const chart = newChart();
    new EncryptedVolume(chart, 'files', {
      provider: EncryptedVolumeProvider.awsEfs({
        fileSystemId: FS,
        directoryPerms: '750',
        uid: 20001,
        gid: 20002,
        basePath: '/clinic',
        encryptionAtRest: { acknowledgement: 'Encrypted with the clinic CMK per CHG-1234, checked with describe-file-systems', expires: SOON, owner: 'platform-team', ticket: 'CHG-1234' },
      }),
    });
    const [sc] = ofKind(Testing.synth(chart), 'StorageClass');
    expect(sc.parameters).toEqual({ provisioningMode: 'efs-ap', fileSystemId: FS, directoryPerms: '750', uid: '20001', gid: '20002', basePath: '/clinic' });
    expect(JSON.parse(sc.metadata.annotations['hipaa-constructs.io/waivers'])).toEqual([{
      ruleId: 'k8s-storage-class-encryption-unverified',
      reason: `EFS file system ${FS} is encrypted at rest with a customer-managed key: Encrypted with the clinic CMK per CHG-1234, checked with describe-file-systems, as stated to EncryptedVolume test/files (encryptionAtRest)`,
      expires: SOON,
      owner: 'platform-team',
      ticket: 'CHG-1234',
    }]);
  });

  test('EFS: no VolumeSnapshotClass (the EFS CSI driver takes no snapshots)', () => {
    const { chart, volume } = build('aws-efs');
    expect(ofKind(Testing.synth(chart), 'VolumeSnapshotClass')).toEqual([]);
    expect(volume.volumeSnapshotClass).toBeUndefined();
  });

  test('GCE PD: the Cloud KMS key, pd-balanced', () => {
    const [sc] = ofKind(Testing.synth(build('gce-pd').chart), 'StorageClass');
    expect(sc.provisioner).toBe('pd.csi.storage.gke.io');
    expect(sc.parameters).toEqual({ 'type': 'pd-balanced', 'disk-encryption-kms-key': GCP_KEY });
  });

  test('Azure Disk: the disk encryption set, Premium_LRS', () => {
    const [sc] = ofKind(Testing.synth(build('azure-disk').chart), 'StorageClass');
    expect(sc.provisioner).toBe('disk.csi.azure.com');
    expect(sc.parameters).toEqual({ skuName: 'Premium_LRS', diskEncryptionSetID: AZURE_DES });
  });

  describe.each(['aws-ebs', 'gce-pd', 'azure-disk'] as ProviderName[])('%s VolumeSnapshotClass', (provider) => {
    test('snapshot.storage.k8s.io/v1, same driver, deletionPolicy Retain, PHI and owner labels, no namespace', () => {
      const { chart, volume } = build(provider);
      const manifests = Testing.synth(chart);
      const [vsc] = ofKind(manifests, 'VolumeSnapshotClass');
      expect(vsc).toEqual({
        apiVersion: 'snapshot.storage.k8s.io/v1',
        kind: 'VolumeSnapshotClass',
        metadata: { name: volume.storageClassName, labels: { 'hipaa-constructs.io/phi': 'true', 'hipaa-constructs.io/owner': 'platform-team' } },
        driver: ofKind(manifests, 'StorageClass')[0].provisioner,
        deletionPolicy: 'Retain',
      });
      expect(volume.volumeSnapshotClass).toBeDefined();
    });

    test('snapshotClass: false writes none', () => {
      const { chart, volume } = build(provider, { snapshotClass: false });
      expect(ofKind(Testing.synth(chart), 'VolumeSnapshotClass')).toEqual([]);
      expect(volume.volumeSnapshotClass).toBeUndefined();
    });
  });

  test('names: a stable default from the construct path, or the one given', () => {
    const a = build('aws-ebs').volume.storageClassName;
    expect(build('aws-ebs').volume.storageClassName).toBe(a);
    expect(a).toMatch(/^test-data-[0-9a-f]{8}$/);
    const chart = newChart();
    const named = new EncryptedVolume(chart, 'data', { provider: providers['aws-ebs'](), storageClassName: 'clinic-phi-gp3' });
    named.claim(chart, 'db', { size: Size.gibibytes(1), name: 'postgres-data' });
    const manifests = Testing.synth(chart);
    expect(ofKind(manifests, 'StorageClass')[0].metadata.name).toBe('clinic-phi-gp3');
    expect(ofKind(manifests, 'VolumeSnapshotClass')[0].metadata.name).toBe('clinic-phi-gp3');
    expect(ofKind(manifests, 'PersistentVolumeClaim')[0].metadata.name).toBe('postgres-data');
    expect(ofKind(manifests, 'PersistentVolumeClaim')[0].spec.storageClassName).toBe('clinic-phi-gp3');
  });

  test('phi: false labels the classes and claims "false"; no owner, no owner label', () => {
    const chart = newChart();
    const volume = new EncryptedVolume(chart, 'cache', { provider: providers['aws-ebs'](), phi: false });
    volume.claim(chart, 'c', { size: Size.gibibytes(1) });
    for (const m of volumeObjects(chart)) expect(m.metadata.labels).toEqual({ 'hipaa-constructs.io/phi': 'false' });
  });

  test('claims: access modes the driver supports (EBS ReadWriteOncePod, EFS ReadOnlyMany), sizes at the gp3 limits', () => {
    const chart = newChart();
    const ebs = new EncryptedVolume(chart, 'ebs', { provider: providers['aws-ebs']() });
    const efs = new EncryptedVolume(chart, 'efs', { provider: providers['aws-efs']() });
    ebs.claim(chart, 'small', { size: Size.gibibytes(1), accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD] });
    ebs.claim(chart, 'large', { size: Size.tebibytes(16) });
    efs.claim(chart, 'ro', { size: Size.gibibytes(1), accessModes: [kplus.PersistentVolumeAccessMode.READ_ONLY_MANY] });
    const claims = ofKind(Testing.synth(chart), 'PersistentVolumeClaim').map((c) => [c.spec.accessModes, c.spec.resources.requests.storage]);
    expect(claims).toEqual([[['ReadWriteOncePod'], '1Gi'], [['ReadWriteOnce'], '16384Gi'], [['ReadOnlyMany'], '1Gi']]);
  });

  test('is an IEncryptedStorageClass', () => {
    const volume: IEncryptedStorageClass = build('aws-ebs').volume;
    expect(volume.phi).toBe(true);
    expect(volume.storageClassName).toMatch(/^test-data-/);
  });

  test('a claim in another chart lands in that chart\'s namespace and is checked with the class', () => {
    const app = Testing.app();
    addPlatformImagePolicy(app);
    const platform = new Chart(app, 'platform');
    const volume = new EncryptedVolume(platform, 'data', { provider: providers['aws-ebs']() });
    const apps = new Chart(app, 'apps', { namespace: 'billing' });
    new HipaaNamespace(apps, 'billing', { owner: 'billing-team', waivers: [BACKUP_WAIVER] });
    volume.claim(apps, 'ledger', { size: Size.gibibytes(5) });
    const [pvc] = ofKind(Testing.synth(apps), 'PersistentVolumeClaim');
    expect(pvc.metadata.namespace).toBe('billing');
    const result = HipaaValidation.of(apps)!.check();
    expect(apartFromMtls(result.findings).filter((f) => f.waiver === undefined)).toEqual([]);
  });

  test('a claim mounts into a SecureDeployment (one replica, Recreate) with kplus.Volume.fromPersistentVolumeClaim; the pack finds nothing', () => {
    const { chart, claim } = build('aws-ebs');
    const data = kplus.Volume.fromPersistentVolumeClaim(chart, 'DataVolume', claim);
    const api = new SecureDeployment(chart, 'api', {
      replicas: 1,
      strategy: kplus.DeploymentStrategy.recreate(),
      containers: [container({ volumeMounts: [{ path: '/var/lib/data', volume: data }] })],
    });
    const manifests = Testing.synth(chart);
    const [deployment] = ofKind(manifests, 'Deployment');
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    const claimVolume = { name: data.name, persistentVolumeClaim: { claimName: claim.name, readOnly: false } };
    expect(deployment.spec.template.spec.volumes).toContainEqual(claimVolume);
    expect(api.containers[0].mounts.map((m) => m.path)).toContain('/var/lib/data');
    expect(apartFromMtls(HipaaValidation.of(chart)!.check().findings).filter((f) => f.waiver === undefined)).toEqual([]);
  });

  test('an EBS claim in a SecureDeployment with the default rolling update (or two replicas) stops the synth: the volume attaches to one node', () => {
    for (const props of [{ replicas: 1 }, { replicas: 2, strategy: kplus.DeploymentStrategy.recreate() }]) {
      const { chart, claim } = build('aws-ebs');
      const data = kplus.Volume.fromPersistentVolumeClaim(chart, 'DataVolume', claim);
      new SecureDeployment(chart, 'api', { ...props, containers: [container({ volumeMounts: [{ path: '/var/lib/data', volume: data }] })] });
      expect(() => Testing.synth(chart)).toThrow(/\[k8s-single-node-claim\] test\/api\/Resource \(Deployment clinic\/test-api-c855049c\) spec\.(strategy|replicas): Deployment 'test-api-c855049c' mounts PersistentVolumeClaim 'test-db-c8b96b87' \(ReadWriteOnce, attached to one node at a time\)/);
    }
  });

  test('a claim created in another chart\'s namespace than the workload that mounts it stops the synth (the pod would stay Pending)', () => {
    const { chart } = build('aws-ebs');
    const volume = new EncryptedVolume(chart, 'other-data', { provider: providers['aws-ebs']() });
    const billing = new Chart(chart.node.scope as Construct, 'billing', { namespace: 'billing' });
    const claim = volume.claim(billing, 'reports', { size: Size.gibibytes(5) });
    new SecureDeployment(chart, 'api', {
      replicas: 1,
      strategy: kplus.DeploymentStrategy.recreate(),
      containers: [container({ volumeMounts: [{ path: '/var/lib/data', volume: kplus.Volume.fromPersistentVolumeClaim(chart, 'DataVolume', claim) }] })],
    });
    expect(() => Testing.synth(chart)).toThrow(
      '[k8s-claim-same-namespace] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.volumes[0].persistentVolumeClaim.claimName: Deployment \'test-api-c855049c\' in namespace \'clinic\' ' +
        `mounts PersistentVolumeClaim '${claim.name}', which is in namespace 'billing': a pod mounts only claims of its own namespace, so it would stay Pending`,
    );
  });

  test('a claim of a phi: false class written by a PHI workload stops the synth; mounted read-only it passes', () => {
    for (const readOnly of [false, true]) {
      const { chart } = build('aws-ebs');
      const scratch = new EncryptedVolume(chart, 'scratch', { provider: providers['aws-ebs'](), phi: false });
      const claim = scratch.claim(chart, 'reference-data', { size: Size.gibibytes(5) });
      new SecureDeployment(chart, 'api', {
        replicas: 1,
        strategy: kplus.DeploymentStrategy.recreate(),
        containers: [container({ volumeMounts: [{ path: '/var/lib/ref', readOnly, volume: kplus.Volume.fromPersistentVolumeClaim(chart, 'RefVolume', claim) }] })],
      });
      if (readOnly) {
        expect(() => Testing.synth(chart)).not.toThrow();
      } else {
        expect(() => Testing.synth(chart)).toThrow(
          '[k8s-phi-workload-claim-label] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.volumes[0].persistentVolumeClaim: Deployment \'test-api-c855049c\' handles PHI ' +
            `and mounts PersistentVolumeClaim '${claim.name}' writable, but the claim is labelled hipaa-constructs.io/phi: "false": the PHI written there is not treated as PHI by what selects on the label`,
        );
      }
    }
  });

  test('the class an invalid key would make is flagged by k8s-storage-class-encryption: the construct and the rule agree', () => {
    // What the construct refuses (test/cdk8s/encrypted-volume.bad-input.test.ts) the rule flags in hand-written YAML.
    for (const kmsKeyId of [undefined, 'alias/aws/ebs', 'arn:aws:kms:us-east-1:12345:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'my-key']) {
      const sc = fromManifest({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'x' }, provisioner: 'ebs.csi.aws.com', parameters: { encrypted: 'true', ...(kmsKeyId ? { kmsKeyId } : {}) } });
      expect([kmsKeyId, classEncryption(sc).status]).toEqual([kmsKeyId, 'not-customer-key']);
    }
  });
});
