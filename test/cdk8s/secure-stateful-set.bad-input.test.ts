import { App, Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  EncryptedVolume, EncryptedVolumeProvider, HipaaNamespace, HipaaValidation, SecureStatefulSet, SecureStatefulSetProps,
} from '../../lib/cdk8s';
import { container, expectRefusal, newChart } from '../helpers/cdk8s';
import { SOON } from '../helpers/dates';

const encrypted = { storageClassName: 'encrypted-gp3', phi: true };

// Each error names the construct path, the field, the rule id where a rule backs it, and the fix.
describe('SecureStatefulSet refuses bad input with an exact, helpful error', () => {
  test('every claim problem at once', () => {
    const chart = newChart();
    expectRefusal(
      () => new SecureStatefulSet(chart, 'db', {
        containers: [container({ name: 'postgres', portNumber: 5432 })],
        secrets: [{ secret: kplus.Secret.fromSecretName(chart, 'S', 'db'), mountPath: '/var/run/secrets/db' }],
        volumeClaims: [
          { name: 'data', mountPath: '/tmp', size: Size.gibibytes(0), storage: encrypted },
          { name: 'data', mountPath: '/var/lib/data', size: undefined as any, storage: encrypted, containers: ['pg'] },
          { name: 'Data_1', mountPath: 'var/lib', size: Size.kibibytes(3), storage: { storageClassName: '', phi: 'yes' } as any, accessModes: ['ReadWriteSometimes' as any] },
          { name: 'tmp', mountPath: '/var/lib/x', size: Size.gibibytes(1), storage: undefined as any },
          { name: 'wal', mountPath: '/var/run/secrets/db/', size: Size.gibibytes(1), storage: encrypted, accessModes: [] },
        ],
      }),
      [
        '[test/db] 15 problems in the props (all are listed; fix each):',
        '- volumeClaims[0].size: must be more than 0: the provisioner refuses a volume of size 0. Use e.g. Size.gibibytes(20).',
        "- volumeClaims[0].mountPath: container 'postgres' would mount '/tmp' twice (also the in-memory, size-limited /tmp every container gets); " +
          'the API server requires mount paths to be unique in a container (k8s-valid-mounts). Use another path.',
        "- volumeClaims[1].name: 'data' is also the name of volumeClaims[0]; each claim template needs its own name, which the pod mounts it by. Rename one.",
        '- volumeClaims[1].size: is missing: each claim requests a size, e.g. Size.gibibytes(20).',
        "- volumeClaims[1].containers[0]: no container of this SecureStatefulSet is named 'pg' (containers: 'postgres'), so the volume would be mounted nowhere. " +
          'Name a container or init container given in containers or initContainers.',
        "- volumeClaims[2].name: 'Data_1' is not a DNS-1123 label (at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit); " +
          "the name is the volume name in the pod and the start of each claim's name (k8s-valid-name). Use e.g. 'data'.",
        "- volumeClaims[2].mountPath: mount path 'var/lib' is relative; the container runtime refuses a mount path that is not absolute (k8s-valid-mounts). " +
          "Use an absolute path, e.g. '/var/lib/data'.",
        '- volumeClaims[2].size: must be a whole number of MiB, as the claim requests it. Use Size.gibibytes(n) or Size.mebibytes(n) with a whole n.',
        '- volumeClaims[2].storage.storageClassName: is empty, which binds a pre-provisioned volume whose encryption nobody can verify (k8s-phi-claim-storage-unknown). ' +
          'Name the encrypted StorageClass.',
        '- volumeClaims[2].storage.phi: expected true or false, got a string ("yes").',
        '- volumeClaims[2].accessModes[0]: expected one of ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod (kplus.PersistentVolumeAccessMode), ' +
          'got a string ("ReadWriteSometimes").',
        "- volumeClaims[3].name: 'tmp' is the name of a volume the hardening gives the pod (the in-memory /tmp and the secret volumes are 'tmp' and 'secret-<n>'). " +
          "Use another name, e.g. 'data'.",
        '- volumeClaims[3].storage: is missing: each claim names the encrypted StorageClass it is provisioned from, e.g. an EncryptedVolume (k8s-phi-claim-encrypted-storage).',
        '- volumeClaims[4].accessModes: name at least one access mode, e.g. ReadWriteOnce, or leave it unset for ReadWriteOnce.',
        "- volumeClaims[4].mountPath: container 'postgres' would mount '/var/run/secrets/db/' twice (also secrets[0].mountPath); the API server requires mount paths " +
          'to be unique in a container (k8s-valid-mounts). Use another path.',
      ].join('\n'),
    );
  });

  test('a claim at a secret\'s path (trailing slash and all) and two claims at one path', () => {
    const chart = newChart();
    expectRefusal(
      () => new SecureStatefulSet(chart, 'db', {
        containers: [container({ name: 'postgres', portNumber: 5432 })],
        secrets: [{ secret: kplus.Secret.fromSecretName(chart, 'S', 'db'), mountPath: '/var/run/secrets/db' }],
        volumeClaims: [
          { name: 'wal', mountPath: '/var/run/secrets/db/', size: Size.gibibytes(1), storage: encrypted },
          { name: 'data', mountPath: '/var/lib/data', size: Size.gibibytes(1), storage: encrypted },
          { name: 'more', mountPath: '/var/lib/data', size: Size.gibibytes(1), storage: encrypted },
        ],
      }),
      [
        '[test/db] 2 problems in the props (all are listed; fix each):',
        "- volumeClaims[0].mountPath: container 'postgres' would mount '/var/run/secrets/db/' twice (also secrets[0].mountPath); the API server requires mount paths " +
          'to be unique in a container (k8s-valid-mounts). Use another path.',
        "- volumeClaims[2].mountPath: container 'postgres' would mount '/var/lib/data' twice (also volumeClaims[1].mountPath); the API server requires mount paths " +
          'to be unique in a container (k8s-valid-mounts). Use another path.',
      ].join('\n'),
    );
  });

  test('no port for the headless Service, and the replica checks of a replicated kind', () => {
    expectRefusal(
      () => new SecureStatefulSet(newChart(), 'db', { containers: [container({ name: 'worker', portNumber: undefined })], replicas: 1, maxUnavailable: 0 }),
      [
        '[test/db] 2 problems in the props (all are listed; fix each):',
        '- maxUnavailable: must be a whole number >= 1 (got 0).',
        '- containers: no container declares a port, and the headless Service that gives each SecureStatefulSet pod its DNS name needs one. ' +
          'Set portNumber (or ports) on the container that serves, e.g. portNumber: 5432.',
      ].join('\n'),
    );
    expectRefusal(
      () => new SecureStatefulSet(newChart(), 'db', { containers: [container({ name: 'pg', portNumber: 5432 })], replicas: 2, maxUnavailable: 2 }),
      '[test/db] maxUnavailable: the PodDisruptionBudget would protect nothing: maxUnavailable 2 is not below the 2 replicas, so every pod can be evicted at once ' +
        '(k8s-pdb-protects-something). Set maxUnavailable below replicas (e.g. 1), or raise replicas above 2.',
    );
  });

  test('the shared checks name SecureStatefulSet', () => {
    expectRefusal(
      () => new SecureStatefulSet(newChart(), 'db', { containers: [], volumeClaims: 'data' as any }),
      [
        '[test/db] 2 problems in the props (all are listed; fix each):',
        '- containers: a SecureStatefulSet needs at least one container.',
        '- volumeClaims: expected a list, got a string ("data").',
      ].join('\n'),
    );
  });

  test('a serviceName that is not a DNS-1035 label', () => {
    expectRefusal(
      () => new SecureStatefulSet(newChart(), 'db', { containers: [container({ name: 'pg', portNumber: 5432 })], serviceName: '1-records-db' }),
      "[test/db] serviceName: '1-records-db' is not a DNS-1035 label (at most 63 lower-case letters, digits and '-', starting with a letter and ending with a letter or digit), " +
        "which a Service name must be (k8s-valid-name). Use e.g. 'records-db'.",
    );
  });
});

