import { readOnlyRootFilesystem } from '../../../../lib/rules/k8s/workload/read-only-root-filesystem';
import { deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, containerNamed, POD_SPEC_PATH, specOf, workloadOfKind } from '../../../helpers/workloads';

describe('k8s-read-only-root-filesystem', () => {
  test('passes containers with a read-only root filesystem', () => {
    expect(violations(readOnlyRootFilesystem, [deployment])).toEqual([]);
  });

  test('flags a container that leaves it unset', () => {
    const d = clone(deployment) as any;
    delete d.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem;
    expect(violations(readOnlyRootFilesystem, [d])).toEqual([
      "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem: container 'api' does not set readOnlyRootFilesystem, so its root filesystem is writable",
    ]);
  });

  test('flags an explicit false and a container without securityContext, and says what to set', () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false;
    d.spec.template.spec.initContainers = [{ ...containerNamed('migrate'), securityContext: undefined }];
    const result = runRule(readOnlyRootFilesystem, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem: container 'api' sets readOnlyRootFilesystem: false, so its root filesystem is writable",
      "spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem: init container 'migrate' does not set readOnlyRootFilesystem, so its root filesystem is writable",
    ]);
    expect(result.unwaived[0].fix).toBe(
      "Set spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem: true, and mount an emptyDir volume (with a sizeLimit) on each path container 'api' must write, such as /tmp.",
    );
  });

  test('checks ephemeral containers of a Pod', () => {
    const pod = workloadOfKind('Pod');
    pod.spec.ephemeralContainers = [{ name: 'debug', image: pod.spec.containers[0].image }];
    expect(violations(readOnlyRootFilesystem, [pod])).toEqual([
      "spec.ephemeralContainers[0].securityContext.readOnlyRootFilesystem: ephemeral container 'debug' does not set readOnlyRootFilesystem, so its root filesystem is writable",
    ]);
  });

  test.each(WORKLOAD_KINDS)('checks the pod of a %s at its own path', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(readOnlyRootFilesystem, [obj])).toEqual([]);
    specOf(obj).containers[0].securityContext.readOnlyRootFilesystem = false;
    expect(violations(readOnlyRootFilesystem, [obj])).toEqual([
      `${POD_SPEC_PATH[kind]}.containers[0].securityContext.readOnlyRootFilesystem: container 'api' sets readOnlyRootFilesystem: false, so its root filesystem is writable`,
    ]);
  });

  test('ignores kinds without pods', () => {
    expect(violations(readOnlyRootFilesystem, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, spec: { containers: [{}] } }])).toEqual([]);
  });
});
