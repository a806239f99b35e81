import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';

/** Processes and volumes not owned by the root group. */
export const runAsNonRootGroup: Rule = {
  id: 'k8s-run-as-non-root-group',
  title: 'Pods and containers must not run as, or give files to, GID 0 (root group)',
  description:
    'runAsNonRoot only checks the user. A process whose primary or supplementary group is 0 can read and write every file ' +
    'the root group owns in the image and in mounted volumes, and an fsGroup of 0 hands mounted volumes (including secret ' +
    'files) to the root group. kube-score (container-security-context-user-group-id) and Checkov (CKV_K8S_40 style group ' +
    'checks) flag low GIDs.',
  severity: 'error',
  controls: ['164.312(a)(1)'],
  kinds: POD_KINDS,
  fix: 'Set runAsGroup and fsGroup to a non-zero GID (10000 or above, e.g. 10001) and remove 0 from supplementalGroups.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const podSc = pod.spec.securityContext;
    if (podSc !== null && typeof podSc === 'object') {
      for (const field of ['runAsGroup', 'fsGroup'] as const) {
        if (podSc[field] !== 0) continue;
        const path = `${pod.specPath}.securityContext.${field}`;
        report({ path, message: `the pod sets securityContext.${field}: 0, the root group`, fix: `Set ${path} to a non-zero GID (10000 or above, e.g. 10001).` });
      }
      const groups = podSc.supplementalGroups;
      if (Array.isArray(groups)) {
        groups.forEach((g, i) => {
          if (g !== 0) return;
          const path = `${pod.specPath}.securityContext.supplementalGroups[${i}]`;
          report({ path, message: 'the pod adds supplemental group 0, the root group, to every container', fix: `Remove ${path}.` });
        });
      }
    }
    for (const ref of pod.containers) {
      if (ref.container.securityContext?.runAsGroup !== 0) continue;
      const path = `${ref.path}.securityContext.runAsGroup`;
      report({ path, message: `${containerLabel(ref)} sets securityContext.runAsGroup: 0, the root group`, fix: `Set ${path} to a non-zero GID (10000 or above, e.g. 10001).` });
    }
  },
};
