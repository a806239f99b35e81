import { claimClass, claimsOf } from './claims';
import { classEncryptionIn } from './encryption';
import type { Rule } from '../../../check/rule';
import { objectPhiReason } from '../phi-classification';

/** PHI claims use a StorageClass that encrypts with a customer-managed key. */
export const phiClaimEncryptedStorage: Rule = {
  id: 'k8s-phi-claim-encrypted-storage',
  title: 'PersistentVolumeClaims holding PHI must use a StorageClass that encrypts with a customer-managed key',
  description:
    'A claim in a PHI namespace (or labelled hipaa-constructs.io/phi: "true", or unclassified while unclassified counts as ' +
    'PHI) stores PHI on whatever volume its StorageClass provisions. When that class is in the checked set and does not ' +
    'encrypt with a customer-managed key (see k8s-storage-class-encryption), the PHI is written unencrypted or under a ' +
    'provider-managed key. A claim naming no class uses the class annotated storageclass.kubernetes.io/is-default-class: "true". ' +
    'Claims whose class is not in the set, or cannot be verified, are reported by k8s-phi-claim-storage-unknown. A ' +
    'StatefulSet\'s volume claim templates are checked as the claims they stamp out (labelled as the template, plus the ' +
    'set\'s selector labels).',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.310(d)(2)(iv)'],
  kinds: ['PersistentVolumeClaim', 'StatefulSet'],
  fix: 'Set spec.storageClassName to a StorageClass that encrypts with a customer-managed key, or fix the class it uses (see the findings of k8s-storage-class-encryption).',
  check(resource, ctx, report) {
    for (const { claim, path, noun } of claimsOf(resource)) {
      const cls = claimClass(ctx, claim);
      if (cls.kind !== 'named' || cls.resource === undefined) continue;
      const enc = classEncryptionIn(ctx, cls.resource);
      if (enc.status !== 'not-customer-key') continue;
      const where = objectPhiReason(ctx, claim);
      if (where === undefined) continue;
      const how = cls.explicit ? `its StorageClass '${cls.name}'` : `the default StorageClass '${cls.name}' it gets by naming none`;
      report({
        path: `${path}spec.storageClassName`,
        message: `the ${noun} ${where} holds PHI on ${how}, which ${enc.problems.map((p) => p.message).join('; and ')}`,
        // A template's fix names its own field; a claim keeps the rule's fix.
        ...(path ? {
          fix: `Set ${path}spec.storageClassName to a StorageClass that encrypts with a customer-managed key, or fix the class it uses ` +
          '(see the findings of k8s-storage-class-encryption); claims already created keep their class: migrate their data to new claims.',
        } : {}),
      });
    }
  },
};
