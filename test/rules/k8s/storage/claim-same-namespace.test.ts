import { claim, encryptedClass } from './fixtures';
import { claimSameNamespace } from '../../../../lib/rules/k8s/storage/claim-same-namespace';
import { deployment, namespace } from '../../../helpers/fixtures';
import { clone, violations } from '../../../helpers/rule-test';

/** A copy of the compliant Deployment (namespace clinic) that mounts claim `claimName`. */
function mounting(claimName: string): any {
  const w = clone(deployment) as any;
  w.spec.template.spec.volumes = [...(w.spec.template.spec.volumes ?? []), { name: 'data', persistentVolumeClaim: { claimName } }];
  return w;
}

describe('k8s-claim-same-namespace', () => {
  test('flags a claim of the set that is only in another namespace', () => {
    const index = (mounting('db').spec.template.spec.volumes as unknown[]).length - 1;
    expect(violations(claimSameNamespace, [namespace, encryptedClass(), claim('encrypted-gp3', 'db', 'billing'), mounting('db')])).toEqual([
      `spec.template.spec.volumes[${index}].persistentVolumeClaim.claimName: Deployment 'api' in namespace 'clinic' mounts PersistentVolumeClaim 'db', ` +
        "which is in namespace 'billing': a pod mounts only claims of its own namespace, so it would stay Pending",
    ]);
  });

  test('passes a claim in the workload\'s namespace (also when another namespace has one of the same name), and a claim not in the set', () => {
    expect(violations(claimSameNamespace, [namespace, encryptedClass(), claim(), claim('encrypted-gp3', 'db', 'billing'), mounting('db')])).toEqual([]);
    expect(violations(claimSameNamespace, [namespace, mounting('made-elsewhere')])).toEqual([]);
  });
});
