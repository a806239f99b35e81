import { df, DIGEST, findings, goodDockerfile, runDockerfileRule } from './fixtures';
import { dockerfileFromDigest } from '../../../../lib/rules/docker/dockerfile/dockerfile-from-digest';

describe('docker-dockerfile-from-digest', () => {
  test('flags tags, latest and untagged images, in every stage', () => {
    expect(findings(dockerfileFromDigest, df('FROM node:20 AS build', 'FROM nginx', 'FROM --platform=linux/amd64 ghcr.io/acme/api:latest'))).toEqual([
      '1 stages[0]: stage 0 (FROM node:20 AS build) base image "node:20" is not pinned by digest: a tag can be moved to other content',
      '2 stages[1]: stage 1 (FROM nginx) base image "nginx" is not pinned by digest: a tag can be moved to other content',
      '3 stages[2]: stage 2 (FROM ghcr.io/acme/api:latest) base image "ghcr.io/acme/api:latest" is not pinned by digest: a tag can be moved to other content',
    ]);
  });

  test('the fix of a tagged image names that image; other cases keep the rule\'s fix', () => {
    const fixes = runDockerfileRule(dockerfileFromDigest, [df('ARG VER=20', 'FROM node:${VER}', 'COPY --from=nginx:1.27 /a /b', 'FROM ${UNSET}')]).unwaived.map((f) => f.fix);
    expect(fixes).toEqual([
      'Pin "node:20" by digest, keeping the tag for readers: node:20@sha256:<64 hex> (docker buildx imagetools inspect node:20 prints the digest), and let Renovate or Dependabot keep it current.',
      'Pin "nginx:1.27" by digest, keeping the tag for readers: nginx:1.27@sha256:<64 hex> (docker buildx imagetools inspect nginx:1.27 prints the digest), and let Renovate or Dependabot keep it current.',
      dockerfileFromDigest.fix,
    ]);
  });

  test('judges FROM after ARG substitution', () => {
    expect(findings(dockerfileFromDigest, df('ARG VER=20', 'FROM node:${VER}'))).toEqual([
      '2 stages[0]: stage 0 (FROM node:${VER}) base image "node:20" (ARGs substituted in "node:${VER}") is not pinned by digest: a tag can be moved to other content',
    ]);
    expect(findings(dockerfileFromDigest, df('ARG BASE', 'FROM ${BASE}'))).toEqual([
      '2 stages[0]: stage 0 (FROM ${BASE}) base image "${BASE}" is not pinned by digest: ${BASE} has no default, so the image is whatever the build passes',
    ]);
    expect(findings(dockerfileFromDigest, df(`ARG BASE=node:20@${DIGEST}`, 'FROM ${BASE}'))).toEqual([]);
    expect(findings(dockerfileFromDigest, df(`ARG DIGEST=${DIGEST}`, 'FROM node:20@${DIGEST}'))).toEqual([]);
  });

  test('flags a digest that is not sha256 of 64 lower-case hex', () => {
    expect(findings(dockerfileFromDigest, df(`FROM node@sha256:${'A'.repeat(64)}`))).toEqual([
      `1 stages[0]: stage 0 (FROM node@sha256:${'A'.repeat(64)}) base image "node@sha256:${'A'.repeat(64)}" is not pinned by digest: its digest "sha256:${'A'.repeat(64)}" is not sha256:<64 lower-case hex>`,
    ]);
  });

  test('flags images pulled by COPY --from and RUN --mount from=, not stages (by name or index)', () => {
    expect(findings(dockerfileFromDigest, df(`FROM node@${DIGEST} AS build`, 'COPY --from=nginx:1.27 /etc/nginx/nginx.conf /x', 'COPY --from=build /a /b', 'COPY --from=0 /a /b', 'RUN --mount=type=bind,from=ghcr.io/acme/tools:1,source=/bin/t,target=/t /t', `COPY --from=busybox@${DIGEST} /bin/sh /sh`))).toEqual([
      '2 stages[0].instructions[0]: stage 0 (FROM node@' + DIGEST + ' AS build) COPY --from image "nginx:1.27" is not pinned by digest: a tag can be moved to other content',
      '5 stages[0].instructions[3]: stage 0 (FROM node@' + DIGEST + ' AS build) RUN --mount from image "ghcr.io/acme/tools:1" is not pinned by digest: a tag can be moved to other content',
    ]);
  });

  test('passes digests (with or without tag), earlier stages (any case) and scratch', () => {
    expect(findings(dockerfileFromDigest, goodDockerfile())).toEqual([]);
    expect(findings(dockerfileFromDigest, df(`FROM node@${DIGEST} AS Build`, 'FROM BUILD AS test', 'FROM test', 'FROM scratch'))).toEqual([]);
  });
});
