import { compliantDeployment, restrictedPod } from './support';
import { hostPorts } from '../../../../lib/rules/k8s/pod-security/host-ports';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';
import { workloadOfKind } from '../../../helpers/workloads';

describe('k8s-host-ports', () => {
  test('passes the compliant deployment (containerPort only)', () => {
    expect(violations(hostPorts, [deployment])).toEqual([]);
  });

  test('flags a host port, with the exact fix', () => {
    const { d, container } = compliantDeployment();
    container.ports[0].hostPort = 8080;
    const result = runRule(hostPorts, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.containers[0].ports[0].hostPort: container 'api' binds host port 8080 on the node (to container port 8080), reachable outside Services and NetworkPolicies",
    ]);
    expect(result.unwaived[0].fix).toBe('Remove spec.template.spec.containers[0].ports[0].hostPort (keep containerPort) and expose the port through a Service.');
  });

  test('flags host ports of init containers in a DaemonSet, port by port', () => {
    const pod = restrictedPod();
    pod.spec.initContainers[0].ports = [{ containerPort: 9000 }, { containerPort: 9001, hostPort: 9001 }];
    pod.spec.containers[0].ports = [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }];
    expect(violations(hostPorts, [workloadOfKind('DaemonSet', { pod })])).toEqual([
      "spec.template.spec.containers[0].ports[0].hostPort: container 'app' binds host port 53 on the node (to container port 53), reachable outside Services and NetworkPolicies",
      "spec.template.spec.initContainers[0].ports[1].hostPort: init container 'init' binds host port 9001 on the node (to container port 9001), reachable outside Services and NetworkPolicies",
    ]);
  });

  test('passes hostPort: 0 (unset)', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].ports = [{ containerPort: 8080, hostPort: 0 }];
    expect(violations(hostPorts, [pod])).toEqual([]);
  });
});
