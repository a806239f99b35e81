import { HardenedDockerDaemon, HipaaComposeProject, HipaaDockerApp, SecureComposeService } from '../../lib/docker';

/** The example ECR registry every image comes from (as in examples/cdk8s-app). */
export const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
/** The records API, built from ./Dockerfile and pushed to ECR: pinned by the digest the push printed. */
export const RECORDS_API_IMAGE = `${REGISTRY}/clinic/records-api:1.8.0@sha256:9b2a0c8e5d6f7a1b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819203`;
/** PostgreSQL, mirrored into ECR. */
export const POSTGRES_IMAGE = `${REGISTRY}/mirror/postgres:16.4@sha256:1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d`;
/** The CloudWatch Logs group the daemon's awslogs driver writes every container's output to (HipaaDockerHost's containers group). */
export const CONTAINER_LOG_GROUP = '/hipaa-constructs/clinic-docker/containers';
/**
 * Where the host keeps the secret files (fetched from Secrets Manager at boot, never in version control).
 * Compose bind-mounts them as they are, so each must be readable by exactly the host UIDs its services run
 * as under userns-remap: the start of the dockremap range in /etc/subuid plus 70 (db) or 65532 (records-api),
 * e.g. mode 0400 owned by one, or 0400 plus an ACL entry (setfacl) for the second.
 */
export const SECRETS_DIR = '/etc/clinic/secrets';

/** Where the app writes. */
export interface RecordsAppOptions {
  /** Directory compose.yaml and daemon.json are written into. */
  readonly outdir: string;
  /** Directory of the JSON, SARIF and Markdown reports of the synth check. @default - none */
  readonly reports?: string;
}

/**
 * A Docker host running the clinic's records API and its PostgreSQL database: the daemon.json the host
 * installs and the Compose project it runs. Both are checked with the Docker pack at synth.
 */
export function recordsApp(options: RecordsAppOptions): HipaaDockerApp {
  const app = new HipaaDockerApp({ outdir: options.outdir, allowedRegistries: [REGISTRY], reports: options.reports });

  new HardenedDockerDaemon(app, 'daemon', {
    // Every container's output (PHI may be in it) goes to the host's key-encrypted log group, kept six years:
    // the daemon.json HipaaDockerHost('clinic-docker', ...) installs in us-east-1.
    logging: { driver: 'awslogs', options: { 'awslogs-group': CONTAINER_LOG_GROUP, 'awslogs-region': 'us-east-1' } },
    // The OPA plugin HipaaDockerHost installs under this name (authorizationPlugin.image): it denies
    // privileged and host-namespace containers, the Docker socket and host system mounts.
    authorizationPlugins: ['opa-docker-authz'],
  });

  const clinic = new HipaaComposeProject(app, 'clinic', {
    fileName: 'compose.yaml',
    secrets: {
      db_password: { file: `${SECRETS_DIR}/db_password` },
      api_tls_cert: { file: `${SECRETS_DIR}/api_tls_cert.pem` },
      api_tls_key: { file: `${SECRETS_DIR}/api_tls_key.pem` },
    },
  });

  // PHI at rest: no published port and no egress, so it is on internal networks only.
  const db = new SecureComposeService(clinic, 'db', {
    image: POSTGRES_IMAGE,
    user: '70:70',
    environment: { POSTGRES_USER: 'records', POSTGRES_DB: 'records', PGDATA: '/var/lib/postgresql/data/pgdata' },
    secrets: [{ name: 'db_password', fileEnv: 'POSTGRES_PASSWORD_FILE' }],
    tmpfs: ['/tmp', '/var/run/postgresql'],
    volumes: [{ volume: 'pgdata', target: '/var/lib/postgresql/data' }],
    resources: { memory: '1g', cpus: 2, pids: 200 },
    healthcheck: { command: ['pg_isready', '-U', 'records', '-d', 'records'], interval: '10s' },
  });

  // The API: TLS on 8443, published on the loopback address only, for the host's reverse proxy.
  const api = new SecureComposeService(clinic, 'records-api', {
    image: RECORDS_API_IMAGE,
    environment: {
      DB_HOST: 'db',
      DB_PORT: '5432',
      DB_USER: 'records',
      DB_NAME: 'records',
      TLS_CERT_FILE: '/run/secrets/api_tls_cert',
      TLS_KEY_FILE: '/run/secrets/api_tls_key',
    },
    secrets: [{ name: 'db_password', fileEnv: 'DB_PASSWORD_FILE' }, { name: 'api_tls_cert' }, { name: 'api_tls_key' }],
    ports: [{ hostIp: '127.0.0.1', published: 8443, target: 8443 }],
    healthcheck: { command: ['/nodejs/bin/node', '/app/dist/healthcheck.js'] },
  });
  api.connectTo(db, { port: 5432 });

  return app;
}

// Run from this folder (`npm run example` does): writes dist/compose.yaml and dist/daemon.json, and the
// JSON, SARIF and Markdown reports of the check into reports/.
if (require.main === module) {
  const files = recordsApp({ outdir: 'dist', reports: 'reports' }).synth();
  console.log(`examples/docker-compose-app: wrote ${files.map((f) => `dist/${f.fileName}`).join(', ')}; 0 unwaived findings`);
}
