/**
 * Realistic Docker inputs for the benchmark: multi-stage Dockerfiles (~40 lines, ARGs, continuations,
 * a heredoc, a BuildKit secret mount) and hardened Compose projects (an API, a worker and a database
 * per three services, a YAML anchor for the shared hardening), written into a directory as a
 * repository holds them.
 */
import * as fs from 'fs';
import * as path from 'path';

const DIGEST = (i: number) => `sha256:${(i % 16).toString(16).repeat(64)}`;
/** The registry the inputs' images come from (pass it as --allowed-registry). */
export const BENCH_REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

/** One multi-stage Dockerfile. */
export function dockerfile(i: number): string {
  return [
    '# syntax=docker/dockerfile:1.7',
    `ARG REGISTRY=${BENCH_REGISTRY}`,
    'ARG NODE_VERSION=20.11',
    '',
    `FROM \${REGISTRY}/node:\${NODE_VERSION}@${DIGEST(i)} AS deps`,
    'WORKDIR /src',
    'COPY package.json package-lock.json ./',
    'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \\',
    '    npm ci --omit=dev \\',
    '      --no-audit \\',
    '      --no-fund',
    '',
    `FROM \${REGISTRY}/node:\${NODE_VERSION}@${DIGEST(i)} AS build`,
    'WORKDIR /src',
    'COPY --from=deps /src/node_modules ./node_modules',
    'COPY tsconfig.json ./',
    'COPY src ./src',
    'RUN npm run build && \\',
    '    npm prune --omit=dev',
    'RUN <<EOT',
    'set -eu',
    `echo "service-${i}" > /src/dist/NAME`,
    'EOT',
    '',
    `FROM ${BENCH_REGISTRY}/distroless/nodejs20:nonroot@${DIGEST(i + 1)}`,
    `LABEL org.opencontainers.image.source="https://git.example.com/svc-${i}" \\`,
    `      org.opencontainers.image.revision="abc${i}"`,
    'ENV NODE_ENV=production \\',
    '    PORT=8443 \\',
    '    DB_PASSWORD_FILE=/run/secrets/db-password',
    'WORKDIR /app',
    'COPY --from=build --chown=65532:65532 /src/dist ./dist',
    'COPY --from=build --chown=65532:65532 /src/node_modules ./node_modules',
    'USER 65532:65532',
    'EXPOSE 8443',
    'HEALTHCHECK --interval=30s --timeout=3s --retries=3 \\',
    '  CMD ["/nodejs/bin/node", "dist/health.js"]',
    'ENTRYPOINT ["/nodejs/bin/node"]',
    'CMD ["dist/server.js"]',
    '',
  ].join('\n');
}

/** One hardened Compose project with `services` services (a third each API, worker, database). */
export function composeProject(i: number, services: number): string {
  const lines = [
    `name: clinic-${i}`,
    'x-hardened: &hardened',
    '  user: "65532:65532"',
    '  read_only: true',
    '  tmpfs: [/tmp]',
    '  cap_drop: [ALL]',
    '  security_opt: ["no-new-privileges:true"]',
    '  pids_limit: 256',
    '  mem_limit: 512m',
    '  cpus: 0.5',
    '  logging:',
    '    driver: awslogs',
    '    options: { awslogs-group: /clinic/containers, awslogs-region: us-east-1 }',
    '  healthcheck:',
    '    test: ["CMD", "/nodejs/bin/node", "dist/health.js"]',
    '    interval: 30s',
    'services:',
  ];
  for (let s = 0; s < services; s++) {
    const role = ['api', 'worker', 'db'][s % 3];
    lines.push(
      `  ${role}-${s}:`,
      '    <<: *hardened',
      `    image: ${BENCH_REGISTRY}/${role}@${DIGEST(i + s)}`,
      '    labels:',
      '      hipaa-constructs.io/phi: "true"',
      '    environment:',
      `      DB_HOST: db-${s - (s % 3) + 2}`,
      '      DB_PASSWORD_FILE: /run/secrets/db-password',
      '    secrets: [db-password]',
      `    networks: [${role === 'api' ? 'edge, phi' : 'phi'}]`,
    );
    if (role === 'api') lines.push('    ports:', `      - "127.0.0.1:${8000 + s}:8443"`);
  }
  lines.push(
    'networks:',
    '  edge: {}',
    '  phi:',
    '    internal: true',
    'secrets:',
    '  db-password:',
    '    file: ./secrets/db-password.txt',
  );
  return `${lines.join('\n')}\n`;
}

/** Writes `dockerfiles` Dockerfiles and `projects` Compose projects of `services` services each under `dir`. */
export function writeDockerRepo(dir: string, dockerfiles: number, projects: number, services: number): void {
  for (let i = 0; i < dockerfiles; i++) {
    const file = path.join(dir, 'services', `svc-${i}`, 'Dockerfile');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, dockerfile(i));
  }
  for (let i = 0; i < projects; i++) {
    const file = path.join(dir, 'deploy', `site-${i}`, 'compose.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, composeProject(i, services));
  }
}
