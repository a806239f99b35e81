import { compliantDeployment, restrictedPod } from './support';
import { hostProbes } from '../../../../lib/rules/k8s/pod-security/host-probes';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

describe('k8s-host-probes', () => {
  test('passes the compliant deployment (probes without host)', () => {
    expect(violations(hostProbes, [deployment])).toEqual([]);
  });

  test('flags a liveness probe that names a host, with the exact fix', () => {
    const { d, container } = compliantDeployment();
    container.livenessProbe.httpGet.host = '169.254.169.254';
    const result = runRule(hostProbes, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.containers[0].livenessProbe.httpGet.host: container 'api' sets livenessProbe.httpGet.host to '169.254.169.254', so the kubelet connects from the node to that host instead of to the pod",
    ]);
    expect(result.unwaived[0].fix).toBe(
      "Remove spec.template.spec.containers[0].livenessProbe.httpGet.host; the kubelet then targets the pod's IP. To check another service, do it from inside the container (e.g. an exec probe).",
    );
  });

  test('flags tcpSocket hosts in startup probes and lifecycle hooks of init containers', () => {
    const pod = restrictedPod();
    pod.spec.initContainers[0].startupProbe = { tcpSocket: { port: 22, host: 'node.internal' } };
    pod.spec.containers[0].lifecycle = {
      postStart: { httpGet: { port: 80, host: 'kubernetes.default' } },
      preStop: { tcpSocket: { port: 80, host: '10.0.0.1' } },
    };
    pod.spec.containers[0].readinessProbe = { httpGet: { port: 80, host: '' } };
    expect(violations(hostProbes, [pod])).toEqual([
      "spec.containers[0].lifecycle.postStart.httpGet.host: container 'app' sets lifecycle.postStart.httpGet.host to 'kubernetes.default', so the kubelet connects from the node to that host instead of to the pod",
      "spec.containers[0].lifecycle.preStop.tcpSocket.host: container 'app' sets lifecycle.preStop.tcpSocket.host to '10.0.0.1', so the kubelet connects from the node to that host instead of to the pod",
      "spec.initContainers[0].startupProbe.tcpSocket.host: init container 'init' sets startupProbe.tcpSocket.host to 'node.internal', so the kubelet connects from the node to that host instead of to the pod",
    ]);
  });

  test('passes an empty host, exec probes and hooks without host', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].livenessProbe = { httpGet: { port: 80, host: '' } };
    pod.spec.containers[0].readinessProbe = { exec: { command: ['true'] } };
    pod.spec.containers[0].lifecycle = { preStop: { sleep: { seconds: 5 } } };
    expect(violations(hostProbes, [pod])).toEqual([]);
  });
});
