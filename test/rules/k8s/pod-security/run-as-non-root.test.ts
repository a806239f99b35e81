import { compliantDeployment, restrictedPod } from './support';
import { runAsNonRoot } from '../../../../lib/rules/k8s/pod-security/run-as-non-root';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-run-as-non-root', () => {
  test('passes a pod that requires non-root', () => {
    expect(violations(runAsNonRoot, [deployment])).toEqual([]);
  });

  test('flags a container when neither it nor the pod requires non-root, with the exact fix', () => {
    const { d, spec, container } = compliantDeployment();
    delete spec.securityContext.runAsNonRoot;
    delete container.securityContext.runAsNonRoot;
    const result = runRule(runAsNonRoot, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.containers[0].securityContext.runAsNonRoot: container 'api' may run as root: neither it nor the pod sets runAsNonRoot: true",
    ]);
    expect(result.unwaived[0].fix).toBe(
      'Set spec.template.spec.securityContext.runAsNonRoot: true (it covers every container), or spec.template.spec.containers[0].securityContext.runAsNonRoot: true.',
    );
  });

  test('flags an explicit false on the pod even when containers say true', () => {
    const { d, spec } = compliantDeployment();
    spec.securityContext.runAsNonRoot = false;
    expect(violations(runAsNonRoot, [d])).toEqual([
      'spec.template.spec.securityContext.runAsNonRoot: the pod sets securityContext.runAsNonRoot: false, so its containers may run as root',
    ]);
  });

  test('reports only the pod when it sets false and containers inherit it', () => {
    const pod = restrictedPod();
    pod.spec.securityContext.runAsNonRoot = false;
    expect(violations(runAsNonRoot, [pod])).toEqual([
      'spec.securityContext.runAsNonRoot: the pod sets securityContext.runAsNonRoot: false, so its containers may run as root',
    ]);
  });

  test('flags an explicit false on an init container even when the pod says true', () => {
    const pod = restrictedPod();
    pod.spec.initContainers[0].securityContext.runAsNonRoot = false;
    const result = runRule(runAsNonRoot, [pod]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.initContainers[0].securityContext.runAsNonRoot: init container 'init' sets securityContext.runAsNonRoot: false",
    ]);
    expect(result.unwaived[0].fix).toBe('Set spec.initContainers[0].securityContext.runAsNonRoot: true (or remove it and set spec.securityContext.runAsNonRoot: true).');
  });

  test('passes when every container (init and ephemeral included) sets true and the pod sets nothing', () => {
    const pod = restrictedPod();
    delete pod.spec.securityContext.runAsNonRoot;
    pod.spec.containers[0].securityContext.runAsNonRoot = true;
    pod.spec.initContainers[0].securityContext.runAsNonRoot = true;
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { runAsNonRoot: true } }];
    expect(violations(runAsNonRoot, [pod])).toEqual([]);
    delete pod.spec.ephemeralContainers[0].securityContext;
    expect(violations(runAsNonRoot, [pod])).toEqual([
      "spec.ephemeralContainers[0].securityContext.runAsNonRoot: ephemeral container 'debug' may run as root: neither it nor the pod sets runAsNonRoot: true",
    ]);
  });

  test('exempts pods in a user namespace only from Kubernetes 1.35', () => {
    const pod = restrictedPod();
    pod.spec.hostUsers = false;
    delete pod.spec.securityContext.runAsNonRoot;
    expect(violations(runAsNonRoot, [pod])).toHaveLength(2);
    expect(violations(runAsNonRoot, [pod], { kubernetesVersion: '1.35' })).toEqual([]);
    pod.spec.hostUsers = true;
    expect(violations(runAsNonRoot, [pod], { kubernetesVersion: '1.35' })).toHaveLength(2);
  });
});
