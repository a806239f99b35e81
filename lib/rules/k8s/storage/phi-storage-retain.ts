import { claimNames, phiClaimsOfClass } from './claims';
import type { Rule } from '../../../check/rule';
import { PHI_LABEL } from '../../../labels';
import { isPhiNamespace, phiLabelOf } from '../phi-classification';

/** Storage of PHI is retained when its claim is deleted. */
export const phiStorageRetain: Rule = {
  id: 'k8s-phi-storage-retain',
  title: 'StorageClasses and PersistentVolumes holding PHI must use reclaimPolicy Retain',
  description:
    'With reclaimPolicy Delete, deleting a claim (a mistyped kubectl delete, a namespace deleted, a Helm uninstall) ' +
    'deletes the volume and the PHI on it, with no copy to restore from. A StorageClass used by PHI claims (naming it, ' +
    'or naming none while it is the default class) must set reclaimPolicy: Retain; an unset reclaimPolicy defaults to ' +
    'Delete. A PersistentVolume labelled hipaa-constructs.io/phi: "true", or bound (spec.claimRef) to a claim in a PHI ' +
    'namespace, must not set persistentVolumeReclaimPolicy Delete or Recycle (unset defaults to Retain for a PersistentVolume).',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)'],
  kinds: ['StorageClass', 'PersistentVolume'],
  fix: 'Set reclaimPolicy: Retain on the StorageClass (persistentVolumeReclaimPolicy: Retain on a PersistentVolume), and delete released volumes deliberately once their data is no longer needed.',
  check(resource, ctx, report) {
    if (resource.kind === 'StorageClass') {
      const policy: unknown = resource.body.reclaimPolicy;
      if (policy === 'Retain') return;
      const claims = phiClaimsOfClass(ctx, resource.name);
      if (claims.length === 0) return;
      report({
        path: 'reclaimPolicy',
        message: `StorageClass '${resource.name}' ${policy === undefined ? 'sets no reclaimPolicy (the default is Delete)' : `has reclaimPolicy ${JSON.stringify(policy)}`} ` +
          `and holds PHI for ${claimNames(claims)}: deleting a claim deletes its volume`,
        fix: 'Set reclaimPolicy: Retain on the StorageClass (it applies to volumes provisioned afterwards; patch existing PersistentVolumes to persistentVolumeReclaimPolicy: Retain).',
      });
      return;
    }
    const policy: unknown = resource.body.spec?.persistentVolumeReclaimPolicy;
    if (policy !== 'Delete' && policy !== 'Recycle') return;
    const claimRef = resource.body.spec?.claimRef;
    const claimNs: unknown = claimRef?.namespace;
    let why: string | undefined;
    if (phiLabelOf(resource.body.metadata?.labels) === 'true') why = `is labelled ${PHI_LABEL}: "true"`;
    else if (typeof claimNs === 'string' && isPhiNamespace(ctx, claimNs)) why = `is bound to claim ${claimNs}/${typeof claimRef?.name === 'string' ? claimRef.name : JSON.stringify(claimRef?.name ?? null)} in PHI namespace '${claimNs}'`;
    if (why === undefined) return;
    report({
      path: 'spec.persistentVolumeReclaimPolicy',
      message: `PersistentVolume '${resource.name}' ${why} and has persistentVolumeReclaimPolicy ${policy}: deleting its claim ${policy === 'Delete' ? 'deletes the volume' : 'scrubs the volume'}`,
      fix: 'Set spec.persistentVolumeReclaimPolicy: Retain.',
    });
  },
};
