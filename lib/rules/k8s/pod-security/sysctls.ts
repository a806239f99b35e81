import type { Rule } from '../../../check/rule';
import { podTemplate, POD_KINDS } from '../pod';
import { isObject, listOf, podContextPath, show, targetMinor } from './helpers';

/**
 * The "safe" sysctls of the baseline profile and the Kubernetes minor version from which each is
 * allowed, as the pod-security-admission library lists them.
 */
const SAFE_SYSCTLS: ReadonlyMap<string, number> = new Map([
  ['kernel.shm_rmid_forced', 0],
  ['net.ipv4.ip_local_port_range', 0],
  ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 0],
  ['net.ipv4.ip_unprivileged_port_start', 0],
  ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29],
  ['net.ipv4.tcp_fin_timeout', 29],
  ['net.ipv4.tcp_keepalive_intvl', 29],
  ['net.ipv4.tcp_keepalive_probes', 29],
  ['net.ipv4.tcp_rmem', 32],
  ['net.ipv4.tcp_wmem', 32],
  ['net.ipv4.tcp_slow_start_after_idle', 37],
  ['net.ipv4.tcp_notsent_lowat', 37],
]);

/** The safe sysctls for a minor version. */
export function safeSysctls(minor: number): string[] {
  return [...SAFE_SYSCTLS].filter(([, since]) => since <= minor).map(([name]) => name);
}

/** PSS baseline, "Sysctls". */
export const sysctls: Rule = {
  id: 'k8s-sysctls',
  title: 'Pods may set only the safe, namespaced sysctls',
  description:
    'Pod Security Standards (baseline), control "Sysctls": spec.securityContext.sysctls[*].name must be in the safe ' +
    'set for the targeted Kubernetes version (for 1.28: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, ' +
    'net.ipv4.ip_local_reserved_ports, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range and ' +
    'net.ipv4.ip_unprivileged_port_start; later versions add TCP keepalive, buffer and timeout settings). Other ' +
    'sysctls can disable kernel security mechanisms or change settings shared with every pod on the node.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Remove the sysctl from spec.securityContext.sysctls; node-wide kernel tuning belongs in the node configuration, not in a pod.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const list = pod.spec.securityContext?.sysctls;
    if (!Array.isArray(list) || list.length === 0) return;
    const minor = targetMinor(ctx);
    for (let i = 0; i < list.length; i++) {
      const name = isObject(list[i]) ? list[i].name : undefined;
      const since = SAFE_SYSCTLS.get(name);
      if (since !== undefined && since <= minor) continue;
      const path = `${podContextPath(pod)}.sysctls[${i}].name`;
      const dotted = typeof name === 'string' ? name.replace(/\//g, '.') : undefined;
      const dottedSince = dotted !== undefined && dotted !== name ? SAFE_SYSCTLS.get(dotted) : undefined;
      let message: string;
      let fix: string;
      if (typeof name !== 'string' || name === '') {
        message = 'the pod sets a sysctl without a name';
        fix = `Give ${podContextPath(pod)}.sysctls[${i}] the name of a safe sysctl, or remove it.`;
      } else if (since !== undefined) {
        message = `the pod sets sysctl ${show(name)}, which the baseline profile allows only from Kubernetes 1.${since}; the manifests target 1.${minor}`;
        fix = `Remove ${podContextPath(pod)}.sysctls[${i}], or target Kubernetes 1.${since} or later (the check's kubernetesVersion option, --kubernetes-version of hipaa-check, and the namespace's pod-security.kubernetes.io/enforce-version).`;
      } else if (dottedSince !== undefined && dottedSince <= minor) {
        message = `the pod sets sysctl ${show(name)} with slashes; Pod Security Admission compares names exactly and allows only the dotted form '${dotted}'`;
        fix = `Write ${path} as '${dotted}'.`;
      } else {
        message = `the pod sets sysctl ${show(name)}, which is not in the baseline profile's safe set for Kubernetes 1.${minor}`;
        fix = `Remove ${podContextPath(pod)}.sysctls[${i}]; kernel settings outside the safe set (${listOf(safeSysctls(minor))}) belong in the node configuration, not in a pod.`;
      }
      report({ path, message, fix });
    }
  },
};
