import { compliantDeployment, restrictedPod } from './support';
import { baselineCapabilities } from '../../../../lib/rules/k8s/pod-security/baseline-capabilities';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

const DEFAULT_SET = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];

describe('k8s-baseline-capabilities', () => {
  test('passes the compliant deployment', () => {
    expect(violations(baselineCapabilities, [deployment])).toEqual([]);
  });

  test('flags an added SYS_ADMIN, with the exact fix', () => {
    const { d, container } = compliantDeployment();
    container.securityContext.capabilities.add = ['NET_BIND_SERVICE', 'SYS_ADMIN'];
    const result = runRule(baselineCapabilities, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.containers[0].securityContext.capabilities.add[1]: container 'api' adds capability 'SYS_ADMIN', which is not in the default set the baseline profile allows",
    ]);
    expect(result.unwaived[0].fix).toBe(
      "Remove 'SYS_ADMIN' from spec.template.spec.containers[0].securityContext.capabilities.add. If the container only needs to bind a port below 1024, add NET_BIND_SERVICE instead; anything more needs a waiver with a reason.",
    );
  });

  test('flags NET_RAW on an init container and on an ephemeral container', () => {
    const pod = restrictedPod();
    pod.spec.initContainers[0].securityContext.capabilities.add = ['NET_RAW'];
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { capabilities: { add: ['SYS_PTRACE'] } } }];
    expect(violations(baselineCapabilities, [pod])).toEqual([
      "spec.ephemeralContainers[0].securityContext.capabilities.add[0]: ephemeral container 'debug' adds capability 'SYS_PTRACE', which is not in the default set the baseline profile allows",
      "spec.initContainers[0].securityContext.capabilities.add[0]: init container 'init' adds capability 'NET_RAW', which is not in the default set the baseline profile allows",
    ]);
  });

  test('passes every capability of the default set (the restricted rule reports those)', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].securityContext.capabilities.add = DEFAULT_SET;
    expect(violations(baselineCapabilities, [pod])).toEqual([]);
  });

  test('explains that names are compared exactly (lower case, CAP_ prefix)', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].securityContext.capabilities.add = ['chown', 'CAP_CHOWN'];
    const result = runRule(baselineCapabilities, [pod]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.containers[0].securityContext.capabilities.add[0]: container 'app' adds capability 'chown', which Kubernetes does not recognise as CHOWN: capability names are upper case without the CAP_ prefix",
      "spec.containers[0].securityContext.capabilities.add[1]: container 'app' adds capability 'CAP_CHOWN', which Kubernetes does not recognise as CHOWN: capability names are upper case without the CAP_ prefix",
    ]);
    expect(result.unwaived[0].fix).toBe(
      "Write spec.containers[0].securityContext.capabilities.add[0] as 'CHOWN', or better remove it: the restricted profile allows adding only NET_BIND_SERVICE.",
    );
  });

  test('passes containers without capabilities or with only drop', () => {
    const pod = restrictedPod();
    delete pod.spec.containers[0].securityContext;
    pod.spec.initContainers[0].securityContext.capabilities = { drop: ['ALL'], add: [] };
    expect(violations(baselineCapabilities, [pod])).toEqual([]);
  });
});
