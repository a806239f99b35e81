import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { containerContextPath, podContextPath, userNamespaceRelaxed } from './helpers';

/** PSS restricted, "Running as Non-root user". */
export const runAsNonRootUser: Rule = {
  id: 'k8s-run-as-non-root-user',
  title: 'Pods and containers must not set runAsUser: 0',
  description:
    'Pod Security Standards (restricted), control "Running as Non-root user": securityContext.runAsUser must not be 0 ' +
    'on the pod or on any container, init container or ephemeral container. UID 0 is root: a process that escapes ' +
    'the container is root on the node, and root inside the container can read every file in it. From Kubernetes ' +
    '1.35, as in Pod Security Admission, pods in a user namespace (spec.hostUsers: false) are exempt, since UID 0 is ' +
    'then mapped to an unprivileged user on the node.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Set securityContext.runAsUser to a non-zero UID (10000 or above, e.g. 10001) that the image works with, or remove it so the image\'s non-root USER applies.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const podHasRoot = pod.spec.securityContext?.runAsUser === 0;
    let found = podHasRoot;
    if (!found) {
      for (const ref of pod.containers) {
        if (ref.container.securityContext?.runAsUser === 0) {
          found = true;
          break;
        }
      }
    }
    if (!found || userNamespaceRelaxed(pod, ctx)) return;
    if (podHasRoot) {
      const path = `${podContextPath(pod)}.runAsUser`;
      report({
        path,
        message: 'the pod sets securityContext.runAsUser: 0, so its containers run as root unless they set another UID',
        fix: `Set ${path} to a non-zero UID (10000 or above, e.g. 10001) that the image works with.`,
      });
    }
    for (const ref of pod.containers) {
      if (ref.container.securityContext?.runAsUser !== 0) continue;
      const path = `${containerContextPath(ref)}.runAsUser`;
      report({
        path,
        message: `${containerLabel(ref)} sets securityContext.runAsUser: 0, so it runs as root`,
        fix: `Set ${path} to a non-zero UID (10000 or above, e.g. 10001) that the image works with, or remove it so the pod's runAsUser (or else the image's USER) applies.`,
      });
    }
  },
};
