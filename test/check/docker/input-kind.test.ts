import { inputKindOf } from '../../../lib/check/docker/input-kind';

describe('inputKindOf: which reader a file goes to, by name', () => {
  test.each([
    ['Dockerfile', 'dockerfile'],
    ['api/Dockerfile', 'dockerfile'],
    ['Dockerfile.prod', 'dockerfile'],
    ['build/api.dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['Containerfile.dev', 'dockerfile'],
    ['compose.yaml', 'compose'],
    ['compose.yml', 'compose'],
    ['docker-compose.yml', 'compose'],
    ['docker-compose.yaml', 'compose'],
    ['compose.override.yaml', 'compose-override'],
    ['docker-compose.prod.yml', 'compose-override'],
    ['daemon.json', 'daemon'],
    ['etc/docker/daemon.json', 'daemon'],
    ['deploy.yaml', 'kubernetes'],
    ['k8s/list.JSON', 'kubernetes'],
  ])('%s is read as %s', (file, kind) => {
    expect(inputKindOf(file)).toBe(kind);
  });

  test.each(['Dockerfile.dockerignore', '.dockerignore', 'README.md', 'package.jsonc', 'dockerfile-notes.txt'])('%s is not read', (file) => {
    expect(inputKindOf(file)).toBeUndefined();
  });
});
