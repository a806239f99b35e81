import { claim, encryptedClass, snapshotClass } from './fixtures';
import { PHI_LABEL } from '../../../../lib/labels';
import { phiSnapshotClassRetain } from '../../../../lib/rules/k8s/storage/phi-snapshot-class-retain';
import { namespace } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-phi-snapshot-class-retain', () => {
  test('flags deletionPolicy Delete for the driver of PHI claims, with the fix', () => {
    const result = runRule(phiSnapshotClassRetain, [namespace, encryptedClass(), claim(), snapshotClass('Delete')]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "deletionPolicy: VolumeSnapshotClass 'ebs-snapshots' has deletionPolicy \"Delete\" for driver ebs.csi.aws.com, which holds PHI for PersistentVolumeClaim clinic/db: deleting a VolumeSnapshot deletes the snapshot",
    ]);
    expect(result.unwaived[0].fix).toBe('Set deletionPolicy: Retain on the VolumeSnapshotClass, and expire snapshots by your retention policy instead.');
  });

  test('passes Retain, another driver, and a driver with no PHI claim', () => {
    expect(violations(phiSnapshotClassRetain, [namespace, encryptedClass(), claim(), snapshotClass('Retain')])).toEqual([]);
    expect(violations(phiSnapshotClassRetain, [namespace, encryptedClass(), claim(), snapshotClass('Delete', 'pd.csi.storage.gke.io')])).toEqual([]);
    const pub = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'public', labels: { [PHI_LABEL]: 'false' } } };
    const c = claim('encrypted-gp3', 'cache', 'public');
    c.metadata.labels = { [PHI_LABEL]: 'false' };
    expect(violations(phiSnapshotClassRetain, [pub, encryptedClass(), c, snapshotClass('Delete')])).toEqual([]);
  });

  test('ignores a VolumeSnapshotClass of another API group', () => {
    const other = snapshotClass('Delete');
    other.apiVersion = 'example.com/v1';
    expect(violations(phiSnapshotClassRetain, [namespace, encryptedClass(), claim(), other])).toEqual([]);
  });
});
