import { compliantDeployment, restrictedPod } from './support';
import { runAsNonRootUser } from '../../../../lib/rules/k8s/pod-security/run-as-non-root-user';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';
import { workloadOfKind } from '../../../helpers/workloads';

describe('k8s-run-as-non-root-user', () => {
  test('passes the compliant deployment (runAsUser 10001)', () => {
    expect(violations(runAsNonRootUser, [deployment])).toEqual([]);
  });

  test('flags runAsUser: 0 on the pod, with the exact fix', () => {
    const { d, spec } = compliantDeployment();
    spec.securityContext.runAsUser = 0;
    const result = runRule(runAsNonRootUser, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      'spec.template.spec.securityContext.runAsUser: the pod sets securityContext.runAsUser: 0, so its containers run as root unless they set another UID',
    ]);
    expect(result.unwaived[0].fix).toBe('Set spec.template.spec.securityContext.runAsUser to a non-zero UID (10000 or above, e.g. 10001) that the image works with.');
  });

  test('flags runAsUser: 0 on a container and an init container of a CronJob', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].securityContext.runAsUser = 0;
    pod.spec.initContainers[0].securityContext.runAsUser = 0;
    const result = runRule(runAsNonRootUser, [workloadOfKind('CronJob', { pod })]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsUser: container 'app' sets securityContext.runAsUser: 0, so it runs as root",
      "spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.runAsUser: init container 'init' sets securityContext.runAsUser: 0, so it runs as root",
    ]);
    expect(result.unwaived[0].fix).toBe(
      "Set spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsUser to a non-zero UID (10000 or above, e.g. 10001) that the image works with, or remove it so the pod's runAsUser (or else the image's USER) applies.",
    );
  });

  test('flags the pod even when every container overrides its UID 0, as Pod Security Admission does', () => {
    const pod = restrictedPod();
    pod.spec.securityContext.runAsUser = 0;
    pod.spec.containers[0].securityContext.runAsUser = 1000;
    pod.spec.initContainers[0].securityContext.runAsUser = 1000;
    expect(violations(runAsNonRootUser, [pod])).toEqual([
      'spec.securityContext.runAsUser: the pod sets securityContext.runAsUser: 0, so its containers run as root unless they set another UID',
    ]);
  });

  test('passes non-zero and unset UIDs', () => {
    const pod = restrictedPod();
    pod.spec.securityContext.runAsUser = 1000;
    pod.spec.containers[0].securityContext.runAsUser = 1;
    expect(violations(runAsNonRootUser, [pod])).toEqual([]);
  });

  test('exempts pods in a user namespace only from Kubernetes 1.35', () => {
    const pod = restrictedPod();
    pod.spec.hostUsers = false;
    pod.spec.containers[0].securityContext.runAsUser = 0;
    expect(violations(runAsNonRootUser, [pod])).toHaveLength(1);
    expect(violations(runAsNonRootUser, [pod], { kubernetesVersion: '1.35' })).toEqual([]);
  });
});
