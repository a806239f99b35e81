import { resourceRequests } from '../../../../lib/rules/k8s/workload/resource-requests';
import { deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, containerNamed, POD_SPEC_PATH, specOf, workloadOfKind } from '../../../helpers/workloads';

describe('k8s-resource-requests', () => {
  test('passes containers that request cpu, memory and ephemeral-storage', () => {
    expect(violations(resourceRequests, [deployment])).toEqual([]);
  });

  test('flags each missing request at its own path', () => {
    const d = clone(deployment) as any;
    delete d.spec.template.spec.containers[0].resources.requests;
    expect(violations(resourceRequests, [d])).toEqual([
      "spec.template.spec.containers[0].resources.requests.cpu: container 'api' sets no cpu request",
      "spec.template.spec.containers[0].resources.requests.ephemeral-storage: container 'api' sets no ephemeral-storage request",
      "spec.template.spec.containers[0].resources.requests.memory: container 'api' sets no memory request",
    ]);
  });

  test('flags a request left out even when a limit is set (explicit beats defaulted), and the fix names the limit', () => {
    const d = clone(deployment) as any;
    delete d.spec.template.spec.containers[0].resources.requests['ephemeral-storage'];
    const [f] = runRule(resourceRequests, [d]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(
      "spec.template.spec.containers[0].resources.requests.ephemeral-storage: container 'api' sets no ephemeral-storage request",
    );
    expect(f.fix).toBe(
      'Set spec.template.spec.containers[0].resources.requests.ephemeral-storage to what container \'api\' needs at steady state, no more than its limit "128Mi".',
    );
  });

  test('without a limit either, the fix gives an example value', () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.containers[0].resources = { requests: { 'cpu': '', 'ephemeral-storage': '1Gi', 'memory': 134217728 } };
    const found = runRule(resourceRequests, [d]).unwaived;
    expect(found.map((f) => `${f.path}: ${f.message}`)).toEqual(["spec.template.spec.containers[0].resources.requests.cpu: container 'api' sets no cpu request"]);
    expect(found[0].fix).toBe("Set spec.template.spec.containers[0].resources.requests.cpu to what container 'api' needs at steady state, e.g. cpu: 100m.");
  });

  test('checks init containers (sidecars too) but not ephemeral containers, which cannot have resources', () => {
    const pod = workloadOfKind('Pod');
    pod.spec.initContainers = [{ ...containerNamed('migrate'), resources: { requests: { cpu: '1' } } }];
    pod.spec.ephemeralContainers = [{ name: 'debug', image: pod.spec.containers[0].image }];
    expect(violations(resourceRequests, [pod])).toEqual([
      "spec.initContainers[0].resources.requests.ephemeral-storage: init container 'migrate' sets no ephemeral-storage request",
      "spec.initContainers[0].resources.requests.memory: init container 'migrate' sets no memory request",
    ]);
  });

  test.each(WORKLOAD_KINDS)('checks the pod of a %s at its own path', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(resourceRequests, [obj])).toEqual([]);
    delete specOf(obj).containers[0].resources.requests.memory;
    expect(violations(resourceRequests, [obj])).toEqual([
      `${POD_SPEC_PATH[kind]}.containers[0].resources.requests.memory: container 'api' sets no memory request`,
    ]);
  });
});
