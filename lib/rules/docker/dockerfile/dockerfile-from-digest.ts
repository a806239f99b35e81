import { unresolvedVariables } from '../../../check/docker/dockerfile-words';
import { DOCKERFILE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { hasSha256Digest, imageReference } from '../../k8s/workload/image-reference';
import { pulledImages } from '../support/dockerfile-bases';
import { dockerfileBody } from '../support/dockerfile-stages';

/** Every base image is pinned by content digest, so a rebuild uses exactly the reviewed bytes. */
export const dockerfileFromDigest: Rule = {
  id: 'docker-dockerfile-from-digest',
  title: 'Every FROM (and COPY --from image) of a Dockerfile must pin its image by @sha256 digest, after ARG substitution',
  description:
    'A tag (node:20, even node:20.11.1-alpine) is a pointer the registry owner can move: the next build silently takes ' +
    'other bytes, unreviewed and possibly compromised, into an image that handles PHI. A digest names the content. ' +
    'The check applies to FROM as Docker resolves it, after substituting the global ARGs; a FROM that names an earlier ' +
    'stage or scratch pulls nothing and passes. Images pulled by COPY --from=<image> and RUN --mount=from=<image> count too. Tools that pin digests and keep them current: Renovate, Dependabot, crane digest.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.312(c)(2)'],
  kinds: [DOCKERFILE],
  fix: 'Pin the base by digest, keeping the tag for readers: FROM node:20-alpine@sha256:<64 hex> (crane digest node:20-alpine prints it), and let Renovate or Dependabot update it.',
  check(resource, ctx, report) {
    for (const pulled of pulledImages(dockerfileBody(resource))) {
      const ref = imageReference(ctx, pulled.resolved);
      if (hasSha256Digest(ref)) continue;
      const unresolved = unresolvedVariables(pulled.resolved);
      const why = ref.digest !== undefined ? `its digest "${ref.digest}" is not sha256:<64 lower-case hex>` : unresolved.length > 0 ? `${unresolved.map((v) => `\${${v}}`).join(', ')} has no default, so the image is whatever the build passes` : 'a tag can be moved to other content';
      // A plain tag gets a fix naming the image itself, as the Compose and Kubernetes digest rules do.
      const fix = ref.digest === undefined && unresolved.length === 0 ? pinFix(pulled.resolved) : undefined;
      report({ path: pulled.path, message: `${pulled.label} is not pinned by digest: ${why}`, fix });
    }
  },
};

function pinFix(image: string): string {
  return `Pin "${image}" by digest, keeping the tag for readers: ${image}@sha256:<64 hex> (docker buildx imagetools inspect ${image} prints the digest), and let Renovate or Dependabot keep it current.`;
}
