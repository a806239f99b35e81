import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { containerContextPath, podContextPath, windowsExempt } from './helpers';

/** PSS restricted, "Seccomp": a RuntimeDefault or Localhost profile must be set for every container. */
export const seccompProfile: Rule = {
  id: 'k8s-seccomp-profile',
  title: 'A RuntimeDefault or Localhost seccomp profile must be set on the pod or on every container',
  description:
    'Pod Security Standards (restricted), control "Seccomp": securityContext.seccompProfile.type must be ' +
    'RuntimeDefault or Localhost, set on the pod (which covers every container) or on each container, init container ' +
    'and ephemeral container. Without it containers run Unconfined unless the kubelet was started with ' +
    '--seccomp-default, so every system call, and every kernel bug behind it, is open to them. Explicitly bad values ' +
    '(such as Unconfined) are reported by k8s-seccomp-unconfined (baseline), not again here. Pods with spec.os.name: ' +
    'windows are exempt from Kubernetes 1.25, as in Pod Security Admission.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod (it covers every container).',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const podProfile = pod.spec.securityContext?.seccompProfile;
    // A valid pod-level profile covers every container; an invalid one is k8s-seccomp-unconfined's finding,
    // and fixing it fixes every container that inherits it.
    if (podProfile !== undefined && podProfile !== null) return;
    if (windowsExempt(pod, ctx)) return;
    for (const ref of pod.containers) {
      const own = ref.container.securityContext?.seccompProfile;
      if (own !== undefined && own !== null) continue;
      const podPath = `${podContextPath(pod)}.seccompProfile.type`;
      report({
        path: `${containerContextPath(ref)}.seccompProfile.type`,
        message: `${containerLabel(ref)} has no seccomp profile: neither it nor the pod sets securityContext.seccompProfile, so it runs Unconfined on most nodes`,
        fix: `Set ${podPath}: RuntimeDefault (it covers every container), or ${containerContextPath(ref)}.seccompProfile.type: RuntimeDefault.`,
      });
    }
  },
};
