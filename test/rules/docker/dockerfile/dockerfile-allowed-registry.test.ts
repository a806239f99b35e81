import { df, DIGEST, findings, goodDockerfile, REGISTRY } from './fixtures';
import { dockerfileAllowedRegistry } from '../../../../lib/rules/docker/dockerfile/dockerfile-allowed-registry';

describe('docker-dockerfile-allowed-registry', () => {
  test('Docker Hub short names resolve to docker.io', () => {
    expect(findings(dockerfileAllowedRegistry, df(`FROM node:20@${DIGEST}`, 'FROM acme/api:1'))).toEqual([
      `1 stages[0]: stage 0 (FROM node:20@${DIGEST}) base image "node:20@${DIGEST}" comes from registry 'docker.io' (it names no registry, so Docker pulls docker.io/library/node from Docker Hub), which allowedRegistries does not allow (allowed: ${REGISTRY})`,
      `2 stages[1]: stage 1 (FROM acme/api:1) base image "acme/api:1" comes from registry 'docker.io' (it names no registry, so Docker pulls docker.io/acme/api from Docker Hub), which allowedRegistries does not allow (allowed: ${REGISTRY})`,
    ]);
  });

  test('judges the registry after ARG substitution', () => {
    expect(findings(dockerfileAllowedRegistry, df('ARG REG=ghcr.io/evil', 'FROM ${REG}/api:1'))).toEqual([
      `2 stages[0]: stage 0 (FROM \${REG}/api:1) base image "ghcr.io/evil/api:1" (ARGs substituted in "\${REG}/api:1") comes from registry 'ghcr.io' (ghcr.io/evil/api), which allowedRegistries does not allow (allowed: ${REGISTRY})`,
    ]);
    expect(findings(dockerfileAllowedRegistry, df(`ARG REG=${REGISTRY}`, 'FROM ${REG}/api:1'))).toEqual([]);
    expect(findings(dockerfileAllowedRegistry, df('ARG REG', 'FROM ${REG}/api:1'))).toEqual([
      '2 stages[0]: stage 0 (FROM ${REG}/api:1) base image "${REG}/api:1" names its registry through ${REG}, which has no default, so the build can pull from any registry',
    ]);
  });

  test('images pulled by COPY --from count; an image named by an ARG without default is from any registry', () => {
    expect(findings(dockerfileAllowedRegistry, df(`FROM ${REGISTRY}/node:20 AS build`, 'ARG TOOLS', 'COPY --from=quay.io/acme/tools:1 /t /t', 'COPY --from=build /a /b', 'FROM ${BASE}'))).toEqual([
      `3 stages[0].instructions[1]: stage 0 (FROM ${REGISTRY}/node:20 AS build) COPY --from image "quay.io/acme/tools:1" comes from registry 'quay.io' (quay.io/acme/tools), which allowedRegistries does not allow (allowed: ${REGISTRY})`,
      '5 stages[1]: stage 1 (FROM ${BASE}) base image "${BASE}" names its registry through ${BASE}, which has no default, so the build can pull from any registry',
    ]);
  });

  test('patterns with * and path prefixes, as for Kubernetes images', () => {
    const options = { allowedRegistries: ['*.dkr.ecr.*.amazonaws.com', 'ghcr.io/acme'] };
    expect(findings(dockerfileAllowedRegistry, df('FROM 1.dkr.ecr.eu-west-1.amazonaws.com/x:1', 'FROM ghcr.io/acme/api:1', 'FROM ghcr.io/acme-evil/api:1'), options)).toEqual([
      "3 stages[2]: stage 2 (FROM ghcr.io/acme-evil/api:1) base image \"ghcr.io/acme-evil/api:1\" comes from registry 'ghcr.io' (ghcr.io/acme-evil/api), which allowedRegistries does not allow (allowed: *.dkr.ecr.*.amazonaws.com, ghcr.io/acme)",
    ]);
  });

  test('passes allowed registries, earlier stages and scratch', () => {
    expect(findings(dockerfileAllowedRegistry, goodDockerfile())).toEqual([]);
    expect(findings(dockerfileAllowedRegistry, df(`FROM ${REGISTRY}/node:20 AS build`, 'FROM build', 'FROM scratch'))).toEqual([]);
  });
});
