import { resourceLimits } from '../../../../lib/rules/k8s/workload/resource-limits';
import { deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, containerNamed, POD_SPEC_PATH, specOf, workloadOfKind } from '../../../helpers/workloads';

describe('k8s-resource-limits', () => {
  test('passes containers that limit cpu, memory and ephemeral-storage', () => {
    expect(violations(resourceLimits, [deployment])).toEqual([]);
  });

  test('flags a container without limits, one finding per resource, with a concrete fix', () => {
    const d = clone(deployment) as any;
    delete d.spec.template.spec.containers[0].resources.limits;
    const found = runRule(resourceLimits, [d]).unwaived;
    expect(found.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.containers[0].resources.limits.cpu: container 'api' sets no cpu limit",
      "spec.template.spec.containers[0].resources.limits.ephemeral-storage: container 'api' sets no ephemeral-storage limit",
      "spec.template.spec.containers[0].resources.limits.memory: container 'api' sets no memory limit",
    ]);
    expect(found[2].fix).toBe(
      'Set spec.template.spec.containers[0].resources.limits.memory to the most container \'api\' may use, no less than its request "128Mi".',
    );
  });

  test('flags a container without any resources, with an example value', () => {
    const d = clone(deployment) as any;
    delete d.spec.template.spec.containers[0].resources;
    const found = runRule(resourceLimits, [d]).unwaived;
    expect(found.map((f) => f.fix)).toEqual([
      "Set spec.template.spec.containers[0].resources.limits.cpu to the most container 'api' may use, e.g. cpu: 500m.",
      "Set spec.template.spec.containers[0].resources.limits.ephemeral-storage to the most container 'api' may use, e.g. ephemeral-storage: 128Mi.",
      "Set spec.template.spec.containers[0].resources.limits.memory to the most container 'api' may use, e.g. memory: 256Mi.",
    ]);
  });

  test('checks init containers but not ephemeral containers', () => {
    const pod = workloadOfKind('Pod');
    const init = containerNamed('migrate');
    delete init.resources.limits.cpu;
    pod.spec.initContainers = [init];
    pod.spec.ephemeralContainers = [{ name: 'debug', image: pod.spec.containers[0].image }];
    expect(violations(resourceLimits, [pod])).toEqual(["spec.initContainers[0].resources.limits.cpu: init container 'migrate' sets no cpu limit"]);
  });

  test.each(WORKLOAD_KINDS)('checks the pod of a %s at its own path', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(resourceLimits, [obj])).toEqual([]);
    delete specOf(obj).containers[0].resources.limits['ephemeral-storage'];
    expect(violations(resourceLimits, [obj])).toEqual([
      `${POD_SPEC_PATH[kind]}.containers[0].resources.limits.ephemeral-storage: container 'api' sets no ephemeral-storage limit`,
    ]);
  });
});
