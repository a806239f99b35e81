import { emptyDirSizeLimit } from '../../../../lib/rules/k8s/workload/empty-dir-size-limit';
import { deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, POD_SPEC_PATH, specOf, workloadOfKind } from '../../../helpers/workloads';

describe('k8s-empty-dir-size-limit', () => {
  test('is a warning', () => {
    expect(emptyDirSizeLimit.severity).toBe('warning');
  });

  test('passes emptyDir volumes with a sizeLimit, and other volume types', () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.volumes.push({ name: 'cfg', configMap: { name: 'settings' } });
    expect(violations(emptyDirSizeLimit, [deployment, d])).toEqual([]);
  });

  test('flags a memory-backed emptyDir without a sizeLimit', () => {
    const d = clone(deployment) as any;
    delete d.spec.template.spec.volumes[0].emptyDir.sizeLimit;
    const [f] = runRule(emptyDirSizeLimit, [d]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe("spec.template.spec.volumes[0].emptyDir.sizeLimit: emptyDir volume 'tmp' sets no sizeLimit, so it can grow until the node memory runs out");
    expect(f.fix).toBe('Set spec.template.spec.volumes[0].emptyDir.sizeLimit to the most the pod should write there, e.g. sizeLimit: 64Mi (it counts against the memory limit).');
  });

  test('flags a disk-backed emptyDir: {}', () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.volumes.push({ name: 'cache', emptyDir: {} });
    expect(violations(emptyDirSizeLimit, [d])).toEqual([
      "spec.template.spec.volumes[1].emptyDir.sizeLimit: emptyDir volume 'cache' sets no sizeLimit, so it can grow until the node disk runs out",
    ]);
  });

  test.each(WORKLOAD_KINDS)('checks the pod of a %s at its own path', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(emptyDirSizeLimit, [obj])).toEqual([]);
    specOf(obj).volumes[0].emptyDir = {};
    expect(violations(emptyDirSizeLimit, [obj])).toEqual([
      `${POD_SPEC_PATH[kind]}.volumes[0].emptyDir.sizeLimit: emptyDir volume 'tmp' sets no sizeLimit, so it can grow until the node disk runs out`,
    ]);
  });
});
