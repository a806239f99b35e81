import type { Report, Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { containerContextPath, listOf, podContextPath, show, targetMinor } from './helpers';

/** SELinux types the baseline profile allows before Kubernetes 1.31. */
const TYPES_1_0: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
/** From Kubernetes 1.31, container_engine_t too (for nested container engines). */
const TYPES_1_31: ReadonlySet<string> = new Set([...TYPES_1_0, 'container_engine_t']);

const USER_AND_ROLE = ['user', 'role'] as const;

/** PSS baseline, "SELinux". */
export const selinux: Rule = {
  id: 'k8s-selinux',
  title: 'SELinux options must not set a custom user or role, or a type outside the container types',
  description:
    'Pod Security Standards (baseline), control "SELinux": seLinuxOptions.type on the pod and every container may ' +
    'only be empty, container_t, container_init_t or container_kvm_t (and container_engine_t from Kubernetes 1.31), ' +
    'and seLinuxOptions.user and seLinuxOptions.role must not be set. Other types (such as spc_t, "super privileged ' +
    'container") and custom users or roles lift the SELinux confinement that keeps a container from the node\'s and ' +
    'other containers\' files. seLinuxOptions.level is allowed.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Remove seLinuxOptions.user and seLinuxOptions.role, and remove seLinuxOptions.type or set it to container_t.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const podOptions = pod.spec.securityContext?.seLinuxOptions;
    if (podOptions !== undefined && podOptions !== null) {
      checkOptions(podOptions, podContextPath(pod), 'the pod', targetMinor(ctx), report);
    }
    for (const ref of pod.containers) {
      const options = ref.container.securityContext?.seLinuxOptions;
      if (options === undefined || options === null) continue;
      checkOptions(options, containerContextPath(ref), containerLabel(ref), targetMinor(ctx), report);
    }
  },
};

function checkOptions(options: any, contextPath: string, who: string, minor: number, report: Report): void {
  const base = `${contextPath}.seLinuxOptions`;
  const type = options?.type;
  if (type !== undefined && type !== null) {
    const allowed = minor >= 31 ? TYPES_1_31 : TYPES_1_0;
    if (!allowed.has(type)) {
      const names = [...allowed].filter((t) => t !== '');
      report({
        path: `${base}.type`,
        message: `${who} sets seLinuxOptions.type to ${show(type)}, which is not one of ${listOf(names)}`,
        fix: `Remove ${base}.type (the runtime then uses container_t) or set it to container_t.`,
      });
    }
  }
  for (const field of USER_AND_ROLE) {
    const value = options?.[field];
    if (value === undefined || value === null || value === '') continue;
    report({
      path: `${base}.${field}`,
      message: `${who} sets seLinuxOptions.${field} to ${show(value)}; the baseline profile forbids a custom SELinux ${field}`,
      fix: `Remove ${base}.${field}.`,
    });
  }
}
