import { claim, encryptedClass, statefulSetWithClaims } from './fixtures';
import { check } from '../../../../lib/check/engine';
import { fromManifest } from '../../../../lib/check/resource';
import { PHI_LABEL } from '../../../../lib/labels';
import { phiClaimEncryptedStorage } from '../../../../lib/rules/k8s/storage/phi-claim-encrypted-storage';
import { phiClaimStorageUnknown } from '../../../../lib/rules/k8s/storage/phi-claim-storage-unknown';
import * as kmsKey from '../../../../lib/rules/k8s/support/kms-key';
import { namespace } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

const DEFAULT = { 'storageclass.kubernetes.io/is-default-class': 'true' };
const gp2 = () => encryptedClass('gp2', { parameters: { type: 'gp2' } });

describe('k8s-phi-claim-encrypted-storage', () => {
  test('flags a PHI claim on a class without encryption, saying what the class lacks', () => {
    expect(violations(phiClaimEncryptedStorage, [namespace, gp2(), claim('gp2')])).toEqual([
      "spec.storageClassName: the PersistentVolumeClaim in PHI namespace 'clinic' holds PHI on its StorageClass 'gp2', which does not set parameters.encrypted: " +
      'its EBS volumes are unencrypted unless the account turns on EBS encryption by default; and does not set parameters.kmsKeyId: its volumes are encrypted ' +
      '(if at all) with the AWS-managed key alias/aws/ebs, which you cannot restrict, rotate on your schedule or revoke',
    ]);
  });

  test('flags a PHI claim naming no class when the default class of the set is unencrypted', () => {
    const cls = gp2();
    cls.metadata.annotations = DEFAULT;
    expect(violations(phiClaimEncryptedStorage, [namespace, cls, claim(null)])).toEqual([
      expect.stringContaining("holds PHI on the default StorageClass 'gp2' it gets by naming none, which does not set parameters.encrypted"),
    ]);
  });

  test('passes a PHI claim on an encrypted class, explicit or default', () => {
    const cls = encryptedClass();
    expect(violations(phiClaimEncryptedStorage, [namespace, cls, claim()])).toEqual([]);
    cls.metadata.annotations = DEFAULT;
    expect(violations(phiClaimEncryptedStorage, [namespace, gp2(), cls, claim(null)])).toEqual([]);
  });

  test('passes a claim classified as not PHI, and leaves unknown classes to k8s-phi-claim-storage-unknown', () => {
    const pub = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'public', labels: { [PHI_LABEL]: 'false' } } };
    const c = claim('gp2', 'cache', 'public');
    c.metadata.labels = { [PHI_LABEL]: 'false' };
    expect(violations(phiClaimEncryptedStorage, [pub, gp2(), c])).toEqual([]);
    expect(violations(phiClaimEncryptedStorage, [namespace, claim('missing'), claim(null, 'b'), claim('', 'c')])).toEqual([]);
  });

  test('fails closed: an unlabelled claim in an unclassified namespace counts as PHI unless unclassifiedIsPhi is off', () => {
    expect(violations(phiClaimEncryptedStorage, [gp2(), claim('gp2')])).toHaveLength(1);
    expect(violations(phiClaimEncryptedStorage, [gp2(), claim('gp2')], { unclassifiedIsPhi: false })).toEqual([]);
  });

  test('reads a class once per check, however many claims and claim rules ask (was once per claim and rule)', () => {
    const keyReads = (claims: number) => {
      const spy = jest.spyOn(kmsKey, 'parseKmsKey');
      try {
        const manifests = [namespace, encryptedClass(), ...Array.from({ length: claims }, (_, i) => claim('encrypted-gp3', `db-${i}`))];
        const result = check(manifests.map((m) => fromManifest(m)), { name: 'claims', description: 'the claim rules', rules: [phiClaimEncryptedStorage, phiClaimStorageUnknown] });
        expect(result.findings).toEqual([]);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    expect(keyReads(1)).toBeGreaterThan(0);
    expect(keyReads(50)).toBe(keyReads(1));
  });

  describe('StatefulSet volume claim templates (the claims they stamp out)', () => {
    test('flags a template of a PHI namespace on an unencrypted class, at the template', () => {
      expect(violations(phiClaimEncryptedStorage, [namespace, gp2(), statefulSetWithClaims(['encrypted-gp3', 'gp2']), encryptedClass()])).toEqual([
        "spec.volumeClaimTemplates[1].spec.storageClassName: the volume claim template 'data-1' of StatefulSet 'db' in PHI namespace 'clinic' holds PHI on " +
          "its StorageClass 'gp2', which does not set parameters.encrypted: its EBS volumes are unencrypted unless the account turns on EBS encryption by " +
          'default; and does not set parameters.kmsKeyId: its volumes are encrypted (if at all) with the AWS-managed key alias/aws/ebs, which you cannot ' +
          'restrict, rotate on your schedule or revoke',
      ]);
    });

    test('the fix names the template\'s field', () => {
      const [finding] = runRule(phiClaimEncryptedStorage, [namespace, gp2(), statefulSetWithClaims(['gp2'])]).unwaived;
      expect(finding.fix).toBe(
        'Set spec.volumeClaimTemplates[0].spec.storageClassName to a StorageClass that encrypts with a customer-managed key, or fix the class it uses ' +
          '(see the findings of k8s-storage-class-encryption); claims already created keep their class: migrate their data to new claims.',
      );
    });

    test('passes templates on an encrypted class, and non-PHI templates outside PHI namespaces', () => {
      expect(violations(phiClaimEncryptedStorage, [namespace, encryptedClass(), statefulSetWithClaims(['encrypted-gp3'])])).toEqual([]);
      const pub = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'public', labels: { [PHI_LABEL]: 'false' } } };
      expect(violations(phiClaimEncryptedStorage, [pub, gp2(), statefulSetWithClaims(['gp2'], { [PHI_LABEL]: 'false' }, 'cache', 'public')])).toEqual([]);
    });

    test('a template labelled PHI counts as PHI outside a PHI namespace', () => {
      const pub = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'public', labels: { [PHI_LABEL]: 'false' } } };
      expect(violations(phiClaimEncryptedStorage, [pub, gp2(), statefulSetWithClaims(['gp2'], { [PHI_LABEL]: 'true' }, 'cache', 'public')])).toEqual([
        expect.stringContaining(`volume claim template 'data' of StatefulSet 'cache' labelled ${PHI_LABEL}: "true" holds PHI on its StorageClass 'gp2'`),
      ]);
    });
  });
});
