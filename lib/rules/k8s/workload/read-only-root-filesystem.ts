import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';

/** Immutable containers: the root filesystem is mounted read-only. */
export const readOnlyRootFilesystem: Rule = {
  id: 'k8s-read-only-root-filesystem',
  title: 'Containers must mount their root filesystem read-only',
  description:
    'A writable root filesystem lets an intruder or a bug replace binaries and libraries, drop tools, or leave PHI in the ' +
    "container's writable layer, where no volume policy, backup or encryption applies. NSA/CISA Kubernetes Hardening " +
    'Guidance ("immutable container file systems") and CIS Kubernetes Benchmark 5.7.3 ask for securityContext.readOnlyRootFilesystem: ' +
    'true; paths the program must write go on declared volumes (an emptyDir with a sizeLimit for /tmp). Applies to ' +
    'containers, init containers and ephemeral (debug) containers.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.310(d)(2)(iv)'],
  kinds: POD_KINDS,
  fix:
    'Set securityContext.readOnlyRootFilesystem: true on the container and mount an emptyDir volume (with a sizeLimit) on each ' +
    'path it must write, such as /tmp.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      const value = ref.container.securityContext?.readOnlyRootFilesystem;
      if (value === true) continue;
      const path = `${ref.path}.securityContext.readOnlyRootFilesystem`;
      report({
        path,
        message:
          value === undefined || value === null
            ? `${containerLabel(ref)} does not set readOnlyRootFilesystem, so its root filesystem is writable`
            : `${containerLabel(ref)} sets readOnlyRootFilesystem: ${JSON.stringify(value)}, so its root filesystem is writable`,
        fix: `Set ${path}: true, and mount an emptyDir volume (with a sizeLimit) on each path ${containerLabel(ref)} must write, such as /tmp.`,
      });
    }
  },
};
