import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { containerContextPath, podContextPath } from './helpers';

/** PSS baseline, "HostProcess". */
export const hostProcess: Rule = {
  id: 'k8s-host-process',
  title: 'Pods and containers must not run as Windows HostProcess containers',
  description:
    'Pod Security Standards (baseline), control "HostProcess": securityContext.windowsOptions.hostProcess must be ' +
    'unset or false on the pod and on every container, init container and ephemeral container. A HostProcess ' +
    'container runs as a process directly on the Windows node, with the node\'s network and file system and the ' +
    'privileges of a node administrator, so nothing isolates it from other workloads or from the node.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Remove securityContext.windowsOptions.hostProcess (or set it to false) on the pod and every container.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    if (pod.spec.securityContext?.windowsOptions?.hostProcess === true) {
      const path = `${podContextPath(pod)}.windowsOptions.hostProcess`;
      report({
        path,
        message: 'the pod sets securityContext.windowsOptions.hostProcess: true, so every container runs as a process on the Windows node with node administrator privileges',
        fix: `Remove ${path} (or set it to false). Node administration agents belong outside namespaces that hold PHI.`,
      });
    }
    for (const ref of pod.containers) {
      if (ref.container.securityContext?.windowsOptions?.hostProcess !== true) continue;
      const path = `${containerContextPath(ref)}.windowsOptions.hostProcess`;
      report({
        path,
        message: `${containerLabel(ref)} sets securityContext.windowsOptions.hostProcess: true, so it runs as a process on the Windows node with node administrator privileges`,
        fix: `Remove ${path} (or set it to false).`,
      });
    }
  },
};
