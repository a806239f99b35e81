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
    const jobs = kind === 'Job' || kind === 'CronJob' ? ` and the ${kind} sets no activeDeadlineSeconds` : '';
    expect(violations(livenessProbe, [obj])).toEqual([`${POD_SPEC_PATH[kind]}.containers[0].livenessProbe: container 'api' has no livenessProbe${jobs}`]);
  });
});

describe('k8s-liveness-probe on run-to-completion kinds', () => {
  /** A Job (or CronJob) whose containers have no liveness probe, with `deadline` as its activeDeadlineSeconds. */
  function job(kind: 'Job' | 'CronJob', deadline?: unknown): any {
    const obj = workloadOfKind(kind);
    delete specOf(obj).containers[0].livenessProbe;
    const jobSpec = kind === 'Job' ? obj.spec : obj.spec.jobTemplate.spec;
    if (deadline !== undefined) jobSpec.activeDeadlineSeconds = deadline;
    return obj;
  }

  test.each(['Job', 'CronJob'] as const)('passes a %s without a probe whose job sets activeDeadlineSeconds', (kind) => {
    expect(violations(livenessProbe, [job(kind, 3600)])).toEqual([]);
  });

  test('flags a Job with neither, saying both ways out', () => {
    const found = runRule(livenessProbe, [job('Job')]).unwaived;
    expect(found.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.containers[0].livenessProbe: container 'api' has no livenessProbe and the Job sets no activeDeadlineSeconds",
    ]);
    expect(found[0].fix).toBe(
      'Add spec.template.spec.containers[0].livenessProbe: {httpGet: {path: /livez, port: 8080}, periodSeconds: 10}, checking only that the process ' +
        'itself is alive (not its dependencies); or set spec.activeDeadlineSeconds: 3600 (seconds) so a hung run is ended.',
    );
  });

  test.each([0, -5, 1.5, '3600', null])('a CronJob with activeDeadlineSeconds %p has no deadline', (deadline) => {
    expect(violations(livenessProbe, [job('CronJob', deadline)])).toEqual([
      "spec.jobTemplate.spec.template.spec.containers[0].livenessProbe: container 'api' has no livenessProbe and the CronJob sets no activeDeadlineSeconds",
    ]);
  });

  test('a deadline does not excuse a malformed probe, nor a Deployment without one', () => {
    const j = job('Job', 3600);
    specOf(j).containers[0].livenessProbe = { periodSeconds: 10 };
    expect(violations(livenessProbe, [j])).toEqual([
      "spec.template.spec.containers[0].livenessProbe: the livenessProbe of container 'api' names no handler (exec, httpGet, tcpSocket or grpc)",
    ]);
    const d = clone(deployment) as any;
    delete d.spec.template.spec.containers[0].livenessProbe;
    d.spec.activeDeadlineSeconds = 3600;
    expect(violations(livenessProbe, [d])).toHaveLength(1);
  });
});
