/**
 * hipaa-check on a repository holding Kubernetes YAML, Dockerfiles, Compose files and daemon.json
 * (test/cli/fixtures/docker-repo): every format read and reported in one run, in every report
 * format, each Docker finding at the line of its own instruction or key; and the edge cases of
 * giving Docker files by name.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { looksLikeCompose, readManifestSet } from '../../lib/check/manifests';
import { CliIo, EXIT_FAILED, EXIT_PASSED, EXIT_USAGE, hipaaCheck } from '../../lib/cli/hipaa-check';
import { TEST_NOW } from '../helpers/rule-test';
import { sarifValidator } from '../helpers/sarif-schema';

const REPO = path.join(__dirname, 'fixtures', 'docker-repo');
const WAIVERS = path.join('.hipaa', 'waivers.yaml');

interface Run { code: number; stdout: string; stderr: string }

/** Runs hipaa-check with the real packs, as a user runs it at the root of the repository. */
function run(args: string[], cwd: string = REPO, io: Partial<CliIo> = {}): Run {
  let stdout = '';
  let stderr = '';
  const code = hipaaCheck(
    args,
    { cwd, now: TEST_NOW, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), ...io },
    { toolVersion: '9.9.9', recordGitCommit: false },
  );
  return { code, stdout, stderr };
}

type Format = 'kubernetes' | 'dockerfile' | 'compose' | 'daemon';

function formatOf(kind: string): Format {
  if (kind === 'docker:Dockerfile') return 'dockerfile';
  if (kind === 'docker:DaemonConfig') return 'daemon';
  if (kind.startsWith('docker:Compose')) return 'compose';
  return 'kubernetes';
}

/** The JSON report's findings per format as `rule path file:line`, `(waived)` when waived. */
function findingsPerFormat(report: any): Record<Format, string[]> {
  const out: Record<Format, string[]> = { kubernetes: [], dockerfile: [], compose: [], daemon: [] };
  for (const f of report.findings) {
    const where = `${f.source.file}:${f.source.line}`;
    out[formatOf(f.object.kind)].push(`${f.ruleId} ${f.path} ${where}${f.waived ? ' (waived)' : ''}`);
  }
  return out;
}

const DOCKERFILE_FINDINGS = [
  'docker-dockerfile-allowed-registry stages[0] services/records-api/Dockerfile:2',
  'docker-dockerfile-allowed-registry stages[1] services/records-api/Dockerfile:7',
  'docker-dockerfile-from-digest stages[0] services/records-api/Dockerfile:2',
  'docker-dockerfile-from-digest stages[1] services/records-api/Dockerfile:7',
  'docker-dockerfile-healthcheck stages[1] services/records-api/Dockerfile:7 (waived)',
  'docker-dockerfile-no-secrets stages[1].instructions[0] services/records-api/Dockerfile:9',
  'docker-dockerfile-no-ssh-port stages[1].instructions[2] services/records-api/Dockerfile:11',
  'docker-dockerfile-non-root-user stages[1] services/records-api/Dockerfile:7',
];

