import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { SecureStatefulSet } from '../../lib/cdk8s';
import { container, expectRefusal, newChart } from '../helpers/cdk8s';

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
});
