import { claimIn, claimsByName } from './claims';
import type { Rule } from '../../../check/rule';
import { podTemplate, POD_KINDS } from '../pod';

/** A pod mounts only claims of its own namespace. */
export const claimSameNamespace: Rule = {
  id: 'k8s-claim-same-namespace',
  title: 'A pod must mount PersistentVolumeClaims of its own namespace',
  description:
    'A pod volume names a claim by name only (persistentVolumeClaim.claimName), and Kubernetes looks it up in the pod\'s ' +
    'namespace. When the checked set has a claim of that name only in other namespaces, the pod stays Pending ' +
    '("persistentvolumeclaim not found") and the data it was meant to keep is never written there: typically a claim ' +
    'created in one chart (one namespace) and mounted by a workload of another. Claims not in the set are not judged.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)'],
  kinds: POD_KINDS,
  fix: 'Create the claim in the workload\'s namespace (in cdk8s: EncryptedVolume.claim(<the workload\'s chart>, ...)), or run the workload in the claim\'s namespace.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    const volumes: unknown = pod?.spec.volumes;
    if (!pod || !Array.isArray(volumes)) return;
    const namespace = ctx.namespaceOf(resource);
    volumes.forEach((volume: any, i: number) => {
      const claimName: unknown = volume?.persistentVolumeClaim?.claimName;
      if (typeof claimName !== 'string' || claimIn(ctx, namespace, claimName)) return;
      const elsewhere = (claimsByName(ctx).get(claimName) ?? []).map((c) => `'${ctx.namespaceOf(c)}'`);
      if (elsewhere.length === 0) return;
      report({
        path: `${pod.specPath}.volumes[${i}].persistentVolumeClaim.claimName`,
        message: `${resource.kind} '${resource.name}' in namespace '${namespace}' mounts PersistentVolumeClaim '${claimName}', ` +
          `which is in namespace ${elsewhere.join(', ')}: a pod mounts only claims of its own namespace, so it would stay Pending`,
      });
    });
  },
};
