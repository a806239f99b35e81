import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { BASELINE_ALLOWED_CAPABILITIES, canonicalCapability, containerContextPath, show } from './helpers';

/** PSS baseline, "Capabilities". */
export const baselineCapabilities: Rule = {
  id: 'k8s-baseline-capabilities',
  title: 'Containers must not add capabilities beyond the container runtime\'s default set',
  description:
    'Pod Security Standards (baseline), control "Capabilities": securityContext.capabilities.add may only name ' +
    'capabilities of the default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, ' +
    'NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT), on every container, init container and ' +
    'ephemeral container. Capabilities such as SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE or SYS_MODULE let a ' +
    'container escape to the node, sniff or spoof traffic, or read other processes\' memory. The restricted ' +
    'profile is stricter still (see k8s-drop-all-capabilities, which reports added capabilities that this rule allows).',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Remove the capability from securityContext.capabilities.add. Under the restricted profile a container drops ALL and may add only NET_BIND_SERVICE.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      const add = ref.container.securityContext?.capabilities?.add;
      if (!Array.isArray(add)) continue;
      for (let i = 0; i < add.length; i++) {
        const cap = add[i];
        if (BASELINE_ALLOWED_CAPABILITIES.has(cap)) continue;
        const path = `${containerContextPath(ref)}.capabilities.add[${i}]`;
        const meant = canonicalCapability(cap);
        report({
          path,
          message: meant !== undefined && BASELINE_ALLOWED_CAPABILITIES.has(meant)
            ? `${containerLabel(ref)} adds capability ${show(cap)}, which Kubernetes does not recognise as ${meant}: capability names are upper case without the CAP_ prefix`
            : `${containerLabel(ref)} adds capability ${show(cap)}, which is not in the default set the baseline profile allows`,
          fix: meant !== undefined && BASELINE_ALLOWED_CAPABILITIES.has(meant)
            ? `Write ${path} as '${meant}', or better remove it: the restricted profile allows adding only NET_BIND_SERVICE.`
            : `Remove ${show(cap)} from ${containerContextPath(ref)}.capabilities.add. If the container only needs to bind a port below 1024, add NET_BIND_SERVICE instead; anything more needs a waiver with a reason.`,
        });
      }
    }
  },
};
