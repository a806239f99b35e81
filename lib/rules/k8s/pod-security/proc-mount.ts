import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { containerContextPath, show } from './helpers';

/** PSS baseline (and, from Kubernetes 1.35, restricted), "/proc Mount Type". */
export const procMount: Rule = {
  id: 'k8s-proc-mount',
  title: 'Containers must use the default /proc mount type',
  description:
    'Pod Security Standards (baseline), control "/proc Mount Type": securityContext.procMount must be unset or ' +
    'Default on every container, init container and ephemeral container. The default /proc mount masks and makes ' +
    'read-only the paths that expose the node\'s kernel (kcore, keys, sysrq-trigger, timer lists); Unmasked removes ' +
    'those masks. From Kubernetes 1.35 the baseline profile allows Unmasked for pods in a user namespace ' +
    '(hostUsers: false), but the restricted profile still forbids it, so this rule applies to every pod.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Remove securityContext.procMount from the container (or set it to Default).',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      const value = ref.container.securityContext?.procMount;
      if (value === undefined || value === null || value === 'Default') continue;
      const path = `${containerContextPath(ref)}.procMount`;
      report({
        path,
        message: `${containerLabel(ref)} sets securityContext.procMount to ${show(value)}, which removes the masks that hide the node's kernel interfaces under /proc`,
        fix: `Remove ${path} (or set it to Default).`,
      });
    }
  },
};