// Issue 9 trial 2: a storage object naming a class nobody declares (a typo, or the cluster's unencrypted
// default) gave PHI claims on unverified storage with a warning nobody saw at synth.
describe('a claim on a StorageClass the app does not declare', () => {
  const UNKNOWN = "[test/db] volumeClaims[0].storage: StorageClass 'gp2' is not in the app (no EncryptedVolume or StorageClass of that name), so nothing shows that " +
    'the volumes of this PHI claim are encrypted with a customer-managed key (k8s-phi-claim-storage-unknown). Pass an EncryptedVolume as storage; for a class the cluster ' +
    'provides, accept it with a waiver of k8s-phi-claim-storage-unknown in waivers that says how its encryption was verified.';
  const build = (storage: { storageClassName: string; phi: boolean }, extra: Partial<SecureStatefulSetProps> = {}) => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    new SecureStatefulSet(chart, 'db', {
      containers: [container({ name: 'postgres', portNumber: 5432 })],
      volumeClaims: [{ name: 'data', mountPath: '/var/lib/postgresql/data', size: Size.gibibytes(20), storage }],
      ...extra,
    });
    return chart;
  };

  test('is refused at synth, naming the claim, the rule and the fix', () => {
    expectRefusal(() => Testing.synth(build({ storageClassName: 'gp2', phi: true })), `Validation failed with the following errors:\n  ${UNKNOWN}`);
  });

  test('also when the class is not labelled PHI: the workload is', () => {
    expectRefusal(() => Testing.synth(build({ storageClassName: 'gp2', phi: false })), `Validation failed with the following errors:\n  ${UNKNOWN}`);
  });

  test('a waiver of k8s-phi-claim-storage-unknown accepts it (and the rule reports it waived); a workload that is not PHI on a class not labelled PHI passes', () => {
    const waiver = { ruleId: 'k8s-phi-claim-storage-unknown', reason: 'Cluster class gp2-cmk is encrypted with our KMS key, verified in the EKS stack', expires: SOON };
    const waived = build({ storageClassName: 'gp2', phi: true }, { waivers: [waiver] });
    expect(() => Testing.synth(waived)).not.toThrow();
    expect(HipaaValidation.of(waived)!.check().findings.filter((f) => f.ruleId === 'k8s-phi-claim-storage-unknown').map((f) => f.waiver?.reason)).toEqual([waiver.reason]);
    expect(() => Testing.synth(build({ storageClassName: 'gp2', phi: false }, { phi: false }))).not.toThrow();
  });

  test('a StorageClass of the app declared in another chart, after the set, passes', () => {
    const chart = build({ storageClassName: 'encrypted-gp3', phi: true });
    new EncryptedVolume(new Chart(chart.node.root as App, 'storage'), 'gp3', {
      provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }),
      storageClassName: 'encrypted-gp3',
    });
    expect(() => (chart.node.root as App).synth()).not.toThrow();
  });
});

