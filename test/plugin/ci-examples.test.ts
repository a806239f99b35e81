/**
 * The CI examples (examples/ci) and the pre-commit hook (.pre-commit-hooks.yaml): parsed, and checked
 * for what GitHub Actions, GitLab CI, the cdk8s CLI and pre-commit need of them, against the names
 * the plugin writes (REPORT_FILES).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { HipaaValidationPlugin } from '../../lib/plugin';
import { REPORT_FILES } from '../../lib/report/formats';

const REPO = path.join(__dirname, '..', '..');
const CI = path.join(REPO, 'examples', 'ci');
const load = (file: string): any => yaml.load(fs.readFileSync(file, 'utf8'));
const REPORT_NAMES = new Set(Object.values(REPORT_FILES));

const config = load(path.join(CI, 'cdk8s.yaml'));
const reportDir: string = config.validations[0].properties.reportDir;

/** Every `dist/compliance/...` path a CI file names. */
function reportPaths(text: string): string[] {
  return [...text.matchAll(new RegExp(`${reportDir.replace(/[/.]/g, '\\$&')}/[\\w.-]+`, 'g'))].map((m) => m[0]);
}

describe('examples/ci/cdk8s.yaml', () => {
  test('loads the plugin the way the cdk8s CLI requires: package, exact version, class; the properties are valid', () => {
    const v = config.validations[0];
    expect(v).toMatchObject({ package: 'hipaa-constructs', class: 'HipaaValidationPlugin' });
    expect(String(v.version)).toMatch(/^\d+\.\d+\.\d+$/); // the CLI refuses ranges
    expect(() => new HipaaValidationPlugin(v.properties)).not.toThrow();
    expect(reportDir).toBe('dist/compliance');
  });

  test('the offline form loads the copy npm ci installed, by a ./ path', () => {
    const text = fs.readFileSync(path.join(CI, 'cdk8s.yaml'), 'utf8');
    const block = text.slice(text.indexOf('# validations:')).split('\n').filter((l) => l.startsWith('#')).map((l) => l.replace(/^# ?/, '')).join('\n');
    const offline = (yaml.load(block) as any).validations[0];
    expect(offline).toMatchObject({ package: './node_modules/hipaa-constructs', class: 'HipaaValidationPlugin' });
    expect(String(offline.version)).toMatch(/^\d+\.\d+\.\d+$/);
    expect(() => new HipaaValidationPlugin(offline.properties)).not.toThrow();
  });
});

describe('examples/ci/github-actions.yml', () => {
  const text = fs.readFileSync(path.join(CI, 'github-actions.yml'), 'utf8');
  const workflow = load(path.join(CI, 'github-actions.yml'));
  const steps: any[] = workflow.jobs.synth.steps;
  const step = (uses: string) => steps.find((s) => typeof s.uses === 'string' && s.uses.startsWith(`${uses}@`));

  test('runs on pushes and pull requests, with the permissions the uploads need', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.permissions).toEqual({ 'contents': 'read', 'security-events': 'write', 'checks': 'write', 'pull-requests': 'write' });
  });

  test('checks out, sets up Node, installs with npm ci and synthesizes with the plugin', () => {
    expect(steps.slice(0, 4).map((s) => s.uses ?? s.run)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'npm ci', 'npx cdk8s synth --check-upgrade false']);
    expect(steps[1].with['node-version']).toBeGreaterThanOrEqual(20);
  });

  test('uploads SARIF, JUnit and the HTML report, also when the synth fails (if: always())', () => {
    const sarif = step('github/codeql-action/upload-sarif');
    expect(sarif).toMatchObject({ if: 'always()', with: { sarif_file: `${reportDir}/${REPORT_FILES.sarif}` } });
    const junit = step('mikepenz/action-junit-report');
    expect(junit).toMatchObject({ if: 'always()', with: { report_paths: `${reportDir}/${REPORT_FILES.junit}` } });
    const artifact = step('actions/upload-artifact');
    expect(artifact.if).toBe('always()');
    expect(artifact.with.path.trim().split('\n').sort()).toEqual(Object.values(REPORT_FILES).map((f) => `${reportDir}/${f}`).sort());
  });

  test('every report path it names is one the plugin writes', () => {
    const paths = reportPaths(text);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(REPORT_NAMES).toContain(path.basename(p));
  });
});

describe('examples/ci/gitlab-ci.yml', () => {
  const text = fs.readFileSync(path.join(CI, 'gitlab-ci.yml'), 'utf8');
  const job = load(path.join(CI, 'gitlab-ci.yml'))['hipaa-compliance'];

  test('installs with npm ci and synthesizes with the plugin', () => {
    expect(job.script).toEqual(['npm ci --cache .npm --prefer-offline', 'npx cdk8s synth --check-upgrade false']);
  });

  test('keeps JUnit as the test report and the SARIF and HTML as artifacts, also when the job fails (when: always)', () => {
    expect(job.artifacts.when).toBe('always');
    expect(job.artifacts.reports).toEqual({ junit: `${reportDir}/${REPORT_FILES.junit}` });
    expect(job.artifacts.paths).toEqual(expect.arrayContaining([`${reportDir}/${REPORT_FILES.sarif}`, `${reportDir}/${REPORT_FILES.html}`]));
    // expose_as takes at most 10 paths, each a file or a directory (no globs).
    expect(job.artifacts.paths.length).toBeLessThanOrEqual(10);
    for (const p of job.artifacts.paths) expect(p).not.toMatch(/[*?]/);
  });

  test('every report path it names is one the plugin writes', () => {
    for (const p of reportPaths(text)) expect(REPORT_NAMES).toContain(path.basename(p));
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = load(path.join(REPO, '.pre-commit-hooks.yaml'));
  const hook = hooks.find((h: any) => h.id === 'hipaa-check');

  test('a hipaa-check hook running the package bin over the repository', () => {
    expect(hook).toMatchObject({ id: 'hipaa-check', language: 'system', entry: 'npx --no-install hipaa-check', args: ['.'], pass_filenames: false, require_serial: true });
    expect(typeof hook.name).toBe('string');
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.bin)).toContain('hipaa-check');
  });

  test('runs when Kubernetes YAML, a Dockerfile, a Compose file or daemon.json changes, not for other files', () => {
    // pre-commit matches with Python's re.search; these patterns mean the same in JavaScript.
    const files = new RegExp(hook.files);
    const exclude = new RegExp(hook.exclude);
    const runs = (f: string) => files.test(f) && !exclude.test(f);
    for (const f of ['k8s/app.yaml', 'deploy.yml', 'Dockerfile', 'docker/Dockerfile.prod', 'api.dockerfile', 'Containerfile', 'compose.yaml', 'docker-compose.yml', 'daemon.json']) {
      expect([f, runs(f)]).toEqual([f, true]);
    }
    for (const f of ['README.md', 'lib/index.ts', 'package.json', 'package-lock.json', 'tsconfig.json', '.github/workflows/ci.yml', 'cdk8s.yaml', 'NotADockerfile.txt']) {
      expect([f, runs(f)]).toEqual([f, false]);
    }
  });
});

