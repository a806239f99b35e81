import { compliantDeployment, restrictedPod } from './support';
import { hostNamespaces } from '../../../../lib/rules/k8s/pod-security/host-namespaces';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';
import { workloadOfKind } from '../../../helpers/workloads';

describe('k8s-host-namespaces', () => {
  test('passes the compliant deployment', () => {
    expect(violations(hostNamespaces, [deployment])).toEqual([]);
  });

  test('flags each shared host namespace separately', () => {
    const { d, spec } = compliantDeployment();
    spec.hostNetwork = true;
    spec.hostPID = true;
    spec.hostIPC = true;
    expect(violations(hostNamespaces, [d])).toEqual([
      "spec.template.spec.hostIPC: the pod sets hostIPC: true, so it shares the node's IPC namespace and can read and write other processes' shared memory",
      "spec.template.spec.hostNetwork: the pod sets hostNetwork: true, so it uses the node's network stack: it can listen on any node port, see the node's traffic and reach what the node can, and NetworkPolicies do not isolate it",
      'spec.template.spec.hostPID: the pod sets hostPID: true, so it can see every process on the node, read their environment and command lines, and signal them',
    ]);
  });

  test('tells to use a Service instead of the host network', () => {
    const { d, spec } = compliantDeployment();
    spec.hostNetwork = true;
    expect(runRule(hostNamespaces, [d]).unwaived[0].fix).toBe('Remove spec.template.spec.hostNetwork (or set it to false). Expose the pod through a Service instead.');
  });

  test('uses the CronJob pod template path', () => {
    const pod = restrictedPod();
    pod.spec.hostPID = true;
    expect(violations(hostNamespaces, [workloadOfKind('CronJob', { pod })])).toEqual([
      'spec.jobTemplate.spec.template.spec.hostPID: the pod sets hostPID: true, so it can see every process on the node, read their environment and command lines, and signal them',
    ]);
  });

  test('passes explicit false', () => {
    const pod = restrictedPod();
    Object.assign(pod.spec, { hostNetwork: false, hostPID: false, hostIPC: false });
    expect(violations(hostNamespaces, [pod])).toEqual([]);
  });
});
