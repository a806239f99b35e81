import { compliantDeployment, restrictedPod } from './support';
import { hostProcess } from '../../../../lib/rules/k8s/pod-security/host-process';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-host-process', () => {
  test('passes the compliant deployment', () => {
    expect(violations(hostProcess, [deployment])).toEqual([]);
  });

  test('flags hostProcess: true on the pod, with the exact fix', () => {
    const { d, spec } = compliantDeployment();
    spec.securityContext.windowsOptions = { hostProcess: true };
    const result = runRule(hostProcess, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      'spec.template.spec.securityContext.windowsOptions.hostProcess: the pod sets securityContext.windowsOptions.hostProcess: true, so every container runs as a process on the Windows node with node administrator privileges',
    ]);
    expect(result.unwaived[0].fix).toBe(
      'Remove spec.template.spec.securityContext.windowsOptions.hostProcess (or set it to false). Node administration agents belong outside namespaces that hold PHI.',
    );
  });

  test('flags hostProcess: true on containers and init containers', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].securityContext.windowsOptions = { hostProcess: true };
    pod.spec.initContainers[0].securityContext.windowsOptions = { hostProcess: true };
    expect(violations(hostProcess, [pod])).toEqual([
      "spec.containers[0].securityContext.windowsOptions.hostProcess: container 'app' sets securityContext.windowsOptions.hostProcess: true, so it runs as a process on the Windows node with node administrator privileges",
      "spec.initContainers[0].securityContext.windowsOptions.hostProcess: init container 'init' sets securityContext.windowsOptions.hostProcess: true, so it runs as a process on the Windows node with node administrator privileges",
    ]);
  });

  test('passes an explicit hostProcess: false and other windowsOptions', () => {
    const pod = restrictedPod();
    pod.spec.securityContext.windowsOptions = { hostProcess: false, runAsUserName: 'ContainerUser' };
    pod.spec.containers[0].securityContext.windowsOptions = { hostProcess: false };
    expect(violations(hostProcess, [pod])).toEqual([]);
  });
});
