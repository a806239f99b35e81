import { compliantDeployment, restrictedPod } from './support';
import { seccompProfile } from '../../../../lib/rules/k8s/pod-security/seccomp-profile';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-seccomp-profile', () => {
  test('passes the compliant deployment (RuntimeDefault on the pod)', () => {
    expect(violations(seccompProfile, [deployment])).toEqual([]);
  });

  test('flags every container when no profile is set anywhere, with the exact fix', () => {
    const { d, spec } = compliantDeployment();
    delete spec.securityContext.seccompProfile;
    const result = runRule(seccompProfile, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.containers[0].securityContext.seccompProfile.type: container 'api' has no seccomp profile: neither it nor the pod sets securityContext.seccompProfile, so it runs Unconfined on most nodes",
    ]);
    expect(result.unwaived[0].fix).toBe(
      'Set spec.template.spec.securityContext.seccompProfile.type: RuntimeDefault (it covers every container), or spec.template.spec.containers[0].securityContext.seccompProfile.type: RuntimeDefault.',
    );
  });

  test('passes Localhost on the pod, or a profile on every container', () => {
    const pod = restrictedPod();
    pod.spec.securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/app.json' };
    expect(violations(seccompProfile, [pod])).toEqual([]);
    delete pod.spec.securityContext.seccompProfile;
    pod.spec.containers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' };
    pod.spec.initContainers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/init.json' };
    expect(violations(seccompProfile, [pod])).toEqual([]);
  });

  test('flags only the containers without a profile (init and ephemeral included)', () => {
    const pod = restrictedPod();
    delete pod.spec.securityContext.seccompProfile;
    pod.spec.containers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' };
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }];
    expect(violations(seccompProfile, [pod])).toEqual([
      "spec.ephemeralContainers[0].securityContext.seccompProfile.type: ephemeral container 'debug' has no seccomp profile: neither it nor the pod sets securityContext.seccompProfile, so it runs Unconfined on most nodes",
      "spec.initContainers[0].securityContext.seccompProfile.type: init container 'init' has no seccomp profile: neither it nor the pod sets securityContext.seccompProfile, so it runs Unconfined on most nodes",
    ]);
  });

  test('leaves explicit bad values to k8s-seccomp-unconfined (reported once)', () => {
    const pod = restrictedPod();
    pod.spec.securityContext.seccompProfile = { type: 'Unconfined' };
    expect(violations(seccompProfile, [pod])).toEqual([]);
    delete pod.spec.securityContext.seccompProfile;
    pod.spec.containers[0].securityContext.seccompProfile = { type: 'Unconfined' };
    pod.spec.initContainers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' };
    expect(violations(seccompProfile, [pod])).toEqual([]);
  });

  test('exempts Windows pods from Kubernetes 1.25', () => {
    const pod = restrictedPod();
    delete pod.spec.securityContext.seccompProfile;
    pod.spec.os = { name: 'windows' };
    expect(violations(seccompProfile, [pod])).toEqual([]);
    expect(violations(seccompProfile, [pod], { kubernetesVersion: '1.24' })).toHaveLength(2);
  });
});
