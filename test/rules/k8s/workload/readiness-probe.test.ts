import { readinessProbe } from '../../../../lib/rules/k8s/workload/readiness-probe';
import { deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { containerNamed, POD_SPEC_PATH, specOf, workloadOfKind } from '../../../helpers/workloads';

describe('k8s-readiness-probe', () => {
  test('passes containers with a readiness probe', () => {
    expect(violations(readinessProbe, [deployment])).toEqual([]);
  });

  test('flags a container without one, suggesting a probe on its port', () => {
    const d = clone(deployment) as any;
    delete d.spec.template.spec.containers[0].readinessProbe;
    const found = runRule(readinessProbe, [d]).unwaived;
    expect(found.map((f) => `${f.path}: ${f.message}`)).toEqual(["spec.template.spec.containers[0].readinessProbe: container 'api' has no readinessProbe"]);
    expect(found[0].fix).toBe(
      'Add spec.template.spec.containers[0].readinessProbe: {httpGet: {path: /readyz, port: 8080}, periodSeconds: 10}, answering ready only when the container can serve requests.',
    );
  });

  test('flags a probe without a handler', () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.containers[0].readinessProbe = {};
    expect(violations(readinessProbe, [d])).toEqual([
      "spec.template.spec.containers[0].readinessProbe: the readinessProbe of container 'api' names no handler (exec, httpGet, tcpSocket or grpc)",
    ]);
  });

  test('checks restartable init containers (sidecars) only; init and ephemeral containers cannot have probes', () => {
    const pod = workloadOfKind('Pod');
    const plainInit = containerNamed('migrate');
    delete plainInit.readinessProbe;
    const sidecar = { ...containerNamed('proxy'), restartPolicy: 'Always' };
    delete sidecar.readinessProbe;
    pod.spec.initContainers = [plainInit, sidecar];
    pod.spec.ephemeralContainers = [{ name: 'debug', image: pod.spec.containers[0].image }];
    expect(violations(readinessProbe, [pod])).toEqual(["spec.initContainers[1].readinessProbe: init container 'proxy' has no readinessProbe"]);
  });

  test.each(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'])('checks the pod of a %s at its own path', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(readinessProbe, [obj])).toEqual([]);
    delete specOf(obj).containers[0].readinessProbe;
    expect(violations(readinessProbe, [obj])).toEqual([`${POD_SPEC_PATH[kind]}.containers[0].readinessProbe: container 'api' has no readinessProbe`]);
  });

  test.each(['Job', 'CronJob'])('does not ask a %s (no Service traffic) for one', (kind) => {
    const obj = workloadOfKind(kind);
    delete specOf(obj).containers[0].readinessProbe;
    expect(violations(readinessProbe, [obj])).toEqual([]);
    expect(readinessProbe.kinds).not.toContain(kind);
  });
});