// Fields a service lacks point at the service's key (api: line 2, db: line 11). `privileged: true` is set by
// compose.override.yaml: the reader keeps one file per object, so it points at the service's key in compose.yaml.
const COMPOSE_FINDINGS = [
  'docker-compose-drop-capabilities cap_drop deploy/compose.yaml:2',
  'docker-compose-healthcheck healthcheck deploy/compose.yaml:2 (waived)',
  'docker-compose-no-new-privileges security_opt deploy/compose.yaml:2',
  'docker-compose-non-root-user user deploy/compose.yaml:2',
  'docker-compose-port-host-binding ports[0] deploy/compose.yaml:5',
  'docker-compose-read-only-root read_only deploy/compose.yaml:2',
  'docker-compose-resource-limits cpus deploy/compose.yaml:2',
  'docker-compose-resource-limits mem_limit deploy/compose.yaml:2',
  'docker-compose-resource-limits pids_limit deploy/compose.yaml:2',
  'docker-compose-allowed-registry image deploy/compose.yaml:12',
  'docker-compose-drop-capabilities cap_drop deploy/compose.yaml:11',
  'docker-compose-healthcheck healthcheck deploy/compose.yaml:11',
  'docker-compose-host-mounts volumes[0] deploy/compose.yaml:16',
  'docker-compose-image-digest image deploy/compose.yaml:12',
  'docker-compose-no-new-privileges security_opt deploy/compose.yaml:11',
  'docker-compose-no-privileged privileged deploy/compose.yaml:11',
  'docker-compose-non-root-user user deploy/compose.yaml:11',
  'docker-compose-phi-internal-network networks deploy/compose.yaml:11',
  'docker-compose-read-only-root read_only deploy/compose.yaml:11',
  'docker-compose-resource-limits cpus deploy/compose.yaml:11',
  'docker-compose-resource-limits mem_limit deploy/compose.yaml:11',
  'docker-compose-resource-limits pids_limit deploy/compose.yaml:11',
  'docker-compose-secrets-not-in-environment environment.POSTGRES_PASSWORD deploy/compose.yaml:14',
];

// Keys daemon.json lacks point at its first line.
const DAEMON_FINDINGS = [
  'docker-daemon-no-insecure-registries insecure-registries[0] host/daemon.json:3',
  'docker-daemon-remote-logging log-driver host/daemon.json:4',
  'docker-daemon-tls-verify hosts[1] host/daemon.json:2',
  'docker-daemon-tls-verify tlscacert host/daemon.json:1',
  'docker-daemon-tls-verify tlscert host/daemon.json:1',
  'docker-daemon-tls-verify tlskey host/daemon.json:1',
  'docker-daemon-userland-proxy userland-proxy host/daemon.json:13 (waived)',
];

/** Kubernetes findings: the Namespace's at its line 1, the Deployment's at its line 7 (objects start lines). */
const KUBERNETES_RULES = [
  ...['k8s-namespace-default-deny', 'k8s-namespace-phi-label', 'k8s-phi-namespace-image-policy-unverified', 'k8s-phi-namespace-mtls']
    .map((r) => `${r} k8s/deployment.yaml:1`),
  ...Array(6).fill('k8s-pod-security-admission-labels k8s/deployment.yaml:1'),
  ...['k8s-allow-privilege-escalation', 'k8s-drop-all-capabilities', 'k8s-image-digest', 'k8s-image-pull-policy', 'k8s-image-registry', 'k8s-liveness-probe',
    'k8s-no-default-service-account', 'k8s-privileged', 'k8s-read-only-root-filesystem', 'k8s-readiness-probe', 'k8s-resource-limits', 'k8s-resource-limits',
    'k8s-resource-limits', 'k8s-resource-requests', 'k8s-resource-requests', 'k8s-resource-requests', 'k8s-run-as-non-root', 'k8s-seccomp-profile',
    'k8s-service-account-token', 'k8s-workload-network-policy', 'k8s-workload-phi-label', 'k8s-workload-phi-label'].map((r) => `${r} k8s/deployment.yaml:7`),
];

