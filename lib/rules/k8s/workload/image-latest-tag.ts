import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { imageReference } from './image-reference';

/** No moving target: no `latest` tag, and no reference that silently means `latest`. */
export const imageLatestTag: Rule = {
  id: 'k8s-image-latest-tag',
  title: "Images must not use the 'latest' tag or omit both tag and digest",
  description:
    "'latest' names whatever was pushed last: two nodes can run different code from the same manifest, rollbacks are " +
    'impossible, and nobody can tell an auditor which version processed PHI. A reference with neither tag nor digest ' +
    "(nginx) means nginx:latest. Even next to a digest, a 'latest' tag misleads readers about what runs. Polaris " +
    '(tagNotSpecified), kube-score (container-image-tag) and Checkov (CKV_K8S_14) flag it. Applies to containers, init ' +
    'containers and ephemeral containers.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.312(c)(2)'],
  kinds: POD_KINDS,
  fix: 'Reference a released version and pin its digest: repository:<version>@sha256:<64 hex digest>.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      const image = ref.container.image;
      if (typeof image !== 'string' || image === '') continue; // k8s-image-digest reports a missing image
      const parsed = imageReference(ctx, image);
      const path = `${ref.path}.image`;
      if (parsed.tag === 'latest') {
        const at = image.indexOf('@');
        const repo = image.slice(0, (at < 0 ? image.length : at) - ':latest'.length);
        report({
          path,
          message:
            parsed.digest !== undefined
              ? `${containerLabel(ref)} uses image '${image}' tagged 'latest'; the digest pins it, but the tag claims it follows whatever was pushed last`
              : `${containerLabel(ref)} uses image '${image}' tagged 'latest', which runs whatever was pushed last`,
          fix: `Replace ':latest' in ${path} with the release's version and pin its digest: ${repo}:<version>@sha256:<64 hex digest>.`,
        });
      } else if (parsed.tag === undefined && parsed.digest === undefined) {
        report({
          path,
          message: `${containerLabel(ref)} uses image '${image}' with neither tag nor digest, so it pulls '${image}:latest'`,
          fix: `Set ${path} to a released version pinned by digest: ${image}:<version>@sha256:<64 hex digest>.`,
        });
      }
    }
  },
};