test('a storage object with a misspelt field is refused naming the field it has, the one it lacks and the fix', () => {
  const chart = newChart();
  expectRefusal(() => new SecureStatefulSet(chart, 'db', {
    containers: [container({ name: 'postgres', portNumber: 5432 })],
    volumeClaims: [{ name: 'data', mountPath: '/var/lib/postgresql/data', size: Size.gibibytes(20), storage: { storageClasName: 'encrypted-gp3', PHI: true } as any }],
  }), '[test/db] 2 problems in the props (all are listed; fix each):\n' +
    "- volumeClaims[0].storage.storageClassName: is missing (storage has 'storageClasName' and 'PHI', which are not its fields: did you mean storageClassName?); " +
    'storage is an EncryptedVolume, or an IEncryptedStorageClass { storageClassName, phi } naming an encrypted StorageClass (k8s-phi-claim-encrypted-storage). Pass the EncryptedVolume.\n' +
    "- volumeClaims[0].storage.phi: is missing (storage has 'storageClasName' and 'PHI', which are not its fields: did you mean phi?); " +
    'storage is an EncryptedVolume, or an IEncryptedStorageClass { storageClassName, phi } naming an encrypted StorageClass (k8s-phi-claim-encrypted-storage). Pass the EncryptedVolume.');
});
