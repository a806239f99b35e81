import { livenessProbe } from '../../../../lib/rules/k8s/workload/liveness-probe';
import { deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, containerNamed, POD_SPEC_PATH, specOf, workloadOfKind } from '../../../helpers/workloads';

describe('k8s-liveness-probe', () => {
  test('passes containers with a liveness probe', () => {
    expect(violations(livenessProbe, [deployment])).toEqual([]);
  });

  test('flags a container without one, suggesting a probe on its port', () => {
    const d = clone(deployment) as any;
    delete d.spec.template.spec.containers[0].livenessProbe;
    const found = runRule(livenessProbe, [d]).unwaived;
    expect(found.map((f) => `${f.path}: ${f.message}`)).toEqual(["spec.template.spec.containers[0].livenessProbe: container 'api' has no livenessProbe"]);
    expect(found[0].fix).toBe(
      'Add spec.template.spec.containers[0].livenessProbe: {httpGet: {path: /livez, port: 8080}, periodSeconds: 10}, checking only that the process itself is alive (not its dependencies).',
    );
  });

  test('suggests an exec probe for a container without ports', () => {
    const d = clone(deployment) as any;
    delete d.spec.template.spec.containers[0].livenessProbe;
    delete d.spec.template.spec.containers[0].ports;
    expect(runRule(livenessProbe, [d]).unwaived[0].fix).toContain('livenessProbe: {exec: {command: [<health-check command>]}, periodSeconds: 10}');
  });

  test('flags a probe without a handler, or with two', () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.containers[0].livenessProbe = { periodSeconds: 10 };
    d.spec.template.spec.containers.push({ ...containerNamed('worker'), livenessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 8080 } } });
    expect(violations(livenessProbe, [d])).toEqual([
      "spec.template.spec.containers[0].livenessProbe: the livenessProbe of container 'api' names no handler (exec, httpGet, tcpSocket or grpc)",
      "spec.template.spec.containers[1].livenessProbe: the livenessProbe of container 'worker' names more than one handler; Kubernetes accepts exactly one",
    ]);
  });

  test('checks restartable init containers (sidecars) only; init and ephemeral containers cannot have probes', () => {
    const pod = workloadOfKind('Pod');
    const plainInit = containerNamed('migrate');
    delete plainInit.livenessProbe;
    const sidecar = { ...containerNamed('proxy'), restartPolicy: 'Always' };
    delete sidecar.livenessProbe;
    pod.spec.initContainers = [plainInit, sidecar];
    pod.spec.ephemeralContainers = [{ name: 'debug', image: pod.spec.containers[0].image }];
    expect(violations(livenessProbe, [pod])).toEqual(["spec.initContainers[1].livenessProbe: init container 'proxy' has no livenessProbe"]);
  });

  test.each(WORKLOAD_KINDS)('checks the pod of a %s at its own path', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(livenessProbe, [obj])).toEqual([]);
    delete specOf(obj).containers[0].livenessProbe;
    expect(violations(livenessProbe, [obj])).toEqual([`${POD_SPEC_PATH[kind]}.containers[0].livenessProbe: container 'api' has no livenessProbe`]);
  });
});
