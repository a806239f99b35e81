import { compliantDeployment, restrictedPod } from './support';
import { privileged } from '../../../../lib/rules/k8s/pod-security/privileged';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-privileged', () => {
  test('passes the compliant deployment (which sets privileged: false explicitly)', () => {
    expect(deployment.spec.template.spec.containers[0].securityContext.privileged).toBe(false);
    expect(violations(privileged, [deployment])).toEqual([]);
  });

  test('flags a privileged container, with the exact fix', () => {
    const { d, container } = compliantDeployment();
    container.securityContext.privileged = true;
    const result = runRule(privileged, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.containers[0].securityContext.privileged: container 'api' sets securityContext.privileged: true, which gives it every Linux capability and full access to the node's devices",
    ]);
    expect(result.unwaived[0].fix).toBe(
      'Set spec.template.spec.containers[0].securityContext.privileged: false (or remove it). Privileged node agents belong outside namespaces that hold PHI; an exception needs a waiver with a reason.',
    );
  });

  test('flags privileged init and ephemeral containers', () => {
    const pod = restrictedPod();
    pod.spec.initContainers[0].securityContext.privileged = true;
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { privileged: true } }];
    expect(violations(privileged, [pod])).toEqual([
      "spec.ephemeralContainers[0].securityContext.privileged: ephemeral container 'debug' sets securityContext.privileged: true, which gives it every Linux capability and full access to the node's devices",
      "spec.initContainers[0].securityContext.privileged: init container 'init' sets securityContext.privileged: true, which gives it every Linux capability and full access to the node's devices",
    ]);
  });

  test('passes a container without a security context', () => {
    const pod = restrictedPod();
    delete pod.spec.containers[0].securityContext;
    expect(violations(privileged, [pod])).toEqual([]);
  });
});
