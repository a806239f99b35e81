import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { hasSha256Digest, imageReference } from '../../k8s/workload/image-reference';
import { interpolatedVariables, shown } from '../support/compose-interpolation';
import { pulledImage, serviceLabel } from '../support/compose-service';

/** Images pinned by digest. */
export const composeImageDigest: Rule = {
  id: 'docker-compose-image-digest',
  title: 'A Compose service\'s image must be pinned by @sha256 digest',
  description:
    'A tag (nginx:1.27, api:latest) is a pointer the registry can move: the image that runs next to PHI can change without any ' +
    'change to the Compose file, and nothing shows what ran on a given day. A @sha256: digest names exactly one image, so what ' +
    'runs is what was built, scanned and reviewed. An image interpolated from the environment (${REGISTRY}/api:${TAG}) cannot ' +
    'be proven pinned and is flagged. A service built here (build: present) is not checked: its image is the build\'s output, ' +
    'and its Dockerfile\'s FROM lines are checked by the Dockerfile rules.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.312(c)(2)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Pin the image by digest: image: registry.example.com/api:1.4.2@sha256:<64 hex digits> (docker buildx imagetools inspect <image> prints it).',
  check(resource, ctx, report) {
    const image = pulledImage(resource);
    if (image === undefined) return;
    const who = serviceLabel(resource);
    const variables = interpolatedVariables(image);
    if (variables.length > 0) {
      report({ path: 'image', message: `${who} takes its image from the environment (image ${shown(image)}), which cannot be proven pinned by digest` });
      return;
    }
    if (hasSha256Digest(imageReference(ctx, image))) return;
    report({ path: 'image', message: `${who} uses image ${shown(image)}, not pinned by @sha256 digest` });
  },
};
