import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { hasSha256Digest, imageReference } from './image-reference';

/** Integrity of what runs: images are named by content digest, not by a movable tag. */
export const imageDigest: Rule = {
  id: 'k8s-image-digest',
  title: 'Images must be pinned by sha256 digest',
  description:
    'A tag is a pointer anyone with push rights can move: the same manifest can run different code tomorrow, and nothing ' +
    'records what actually ran against PHI. A digest (image@sha256:<64 hex>) names the content itself, so the running ' +
    'software is exactly what was built, scanned and approved (NIST SP 800-190 image integrity; SLSA; Kyverno ' +
    '"require image digest"). Applies to containers, init containers and ephemeral containers.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.312(c)(2)'],
  kinds: POD_KINDS,
  fix:
    'Reference the image as repository@sha256:<64 hex digest> (a tag may stay in front for readers: repo:1.4.2@sha256:<64 hex digest>); ' +
    'look the digest up with `crane digest <image>` or `docker buildx imagetools inspect <image>`.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      const image = ref.container.image;
      const path = `${ref.path}.image`;
      if (typeof image !== 'string' || image === '') {
        report({
          path,
          message: `${containerLabel(ref)} has no image`,
          fix: `Set ${path} to an image pinned by digest, e.g. <registry>/<repository>@sha256:<64 hex digest>.`,
        });
        continue;
      }
      const parsed = imageReference(ctx, image);
      if (hasSha256Digest(parsed)) continue;
      const at = image.indexOf('@');
      const base = at < 0 ? image : image.slice(0, at);
      if (parsed.digest !== undefined) {
        report({
          path,
          message: `${containerLabel(ref)} uses image '${image}', whose digest '${parsed.digest}' is not sha256: followed by 64 lower-case hex characters`,
          fix: `Replace the digest with the image's full sha256 digest: ${base}@sha256:<64 hex digest> (from \`crane digest ${base}\`).`,
        });
      } else {
        report({
          path,
          message:
            parsed.tag !== undefined
              ? `${containerLabel(ref)} uses image '${image}' by tag '${parsed.tag}', not pinned by digest`
              : `${containerLabel(ref)} uses image '${image}' with neither tag nor digest, not pinned by digest`,
          fix:
            `Pin ${path} by digest: ${base}@sha256:<64 hex digest>; look the digest up with ` +
            `\`crane digest ${base}\` or \`docker buildx imagetools inspect ${base}\`.`,
        });
      }
    }
  },
};
