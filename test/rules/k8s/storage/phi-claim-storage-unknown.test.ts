import { claim, encryptedClass, statefulSetWithClaims } from './fixtures';
import { PHI_LABEL } from '../../../../lib/labels';
import { phiClaimStorageUnknown } from '../../../../lib/rules/k8s/storage/phi-claim-storage-unknown';
import { namespace } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

const TAIL = ': encryption at rest of its PHI cannot be verified';

describe('k8s-phi-claim-storage-unknown', () => {
  test('warns when the named class is not in the set', () => {
    const result = runRule(phiClaimStorageUnknown, [namespace, claim('fast')]);
    expect(result.unwaived.map((f) => `${f.severity} ${f.path}: ${f.message}`)).toEqual([
      `warning spec.storageClassName: the PersistentVolumeClaim in PHI namespace 'clinic' names StorageClass 'fast', which is not in the checked set${TAIL}`,
    ]);
    expect(result.passed).toBe(true);
  });

  test('warns when the claim names no class and the set has no default class', () => {
    expect(violations(phiClaimStorageUnknown, [namespace, encryptedClass(), claim(null)])).toEqual([
      "spec.storageClassName: the PersistentVolumeClaim in PHI namespace 'clinic' names no StorageClass, and no StorageClass of the checked set is the default " +
      `(storageclass.kubernetes.io/is-default-class: "true"), so the cluster default it gets is unknown${TAIL}`,
    ]);
  });

  test('warns about storageClassName "" and about a class with an unverifiable provisioner', () => {
    expect(violations(phiClaimStorageUnknown, [namespace, claim('')])).toEqual([
      `spec.storageClassName: the PersistentVolumeClaim in PHI namespace 'clinic' sets storageClassName: "" and binds a pre-provisioned PersistentVolume, whose encryption the check cannot see${TAIL}`,
    ]);
    const efs = encryptedClass('efs', { provisioner: 'efs.csi.aws.com', parameters: { fileSystemId: 'fs-1' } });
    expect(violations(phiClaimStorageUnknown, [namespace, efs, claim('efs')])).toEqual([
      "spec.storageClassName: the PersistentVolumeClaim in PHI namespace 'clinic' uses StorageClass 'efs', which uses the EFS CSI driver: encryption at rest is a " +
      `property of EFS file system fs-1, which the class cannot show${TAIL}`,
    ]);
  });

  test('passes claims whose class the check judges (encrypted or not), and claims that are not PHI', () => {
    expect(violations(phiClaimStorageUnknown, [namespace, encryptedClass(), encryptedClass('gp2', { parameters: {} }), claim(), claim('gp2', 'b')])).toEqual([]);
    const pub = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'public', labels: { [PHI_LABEL]: 'false' } } };
    const c = claim('fast', 'cache', 'public');
    c.metadata.labels = { [PHI_LABEL]: 'false' };
    expect(violations(phiClaimStorageUnknown, [pub, c])).toEqual([]);
  });

  test('a template\'s finding names the template\'s field in its fix', () => {
    const [finding] = runRule(phiClaimStorageUnknown, [namespace, statefulSetWithClaims(['fast'])]).unwaived;
    expect(finding.fix).toBe(
      'Check the StorageClass together with the StatefulSet (include its manifest in the input) and name it in spec.volumeClaimTemplates[0].spec.storageClassName; ' +
        'or verify the volumes are encrypted with a customer-managed key and waive this finding with that evidence in its reason.',
    );
  });

  test('warns for a StatefulSet volume claim template whose class is not in the set, or that names none without a default class', () => {
    expect(violations(phiClaimStorageUnknown, [namespace, encryptedClass(), statefulSetWithClaims(['encrypted-gp3', 'fast', null])])).toEqual([
      `spec.volumeClaimTemplates[1].spec.storageClassName: the volume claim template 'data-1' of StatefulSet 'db' in PHI namespace 'clinic' names StorageClass 'fast', which is not in the checked set${TAIL}`,
      "spec.volumeClaimTemplates[2].spec.storageClassName: the volume claim template 'data-2' of StatefulSet 'db' in PHI namespace 'clinic' names no StorageClass, " +
        `and no StorageClass of the checked set is the default (storageclass.kubernetes.io/is-default-class: "true"), so the cluster default it gets is unknown${TAIL}`,
    ]);
  });
});
