import { check } from '../../../../lib/check/engine';
import { fromManifest } from '../../../../lib/check/resource';
import { uniqueObject } from '../../../../lib/rules/k8s/workload/unique-object';
import { compliantSet, deployment, namespace } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';

describe('k8s-unique-object', () => {
  test('passes the compliant objects', () => {
    expect(violations(uniqueObject, compliantSet())).toEqual([]);
  });

  test('passes the same name in another namespace, of another kind or of another API group', () => {
    const other = clone(deployment) as any;
    other.metadata.namespace = 'billing';
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api', namespace: 'clinic' } };
    const crd = { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'clinic' } };
    expect(violations(uniqueObject, [deployment, other, cm, crd])).toEqual([]);
  });

  test('flags both definitions of one object, naming where the other comes from', () => {
    const a = fromManifest(clone(deployment) as any, { constructPath: 'app/chart-a/api/Resource' });
    const b = fromManifest(clone(deployment) as any, { file: 'b.yaml', line: 3 });
    const result = check([a, b], { name: 't', description: 't', rules: [uniqueObject] });
    expect(result.unwaived.map((f) => `${f.source?.constructPath ?? f.source?.file}: ${f.path}: ${f.message}`)).toEqual([
      "b.yaml: metadata.name: Deployment 'api' in namespace 'clinic' is defined 2 times (also at app/chart-a/api/Resource); only one definition can be applied",
      "app/chart-a/api/Resource: metadata.name: Deployment 'api' in namespace 'clinic' is defined 2 times (also at b.yaml:3); only one definition can be applied",
    ]);
    expect(result.unwaived[1].fix).toBe('Rename one of them (metadata.name), or remove the duplicate definition at b.yaml:3.');
  });

  test('a namespaced object without a namespace lands in the default namespace', () => {
    const a = clone(deployment) as any;
    a.metadata.namespace = 'default';
    const b = clone(deployment) as any;
    delete b.metadata.namespace;
    expect(violations(uniqueObject, [a, b])).toHaveLength(2);
  });

  test('a cluster-scoped object is one object whatever namespace is stamped on it', () => {
    const a = clone(namespace) as any;
    const b = clone(namespace) as any;
    b.metadata.namespace = 'clinic';
    expect(violations(uniqueObject, [a, b])).toEqual([
      "metadata.name: Namespace 'clinic' is defined 2 times (also at another chart of the app or a context file); only one definition can be applied",
      "metadata.name: Namespace 'clinic' is defined 2 times (also at another chart of the app or a context file); only one definition can be applied",
    ]);
  });

  test('a VolumeSnapshotClass is cluster-scoped too: one object across charts of different namespaces, named without a namespace', () => {
    const vsc = (ns?: string) => ({
      apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: { name: 'phi-data', ...(ns ? { namespace: ns } : {}) }, driver: 'ebs.csi.aws.com', deletionPolicy: 'Retain',
    });
    const message = "metadata.name: VolumeSnapshotClass 'phi-data' is defined 2 times (also at another chart of the app or a context file); only one definition can be applied";
    expect(violations(uniqueObject, [vsc('clinic'), vsc('billing')])).toEqual([message, message]);
    expect(violations(uniqueObject, [vsc(), vsc()])).toEqual([message, message]);
  });

  test('sees duplicates among the context objects, reporting only the checked one', () => {
    const result = runRule(uniqueObject, [deployment], { context: [fromManifest(clone(deployment) as any)] });
    expect(result.unwaived).toHaveLength(1);
    expect(result.unwaived[0].message).toContain('is defined 2 times');
  });
});
