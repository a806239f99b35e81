import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { BASELINE_ALLOWED_CAPABILITIES, containerContextPath, RESTRICTED_ALLOWED_CAPABILITY, show, windowsExempt } from './helpers';

/** PSS restricted, "Capabilities": drop ALL, add at most NET_BIND_SERVICE. */
export const dropAllCapabilities: Rule = {
  id: 'k8s-drop-all-capabilities',
  title: 'Containers must drop ALL capabilities and may add back only NET_BIND_SERVICE',
  description:
    'Pod Security Standards (restricted), control "Capabilities": securityContext.capabilities.drop must include ALL, ' +
    'and capabilities.add may contain only NET_BIND_SERVICE, on every container, init container and ephemeral ' +
    'container. Even the runtime\'s default capabilities (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, KILL, ...) ' +
    'let a compromised process bypass file permissions or change identity. Added capabilities outside the default set ' +
    'are reported by k8s-baseline-capabilities (baseline), not again here. Pods with spec.os.name: windows are exempt ' +
    'from Kubernetes 1.25, as in Pod Security Admission.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Set securityContext.capabilities.drop: [ALL] on every container, and add back at most NET_BIND_SERVICE.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod || pod.containers.length === 0 || windowsExempt(pod, ctx)) return;
    for (const ref of pod.containers) {
      const capabilities = ref.container.securityContext?.capabilities;
      const drop = capabilities?.drop;
      const add = capabilities?.add;
      if (!Array.isArray(drop) || !drop.includes('ALL')) {
        const path = `${containerContextPath(ref)}.capabilities.drop`;
        const misspelt = Array.isArray(drop) ? drop.find((c) => typeof c === 'string' && c.trim().toUpperCase() === 'ALL') : undefined;
        report({
          path,
          message: misspelt !== undefined
            ? `${containerLabel(ref)} drops ${show(misspelt)}, which Kubernetes does not read as ALL: it must be written ALL in upper case`
            : !Array.isArray(drop) || drop.length === 0
              ? `${containerLabel(ref)} does not drop capabilities: securityContext.capabilities.drop must include ALL, or the container keeps the runtime's default capabilities`
              : `${containerLabel(ref)} drops ${drop.length > 4 ? `${drop.length} capabilities` : drop.map(show).join(', ')} but not ALL, so it keeps any capability not listed`,
          fix: `Set ${path}: [ALL].`,
        });
      }
      if (!Array.isArray(add)) continue;
      for (let i = 0; i < add.length; i++) {
        const cap = add[i];
        // Capabilities outside the default set are k8s-baseline-capabilities' finding.
        if (cap === RESTRICTED_ALLOWED_CAPABILITY || !BASELINE_ALLOWED_CAPABILITIES.has(cap)) continue;
        const path = `${containerContextPath(ref)}.capabilities.add[${i}]`;
        report({
          path,
          message: `${containerLabel(ref)} adds capability ${show(cap)}; the restricted profile allows adding only NET_BIND_SERVICE`,
          fix: `Remove ${show(cap)} from ${containerContextPath(ref)}.capabilities.add and make the container work without it (e.g. run as the user that owns its files, use fsGroup for volume ownership); otherwise record a waiver with a reason.`,
        });
      }
    }
  },
};
