import { df, findings, goodDockerfile } from './fixtures';
import { dockerfileNoSecrets } from '../../../../lib/rules/docker/dockerfile/dockerfile-no-secrets';

describe('docker-dockerfile-no-secrets', () => {
  test('flags secret-looking names with literal values, in ARG and ENV, legacy ENV form included', () => {
    expect(findings(dockerfileNoSecrets, df('FROM alpine AS build', 'ENV DB_PASSWORD=hunter2hunter2 LOG_LEVEL=info', 'ARG apiKey="abc123def456"', 'ENV GITHUB_TOKEN some value'))).toEqual([
      '2 stages[0].instructions[0]: stage 0 (FROM alpine AS build) ENV DB_PASSWORD holds a password in plain text',
      '3 stages[0].instructions[1]: stage 0 (FROM alpine AS build) ARG apiKey holds an API key in plain text',
      '4 stages[0].instructions[2]: stage 0 (FROM alpine AS build) ENV GITHUB_TOKEN holds a token in plain text',
    ]);
  });

  test('flags a secret-named ARG without value (build args are recorded) and ENV copying one in', () => {
    expect(findings(dockerfileNoSecrets, df('ARG NPM_TOKEN', 'FROM node:20', 'ARG NPM_TOKEN', 'ENV NPM_TOKEN=${NPM_TOKEN}'))).toEqual([
      "1 args[0]: global ARG NPM_TOKEN names a token: a build argument's value is recorded in the image history",
      "3 stages[0].instructions[0]: stage 0 (FROM node:20) ARG NPM_TOKEN names a token: a build argument's value is recorded in the image history",
      '4 stages[0].instructions[1]: stage 0 (FROM node:20) ENV NPM_TOKEN names a token and copies it from ${NPM_TOKEN} into the image',
    ]);
  });

  test('flags credential-shaped values under any name', () => {
    expect(findings(dockerfileNoSecrets, df('FROM alpine', 'ENV DATABASE_URL=postgres://app:s3cretPassw0rd@db:5432/app', 'ARG KEY_ID=AKIAIOSFODNN7ABCDEFG'))).toEqual([
      '2 stages[0].instructions[0]: stage 0 (FROM alpine) ENV DATABASE_URL holds a URL with a password in plain text',
      '3 stages[0].instructions[1]: stage 0 (FROM alpine) ARG KEY_ID holds an AWS access key id in plain text',
    ]);
  });

  test('flags credentials in here-documents: a file written by COPY, a script run by RUN', () => {
    expect(findings(dockerfileNoSecrets, df('FROM alpine', 'COPY <<EOF /app/.env', 'LOG_LEVEL=info', 'DB_PASSWORD=hunter2hunter2', 'EOF', 'RUN <<EOF', 'echo "machine github.com password ghp_abcdefghijklmnopqrstuvwxyz0123456789" > ~/.netrc', 'EOF'))).toEqual([
      "2 stages[0].instructions[0]: stage 0 (FROM alpine) COPY <<EOF holds a password (under key 'DB_PASSWORD') in plain text",
      '6 stages[0].instructions[1]: stage 0 (FROM alpine) RUN <<EOF holds a GitHub token in plain text',
    ]);
  });

  test('a *_FILE name must hold a path', () => {
    expect(findings(dockerfileNoSecrets, df('FROM alpine', 'ENV DB_PASSWORD_FILE=hunter2hunter2'))).toEqual([
      '2 stages[0].instructions[0]: stage 0 (FROM alpine) ENV DB_PASSWORD_FILE should name a file holding a password but holds something else than a path in plain text',
    ]);
  });

  test('passes *_FILE paths, secret mounts, empty values, references to paths and ordinary names', () => {
    expect(findings(dockerfileNoSecrets, goodDockerfile('ENV DB_PASSWORD_FILE=/run/secrets/db LOG_LEVEL=info', 'ENV DB_PASSWORD=/run/secrets/db_password', 'ARG CACHE_KEY=v2', 'ENV SECRET_NAME=prod/db'))).toEqual([]);
    expect(findings(dockerfileNoSecrets, df('FROM alpine', 'ARG PASSWORD=""', 'RUN --mount=type=secret,id=token,env=TOKEN ./fetch'))).toEqual([]);
  });
});
