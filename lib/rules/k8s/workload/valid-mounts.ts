import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { earlierSameMount, mountPathProblem } from '../support/mounts';

/** Volume mounts the API server and the container runtime accept. */
export const validMounts: Rule = {
  id: 'k8s-valid-mounts',
  title: 'Volume mounts must have an absolute, unique path and name a volume of the pod',
  description:
    'The API server refuses a pod where a container mounts two volumes at one path or mounts a volume the pod does not ' +
    'define, and the container runtime refuses a relative mount path, so the pod never starts. A secret mounted at the ' +
    'wrong place, or not at all, also sends workloads looking for credentials elsewhere (environment variables, images). ' +
    'A StatefulSet\'s pods also have a volume per spec.volumeClaimTemplates entry, named as the template.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)', '164.312(a)(2)(iv)'],
  kinds: POD_KINDS,
  fix: 'Give each volumeMounts entry an absolute mountPath (starting with /) used once per container, and a name from spec.volumes.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    let volumes: Set<string> | undefined;
    for (const ref of pod.containers) {
      const mounts = ref.container.volumeMounts;
      if (!Array.isArray(mounts) || mounts.length === 0) continue;
      volumes ??= volumeNames(pod.spec.volumes, resource.kind === 'StatefulSet' ? resource.body.spec?.volumeClaimTemplates : undefined);
      const paths = mounts.map((m) => m?.mountPath);
      mounts.forEach((m, i) => {
        const path = `${ref.path}.volumeMounts[${i}]`;
        const problem = mountPathProblem(m?.mountPath);
        if (problem) {
          report({ path: `${path}.mountPath`, message: `${containerLabel(ref)}: ${problem}`, fix: `Set ${path}.mountPath to an absolute path, e.g. '/${String(m?.mountPath ?? 'data').replace(/^\.?\/*/, '')}'.` });
        }
        const j = earlierSameMount(paths, i);
        if (j >= 0) {
          report({
            path: `${path}.mountPath`,
            message: `${containerLabel(ref)} mounts '${m.mountPath}' twice (volumeMounts[${j}] and [${i}]); the API server requires mount paths to be unique in a container`,
            fix: `Mount volume '${m?.name}' at another path, or remove one of the two mounts.`,
          });
        }
        if (typeof m?.name === 'string' && !volumes!.has(m.name)) {
          report({
            path: `${path}.name`,
            message: `${containerLabel(ref)} mounts volume '${m.name}', which the pod does not define in ${pod.specPath}.volumes` +
              (resource.kind === 'StatefulSet' ? ' nor spec.volumeClaimTemplates' : ''),
            fix: `Add a volume named '${m.name}' to ${pod.specPath}.volumes, or mount one that exists.`,
          });
        }
      });
    }
  },
};

/** Names of the pod's volumes and, for a StatefulSet, of its volume claim templates (which the controller adds as volumes). */
function volumeNames(volumes: unknown, claimTemplates?: unknown): Set<string> {
  const names = new Set<string>();
  if (Array.isArray(volumes)) for (const v of volumes) if (typeof v?.name === 'string') names.add(v.name);
  if (Array.isArray(claimTemplates)) for (const t of claimTemplates) if (typeof t?.metadata?.name === 'string') names.add(t.metadata.name);
  return names;
}
