/** Storage, secret-store and backup manifests for the storage rule tests; the compliant ones pass the whole pack. */
import { NS } from '../../../helpers/fixtures';

export const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** An EBS CSI StorageClass with a customer-managed key, Retain, WaitForFirstConsumer. */
export function encryptedClass(name = 'encrypted-gp3', extra: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name },
    provisioner: 'ebs.csi.aws.com',
    parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: KEY_ARN },
    reclaimPolicy: 'Retain',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
    ...extra,
  };
}

/** A claim in the PHI namespace (or `ns`) for class `storageClassName` (unset when null). */
export function claim(storageClassName: string | null = 'encrypted-gp3', name = 'db', ns: string = NS): any {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: ns },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '10Gi' } },
      ...(storageClassName === null ? {} : { storageClassName }),
    },
  };
}

export function snapshotClass(deletionPolicy: string | undefined = 'Retain', driver = 'ebs.csi.aws.com'): any {
  return {
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshotClass',
    metadata: { name: 'ebs-snapshots' },
    driver,
    ...(deletionPolicy === undefined ? {} : { deletionPolicy }),
  };
}

export function backupLocation(config: Record<string, unknown> | null = { region: 'us-east-1', kmsKeyId: KEY_ARN }, provider = 'aws', name = 'default'): any {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'BackupStorageLocation',
    metadata: { name, namespace: 'velero' },
    spec: { provider, objectStorage: { bucket: 'clinic-backups' }, ...(config === null ? {} : { config }) },
  };
}

export function schedule(template: Record<string, unknown> = { includedNamespaces: [NS], ttl: '2160h0m0s' }, annotations: Record<string, string> = { 'hipaa-constructs.io/retention': '2160h' }, name = 'daily'): any {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: { name, namespace: 'velero', annotations },
    spec: { schedule: '0 2 * * *', template },
  };
}

/** Encrypted class, PHI claim, Retain snapshot class, keyed location, a Schedule covering the PHI namespace. */
export function compliantStorage(): any[] {
  return [encryptedClass(), claim(), snapshotClass(), backupLocation(), schedule()];
}

/**
 * A StatefulSet `name` in namespace `ns` whose claim templates ask for the given classes (one
 * template per entry, named `data`, `data-1`, ...; unset when null), with `labels` on the templates.
 */
export function statefulSetWithClaims(classes: (string | null)[], labels?: Record<string, string>, name = 'db', ns: string = NS): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: ns },
    spec: {
      serviceName: name,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: { metadata: { labels: { 'app.kubernetes.io/name': name } }, spec: { containers: [] } },
      volumeClaimTemplates: classes.map((cls, i) => ({
        metadata: { name: i === 0 ? 'data' : `data-${i}`, ...(labels ? { labels } : {}) },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '10Gi' } },
          ...(cls === null ? {} : { storageClassName: cls }),
        },
      })),
    },
  };
}
