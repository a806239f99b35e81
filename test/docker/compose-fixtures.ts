/** A realistic PHI API + database project, and helpers, for the Compose generator tests. */
import * as yaml from 'js-yaml';
import { HipaaComposeProject, HipaaDockerApp, SecureComposeService, SecureComposeServiceProps } from '../../lib/docker';

/** The ECR registry the fixtures' images come from (allowed by the app's default allowedRegistries). */
export const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
/** A digest for fixtures. */
export const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
/** The API image, pinned. */
export const API_IMAGE = `${ECR}/clinic/api:1.4.2@${DIGEST}`;
/** The database image, pinned. */
export const DB_IMAGE = `${ECR}/mirror/postgres:16.4@${DIGEST}`;

/** A waiver expiring within the default 12 months of `now`. */
export function waiverExpiry(now = new Date(), months = 6): string {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** The props of a minimal compliant service (healthcheck given). */
export function minimalService(extra: Partial<SecureComposeServiceProps> = {}): SecureComposeServiceProps {
  return { image: API_IMAGE, healthcheck: { command: ['/app/healthcheck'] }, ...extra };
}

/** An app with one project `clinic` holding a PHI API (published on 127.0.0.1:8443) and its PHI database. */
export function clinicApp(outdir = 'dist') {
  const app = new HipaaDockerApp({ outdir });
  const project = new HipaaComposeProject(app, 'clinic', {
    secrets: {
      db_password: { file: './secrets/db_password' },
      api_tls_key: { file: './secrets/api_tls_key.pem' },
    },
  });
  const db = new SecureComposeService(project, 'db', {
    image: DB_IMAGE,
    user: '70:70',
    environment: { POSTGRES_USER: 'clinic', POSTGRES_DB: 'clinic', PGDATA: '/var/lib/postgresql/data/pgdata' },
    secrets: [{ name: 'db_password', fileEnv: 'POSTGRES_PASSWORD_FILE' }],
    tmpfs: ['/tmp', '/var/run/postgresql'],
    volumes: [{ volume: 'pgdata', target: '/var/lib/postgresql/data' }],
    resources: { memory: '1g', cpus: 2, pids: 200 },
    healthcheck: { command: ['pg_isready', '-U', 'clinic', '-d', 'clinic'], interval: '10s' },
  });
  const api = new SecureComposeService(project, 'api', {
    image: API_IMAGE,
    command: ['/app/server', '--listen=:8443'],
    environment: { DB_HOST: 'db', DB_PORT: '5432', LOG_LEVEL: 'info' },
    secrets: [{ name: 'db_password', fileEnv: true }, { name: 'api_tls_key' }],
    ports: [{ hostIp: '127.0.0.1', published: 8443, target: 8443 }],
    healthcheck: { command: ['/app/server', 'healthcheck'] },
    labels: { 'org.opencontainers.image.title': 'clinic-api' },
  });
  api.connectTo(db, { port: 5432 });
  return { app, project, api, db };
}

/** The project's file, parsed (the header comment dropped by the parser). */
export function parsed(project: HipaaComposeProject): any {
  return yaml.load(project.render());
}
