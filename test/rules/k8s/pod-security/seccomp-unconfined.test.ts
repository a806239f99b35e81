import { compliantDeployment, restrictedPod } from './support';
import { seccompUnconfined } from '../../../../lib/rules/k8s/pod-security/seccomp-unconfined';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-seccomp-unconfined', () => {
  test('passes the compliant deployment (RuntimeDefault on the pod)', () => {
    expect(violations(seccompUnconfined, [deployment])).toEqual([]);
  });

  test('flags Unconfined on the pod, with the exact fix', () => {
    const { d, spec } = compliantDeployment();
    spec.securityContext.seccompProfile = { type: 'Unconfined' };
    const result = runRule(seccompUnconfined, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      'spec.template.spec.securityContext.seccompProfile.type: the pod sets securityContext.seccompProfile.type: Unconfined, which turns system-call filtering off',
    ]);
    expect(result.unwaived[0].fix).toBe(
      'Set spec.template.spec.securityContext.seccompProfile.type: RuntimeDefault (or Localhost with localhostProfile naming a profile on every node).',
    );
  });

  test('flags Unconfined on an init container even when the pod sets RuntimeDefault', () => {
    const pod = restrictedPod();
    pod.spec.initContainers[0].securityContext.seccompProfile = { type: 'Unconfined' };
    expect(violations(seccompUnconfined, [pod])).toEqual([
      "spec.initContainers[0].securityContext.seccompProfile.type: init container 'init' sets securityContext.seccompProfile.type: Unconfined, which turns system-call filtering off",
    ]);
  });

  test('flags a profile without a type and an unknown type', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].securityContext.seccompProfile = {};
    pod.spec.initContainers[0].securityContext.seccompProfile = { type: 'runtime/default' };
    expect(violations(seccompUnconfined, [pod])).toEqual([
      "spec.containers[0].securityContext.seccompProfile.type: container 'app' sets securityContext.seccompProfile without a type",
      "spec.initContainers[0].securityContext.seccompProfile.type: init container 'init' sets securityContext.seccompProfile.type to 'runtime/default', which is not RuntimeDefault or Localhost",
    ]);
  });

  test('passes Localhost and RuntimeDefault, and leaves an unset profile to k8s-seccomp-profile', () => {
    const pod = restrictedPod();
    delete pod.spec.securityContext.seccompProfile;
    pod.spec.containers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/audit.json' };
    expect(violations(seccompUnconfined, [pod])).toEqual([]);
  });
});
