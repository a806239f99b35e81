import { compliantDeployment, restrictedPod } from './support';
import { procMount } from '../../../../lib/rules/k8s/pod-security/proc-mount';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-proc-mount', () => {
  test('passes the compliant deployment', () => {
    expect(violations(procMount, [deployment])).toEqual([]);
  });

  test('flags procMount: Unmasked, with the exact fix', () => {
    const { d, container } = compliantDeployment();
    container.securityContext.procMount = 'Unmasked';
    const result = runRule(procMount, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.containers[0].securityContext.procMount: container 'api' sets securityContext.procMount to 'Unmasked', which removes the masks that hide the node's kernel interfaces under /proc",
    ]);
    expect(result.unwaived[0].fix).toBe('Remove spec.template.spec.containers[0].securityContext.procMount (or set it to Default).');
  });

  test('flags Unmasked on an init container even in a user namespace (restricted forbids it on every version)', () => {
    const pod = restrictedPod();
    pod.spec.hostUsers = false;
    pod.spec.initContainers[0].securityContext.procMount = 'Unmasked';
    const expected = [
      "spec.initContainers[0].securityContext.procMount: init container 'init' sets securityContext.procMount to 'Unmasked', which removes the masks that hide the node's kernel interfaces under /proc",
    ];
    expect(violations(procMount, [pod])).toEqual(expected);
    expect(violations(procMount, [pod], { kubernetesVersion: '1.35' })).toEqual(expected);
  });

  test('passes procMount: Default', () => {
    const pod = restrictedPod();
    pod.spec.hostUsers = false;
    pod.spec.containers[0].securityContext.procMount = 'Default';
    pod.spec.initContainers[0].securityContext.procMount = 'Default';
    expect(violations(procMount, [pod])).toEqual([]);
  });
});
