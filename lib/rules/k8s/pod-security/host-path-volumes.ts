import type { Rule } from '../../../check/rule';
import { podTemplate, POD_KINDS } from '../pod';
import { show } from './helpers';

/** PSS baseline, "HostPath Volumes". */
export const hostPathVolumes: Rule = {
  id: 'k8s-host-path-volumes',
  title: 'Pods must not mount hostPath volumes',
  description:
    'Pod Security Standards (baseline), control "HostPath Volumes": spec.volumes[*].hostPath must be unset. A ' +
    'hostPath volume mounts a directory or file of the node into the pod: the pod can read and change node files ' +
    '(kubelet credentials, container runtime sockets, other pods\' data), and anything it writes stays on that node, ' +
    'outside declared, encrypted, backed-up storage.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)', '164.310(d)(2)(iv)'],
  kinds: POD_KINDS,
  fix:
    'Replace the hostPath volume with a persistentVolumeClaim on an encrypted StorageClass for data that must persist, ' +
    'or an emptyDir (with a sizeLimit) for scratch space.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const volumes = pod.spec.volumes;
    if (!Array.isArray(volumes)) return;
    for (let i = 0; i < volumes.length; i++) {
      const hostPath = volumes[i]?.hostPath;
      if (hostPath === undefined || hostPath === null) continue;
      const name = volumes[i].name;
      const where = typeof hostPath?.path === 'string' ? ` ${show(hostPath.path)}` : '';
      report({
        path: `${pod.specPath}.volumes[${i}].hostPath`,
        message: `volume ${show(name ?? '?')} mounts the node's path${where} into the pod, giving it access to node files and leaving what it writes on the node`,
        fix:
          `Replace the hostPath source of volume ${show(name ?? '?')} (${pod.specPath}.volumes[${i}]) with persistentVolumeClaim: { claimName: ... } ` +
          'on an encrypted StorageClass for data that must persist, or emptyDir: { sizeLimit: ... } for scratch space.',
      });
    }
  },
};
