import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, PodTemplate, POD_KINDS } from '../pod';
import { containerContextPath, podContextPath, userNamespaceRelaxed } from './helpers';

/** PSS restricted, "Running as Non-root". */
export const runAsNonRoot: Rule = {
  id: 'k8s-run-as-non-root',
  title: 'Containers must be required to run as a non-root user',
  description:
    'Pod Security Standards (restricted), control "Running as Non-root": securityContext.runAsNonRoot must be true on ' +
    'the pod, or on every container, init container and ephemeral container, and must not be false anywhere. With ' +
    'it the kubelet refuses to start a container whose user would be UID 0, whatever the image says. From ' +
    'Kubernetes 1.35, as in Pod Security Admission, pods in a user namespace (spec.hostUsers: false) are exempt.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Set spec.securityContext.runAsNonRoot: true on the pod (or securityContext.runAsNonRoot: true on every container), and give the image a non-root USER or set runAsUser.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const podLevel = pod.spec.securityContext?.runAsNonRoot;
    if (!fails(pod, podLevel) || userNamespaceRelaxed(pod, ctx)) return;
    const podPath = `${podContextPath(pod)}.runAsNonRoot`;
    if (podLevel === false) {
      report({
        path: podPath,
        message: 'the pod sets securityContext.runAsNonRoot: false, so its containers may run as root',
        fix: `Set ${podPath}: true.`,
      });
    }
    for (const ref of pod.containers) {
      const own = ref.container.securityContext?.runAsNonRoot;
      if (own === true || (own !== false && podLevel === true)) continue;
      const path = `${containerContextPath(ref)}.runAsNonRoot`;
      if (own === false) {
        report({
          path,
          message: `${containerLabel(ref)} sets securityContext.runAsNonRoot: false`,
          fix: `Set ${path}: true (or remove it and set ${podPath}: true).`,
        });
      } else if (podLevel !== true && podLevel !== false) {
        // With the pod set to false, the pod's finding covers the containers that inherit it.
        report({
          path,
          message: `${containerLabel(ref)} may run as root: neither it nor the pod sets runAsNonRoot: true`,
          fix: `Set ${podPath}: true (it covers every container), or ${path}: true.`,
        });
      }
    }
  },
};

/** Whether the pod breaks the control: false anywhere, or a container not covered by true. */
function fails(pod: PodTemplate, podLevel: unknown): boolean {
  if (podLevel === false) return true;
  for (const ref of pod.containers) {
    const own = ref.container.securityContext?.runAsNonRoot;
    if (own === false || (own !== true && podLevel !== true)) return true;
  }
  return false;
}
