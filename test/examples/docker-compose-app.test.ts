import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { CONTAINER_LOG_GROUP, POSTGRES_IMAGE, RECORDS_API_IMAGE, recordsApp, REGISTRY } from '../../examples/docker-compose-app/app';
import { readComposeFiles } from '../../lib/check/docker/compose';
import { readDaemonConfig } from '../../lib/check/docker/daemon-json';
import { readDockerfile } from '../../lib/check/docker/dockerfile';
import { check } from '../../lib/check/engine';
import type { ManifestError } from '../../lib/check/manifest-error';
import type { Resource } from '../../lib/check/resource';
import { dockerPack } from '../../lib/rules/docker';
import { composeDocumentErrors } from '../helpers/compose-schema';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'docker-compose-app');

/** Runs the example app into a temp directory, as `npm run example` does into its dist/. */
function synth() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-example-'));
  const outdir = path.join(dir, 'dist');
  const reports = path.join(dir, 'reports');
  const written = recordsApp({ outdir, reports }).synth();
  const read = (name: string) => fs.readFileSync(path.join(outdir, name), 'utf8');
  return { dir, outdir, reports, written, compose: read('compose.yaml'), daemon: read('daemon.json') };
}

/** The example's files read with hipaa-check's readers (a file a reader refuses fails the test). */
function readBack(files: { compose: string; daemon: string; dockerfile: string }): Resource[] {
  const problems: ManifestError[] = [];
  const resources = [
    ...readDockerfile(files.dockerfile, 'Dockerfile', problems),
    ...readComposeFiles([{ file: 'dist/compose.yaml', text: files.compose }], problems),
    ...readDaemonConfig(files.daemon, 'dist/daemon.json', problems),
  ];
  expect(problems.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([]);
  return resources;
}

describe('examples/docker-compose-app', () => {
  const out = synth();
  const dockerfile = fs.readFileSync(path.join(EXAMPLE, 'Dockerfile'), 'utf8');
  const doc = yaml.load(out.compose) as any;
  const daemon = JSON.parse(out.daemon);

  test('synth writes compose.yaml and daemon.json, and the JSON, SARIF and Markdown reports', () => {
    expect(out.written.map((f) => f.fileName)).toEqual(['daemon.json', 'compose.yaml']);
    expect(fs.readdirSync(out.outdir).sort()).toEqual(['compose.yaml', 'daemon.json']);
    expect(fs.readdirSync(out.reports).sort()).toEqual(['hipaa-compliance.html', 'hipaa-compliance.json', 'hipaa-compliance.md', 'hipaa-compliance.sarif', 'hipaa-junit.xml', 'hipaa-oscal-assessment-results.json']);
    const report = JSON.parse(fs.readFileSync(path.join(out.reports, 'hipaa-compliance.json'), 'utf8'));
    expect(JSON.stringify(report)).not.toMatch(/"waived":\s*true/);
  });

  test('the full Docker pack finds nothing, waived or not, in the Dockerfile, compose.yaml and daemon.json', () => {
    const resources = readBack({ ...out, dockerfile });
    expect(resources.map((r) => r.kind).sort()).toEqual([
      'docker:ComposeNetwork', 'docker:ComposeNetwork', 'docker:ComposeProject', 'docker:ComposeService', 'docker:ComposeService',
      'docker:DaemonConfig', 'docker:Dockerfile',
    ]);
    const result = check(resources, dockerPack, { allowedRegistries: [REGISTRY] });
    expect(result.findings.map((f) => `${f.ruleId} ${f.source?.file}:${f.source?.line} ${f.path}: ${f.message}`)).toEqual([]);
    expect(result.passed).toBe(true);
  });

  test('the app itself reports no finding of any severity', () => {
    const result = recordsApp({ outdir: path.join(out.dir, 'again') }).check();
    expect(result.findings).toEqual([]);
  });

  test('the Dockerfile: two stages, both bases from the ECR mirror by digest, the npm token as a BuildKit secret mount, distroless final stage as 65532', () => {
    const [resource] = readBack({ ...out, dockerfile }).filter((r) => r.kind === 'docker:Dockerfile');
    const stages = (resource.body as any).stages;
    expect(stages.map((s: any) => s.from.image)).toEqual([
      expect.stringMatching(new RegExp(`^${REGISTRY.replace(/\./g, '\\.')}/mirror/node:[^@]+@sha256:[0-9a-f]{64}$`)),
      expect.stringMatching(new RegExp(`^${REGISTRY.replace(/\./g, '\\.')}/mirror/distroless/nodejs20-debian12:nonroot@sha256:[0-9a-f]{64}$`)),
    ]);
    const build = stages[0].instructions;
    expect(build.filter((i: any) => i.keyword === 'RUN').map((i: any) => i.flags)).toEqual([
      [{ name: 'mount', value: 'type=secret,id=npmrc,target=/root/.npmrc,required=true' }],
      [],
    ]);
    const final = stages[1].instructions;
    expect(final.filter((i: any) => i.keyword === 'USER').map((i: any) => i.args)).toEqual(['65532:65532']);
    expect(final.filter((i: any) => i.keyword === 'HEALTHCHECK').map((i: any) => i.args)).toEqual(['CMD ["/nodejs/bin/node", "/app/dist/healthcheck.js"]']);
    expect(final.filter((i: any) => ['ARG', 'ENV'].includes(i.keyword)).map((i: any) => i.args)).toEqual(['NODE_ENV=production']);
    // Only what the Dockerfile copies is in the build context: no .npmrc, .env or keys.
    expect(fs.readFileSync(path.join(EXAMPLE, '.dockerignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')))
      .toEqual(['*', '!package.json', '!package-lock.json', '!tsconfig.json', '!src']);
  });

  test('compose.yaml validates against the Compose Specification schema, and compose-go would load it', () => {
    expect(composeDocumentErrors(doc)).toEqual([]);
  });

  test('compose.yaml and daemon.json (snapshots)', () => {
    expect(out.compose).toMatchSnapshot();
    expect(out.daemon).toMatchSnapshot();
  });

  test('every service: numeric non-root user, read-only root with noexec tmpfs, no capabilities, no-new-privileges, limits, healthcheck, image by digest', () => {
    expect(Object.keys(doc.services)).toEqual(['db', 'records-api']);
    for (const [name, s] of Object.entries<any>(doc.services)) {
      expect([name, s.user]).toEqual([name, expect.stringMatching(/^[1-9][0-9]*:[1-9][0-9]*$/)]);
      expect([name, s.read_only, s.cap_drop, s.security_opt]).toEqual([name, true, ['ALL'], ['no-new-privileges:true']]);
      expect([name, s.tmpfs]).toEqual([name, expect.arrayContaining(['/tmp:rw,noexec,nosuid,nodev,size=64m'])]);
      expect([name, s.healthcheck.test[0]]).toEqual([name, 'CMD']);
      expect([name, s.labels['hipaa-constructs.io/phi']]).toEqual([name, 'true']);
      for (const key of ['privileged', 'cap_add', 'pid', 'ipc', 'uts', 'userns_mode', 'devices', 'network_mode', 'logging']) expect([name, s[key]]).toEqual([name, undefined]);
      expect(JSON.stringify(s)).not.toMatch(/unconfined|docker\.sock/);
    }
    expect(doc.services.db).toMatchObject({ image: POSTGRES_IMAGE, user: '70:70', mem_limit: '1g', cpus: 2, pids_limit: 200 });
    expect(doc.services['records-api']).toMatchObject({ image: RECORDS_API_IMAGE, user: '65532:65532', mem_limit: '512m', cpus: 1, pids_limit: 256 });
  });

  test('the database is on an internal network only, shared with the API alone (the declared flow records-api -> db:5432)', () => {
    expect(doc.services.db.networks).toEqual(['records-api-to-db']);
    expect(doc.services.db.ports).toBeUndefined();
    expect(doc.services.db.expose).toEqual(['5432']);
    expect(doc.networks['records-api-to-db']).toEqual({
      'driver': 'bridge',
      'internal': true,
      'labels': { 'hipaa-constructs.io/network-tier': 'phi' },
      'x-hipaa-flows': ['records-api -> db:5432/tcp'],
    });
    expect(doc.services['records-api'].networks).toEqual(['records-api-edge', 'records-api-to-db']);
    expect(doc.services['records-api'].depends_on).toEqual({ db: { condition: 'service_healthy' } });
  });

  test('the API publishes 8443 on 127.0.0.1 only, for the host\'s reverse proxy', () => {
    expect(doc.services['records-api'].ports).toEqual([{ target: 8443, published: '8443', host_ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(doc.networks['records-api-edge']).toEqual({ driver: 'bridge', internal: false, labels: { 'hipaa-constructs.io/network-tier': 'edge' } });
  });

  test('secrets are files under /run/secrets, never environment values', () => {
    expect(doc.secrets).toEqual({
      db_password: { file: '/etc/clinic/secrets/db_password' },
      api_tls_cert: { file: '/etc/clinic/secrets/api_tls_cert.pem' },
      api_tls_key: { file: '/etc/clinic/secrets/api_tls_key.pem' },
    });
    expect(doc.services.db.secrets).toEqual(['db_password']);
    expect(doc.services.db.environment.POSTGRES_PASSWORD_FILE).toBe('/run/secrets/db_password');
    expect(doc.services['records-api'].secrets).toEqual(['db_password', 'api_tls_cert', 'api_tls_key']);
    expect(doc.services['records-api'].environment.DB_PASSWORD_FILE).toBe('/run/secrets/db_password');
    for (const s of Object.values<any>(doc.services)) {
      for (const [name, value] of Object.entries<string>(s.environment)) {
        expect([name, value]).not.toEqual([expect.stringMatching(/PASSWORD$|KEY$|TOKEN$|SECRET$/), expect.anything()]);
      }
    }
  });

  test('daemon.json: unix socket only (no hosts, no tls keys), icc off, userns-remap, no-new-privileges, awslogs to the containers\' log group, the OPA plugin', () => {
    for (const key of ['hosts', 'tls', 'tlsverify', 'tlscacert', 'tlscert', 'tlskey', 'insecure-registries', 'seccomp-profile']) expect(daemon).not.toHaveProperty(key);
    expect(daemon).toMatchObject({
      'icc': false,
      'iptables': true,
      'userns-remap': 'default',
      'no-new-privileges': true,
      'live-restore': true,
      'userland-proxy': false,
      'log-driver': 'awslogs',
      'log-opts': { 'awslogs-group': CONTAINER_LOG_GROUP, 'awslogs-region': 'us-east-1' },
      'authorization-plugins': ['opa-docker-authz'],
    });
    expect(CONTAINER_LOG_GROUP).toBe('/hipaa-constructs/clinic-docker/containers');
  });

  test('is deterministic', () => {
    const again = synth();
    expect([again.compose, again.daemon]).toEqual([out.compose, out.daemon]);
  });
});
