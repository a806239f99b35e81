import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { containerContextPath } from './helpers';

/** PSS baseline, "Privileged Containers". */
export const privileged: Rule = {
  id: 'k8s-privileged',
  title: 'Containers must not be privileged',
  description:
    'Pod Security Standards (baseline), control "Privileged Containers": securityContext.privileged must be unset or ' +
    'false on every container, init container and ephemeral container. A privileged container gets every Linux ' +
    'capability, access to all of the node\'s devices and no seccomp or AppArmor confinement: it can take over the ' +
    'node and read the memory and storage of every other pod on it.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Remove securityContext.privileged from every container (or set it to false).',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      if (ref.container.securityContext?.privileged !== true) continue;
      const path = `${containerContextPath(ref)}.privileged`;
      report({
        path,
        message: `${containerLabel(ref)} sets securityContext.privileged: true, which gives it every Linux capability and full access to the node's devices`,
        fix: `Set ${path}: false (or remove it). Privileged node agents belong outside namespaces that hold PHI; an exception needs a waiver with a reason.`,
      });
    }
  },
};
