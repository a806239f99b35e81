import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { imageReference } from './image-reference';

/** Access control on images: every pull is authorised by the registry, not served from the node cache. */
export const imagePullPolicy: Rule = {
  id: 'k8s-image-pull-policy',
  title: 'Containers must use imagePullPolicy: Always',
  description:
    'With IfNotPresent (the default for an image pinned by digest or tagged other than latest) a node that once pulled a ' +
    'private image with one workload\'s credentials starts it for any pod that names it, without asking the registry, so ' +
    'pull secrets and registry permissions stop being checked (the risk the AlwaysPullImages admission plugin exists for). ' +
    'Always re-checks credentials against the registry on every start; with a digest it still downloads only missing ' +
    'layers. Polaris (pullPolicyNotAlways), kube-score and Checkov (CKV_K8S_15) flag it. Applies to containers, init ' +
    'containers and ephemeral containers; an unset policy is judged by the default Kubernetes gives it.',
  severity: 'warning',
  controls: ['164.312(a)(1)', '164.312(d)'],
  kinds: POD_KINDS,
  fix: 'Set imagePullPolicy: Always on every container.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      const policy = ref.container.imagePullPolicy;
      if (policy === 'Always') continue;
      const path = `${ref.path}.imagePullPolicy`;
      const image = ref.container.image;
      if (policy === undefined || policy === null || policy === '') {
        if (typeof image !== 'string' || image === '') continue; // k8s-image-digest reports a missing image
        // Kubernetes defaults to Always when the tag is latest or the image has neither tag nor digest.
        const parsed = imageReference(ctx, image);
        if (parsed.tag === 'latest' || (parsed.tag === undefined && parsed.digest === undefined)) continue;
        report({
          path,
          message: `${containerLabel(ref)} sets no imagePullPolicy, so Kubernetes uses IfNotPresent for image '${image}'`,
          fix: `Set ${path}: Always.`,
        });
      } else {
        report({ path, message: `${containerLabel(ref)} sets imagePullPolicy: ${policy}`, fix: `Set ${path}: Always.` });
      }
    }
  },
};
