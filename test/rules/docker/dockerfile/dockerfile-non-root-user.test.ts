import { df, findings, goodDockerfile } from './fixtures';
import { dockerfileNonRootUser } from '../../../../lib/rules/docker/dockerfile/dockerfile-non-root-user';

describe('docker-dockerfile-non-root-user', () => {
  test.each(['root', '0', '0:0', '+0', '000', 'root:root', 'root:1000'])('flags every spelling of root: USER %s', (user) => {
    expect(findings(dockerfileNonRootUser, df('FROM alpine', `USER ${user}`))).toEqual([`2 stages[0].instructions[0]: stage 0 (FROM alpine) runs as root (USER ${user})`]);
  });

  test('lower-case instructions and a later USER root after a non-root one', () => {
    expect(findings(dockerfileNonRootUser, df('from alpine', 'user 10001', 'run apk add x', 'user 0'))).toEqual(['4 stages[0].instructions[2]: stage 0 (FROM alpine) runs as root (USER 0)']);
  });

  test('no USER at all fails, FROM scratch included', () => {
    expect(findings(dockerfileNonRootUser, df('FROM alpine', 'CMD ["sh"]'))).toEqual(['1 stages[0]: stage 0 (FROM alpine) runs as root: no USER in it']);
    expect(findings(dockerfileNonRootUser, df('FROM golang:1.22 AS build', 'USER 10001', 'FROM scratch', 'COPY --from=build /app /app'))).toEqual([
      '3 stages[1]: stage 1 (FROM scratch) runs as root: no USER in it (FROM scratch is no exception: with no USER the process runs as UID 0)',
    ]);
  });

  test('USER is inherited through FROM <earlier stage>, and only through it', () => {
    expect(findings(dockerfileNonRootUser, df('FROM node:20 AS base', 'USER root', 'FROM base AS final', 'CMD ["node"]'))).toEqual([
      '2 stages[0].instructions[0]: stage 1 (FROM base AS final) runs as root (USER root in stage 0 (FROM node:20 AS base))',
    ]);
    expect(findings(dockerfileNonRootUser, df('FROM node:20 AS Base', 'USER 10001', 'FROM base', 'CMD ["node"]'))).toEqual([]);
    expect(findings(dockerfileNonRootUser, df('FROM node:20 AS build', 'USER 10001', 'FROM node:20', 'CMD ["node"]'))).toEqual(['3 stages[1]: stage 1 (FROM node:20) runs as root: no USER in it']);
    expect(findings(dockerfileNonRootUser, df('FROM node:20 AS a', 'FROM a AS b', 'FROM b'))).toEqual(['3 stages[2]: stage 2 (FROM b) runs as root: no USER in it or the stages it builds on']);
  });

  test('a user name is flagged: runAsNonRoot cannot verify it', () => {
    expect(findings(dockerfileNonRootUser, df('FROM node:20', 'USER node'))).toEqual([
      '2 stages[0].instructions[0]: stage 0 (FROM node:20) runs as user name "node" (USER node): Kubernetes runAsNonRoot cannot verify a user name, and the name may be UID 0 in the image',
    ]);
    expect(findings(dockerfileNonRootUser, df('FROM node:20', 'USER 10001:node'))).toEqual([]);
  });

  test('variables: resolved through ARG and ENV, an unresolved one is named', () => {
    expect(findings(dockerfileNonRootUser, df('ARG UID=0', 'FROM alpine', 'ARG UID', 'USER ${UID}'))).toEqual([
      '4 stages[0].instructions[1]: stage 0 (FROM alpine) runs as root (USER ${UID}, which is "0")',
    ]);
    expect(findings(dockerfileNonRootUser, df('FROM alpine', 'ENV APP_UID=10001', 'USER $APP_UID'))).toEqual([]);
    expect(findings(dockerfileNonRootUser, df('ARG UID=10001', 'FROM alpine', 'USER ${UID}'))).toEqual([
      '3 stages[0].instructions[0]: stage 0 (FROM alpine) runs as a user that cannot be verified (USER ${UID}): ${UID} is a global ARG, which a stage sees only after ARG UID',
    ]);
    expect(findings(dockerfileNonRootUser, df('FROM alpine', 'ARG APP_UID', 'USER ${APP_UID}:${APP_GID:-10001}'))).toEqual([
      '3 stages[0].instructions[1]: stage 0 (FROM alpine) runs as a user that cannot be verified (USER ${APP_UID}:${APP_GID:-10001}): ${APP_UID} has no value in the Dockerfile',
    ]);
  });

  test('passes a numeric non-root final stage', () => {
    expect(findings(dockerfileNonRootUser, goodDockerfile())).toEqual([]);
    expect(findings(dockerfileNonRootUser, df('FROM alpine', 'USER 0', 'RUN apk add x', 'USER 10001:10001'))).toEqual([]);
  });
});
