import { claim, encryptedClass, statefulSetWithClaims } from './fixtures';
import { PHI_LABEL } from '../../../../lib/labels';
import { phiStorageRetain } from '../../../../lib/rules/k8s/storage/phi-storage-retain';
import { namespace } from '../../../helpers/fixtures';
import { violations } from '../../../helpers/rule-test';

function pv(policy: string | undefined, extra: Record<string, unknown> = {}, labels?: Record<string, string>): any {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'pv-db', ...(labels ? { labels } : {}) },
    spec: {
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteOnce'],
      csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-0123456789abcdef0' },
      ...(policy === undefined ? {} : { persistentVolumeReclaimPolicy: policy }),
      ...extra,
    },
  };
}

describe('k8s-phi-storage-retain', () => {
  test('flags a class used by PHI claims with reclaimPolicy Delete or unset (the default is Delete)', () => {
    expect(violations(phiStorageRetain, [namespace, encryptedClass('gp3', { reclaimPolicy: 'Delete' }), claim('gp3'), claim('gp3', 'wal')])).toEqual([
      "reclaimPolicy: StorageClass 'gp3' has reclaimPolicy \"Delete\" and holds PHI for PersistentVolumeClaims clinic/db, clinic/wal: deleting a claim deletes its volume",
    ]);
    const unset = encryptedClass('gp3');
    delete unset.reclaimPolicy;
    expect(violations(phiStorageRetain, [namespace, unset, claim('gp3')])).toEqual([
      "reclaimPolicy: StorageClass 'gp3' sets no reclaimPolicy (the default is Delete) and holds PHI for PersistentVolumeClaim clinic/db: deleting a claim deletes its volume",
    ]);
  });

  test('counts claims naming no class against the default class', () => {
    const cls = encryptedClass('gp3', { reclaimPolicy: 'Delete', metadata: { name: 'gp3', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } });
    expect(violations(phiStorageRetain, [namespace, cls, claim(null)])).toHaveLength(1);
  });

  test('passes Retain, and Delete on a class no PHI claim uses', () => {
    expect(violations(phiStorageRetain, [namespace, encryptedClass('gp3'), claim('gp3')])).toEqual([]);
    const pub = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'public', labels: { [PHI_LABEL]: 'false' } } };
    const c = claim('scratch', 'tmp', 'public');
    c.metadata.labels = { [PHI_LABEL]: 'false' };
    expect(violations(phiStorageRetain, [namespace, pub, encryptedClass('scratch', { reclaimPolicy: 'Delete' }), c])).toEqual([]);
  });

  test('flags a PHI PersistentVolume (labelled, or bound to a claim in a PHI namespace) with Delete or Recycle', () => {
    expect(violations(phiStorageRetain, [pv('Delete', {}, { [PHI_LABEL]: 'true' })])).toEqual([
      `spec.persistentVolumeReclaimPolicy: PersistentVolume 'pv-db' is labelled ${PHI_LABEL}: "true" and has persistentVolumeReclaimPolicy Delete: deleting its claim deletes the volume`,
    ]);
    expect(violations(phiStorageRetain, [namespace, pv('Recycle', { claimRef: { namespace: 'clinic', name: 'db' } })])).toEqual([
      "spec.persistentVolumeReclaimPolicy: PersistentVolume 'pv-db' is bound to claim clinic/db in PHI namespace 'clinic' and has persistentVolumeReclaimPolicy Recycle: deleting its claim scrubs the volume",
    ]);
  });

  test('passes a PersistentVolume with Retain or unset (the default for a PersistentVolume is Retain), or not PHI', () => {
    expect(violations(phiStorageRetain, [pv('Retain', {}, { [PHI_LABEL]: 'true' }), pv(undefined, {}, { [PHI_LABEL]: 'true' })])).toEqual([]);
    const pub = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'public', labels: { [PHI_LABEL]: 'false' } } };
    expect(violations(phiStorageRetain, [pub, pv('Delete', { claimRef: { namespace: 'public', name: 'cache' } })])).toEqual([]);
  });

  test('counts the claims a StatefulSet\'s templates stamp out as PHI claims of their class', () => {
    expect(violations(phiStorageRetain, [namespace, encryptedClass('gp3', { reclaimPolicy: 'Delete' }), statefulSetWithClaims(['gp3'])])).toEqual([
      "reclaimPolicy: StorageClass 'gp3' has reclaimPolicy \"Delete\" and holds PHI for PersistentVolumeClaim clinic/data-db-<ordinal>: deleting a claim deletes its volume",
    ]);
    expect(violations(phiStorageRetain, [namespace, encryptedClass('gp3'), statefulSetWithClaims(['gp3'])])).toEqual([]);
  });
});
