import { compileRegistryPattern, parseImageReference, registryPatternMatches } from '../../../../lib/rules/k8s/workload/image-reference';

describe('parseImageReference (Docker normalisation)', () => {
  test.each([
    ['nginx', 'docker.io', 'library/nginx', undefined, undefined, true],
    ['nginx:1.25', 'docker.io', 'library/nginx', '1.25', undefined, true],
    ['acme/api:2', 'docker.io', 'acme/api', '2', undefined, true],
    ['docker.io/nginx', 'docker.io', 'library/nginx', undefined, undefined, false],
    ['index.docker.io/acme/api', 'docker.io', 'acme/api', undefined, undefined, false],
    ['localhost/x', 'localhost', 'x', undefined, undefined, false],
    ['localhost:5000/x:1', 'localhost:5000', 'x', '1', undefined, false],
    ['ghcr.io/acme/api@sha256:abc', 'ghcr.io', 'acme/api', undefined, 'sha256:abc', false],
    ['ghcr.io/acme/api:1.2@sha256:abc', 'ghcr.io', 'acme/api', '1.2', 'sha256:abc', false],
    ['GHCR.io/acme/api', 'ghcr.io', 'acme/api', undefined, undefined, false],
    ['Acme/api', 'acme', 'api', undefined, undefined, false],
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api:1', '123456789012.dkr.ecr.us-east-1.amazonaws.com', 'clinic/api', '1', undefined, false],
  ])('%s', (raw, registry, repository, tag, digest, implicitRegistry) => {
    expect(parseImageReference(raw)).toEqual({ raw, registry, repository, tag, digest, implicitRegistry, name: `${registry}/${repository}` });
  });
});

describe('registry patterns', () => {
  const allows = (pattern: string, image: string) => registryPatternMatches(compileRegistryPattern(pattern), parseImageReference(image));

  test('a host allows every repository on it, and only that host', () => {
    expect(allows('ghcr.io', 'ghcr.io/acme/api')).toBe(true);
    expect(allows('ghcr.io', 'ghcr.io.evil.com/acme/api')).toBe(false);
    expect(allows('ghcr.io', 'evilghcr.io/acme/api')).toBe(false);
    expect(allows('ghcr.io', 'ghcr.io:443/acme/api')).toBe(false);
  });

  test('a host and path prefix matches on path-segment boundaries', () => {
    expect(allows('ghcr.io/acme', 'ghcr.io/acme/api')).toBe(true);
    expect(allows('ghcr.io/acme', 'ghcr.io/acme')).toBe(true);
    expect(allows('ghcr.io/acme/', 'ghcr.io/acme/team/api:1')).toBe(true);
    expect(allows('ghcr.io/acme', 'ghcr.io/acme-evil/api')).toBe(false);
    expect(allows('ghcr.io/acme', 'ghcr.io/other/api')).toBe(false);
  });

  test('* stands for exactly one DNS label', () => {
    const ecr = '*.dkr.ecr.*.amazonaws.com';
    expect(allows(ecr, '123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api')).toBe(true);
    expect(allows(ecr, 'dkr.ecr.us-east-1.amazonaws.com/clinic/api')).toBe(false);
    expect(allows(ecr, 'a.b.dkr.ecr.us-east-1.amazonaws.com/clinic/api')).toBe(false);
    expect(allows(ecr, '123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.io/clinic/api')).toBe(false);
    expect(allows(ecr, '123456789012.dkr.ecr.amazonaws.com/clinic/api')).toBe(false);
  });

  test("Docker's implicit registry is docker.io, with library/ for official images", () => {
    expect(allows('docker.io', 'nginx')).toBe(true);
    expect(allows('docker.io/library', 'nginx:1.25')).toBe(true);
    expect(allows('docker.io/library', 'acme/api')).toBe(false);
    expect(allows('docker.io/acme', 'acme/api')).toBe(true);
    expect(allows('index.docker.io', 'acme/api')).toBe(true);
    expect(allows('ghcr.io', 'nginx')).toBe(false);
  });

  test('ports are part of the host', () => {
    expect(allows('localhost:5000', 'localhost:5000/x')).toBe(true);
    expect(allows('localhost:5000', 'localhost/x')).toBe(false);
    expect(allows('localhost', 'localhost:5000/x')).toBe(false);
    expect(allows('registry.*:5000', 'registry.local:5000/x')).toBe(true);
  });

  test('hosts compare case-insensitively', () => {
    expect(allows('GHCR.IO', 'ghcr.io/acme/api')).toBe(true);
    expect(allows('ghcr.io', 'GHCR.io/acme/api')).toBe(true);
  });

  test.each([
    ['', 'it is empty; write a registry host such as ghcr.io'],
    ['https://ghcr.io', 'write the registry without a scheme, e.g. "ghcr.io"'],
    ['ghcr.io/*/api', "'*' stands for one DNS label of the host; it cannot be used in the path"],
    ['*ecr.amazonaws.com', "'*' must be a whole DNS label (as in *.dkr.ecr.*.amazonaws.com), not part of \"*ecr\""],
    ['*', 'the host must name at least one label; a bare * would allow every registry'],
    ['ghcr..io', 'the host has an empty label'],
    ['localhost:http', 'port "http" is not a number'],
  ])('refuses the entry %j', (entry, why) => {
    expect(() => compileRegistryPattern(entry)).toThrow(`allowedRegistries entry ${JSON.stringify(entry)} is not valid: ${why}`);
  });
});
