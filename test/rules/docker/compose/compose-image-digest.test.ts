import { DIGEST } from './fixtures';
import { composeImageDigest as rule } from '../../../../lib/rules/docker/compose/compose-image-digest';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-image-digest', () => {
  test.each([
    ['a digest', `image: ghcr.io/acme/api@${DIGEST}`],
    ['a tag and a digest', `image: postgres:16@${DIGEST}`],
    ['build only', 'build: .'],
    ['build and an image name for the built image', 'build: { context: . }\nimage: acme/api:dev'],
  ])('passes %s', (_what, settings) => {
    expect(composeViolations(rule, composeFile(service('a', settings)))).toEqual([]);
  });

  test('flags tags, latest, a malformed digest and interpolated images', () => {
    const file = composeFile(
      service('a', 'image: postgres:16'),
      service('b', 'image: nginx'),
      service('c', 'image: ghcr.io/acme/api@sha256:abc'),
      service('d', 'image: ${REGISTRY}/api:${TAG:-latest}'),
      service('e', 'image: ghcr.io/acme/api@sha256:${DIGEST}'),
    );
    expect(composeViolations(rule, file)).toEqual([
      'a image (line 3): service \'a\' uses image "postgres:16", not pinned by @sha256 digest',
      'b image (line 5): service \'b\' uses image "nginx", not pinned by @sha256 digest',
      'c image (line 7): service \'c\' uses image "ghcr.io/acme/api@sha256:abc", not pinned by @sha256 digest',
      'd image (line 9): service \'d\' takes its image from the environment (image "${REGISTRY}/api:${TAG:-latest}"), which cannot be proven pinned by digest',
      'e image (line 11): service \'e\' takes its image from the environment (image "ghcr.io/acme/api@sha256:${DIGEST}"), which cannot be proven pinned by digest',
    ]);
  });
});
