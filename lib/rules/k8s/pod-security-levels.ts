/**
 * The Pod Security Standards level of each rule of the pod-security pack: `baseline` for the
 * baseline profile's controls, `restricted` for the controls only the restricted profile adds.
 * Plain data, so the engine can read it without loading the rule modules; a test keeps it equal
 * to the packs in ./pod-security/index.ts.
 */
export type PodSecurityLevel = 'baseline' | 'restricted';

/** Level of each Pod Security rule, by rule id. */
export const POD_SECURITY_LEVELS: Readonly<Record<string, PodSecurityLevel>> = Object.freeze({
  'k8s-host-process': 'baseline',
  'k8s-host-namespaces': 'baseline',
  'k8s-privileged': 'baseline',
  'k8s-baseline-capabilities': 'baseline',
  'k8s-host-path-volumes': 'baseline',
  'k8s-host-ports': 'baseline',
  'k8s-host-probes': 'baseline',
  'k8s-apparmor': 'baseline',
  'k8s-selinux': 'baseline',
  'k8s-proc-mount': 'baseline',
  'k8s-seccomp-unconfined': 'baseline',
  'k8s-sysctls': 'baseline',
  'k8s-volume-types': 'restricted',
  'k8s-allow-privilege-escalation': 'restricted',
  'k8s-run-as-non-root': 'restricted',
  'k8s-run-as-non-root-user': 'restricted',
  'k8s-seccomp-profile': 'restricted',
  'k8s-drop-all-capabilities': 'restricted',
});

/** Which enforce levels reject a pod that breaks a control of `level`. */
export function enforcedAt(level: PodSecurityLevel, enforce: unknown): boolean {
  return enforce === 'restricted' || (enforce === 'baseline' && level === 'baseline');
}
