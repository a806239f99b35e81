import { compliantDeployment, restrictedPod } from './support';
import { sysctls } from '../../../../lib/rules/k8s/pod-security/sysctls';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

const SAFE_1_28 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
];

function podWith(...names: string[]): any {
  const pod = restrictedPod();
  pod.spec.securityContext.sysctls = names.map((name) => ({ name, value: '1' }));
  return pod;
}

describe('k8s-sysctls', () => {
  test('passes the compliant deployment (no sysctls) and an empty list', () => {
    expect(violations(sysctls, [deployment])).toEqual([]);
    expect(violations(sysctls, [podWith()])).toEqual([]);
  });

  test('passes the whole safe set of Kubernetes 1.28', () => {
    expect(violations(sysctls, [podWith(...SAFE_1_28)])).toEqual([]);
  });

  test('flags a sysctl outside the safe set, with the exact fix', () => {
    const { d, spec } = compliantDeployment();
    spec.securityContext.sysctls = [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'kernel.msgmax', value: '65536' }];
    const result = runRule(sysctls, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.securityContext.sysctls[1].name: the pod sets sysctl 'kernel.msgmax', which is not in the baseline profile's safe set for Kubernetes 1.28",
    ]);
    expect(result.unwaived[0].fix).toBe(
      'Remove spec.template.spec.securityContext.sysctls[1]; kernel settings outside the safe set (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start and net.ipv4.ip_local_reserved_ports) belong in the node configuration, not in a pod.',
    );
  });

  test('says from which version a sysctl becomes safe, and follows the targeted version', () => {
    const pod = podWith('net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_rmem');
    expect(violations(sysctls, [pod])).toEqual([
      "spec.securityContext.sysctls[0].name: the pod sets sysctl 'net.ipv4.tcp_keepalive_time', which the baseline profile allows only from Kubernetes 1.29; the manifests target 1.28",
      "spec.securityContext.sysctls[1].name: the pod sets sysctl 'net.ipv4.tcp_rmem', which the baseline profile allows only from Kubernetes 1.32; the manifests target 1.28",
    ]);
    expect(violations(sysctls, [pod], { kubernetesVersion: '1.29' })).toEqual([
      "spec.securityContext.sysctls[1].name: the pod sets sysctl 'net.ipv4.tcp_rmem', which the baseline profile allows only from Kubernetes 1.32; the manifests target 1.29",
    ]);
    expect(violations(sysctls, [pod], { kubernetesVersion: 'v1.32' })).toEqual([]);
  });

  test('net.ipv4.ip_local_reserved_ports is safe only from 1.27', () => {
    expect(violations(sysctls, [podWith('net.ipv4.ip_local_reserved_ports')], { kubernetesVersion: '1.26' })).toEqual([
      "spec.securityContext.sysctls[0].name: the pod sets sysctl 'net.ipv4.ip_local_reserved_ports', which the baseline profile allows only from Kubernetes 1.27; the manifests target 1.26",
    ]);
  });

  test('explains that a slash-separated name must be written with dots', () => {
    const result = runRule(sysctls, [podWith('net/ipv4/tcp_syncookies')]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.securityContext.sysctls[0].name: the pod sets sysctl 'net/ipv4/tcp_syncookies' with slashes; Pod Security Admission compares names exactly and allows only the dotted form 'net.ipv4.tcp_syncookies'",
    ]);
    expect(result.unwaived[0].fix).toBe("Write spec.securityContext.sysctls[0].name as 'net.ipv4.tcp_syncookies'.");
  });

  test('flags a sysctl entry without a name', () => {
    const pod = restrictedPod();
    pod.spec.securityContext.sysctls = [{ value: '1' }];
    expect(violations(sysctls, [pod])).toEqual([
      'spec.securityContext.sysctls[0].name: the pod sets a sysctl without a name',
    ]);
  });
});
