/**
 * Facts the Pod Security Standards rules share: the Kubernetes version a check targets (some
 * controls depend on it, exactly as in the pod-security-admission library), the Windows and
 * user-namespace exemptions, the allowed seccomp types and capability sets, and message
 * formatting. Not a rule.
 */
import type { RuleContext, RuleSettings } from '../../../check/context';
import { DEFAULT_KUBERNETES_MINOR } from '../../../check/kubernetes-version';
import type { ContainerRef, PodTemplate } from '../pod';
import { isObject } from '../support/objects';

export { isObject };

/** The minor version assumed when `kubernetesVersion` cannot be read (the library's target). */
export const DEFAULT_MINOR = DEFAULT_KUBERNETES_MINOR;

const MINOR = /^\s*v?1\.(\d+)/;
const minors = new WeakMap<RuleSettings, number>();

/** Reads the minor version from `1.28`, `v1.28` or `1.28.3`; DEFAULT_MINOR when it cannot. */
export function parseMinor(version: string): number {
  const m = MINOR.exec(String(version));
  return m ? Number(m[1]) : DEFAULT_MINOR;
}

/** The Kubernetes minor version the check targets (computed once per check run). */
export function targetMinor(ctx: RuleContext): number {
  const settings = ctx.settings;
  let minor = minors.get(settings);
  if (minor === undefined) {
    minor = parseMinor(settings.kubernetesVersion);
    minors.set(settings, minor);
  }
  return minor;
}

/**
 * Pod Security Admission exempts pods with `spec.os.name: windows` from the restricted controls
 * Privilege Escalation, Seccomp and Capabilities from Kubernetes 1.25 (those fields are Linux-only
 * and API validation rejects them on Windows pods).
 */
export function windowsExempt(pod: PodTemplate, ctx: RuleContext): boolean {
  return pod.spec.os?.name === 'windows' && targetMinor(ctx) >= 25;
}

/**
 * From Kubernetes 1.35 Pod Security Admission lets pods in a user namespace (`hostUsers: false`)
 * run as UID 0 inside it (Running as Non-root, Running as Non-root user). Before 1.35 this
 * relaxation sat behind an alpha feature gate that is off by default, so it does not apply.
 */
export function userNamespaceRelaxed(pod: PodTemplate, ctx: RuleContext): boolean {
  return pod.spec.hostUsers === false && targetMinor(ctx) >= 35;
}

/** Path of the pod-level security context, e.g. `spec.template.spec.securityContext`. */
export function podContextPath(pod: PodTemplate): string {
  return `${pod.specPath}.securityContext`;
}

/** Path of a container's security context. */
export function containerContextPath(ref: ContainerRef): string {
  return `${ref.path}.securityContext`;
}

/** A value as messages print it: strings in single quotes, everything else as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}

/** `a, b and c`. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** True for RuntimeDefault and Localhost, the only seccomp profile types either profile accepts. */
export function validSeccompType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** Capabilities the baseline profile lets a container add: the container runtime's default set. */
export const BASELINE_ALLOWED_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** The one capability the restricted profile lets a container add (after dropping ALL). */
export const RESTRICTED_ALLOWED_CAPABILITY = 'NET_BIND_SERVICE';

/**
 * Kubernetes compares capability names exactly: `chown` and `CAP_CHOWN` are not `CHOWN`.
 * Returns the spelling that was probably meant, or undefined when the name is already canonical.
 */
export function canonicalCapability(name: unknown): string | undefined {
  if (typeof name !== 'string') return undefined;
  let canonical = name.trim().toUpperCase();
  if (canonical.startsWith('CAP_')) canonical = canonical.slice(4);
  return canonical !== name ? canonical : undefined;
}
