import { compliantDeployment, restrictedPod } from './support';
import { selinux } from '../../../../lib/rules/k8s/pod-security/selinux';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-selinux', () => {
  test('passes the compliant deployment (no seLinuxOptions)', () => {
    expect(violations(selinux, [deployment])).toEqual([]);
  });

  test('flags a type outside the container types, with the exact fix', () => {
    const { d, spec } = compliantDeployment();
    spec.securityContext.seLinuxOptions = { type: 'spc_t' };
    const result = runRule(selinux, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.securityContext.seLinuxOptions.type: the pod sets seLinuxOptions.type to 'spc_t', which is not one of container_t, container_init_t and container_kvm_t",
    ]);
    expect(result.unwaived[0].fix).toBe('Remove spec.template.spec.securityContext.seLinuxOptions.type (the runtime then uses container_t) or set it to container_t.');
  });

  test('flags a custom user and role on containers and init containers', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].securityContext.seLinuxOptions = { user: 'system_u', type: 'container_t' };
    pod.spec.initContainers[0].securityContext.seLinuxOptions = { role: 'system_r', type: 'somevalue' };
    expect(violations(selinux, [pod])).toEqual([
      "spec.containers[0].securityContext.seLinuxOptions.user: container 'app' sets seLinuxOptions.user to 'system_u'; the baseline profile forbids a custom SELinux user",
      "spec.initContainers[0].securityContext.seLinuxOptions.role: init container 'init' sets seLinuxOptions.role to 'system_r'; the baseline profile forbids a custom SELinux role",
      "spec.initContainers[0].securityContext.seLinuxOptions.type: init container 'init' sets seLinuxOptions.type to 'somevalue', which is not one of container_t, container_init_t and container_kvm_t",
    ]);
  });

  test('passes the allowed types, empty options, empty strings and any level', () => {
    const pod = restrictedPod();
    pod.spec.securityContext.seLinuxOptions = { type: 'container_t', level: '' };
    pod.spec.containers[0].securityContext.seLinuxOptions = { type: 'container_init_t', level: 's0:c123,c456', user: '', role: '' };
    pod.spec.initContainers[0].securityContext.seLinuxOptions = { type: 'container_kvm_t' };
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { seLinuxOptions: {} } }];
    expect(violations(selinux, [pod])).toEqual([]);
  });

  test('allows container_engine_t only from Kubernetes 1.31', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].securityContext.seLinuxOptions = { type: 'container_engine_t' };
    expect(violations(selinux, [pod])).toEqual([
      "spec.containers[0].securityContext.seLinuxOptions.type: container 'app' sets seLinuxOptions.type to 'container_engine_t', which is not one of container_t, container_init_t and container_kvm_t",
    ]);
    expect(violations(selinux, [pod], { kubernetesVersion: '1.31' })).toEqual([]);
    pod.spec.containers[0].securityContext.seLinuxOptions = { type: 'spc_t' };
    expect(violations(selinux, [pod], { kubernetesVersion: '1.31' })).toEqual([
      "spec.containers[0].securityContext.seLinuxOptions.type: container 'app' sets seLinuxOptions.type to 'spc_t', which is not one of container_t, container_init_t, container_kvm_t and container_engine_t",
    ]);
  });
});
