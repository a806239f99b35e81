import { compliantDeployment, restrictedPod } from './support';
import { dropAllCapabilities } from '../../../../lib/rules/k8s/pod-security/drop-all-capabilities';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-drop-all-capabilities', () => {
  test('passes the compliant deployment (drop ALL)', () => {
    expect(violations(dropAllCapabilities, [deployment])).toEqual([]);
  });

  test('flags a container that does not drop capabilities, with the exact fix', () => {
    const { d, container } = compliantDeployment();
    delete container.securityContext.capabilities;
    const result = runRule(dropAllCapabilities, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.containers[0].securityContext.capabilities.drop: container 'api' does not drop capabilities: securityContext.capabilities.drop must include ALL, or the container keeps the runtime's default capabilities",
    ]);
    expect(result.unwaived[0].fix).toBe('Set spec.template.spec.containers[0].securityContext.capabilities.drop: [ALL].');
  });

  test('flags empty capabilities on an init container and a missing security context on an ephemeral one', () => {
    const pod = restrictedPod();
    pod.spec.initContainers[0].securityContext.capabilities = {};
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }];
    expect(violations(dropAllCapabilities, [pod])).toEqual([
      "spec.ephemeralContainers[0].securityContext.capabilities.drop: ephemeral container 'debug' does not drop capabilities: securityContext.capabilities.drop must include ALL, or the container keeps the runtime's default capabilities",
      "spec.initContainers[0].securityContext.capabilities.drop: init container 'init' does not drop capabilities: securityContext.capabilities.drop must include ALL, or the container keeps the runtime's default capabilities",
    ]);
  });

  test('flags a drop list without ALL, even a long one', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].securityContext.capabilities.drop = ['NET_RAW', 'SYS_ADMIN'];
    pod.spec.initContainers[0].securityContext.capabilities.drop = ['SYS_TIME', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_NICE'];
    expect(violations(dropAllCapabilities, [pod])).toEqual([
      "spec.containers[0].securityContext.capabilities.drop: container 'app' drops 'NET_RAW', 'SYS_ADMIN' but not ALL, so it keeps any capability not listed",
      "spec.initContainers[0].securityContext.capabilities.drop: init container 'init' drops 6 capabilities but not ALL, so it keeps any capability not listed",
    ]);
  });

  test('explains that ALL must be upper case', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].securityContext.capabilities.drop = ['all'];
    expect(violations(dropAllCapabilities, [pod])).toEqual([
      "spec.containers[0].securityContext.capabilities.drop: container 'app' drops 'all', which Kubernetes does not read as ALL: it must be written ALL in upper case",
    ]);
  });

  test('flags a default capability added back, with the exact fix', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE', 'CHOWN'];
    const result = runRule(dropAllCapabilities, [pod]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.containers[0].securityContext.capabilities.add[1]: container 'app' adds capability 'CHOWN'; the restricted profile allows adding only NET_BIND_SERVICE",
    ]);
    expect(result.unwaived[0].fix).toBe(
      "Remove 'CHOWN' from spec.containers[0].securityContext.capabilities.add and make the container work without it (e.g. run as the user that owns its files, use fsGroup for volume ownership); otherwise record a waiver with a reason.",
    );
  });

  test('passes NET_BIND_SERVICE, and leaves capabilities outside the default set to k8s-baseline-capabilities', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE'];
    expect(violations(dropAllCapabilities, [pod])).toEqual([]);
    pod.spec.containers[0].securityContext.capabilities.add = ['SYS_ADMIN', 'CAP_CHOWN'];
    expect(violations(dropAllCapabilities, [pod])).toEqual([]);
  });

  test('exempts Windows pods from Kubernetes 1.25', () => {
    const pod = restrictedPod();
    pod.spec.os = { name: 'windows' };
    delete pod.spec.containers[0].securityContext.capabilities;
    expect(violations(dropAllCapabilities, [pod])).toEqual([]);
    expect(violations(dropAllCapabilities, [pod], { kubernetesVersion: '1.24' })).toHaveLength(1);
  });
});
