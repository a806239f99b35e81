import { compliantDeployment, restrictedPod } from './support';
import { hostPathVolumes } from '../../../../lib/rules/k8s/pod-security/host-path-volumes';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';
import { workloadOfKind } from '../../../helpers/workloads';

describe('k8s-host-path-volumes', () => {
  test('passes the compliant deployment (emptyDir)', () => {
    expect(violations(hostPathVolumes, [deployment])).toEqual([]);
  });

  test('flags a hostPath volume, with the exact fix', () => {
    const { d, spec } = compliantDeployment();
    spec.volumes.push({ name: 'node-logs', hostPath: { path: '/var/log', type: 'Directory' } });
    const result = runRule(hostPathVolumes, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.volumes[1].hostPath: volume 'node-logs' mounts the node's path '/var/log' into the pod, giving it access to node files and leaving what it writes on the node",
    ]);
    expect(result.unwaived[0].fix).toBe(
      "Replace the hostPath source of volume 'node-logs' (spec.template.spec.volumes[1]) with persistentVolumeClaim: { claimName: ... } on an encrypted StorageClass for data that must persist, or emptyDir: { sizeLimit: ... } for scratch space.",
    );
  });

  test('flags every hostPath volume of a StatefulSet, even one without a path', () => {
    const pod = restrictedPod();
    pod.spec.volumes = [{ name: 'a', hostPath: { path: '/a' } }, { name: 'b', emptyDir: {} }, { name: 'c', hostPath: {} }];
    expect(violations(hostPathVolumes, [workloadOfKind('StatefulSet', { pod })])).toEqual([
      "spec.template.spec.volumes[0].hostPath: volume 'a' mounts the node's path '/a' into the pod, giving it access to node files and leaving what it writes on the node",
      "spec.template.spec.volumes[2].hostPath: volume 'c' mounts the node's path into the pod, giving it access to node files and leaving what it writes on the node",
    ]);
  });

  test('passes allowed volume types and an explicit hostPath: null', () => {
    const pod = restrictedPod();
    pod.spec.volumes = [
      { name: 'cfg', configMap: { name: 'cfg' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
      { name: 'x', hostPath: null, emptyDir: {} },
    ];
    expect(violations(hostPathVolumes, [pod])).toEqual([]);
  });
});