const ARGS = ['.', '--waivers', WAIVERS];

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-check-docker-repo-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('hipaa-check on a repository with Kubernetes YAML, Dockerfiles, Compose files and daemon.json', () => {
  test('reads every format: the objects per kind, with file and line', () => {
    const set = readManifestSet(['.'], { cwd: REPO });
    expect(set.problems).toEqual([]);
    expect(set.resources.map((r) => `${r.kind} ${r.namespace ? `${r.namespace} ` : ''}${r.name} ${r.source?.file}:${r.source?.line}`)).toEqual([
      'docker:DaemonConfig host/daemon.json host/daemon.json:1',
      'docker:DaemonConfig host/hardened/daemon.json host/hardened/daemon.json:1',
      'ConfigMap clinic api-settings k8s/configmap.yaml:1',
      'Namespace clinic k8s/deployment.yaml:1',
      'Deployment clinic api k8s/deployment.yaml:7',
      'docker:Dockerfile services/records-api/Dockerfile services/records-api/Dockerfile:1',
      'docker:Dockerfile services/worker/Dockerfile services/worker/Dockerfile:1',
      'docker:ComposeProject deploy/compose.yaml deploy/compose.yaml deploy/compose.yaml:1',
      'docker:ComposeService deploy/compose.yaml api deploy/compose.yaml:2',
      'docker:ComposeService deploy/compose.yaml db deploy/compose.yaml:11',
      'docker:ComposeNetwork deploy/compose.yaml default deploy/compose.yaml:1',
      'docker:ComposeProject reporting/compose.yaml reporting/compose.yaml reporting/compose.yaml:1',
      'docker:ComposeService reporting/compose.yaml reports reporting/compose.yaml:3',
      'docker:ComposeNetwork reporting/compose.yaml back reporting/compose.yaml:24',
    ]);
    // The waivers file is in a directory starting with '.': never read as Kubernetes YAML.
    expect(set.inputs.map((i) => i.file)).not.toContain(WAIVERS);
  });

  test('text: every format in one report; each Docker finding at its own line; the waived ones marked; exit 1', () => {
    const r = run(ARGS);
    expect(r.code).toBe(EXIT_FAILED);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    // One heading per object with findings; the clean files of each format have none.
    expect(lines.filter((l) => l !== '' && !l.startsWith(' '))).toEqual([
      'Namespace clinic (k8s/deployment.yaml:1)',
      'Docker daemon configuration host/daemon.json',
      'Dockerfile services/records-api/Dockerfile',
      'Deployment clinic/api (k8s/deployment.yaml:7)',
      "Compose service 'api' in deploy/compose.yaml",
      "Compose service 'db' in deploy/compose.yaml",
      'HIPAA citations: 17 FAIL, 2 NOT EVIDENCED (164.308(a)(1)(ii)(B), 164.308(a)(8)), 1 PASS, 2 NOT CHECKED',
      "FAILED: 64 errors, 3 warnings, 3 waived in 14 objects checked by 137 rules of the 'kubernetes+docker' pack",
    ]);
    const daemon = r.stdout.slice(r.stdout.indexOf('Docker daemon configuration'), r.stdout.indexOf('Dockerfile services/'));
    expect(daemon.split('\n').filter((l) => /^ {2}\S/.test(l))).toEqual([
      '  error    docker-daemon-no-insecure-registries  insecure-registries[0] (line 3)',
      '  error    docker-daemon-remote-logging  log-driver (line 4)',
      '  error    docker-daemon-tls-verify  hosts[1] (line 2)',
      '  error    docker-daemon-tls-verify  tlscacert (line 1)',
      '  error    docker-daemon-tls-verify  tlscert (line 1)',
      '  error    docker-daemon-tls-verify  tlskey (line 1)',
      '  waived   docker-daemon-userland-proxy (warning)  userland-proxy (line 13)',
    ]);
    expect(r.stdout).toContain(
      '  waived   docker-dockerfile-healthcheck (error)  stages[1] (line 7)\n' +
        '           stage 1 (FROM node:20-slim) has no HEALTHCHECK\n' +
        '           waiver: the Compose healthcheck probes /healthz; the image has no probe binary yet (owner platform@clinic.example, ticket SEC-12, expires 2026-09-30)\n',
    );
    expect(r.stdout).toContain(
      '  error    docker-dockerfile-no-secrets  stages[1].instructions[0] (line 9)\n' +
        '           stage 1 (FROM node:20-slim) ENV API_TOKEN holds a Stripe secret key in plain text\n',
    );
    expect(r.stdout).toContain(
      '  waived   docker-compose-healthcheck (error)  healthcheck (line 2)\n' +
        "           service 'api' has no healthcheck (a HEALTHCHECK in its image is not visible in the Compose file)\n" +
        "           waiver: the API's health is probed by the load balancer in front of it (owner platform@clinic.example, expires 2026-09-30)\n",
    );
    expect(r.stdout).toContain(
      '  waived   docker-daemon-userland-proxy (warning)  userland-proxy (line 13)\n' +
        '           \'host/daemon.json\' has "userland-proxy" true, not false: a root docker-proxy process forwards each published port\n' +
        "           waiver: the legacy host's monitoring agent connects through the userland proxy until it moves in Q3 (owner platform@clinic.example, ticket SEC-31, expires 2026-09-30)\n",
    );
    // Kubernetes findings keep their layout: the object's line once, in its heading.
    expect(r.stdout).toContain(
      'Deployment clinic/api (k8s/deployment.yaml:7)\n  error    k8s-allow-privilege-escalation  spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation\n',
    );
    expect(r.stdout).not.toMatch(/docker:|\[object Object\]/);
  });

  test('JSON: the findings per format with rule, field path, file and line; the waived ones; the pack', () => {
    const r = run([...ARGS, '--format', 'json']);
    expect(r.code).toBe(EXIT_FAILED);
    const report = JSON.parse(r.stdout);
    expect(report.pack).toBe('kubernetes+docker');
    expect(report.passed).toBe(false);
    expect(report.summary).toEqual({ objects: 14, rules: 137, findings: 70, errors: 64, warnings: 3, waived: 3, baselined: 0, inputProblems: 0 });
    const found = findingsPerFormat(report);
    expect(found.dockerfile).toEqual(DOCKERFILE_FINDINGS);
    expect(found.compose).toEqual(COMPOSE_FINDINGS);
    expect(found.daemon).toEqual(DAEMON_FINDINGS);
    expect(found.kubernetes.map((f) => f.replace(/ \S+ (\S+)$/, ' $1'))).toEqual(KUBERNETES_RULES);
    // A Compose service is named by its project (the base file) and its key; a Dockerfile and a daemon.json by the file.
    expect(report.findings.find((f: any) => f.ruleId === 'docker-compose-no-privileged').object).toEqual({ kind: 'docker:ComposeService', namespace: 'deploy/compose.yaml', name: 'db' });
    expect(report.findings.find((f: any) => f.ruleId === 'docker-daemon-userland-proxy').waiver).toEqual({
      ruleId: 'docker-daemon-userland-proxy',
      reason: "the legacy host's monitoring agent connects through the userland proxy until it moves in Q3",
      owner: 'platform@clinic.example',
      ticket: 'SEC-31',
      expires: '2026-09-30',
      container: null,
    });
    // Every file read, the clean ones too, is in the provenance.
    expect(report.provenance.files.map((f: any) => f.file)).toEqual([
      'deploy/compose.override.yaml',
      'deploy/compose.yaml',
      'host/daemon.json',
      'host/hardened/daemon.json',
      'k8s/configmap.yaml',
      'k8s/deployment.yaml',
      'reporting/compose.yaml',
      'services/records-api/Dockerfile',
      'services/worker/Dockerfile',
    ]);
  });

  test('SARIF: valid SARIF 2.1.0; each Docker finding located at its file and line; waivers as accepted suppressions', () => {
    const file = path.join(tmp, 'reports', 'hipaa.sarif');
    const r = run([...ARGS, '--sarif', file]);
    expect(r.code).toBe(EXIT_FAILED);
    expect(r.stderr).toBe(`hipaa-check: wrote the SARIF report to ${file}\n`);
    const log = JSON.parse(fs.readFileSync(file, 'utf8'));
    const validate = sarifValidator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const [sarifRun] = log.runs;
    expect(sarifRun.properties.pack).toBe('kubernetes+docker');
    const located = (kinds: Format) =>
      sarifRun.results
        .filter((x: any) => formatOf(x.properties.object.kind) === kinds)
        .map((x: any) => {
          const loc = x.locations[0].physicalLocation;
          expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
          return `${x.ruleId} ${x.properties.path} ${loc.artifactLocation.uri}:${loc.region.startLine}${x.suppressions.length > 0 ? ' (waived)' : ''}`;
        });
    expect(located('dockerfile')).toEqual(DOCKERFILE_FINDINGS);
    expect(located('compose')).toEqual(COMPOSE_FINDINGS);
    expect(located('daemon')).toEqual(DAEMON_FINDINGS);
    const db = sarifRun.results.find((x: any) => x.ruleId === 'docker-compose-no-privileged');
    expect(db.message.text).toBe("Compose service 'db' in deploy/compose.yaml (privileged): service 'db' is privileged (privileged: true)");
    expect(db.locations[0].logicalLocations).toEqual([{ name: 'db', fullyQualifiedName: "Compose service 'db' in deploy/compose.yaml", kind: 'object' }]);
    const waived = sarifRun.results.find((x: any) => x.ruleId === 'docker-dockerfile-healthcheck');
    expect(waived.suppressions).toEqual([{
      kind: 'external',
      status: 'accepted',
      justification: 'the Compose healthcheck probes /healthz; the image has no probe binary yet',
      properties: { ruleId: 'docker-dockerfile-healthcheck', owner: 'platform@clinic.example', ticket: 'SEC-12', expires: '2026-09-30' },
    }]);
    // The Docker rules are described in the driver with their kinds.
    const rule = sarifRun.tool.driver.rules.find((x: any) => x.id === 'docker-daemon-tls-verify');
    expect(rule.properties.kinds).toEqual(['docker:DaemonConfig']);
  });

  test("Markdown: the Docker objects, their sources and citations in the auditor's report", () => {
    const file = path.join(tmp, 'compliance.md');
    const r = run([...ARGS, '--markdown', file]);
    expect(r.code).toBe(EXIT_FAILED);
    const md = fs.readFileSync(file, 'utf8');
    expect(md).toContain('| `kubernetes+docker` (137 rules) |');
    // Findings rows name the object in words and point at the finding's own line.
    expect(md).toContain(
      "| error | Compose service 'db' in deploy/compose.yaml | `deploy/compose.yaml:16` | `docker-compose-host-mounts` | `volumes[0]` |",
    );
    expect(md).toContain('| error | Dockerfile services/records-api/Dockerfile | `services/records-api/Dockerfile:9` | `docker-dockerfile-no-secrets` |');
    expect(md).toContain('| error | Docker daemon configuration host/daemon.json | `host/daemon.json:2` | `docker-daemon-tls-verify` | `hosts[1]` |');
    // The waiver register holds one waiver per format.
    const from = md.indexOf('## Waiver register');
    const register = md.slice(from, md.indexOf('\n## ', from + 1));
    expect(register.split('\n').filter((l) => l.startsWith('| `')).map((l) => l.split(' | ').slice(0, 3).join(' | '))).toEqual([
      '| `docker-daemon-userland-proxy` | Docker daemon configuration host/daemon.json | `host/daemon.json:13`',
      '| `docker-dockerfile-healthcheck` | Dockerfile services/records-api/Dockerfile | `services/records-api/Dockerfile:7`',
      "| `docker-compose-healthcheck` | Compose service 'api' in deploy/compose.yaml | `deploy/compose.yaml:2`",
    ]);
    // Docker rules are listed under the citations they serve, with the objects they checked.
    expect(md).toMatch(/\| `docker-daemon-tls-verify` \| [^\n]*\| error \| 2 \| 4 \| 0 \|/);
    expect(md).toMatch(/\| `docker-compose-non-root-user` \| [^\n]*\| error \| 3 \| 2 \| 0 \|/);
    expect(md).toContain('| `services/records-api/Dockerfile` |');
    expect(md).not.toMatch(/docker:|Kubernetes objects/);
    // The Kubernetes settings are reported: Kubernetes objects were checked too.
    expect(md).toContain('| Kubernetes version | 1.28 |');
  });
});

