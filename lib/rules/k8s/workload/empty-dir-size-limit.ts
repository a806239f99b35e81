import type { Rule } from '../../../check/rule';
import { podTemplate, POD_KINDS } from '../pod';

/** Bounded scratch space: every emptyDir volume has a sizeLimit. */
export const emptyDirSizeLimit: Rule = {
  id: 'k8s-empty-dir-size-limit',
  title: 'emptyDir volumes must set a sizeLimit',
  description:
    'An emptyDir without sizeLimit can grow until the node disk (or, with medium: Memory, the node memory) runs out, ' +
    'evicting other workloads, and lets temporary copies of PHI pile up on the node. With a sizeLimit the kubelet evicts ' +
    'only the offending pod, and a memory-backed volume is capped at that size. Container ephemeral-storage and memory ' +
    'limits bound it too, which is why this is a warning (Kubernetes documentation, "Local ephemeral storage"; kube-score ' +
    'and Checkov flag unbounded ephemeral storage).',
  severity: 'warning',
  controls: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)'],
  kinds: POD_KINDS,
  fix: 'Set emptyDir.sizeLimit on every emptyDir volume to the most the pod should write there, e.g. sizeLimit: 64Mi.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const volumes = pod.spec.volumes;
    if (!Array.isArray(volumes)) return;
    for (let i = 0; i < volumes.length; i++) {
      const v = volumes[i];
      const emptyDir = v?.emptyDir;
      if (emptyDir === undefined) continue;
      const limit = emptyDir?.sizeLimit;
      if ((typeof limit === 'string' && limit !== '') || typeof limit === 'number') continue;
      const path = `${pod.specPath}.volumes[${i}].emptyDir.sizeLimit`;
      const memory = emptyDir?.medium === 'Memory';
      report({
        path,
        message: `emptyDir volume '${v.name ?? '?'}' sets no sizeLimit, so it can grow until the node ${memory ? 'memory' : 'disk'} runs out`,
        fix: `Set ${path} to the most the pod should write there, e.g. sizeLimit: 64Mi${memory ? ' (it counts against the memory limit)' : ''}.`,
      });
    }
  },
};
