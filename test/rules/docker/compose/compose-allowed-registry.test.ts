import { DIGEST, IMAGE } from './fixtures';
import { composeAllowedRegistry as rule } from '../../../../lib/rules/docker/compose/compose-allowed-registry';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-allowed-registry', () => {
  test('passes images from the allowed registries, and built images', () => {
    expect(composeViolations(rule, composeFile(service('a', `image: ${IMAGE}`), service('b', 'build: ./api', 'image: api:dev')))).toEqual([]);
    expect(composeViolations(rule, composeFile(service('a', `image: ghcr.io/acme/api@${DIGEST}`)), { allowedRegistries: ['ghcr.io/acme'] })).toEqual([]);
  });

  test('flags Docker Hub images, other registries and an interpolated registry', () => {
    const file = composeFile(
      service('a', 'image: postgres:16'),
      service('b', `image: ghcr.io/evil/api@${DIGEST}`),
      service('c', 'image: ${REGISTRY}/api:1'),
    );
    expect(composeViolations(rule, file, { allowedRegistries: ['ghcr.io/acme'] })).toEqual([
      'a image (line 3): service \'a\' uses image "postgres:16" from docker.io (no registry written: Docker Hub), which allowedRegistries does not allow (allowed: ghcr.io/acme)',
      `b image (line 5): service 'b' uses image "ghcr.io/evil/api@${DIGEST}" from ghcr.io, which allowedRegistries does not allow (allowed: ghcr.io/acme)`,
      'c image (line 7): service \'c\' takes the registry of its image from the environment (image "${REGISTRY}/api:1"), which the checker cannot match against allowedRegistries (allowed: ghcr.io/acme)',
    ]);
  });
});
