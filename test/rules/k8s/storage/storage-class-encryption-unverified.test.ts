import { encryptedClass } from './fixtures';
import { storageClassEncryptionUnverified } from '../../../../lib/rules/k8s/storage/storage-class-encryption-unverified';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-storage-class-encryption-unverified', () => {
  test('warns about an EFS class, naming its file system and how to verify it', () => {
    const efs = encryptedClass('efs', { provisioner: 'efs.csi.aws.com', parameters: { provisioningMode: 'efs-ap', fileSystemId: 'fs-0123456789abcdef0', directoryPerms: '700' } });
    const result = runRule(storageClassEncryptionUnverified, [efs]);
    expect(result.unwaived.map((f) => `${f.severity} ${f.path}: ${f.message}`)).toEqual([
      "warning provisioner: StorageClass 'efs' uses the EFS CSI driver: encryption at rest is a property of EFS file system fs-0123456789abcdef0, which the class cannot show",
    ]);
    expect(result.unwaived[0].fix).toContain('aws efs describe-file-systems');
  });

  test('warns about an unknown provisioner and a class without one', () => {
    expect(violations(storageClassEncryptionUnverified, [encryptedClass('local', { provisioner: 'rancher.io/local-path' })])).toEqual([
      "provisioner: StorageClass 'local' has provisioner 'rancher.io/local-path', whose encryption settings are not known to the check, so encryption at rest cannot be verified",
    ]);
    const none = encryptedClass('none');
    delete none.provisioner;
    expect(violations(storageClassEncryptionUnverified, [none])).toEqual([
      "provisioner: StorageClass 'none' sets no provisioner, so encryption at rest cannot be verified",
    ]);
  });

  test('passes the provisioners whose encryption the check judges, encrypted or not', () => {
    expect(violations(storageClassEncryptionUnverified, [encryptedClass(), encryptedClass('gp2', { parameters: {} }), encryptedClass('pd', { provisioner: 'pd.csi.storage.gke.io' })])).toEqual([]);
  });
});
