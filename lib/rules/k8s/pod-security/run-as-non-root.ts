import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';

/** PSS restricted, "Running as Non-root". */
export const runAsNonRoot: Rule = {
  id: 'k8s-run-as-non-root',
  title: 'Containers must be required to run as a non-root user',
  description:
    'Pod Security Standards (restricted): runAsNonRoot must be true on the pod, or on every container, so the kubelet refuses to start a container whose image would run as UID 0.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Set spec.securityContext.runAsNonRoot: true on the pod (or securityContext.runAsNonRoot: true on every container).',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const podLevel = pod.spec.securityContext?.runAsNonRoot;
    if (podLevel === false) {
      report({ path: `${pod.specPath}.securityContext.runAsNonRoot`, message: 'the pod sets runAsNonRoot: false' });
    }
    for (const ref of pod.containers) {
      const own = ref.container.securityContext?.runAsNonRoot;
      if (own === false) {
        report({ path: `${ref.path}.securityContext.runAsNonRoot`, message: `${containerLabel(ref)} sets runAsNonRoot: false` });
      } else if (own !== true && podLevel !== true) {
        report({
          path: `${ref.path}.securityContext.runAsNonRoot`,
          message: `${containerLabel(ref)} may run as root: neither it nor the pod sets runAsNonRoot: true`,
        });
      }
    }
  },
};
