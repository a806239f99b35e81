import { claimNames, phiClaimsByDriver } from './claims';
import type { Rule } from '../../../check/rule';

/** Snapshots of PHI volumes outlive their VolumeSnapshot objects. */
export const phiSnapshotClassRetain: Rule = {
  id: 'k8s-phi-snapshot-class-retain',
  title: 'VolumeSnapshotClasses for drivers of PHI volumes must use deletionPolicy Retain',
  description:
    'A VolumeSnapshotClass (snapshot.storage.k8s.io/v1) with deletionPolicy Delete removes the storage snapshot when its ' +
    'VolumeSnapshot object is deleted, so the backups of PHI volumes disappear with a namespace or a cleanup job. When a ' +
    'PHI claim of the checked set uses a StorageClass whose provisioner is the class\'s driver, the class must set ' +
    'deletionPolicy: Retain.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)'],
  kinds: ['VolumeSnapshotClass'],
  fix: 'Set deletionPolicy: Retain on the VolumeSnapshotClass, and expire snapshots by your retention policy instead.',
  check(resource, ctx, report) {
    if (!resource.apiVersion?.startsWith('snapshot.storage.k8s.io/')) return;
    const policy: unknown = resource.body.deletionPolicy;
    if (policy === 'Retain') return;
    const driver: unknown = resource.body.driver;
    if (typeof driver !== 'string') return;
    const claims = phiClaimsByDriver(ctx).get(driver);
    if (claims === undefined || claims.length === 0) return;
    report({
      path: 'deletionPolicy',
      message: `VolumeSnapshotClass '${resource.name}' has deletionPolicy ${JSON.stringify(policy ?? null)} for driver ${driver}, ` +
        `which holds PHI for ${claimNames(claims)}: deleting a VolumeSnapshot deletes the snapshot`,
    });
  },
};
