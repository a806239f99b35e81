import { compliantDeployment, restrictedPod } from './support';
import { allowPrivilegeEscalation } from '../../../../lib/rules/k8s/pod-security/allow-privilege-escalation';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-allow-privilege-escalation', () => {
  test('passes the compliant deployment', () => {
    expect(violations(allowPrivilegeEscalation, [deployment])).toEqual([]);
  });

  test('flags an explicit true, with the exact fix', () => {
    const { d, container } = compliantDeployment();
    container.securityContext.allowPrivilegeEscalation = true;
    const result = runRule(allowPrivilegeEscalation, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: container 'api' sets securityContext.allowPrivilegeEscalation to true, so setuid binaries can gain privileges",
    ]);
    expect(result.unwaived[0].fix).toBe('Set spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: false.');
  });

  test('flags unset on an init container and on an ephemeral container without a security context', () => {
    const pod = restrictedPod();
    delete pod.spec.initContainers[0].securityContext.allowPrivilegeEscalation;
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }];
    expect(violations(allowPrivilegeEscalation, [pod])).toEqual([
      "spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation: ephemeral container 'debug' does not set securityContext.allowPrivilegeEscalation: false; it defaults to true, so setuid binaries can gain privileges",
      "spec.initContainers[0].securityContext.allowPrivilegeEscalation: init container 'init' does not set securityContext.allowPrivilegeEscalation: false; it defaults to true, so setuid binaries can gain privileges",
    ]);
  });

  test('exempts Windows pods from Kubernetes 1.25, as Pod Security Admission does', () => {
    const pod = restrictedPod();
    pod.spec.os = { name: 'windows' };
    delete pod.spec.containers[0].securityContext;
    expect(violations(allowPrivilegeEscalation, [pod])).toEqual([]);
    expect(violations(allowPrivilegeEscalation, [pod], { kubernetesVersion: '1.24' })).toHaveLength(1);
    pod.spec.os = { name: 'linux' };
    expect(violations(allowPrivilegeEscalation, [pod])).toHaveLength(1);
  });
});
