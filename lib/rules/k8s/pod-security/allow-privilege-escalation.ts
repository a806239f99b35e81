import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { containerContextPath, show, windowsExempt } from './helpers';

/** PSS restricted, "Privilege Escalation". */
export const allowPrivilegeEscalation: Rule = {
  id: 'k8s-allow-privilege-escalation',
  title: 'Containers must set allowPrivilegeEscalation: false',
  description:
    'Pod Security Standards (restricted), control "Privilege Escalation": securityContext.allowPrivilegeEscalation ' +
    'must be false on every container, init container and ephemeral container. Unset, it defaults to true: the ' +
    'kernel\'s no_new_privs flag is not set, so a setuid or setcap binary in the image (or one an attacker writes) ' +
    'can gain privileges the container was not started with. Pods with spec.os.name: windows are exempt from ' +
    'Kubernetes 1.25, as in Pod Security Admission.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod || pod.containers.length === 0 || windowsExempt(pod, ctx)) return;
    for (const ref of pod.containers) {
      const value = ref.container.securityContext?.allowPrivilegeEscalation;
      if (value === false) continue;
      const path = `${containerContextPath(ref)}.allowPrivilegeEscalation`;
      report({
        path,
        message: value === undefined || value === null
          ? `${containerLabel(ref)} does not set securityContext.allowPrivilegeEscalation: false; it defaults to true, so setuid binaries can gain privileges`
          : `${containerLabel(ref)} sets securityContext.allowPrivilegeEscalation to ${show(value)}, so setuid binaries can gain privileges`,
        fix: `Set ${path}: false.`,
      });
    }
  },
};
