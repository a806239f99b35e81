import type { Report, Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { containerContextPath, isObject, podContextPath, show } from './helpers';

/** Prefix of the per-container AppArmor annotation (the only AppArmor API before Kubernetes 1.30). */
export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const LOCALHOST_PREFIX = 'localhost/';

function allowedAnnotationValue(value: unknown): boolean {
  return value === '' || value === 'runtime/default' || (typeof value === 'string' && value.startsWith(LOCALHOST_PREFIX));
}

function allowedProfileType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** PSS baseline, "AppArmor". */
export const apparmor: Rule = {
  id: 'k8s-apparmor',
  title: 'AppArmor must not be disabled or overridden with a profile other than runtime/default or a localhost profile',
  description:
    'Pod Security Standards (baseline), control "AppArmor": the annotations ' +
    'container.apparmor.security.beta.kubernetes.io/<container> may only be runtime/default, localhost/<profile> or ' +
    'empty, and securityContext.appArmorProfile.type (Kubernetes 1.30+, on the pod and every container) may only be ' +
    'RuntimeDefault or Localhost. On nodes with AppArmor the runtime applies its default profile; Unconfined turns ' +
    'that mandatory access control off, so a compromised process is limited only by its Linux permissions.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix:
    'Use the runtime default profile: annotation container.apparmor.security.beta.kubernetes.io/<container>: runtime/default ' +
    '(Kubernetes 1.28/1.29), or securityContext.appArmorProfile.type: RuntimeDefault (1.30+); a profile loaded on the ' +
    'nodes may be named with localhost/<profile> or type: Localhost.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const annotations = pod.metadata.annotations;
    if (isObject(annotations)) {
      for (const key in annotations) {
        if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
        const value = annotations[key];
        if (allowedAnnotationValue(value)) continue;
        const container = key.slice(APPARMOR_ANNOTATION_PREFIX.length);
        const path = `${pod.metadataPath}.annotations["${key}"]`;
        report({
          path,
          message: value === 'unconfined'
            ? `annotation ${key} is 'unconfined', which runs container '${container}' without AppArmor confinement`
            : `annotation ${key} is ${show(value)}, which is not runtime/default or localhost/<profile>`,
          fix: `Set ${path} to 'runtime/default' (or 'localhost/<profile>' for a profile loaded on every node), or remove it.`,
        });
      }
    }
    const podProfile = pod.spec.securityContext?.appArmorProfile;
    if (podProfile !== undefined && podProfile !== null) {
      checkProfile(podProfile, podContextPath(pod), 'the pod', report);
    }
    for (const ref of pod.containers) {
      const profile = ref.container.securityContext?.appArmorProfile;
      if (profile === undefined || profile === null) continue;
      checkProfile(profile, containerContextPath(ref), containerLabel(ref), report);
    }
  },
};

function checkProfile(profile: any, contextPath: string, who: string, report: Report): void {
  const type = profile?.type;
  if (allowedProfileType(type)) return;
  const path = `${contextPath}.appArmorProfile.type`;
  report({
    path,
    message: type === 'Unconfined'
      ? `${who} sets securityContext.appArmorProfile.type: Unconfined, which turns AppArmor confinement off`
      : type === undefined || type === null || type === ''
        ? `${who} sets securityContext.appArmorProfile without a type`
        : `${who} sets securityContext.appArmorProfile.type to ${show(type)}, which is not RuntimeDefault or Localhost`,
    fix: `Set ${path}: RuntimeDefault (or Localhost with localhostProfile naming a profile loaded on every node).`,
  });
}
