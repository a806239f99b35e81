import type { Report, Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { containerContextPath, podContextPath, show, validSeccompType } from './helpers';

/** PSS baseline, "Seccomp": an explicit profile must not be Unconfined (or anything else but RuntimeDefault/Localhost). */
export const seccompUnconfined: Rule = {
  id: 'k8s-seccomp-unconfined',
  title: 'Seccomp must not be set to Unconfined',
  description:
    'Pod Security Standards (baseline), control "Seccomp": securityContext.seccompProfile.type, where set on the pod ' +
    'or on a container, init container or ephemeral container, must be RuntimeDefault or Localhost. Unconfined ' +
    'turns off system-call filtering, leaving the whole kernel API (and every kernel bug in it) open to the ' +
    'container. The restricted profile also requires a profile to be set (see k8s-seccomp-profile).',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Set securityContext.seccompProfile.type: RuntimeDefault (or Localhost with localhostProfile naming a profile on every node).',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const podProfile = pod.spec.securityContext?.seccompProfile;
    if (podProfile !== undefined && podProfile !== null) {
      checkProfile(podProfile, podContextPath(pod), 'the pod', report);
    }
    for (const ref of pod.containers) {
      const profile = ref.container.securityContext?.seccompProfile;
      if (profile === undefined || profile === null) continue;
      checkProfile(profile, containerContextPath(ref), containerLabel(ref), report);
    }
  },
};

function checkProfile(profile: any, contextPath: string, who: string, report: Report): void {
  const type = profile?.type;
  if (validSeccompType(type)) return;
  const path = `${contextPath}.seccompProfile.type`;
  report({
    path,
    message: type === 'Unconfined'
      ? `${who} sets securityContext.seccompProfile.type: Unconfined, which turns system-call filtering off`
      : type === undefined || type === null || type === ''
        ? `${who} sets securityContext.seccompProfile without a type`
        : `${who} sets securityContext.seccompProfile.type to ${show(type)}, which is not RuntimeDefault or Localhost`,
    fix: `Set ${path}: RuntimeDefault (or Localhost with localhostProfile naming a profile on every node).`,
  });
}
