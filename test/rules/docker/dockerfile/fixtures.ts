/**
 * Dockerfile rule fixtures: Dockerfile text read through the real reader, and the findings of one rule
 * on it as `line path: message`.
 */
import { readDockerfile } from '../../../../lib/check/docker/dockerfile';
import { check, CheckOptions, CheckResult } from '../../../../lib/check/engine';
import type { ManifestError } from '../../../../lib/check/manifest-error';
import type { Resource } from '../../../../lib/check/resource';
import type { Rule } from '../../../../lib/check/rule';
import { TEST_NOW } from '../../../helpers/rule-test';

/** A digest for fixtures that must pass digest pinning. */
export const DIGEST = `sha256:${'a'.repeat(64)}`;

/** A registry the fixtures' settings allow. */
export const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

/** A Dockerfile that passes every Dockerfile rule; `extra` lines are added to its final stage. */
export function goodDockerfile(...extra: string[]): string {
  return [
    `FROM ${REGISTRY}/node:20-alpine@${DIGEST} AS build`,
    'WORKDIR /src',
    'COPY package.json package-lock.json ./',
    'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
    'COPY . .',
    'RUN npm run build',
    '',
    `FROM ${REGISTRY}/distroless/nodejs20:nonroot@${DIGEST}`,
    'COPY --from=build /src/dist /app',
    'EXPOSE 8443',
    'HEALTHCHECK --interval=30s --timeout=3s CMD ["/nodejs/bin/node", "/app/healthcheck.js"]',
    ...extra,
    'USER 10001:10001',
    'CMD ["/app/server.js"]',
    '',
  ].join('\n');
}

/** Reads a Dockerfile fixture; a fixture the reader refuses fails the test. */
export function dockerfile(text: string, file = 'Dockerfile'): Resource {
  const problems: ManifestError[] = [];
  const resources = readDockerfile(text, file, problems);
  expect(problems.map((p) => p.message)).toEqual([]);
  return resources[0];
}

/** Runs one rule over Dockerfiles given as text. */
export function runDockerfileRule(rule: Rule, texts: readonly string[], options: CheckOptions = {}): CheckResult {
  return check(texts.map((t) => dockerfile(t)), { name: 'docker-dockerfile', description: 'test', rules: [rule] }, { now: TEST_NOW, allowedRegistries: [REGISTRY], ...options });
}

/** `line path: message` of each unwaived finding of one rule on one Dockerfile. */
export function findings(rule: Rule, text: string, options: CheckOptions = {}): string[] {
  return runDockerfileRule(rule, [text], options).unwaived.map((f) => `${f.source?.line} ${f.path}: ${f.message}`);
}

/** Dockerfile text from lines. */
export function df(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
