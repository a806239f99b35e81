import { claim, encryptedClass } from './fixtures';
import { PHI_LABEL } from '../../../../lib/labels';
import { phiWorkloadClaimLabel } from '../../../../lib/rules/k8s/storage/phi-workload-claim-label';
import { deployment, namespace } from '../../../helpers/fixtures';
import { clone, violations } from '../../../helpers/rule-test';

/** The compliant Deployment (PHI, namespace clinic) mounting claim 'db' as volume 'data'; `mount` sets the container's mount. */
function mounting(source: Record<string, unknown> = {}, mount?: Record<string, unknown>): any {
  const w = clone(deployment) as any;
  const spec = w.spec.template.spec;
  spec.volumes = [...(spec.volumes ?? []), { name: 'data', persistentVolumeClaim: { claimName: 'db', ...source } }];
  if (mount) spec.containers[0].volumeMounts = [...(spec.containers[0].volumeMounts ?? []), { name: 'data', mountPath: '/data', ...mount }];
  return w;
}
function labelled(value: string): any {
  const c = claim();
  c.metadata.labels = { [PHI_LABEL]: value };
  return c;
}
/** The namespace labelled "false": only the workload's own label makes it PHI. */
const nonPhiNamespace = { ...namespace, metadata: { ...namespace.metadata, labels: { ...namespace.metadata.labels, [PHI_LABEL]: 'false' } } };

describe('k8s-phi-workload-claim-label', () => {
  test('flags a PHI workload writing to a claim labelled "false" (PHI namespace, or a PHI workload in a non-PHI namespace)', () => {
    const index = (mounting().spec.template.spec.volumes as unknown[]).length - 1;
    const expected = `spec.template.spec.volumes[${index}].persistentVolumeClaim: Deployment 'api' handles PHI and mounts PersistentVolumeClaim 'db' writable, ` +
      `but the claim is labelled ${PHI_LABEL}: "false": the PHI written there is not treated as PHI by what selects on the label`;
    expect(violations(phiWorkloadClaimLabel, [namespace, encryptedClass(), labelled('false'), mounting({}, { readOnly: false })])).toEqual([expected]);
    expect(violations(phiWorkloadClaimLabel, [nonPhiNamespace, encryptedClass(), labelled('false'), mounting()])).toEqual([expected]);
  });

  test('passes a claim labelled "true" or unlabelled, a read-only mount, a workload that is not PHI, a claim not in the set', () => {
    expect(violations(phiWorkloadClaimLabel, [namespace, encryptedClass(), labelled('true'), mounting()])).toEqual([]);
    expect(violations(phiWorkloadClaimLabel, [namespace, encryptedClass(), claim(), mounting()])).toEqual([]);
    expect(violations(phiWorkloadClaimLabel, [namespace, encryptedClass(), labelled('false'), mounting({ readOnly: true })])).toEqual([]);
    expect(violations(phiWorkloadClaimLabel, [namespace, encryptedClass(), labelled('false'), mounting({}, { readOnly: true })])).toEqual([]);
    const notPhi = mounting();
    notPhi.metadata.labels = { ...notPhi.metadata.labels, [PHI_LABEL]: 'false' };
    notPhi.spec.template.metadata.labels = { ...notPhi.spec.template.metadata.labels, [PHI_LABEL]: 'false' };
    expect(violations(phiWorkloadClaimLabel, [nonPhiNamespace, encryptedClass(), labelled('false'), notPhi])).toEqual([]);
    expect(violations(phiWorkloadClaimLabel, [namespace, mounting()])).toEqual([]);
  });

  test('many workloads in one namespace: each PHI one is judged on its own (a set per check, not a scan per workload)', () => {
    const workloads = Array.from({ length: 400 }, (_, i) => {
      const w = mounting();
      w.metadata.name = `api-${i}`;
      // Every other workload is labelled as handling no PHI, in a namespace labelled not PHI.
      w.spec.template.metadata.labels = { ...w.spec.template.metadata.labels, [PHI_LABEL]: i % 2 === 0 ? 'true' : 'false' };
      w.metadata.labels = { ...w.metadata.labels, [PHI_LABEL]: i % 2 === 0 ? 'true' : 'false' };
      return w;
    });
    const found = violations(phiWorkloadClaimLabel, [nonPhiNamespace, encryptedClass(), labelled('false'), ...workloads]);
    expect(found).toHaveLength(200);
    expect(found.every((f) => /Deployment 'api-\d*[02468]' handles PHI/.test(f))).toBe(true);
  });
});