describe('Docker files given by name, and Docker-only repositories', () => {
  test('a directory holding only Dockerfiles runs the Docker pack alone; the report names it and leaves out Kubernetes settings', () => {
    fs.mkdirSync(path.join(tmp, 'api'));
    fs.copyFileSync(path.join(REPO, 'services', 'records-api', 'Dockerfile'), path.join(tmp, 'api', 'Dockerfile'));
    fs.copyFileSync(path.join(REPO, 'services', 'worker', 'Dockerfile'), path.join(tmp, 'worker.dockerfile'));
    const r = run(['.', '--markdown', 'report.md'], tmp);
    expect(r.code).toBe(EXIT_FAILED);
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^FAILED: 7 errors, 0 warnings, 1 waived in 2 objects checked by \d+ rules of the 'docker' pack$/);
    const md = fs.readFileSync(path.join(tmp, 'report.md'), 'utf8');
    expect(md).toMatch(/\| Rule pack \| `docker` \(\d+ rules\) \|/);
    expect(md).not.toMatch(/Kubernetes version|Namespace of objects|Widest egress/);
    expect(md).toContain('| Unclassified objects count as PHI | yes |');
  });

  test('a Compose file given as an argument is its project alone: the override file next to it is not layered over it', () => {
    const r = run(['deploy/compose.yaml', '--format', 'json']);
    expect(r.code).toBe(EXIT_FAILED);
    const report = JSON.parse(r.stdout);
    expect(report.pack).toBe('docker');
    expect(report.provenance.files.map((f: any) => f.file)).toEqual(['deploy/compose.yaml']);
    const rules = report.findings.map((f: any) => `${f.object.name} ${f.ruleId}`);
    expect(rules).toContain('db docker-compose-host-mounts');
    expect(rules).not.toContain('db docker-compose-no-privileged');
    // Both files given: layered as docker compose does.
    const both = JSON.parse(run(['deploy/compose.yaml', 'deploy/compose.override.yaml', '--format', 'json']).stdout);
    expect(both.findings.map((f: any) => `${f.object.name} ${f.ruleId}`)).toContain('db docker-compose-no-privileged');
  });

  test('a Compose file of another name given as an argument (stack.yml) is read as Compose; found in a directory, the problem says what to do', () => {
    fs.copyFileSync(path.join(REPO, 'deploy', 'compose.yaml'), path.join(tmp, 'stack.yml'));
    const given = run(['stack.yml', '--format', 'json'], tmp);
    expect(given.stderr).toBe('');
    expect(given.code).toBe(EXIT_FAILED);
    const report = JSON.parse(given.stdout);
    expect(report.pack).toBe('docker');
    expect(report.findings.find((f: any) => f.ruleId === 'docker-compose-host-mounts')).toMatchObject({
      object: { kind: 'docker:ComposeService', namespace: 'stack.yml', name: 'db' },
      source: { file: 'stack.yml', line: 16 },
    });

    const found = run(['.'], tmp);
    expect(found.code).toBe(EXIT_USAGE);
    expect(found.stderr).toBe(
      "hipaa-check: stack.yml:1: not a Kubernetes object: it has no 'kind'; it looks like a Compose file (top-level 'services'): " +
        'name it compose.yaml (or docker-compose.yml, or compose.<name>.yaml to layer it over the compose.yaml next to it) to have it found ' +
        'in directories, or give it to hipaa-check as an argument\n',
    );
  });

  test('a YAML file with a kind given as an argument stays Kubernetes YAML, even with a services key', () => {
    fs.writeFileSync(path.join(tmp, 'odd.yml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: odd}\nservices: {}\n');
    const r = run(['odd.yml', '--format', 'json'], tmp);
    expect(JSON.parse(r.stdout).pack).toBe('kubernetes');
  });

  test('daemon.json given as an argument is read as the daemon configuration', () => {
    const r = run(['host/daemon.json', '--format', 'json']);
    expect(r.code).toBe(EXIT_FAILED);
    const report = JSON.parse(r.stdout);
    expect(report.pack).toBe('docker');
    expect(findingsPerFormat(report).daemon).toEqual(DAEMON_FINDINGS.map((f) => f.replace(' (waived)', '')));
  });

  test('a broken Dockerfile next to good files: the problem is reported, the others are checked, exit 2', () => {
    fs.cpSync(REPO, path.join(tmp, 'repo'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'repo', 'services', 'billing'));
    fs.writeFileSync(path.join(tmp, 'repo', 'services', 'billing', 'Dockerfile'), 'FROM alpine\nRUN apk add --no-cache curl\nFORM alpine\n');
    const r = run([...ARGS, '--format', 'json'], path.join(tmp, 'repo'));
    expect(r.code).toBe(EXIT_USAGE);
    const problem = 'services/billing/Dockerfile:3: unknown instruction \'FORM\': a Dockerfile has only ';
    expect(r.stderr).toMatch(new RegExp(`^hipaa-check: ${problem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[A-Z, ]+\\n$`));
    const report = JSON.parse(r.stdout);
    expect(report.inputProblems).toEqual([expect.objectContaining({ file: 'services/billing/Dockerfile', line: 3 })]);
    expect(report.summary).toMatchObject({ objects: 14, findings: 70, inputProblems: 1 });
    expect(report.passed).toBe(false);
  });

  test('the waivers file waives a Compose service by kind, project and service name', () => {
    fs.writeFileSync(
      path.join(tmp, 'waivers.yaml'),
      [
        '- ruleId: docker-compose-no-privileged',
        '  reason: the database needs hugepages until the move to RDS',
        '  expires: 2026-09-30',
        '  target: {kind: "docker:ComposeService", namespace: deploy/compose.yaml, name: db}',
        '- ruleId: docker-compose-no-privileged',
        '  reason: names another project, so waives nothing',
        '  expires: 2026-09-30',
        '  target: {kind: "docker:ComposeService", namespace: reporting/compose.yaml, name: db}',
      ].join('\n') + '\n',
    );
    const report = JSON.parse(run(['.', '--waivers', path.join(tmp, 'waivers.yaml'), '--format', 'json']).stdout);
    const f = report.findings.find((x: any) => x.ruleId === 'docker-compose-no-privileged');
    expect(f.waived).toBe(true);
    expect(f.waiver.reason).toBe('the database needs hugepages until the move to RDS');
    expect(report.findings.filter((x: any) => x.ruleId === 'docker-compose-no-privileged')).toHaveLength(1);
  });

  test('--help lists the formats and how files are recognized', () => {
    const r = run(['--help']);
    expect(r.code).toBe(EXIT_PASSED);
    expect(r.stdout).toContain('Files are read by name, in directories and as arguments:\n');
    expect(r.stdout).toContain('  daemon.json                                      a Docker daemon configuration\n');
    expect(r.stdout).toContain('no top-level "kind" or "apiVersion": then it is a Compose project of its own (docker compose -f stack.yml).\n');
    expect(r.stdout).toContain('docker:ComposeService');
  });
});

describe('looksLikeCompose', () => {
  test('a top-level services key (quoted or not) and no top-level kind or apiVersion', () => {
    expect(looksLikeCompose('services:\n  api: {image: x}\n')).toBe(true);
    expect(looksLikeCompose('# stack\n"services":\n  api: {image: x}\n')).toBe(true);
    expect(looksLikeCompose('version: "3.8"\nservices: {}\n')).toBe(true);
    expect(looksLikeCompose('apiVersion: v1\nkind: ConfigMap\nservices: {}\n')).toBe(false);
    expect(looksLikeCompose('kind: Config\nservices: {}\n')).toBe(false);
    expect(looksLikeCompose('spec:\n  services: {}\n')).toBe(false);
  });
});
