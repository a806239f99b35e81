import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { escalationConflict, idProblem, MAX_ID } from '../support/security-context';

const POD_IDS = ['runAsUser', 'runAsGroup', 'fsGroup'] as const;
const CONTAINER_IDS = ['runAsUser', 'runAsGroup'] as const;

/** Security contexts the API server accepts. */
export const validSecurityContext: Rule = {
  id: 'k8s-valid-security-context',
  title: 'Security contexts must be ones the API server accepts',
  description:
    'The API server refuses a container that sets privileged: true (or adds SYS_ADMIN) while allowPrivilegeEscalation is ' +
    'false, since a privileged container can always escalate, and any UID or GID outside 0..2147483647. The first happens ' +
    'when a hardened default (no privilege escalation) meets a waived exception (a privileged container): the manifest ' +
    'then fails at deploy time instead of saying which of the two settings must give way.',
  severity: 'error',
  controls: ['164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'For a privileged container (or one adding SYS_ADMIN), set allowPrivilegeEscalation: true explicitly and waive k8s-allow-privilege-escalation with the same reason; keep UIDs and GIDs between 0 and 2147483647.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const podSc = pod.spec.securityContext;
    if (podSc !== null && typeof podSc === 'object') {
      for (const field of POD_IDS) reportId(podSc[field], `${pod.specPath}.securityContext.${field}`, 'the pod', report);
      const groups = podSc.supplementalGroups;
      if (Array.isArray(groups)) groups.forEach((g, i) => reportId(g, `${pod.specPath}.securityContext.supplementalGroups[${i}]`, 'the pod', report));
    }
    for (const ref of pod.containers) {
      const sc = ref.container.securityContext;
      if (sc === null || typeof sc !== 'object') continue;
      for (const field of CONTAINER_IDS) reportId(sc[field], `${ref.path}.securityContext.${field}`, containerLabel(ref), report);
      const conflict = escalationConflict(sc);
      if (conflict) {
        const path = `${ref.path}.securityContext.${conflict.field}`;
        report({
          path,
          message: `${containerLabel(ref)} ${conflict.message}`,
          fix:
            `Either drop ${path}, or set ${ref.path}.securityContext.allowPrivilegeEscalation: true and waive ` +
            'k8s-allow-privilege-escalation with the reason the container needs its privileges.',
        });
      }
    }
  },
};

function reportId(value: unknown, path: string, who: string, report: Parameters<Rule['check']>[2]): void {
  const problem = idProblem(value);
  if (problem) report({ path, message: `${who} sets ${path.slice(path.lastIndexOf('.') + 1)}: ${problem}`, fix: `Set ${path} to a whole number between 1 and ${MAX_ID}, e.g. 10001.` });
}
