import { claimClass, claimsOf } from './claims';
import { classEncryptionIn } from './encryption';
import type { Rule } from '../../../check/rule';
import { objectPhiReason } from '../phi-classification';

/** PHI claims whose storage encryption the check cannot see are reported. */
export const phiClaimStorageUnknown: Rule = {
  id: 'k8s-phi-claim-storage-unknown',
  title: 'PersistentVolumeClaims holding PHI should use a StorageClass the check can verify',
  description:
    'A PHI claim (classified as for k8s-phi-claim-encrypted-storage) whose encryption at rest cannot be seen in the ' +
    'checked set: it names a StorageClass that is not in the set, it names none and no class of the set is annotated ' +
    'storageclass.kubernetes.io/is-default-class: "true" (the cluster default is unknown), it binds a pre-provisioned ' +
    'PersistentVolume with storageClassName: "", or its class uses a provisioner whose encryption cannot be verified. ' +
    'A StatefulSet\'s volume claim templates are checked as the claims they stamp out. A warning: check the StorageClass ' +
    'together with the claims, or verify the volume and waive with the evidence.',
  severity: 'warning',
  controls: ['164.312(a)(2)(iv)'],
  kinds: ['PersistentVolumeClaim', 'StatefulSet'],
  fix: 'Check the StorageClass together with the claim (include its manifest in the input) and name it in spec.storageClassName; ' +
    'or verify the volume is encrypted with a customer-managed key and waive this finding with that evidence in its reason.',
  check(resource, ctx, report) {
    for (const { claim, path, noun } of claimsOf(resource)) {
      const cls = claimClass(ctx, claim);
      let why: string;
      if (cls.kind === 'default-unknown') {
        why = 'names no StorageClass, and no StorageClass of the checked set is the default (storageclass.kubernetes.io/is-default-class: "true"), so the cluster default it gets is unknown';
      } else if (cls.kind === 'none') {
        why = 'sets storageClassName: "" and binds a pre-provisioned PersistentVolume, whose encryption the check cannot see';
      } else if (cls.resource === undefined) {
        why = `names StorageClass '${cls.name}', which is not in the checked set`;
      } else {
        const enc = classEncryptionIn(ctx, cls.resource);
        if (enc.status !== 'unverifiable') continue;
        why = `uses StorageClass '${cls.name}', which ${enc.problems[0].message}`;
      }
      const where = objectPhiReason(ctx, claim);
      if (where === undefined) continue;
      report({
        path: `${path}spec.storageClassName`,
        message: `the ${noun} ${where} ${why}: encryption at rest of its PHI cannot be verified`,
        // A template's fix names its own field; a claim keeps the rule's fix.
        ...(path ? {
          fix: `Check the StorageClass together with the StatefulSet (include its manifest in the input) and name it in ${path}spec.storageClassName; ` +
          'or verify the volumes are encrypted with a customer-managed key and waive this finding with that evidence in its reason.',
        } : {}),
      });
    }
  },
};
