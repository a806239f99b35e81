/**
 * The plugin through the real cdk8s CLI (cdk8s-cli, a devDependency): `cdk8s synth` of fixture
 * apps that load the package from a local path, as cdk8s.yaml `validations:` names it. The failing
 * app uses none of this library's constructs (plain ApiObjects): exit code 2, "Validation failed",
 * the CLI's table with our rule ids, citations and lines, and the reports written. The passing app
 * exits 0. HOME is a temp dir: the CLI's plugin directory (~/.cdk8s/plugins) is not touched.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { buildLocalPackage, REPO } from './local-package';
import { REPORT_FILES } from '../../lib/report/formats';
import { imagePolicyManifests } from '../helpers/cdk8s';
import { compliantSet } from '../helpers/fixtures';

jest.setTimeout(180_000);

const CDK8S = path.join(REPO, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');
const FIXTURES = path.join(__dirname, 'fixtures');
let tmp: string;
let pkgDir: string;
let version: string;

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-plugin-cli-')));
  pkgDir = path.join(tmp, 'hipaa-constructs');
  version = buildLocalPackage(pkgDir).version;
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of a fixture app whose node_modules holds the repository's packages and the built hipaa-constructs. */
let apps = 0;
function app(name: string): string {
  const dir = path.join(tmp, `${name}-${++apps}`);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(REPO, 'node_modules'))) {
    if (entry !== '.bin' && entry !== 'hipaa-constructs') fs.symlinkSync(path.join(REPO, 'node_modules', entry), path.join(modules, entry), 'dir');
  }
  fs.symlinkSync(pkgDir, path.join(modules, 'hipaa-constructs'), 'dir');
  return dir;
}

function synth(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CDK8S, 'synth', '--check-upgrade', 'false', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, HOME: tmp, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  // The CLI colours rule names with fixed escape codes.
  const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
  return { status: r.status, stdout: plain(r.stdout), stderr: plain(r.stderr) };
}

test('the fixture apps name the package version the CLI must be given exactly', () => {
  for (const name of ['failing-app', 'passing-app']) {
    const config = yaml.load(fs.readFileSync(path.join(FIXTURES, name, 'cdk8s.yaml'), 'utf8')) as any;
    expect(config.validations[0]).toMatchObject({ version, class: 'HipaaValidationPlugin' });
  }
});

test('cdk8s synth fails (exit 2) on a plain cdk8s app with a Deployment running as root, and writes the reports', () => {
  const dir = app('failing-app');
  const r = synth(dir);
  expect(r.stderr).toContain('Validation failed. See above reports for details');
  expect(r.status).toBe(2);
  expect(r.stdout).toContain(`Validation Report (${path.join(dir, 'node_modules', 'hipaa-constructs')}@${version})`);
  // Every manifest of both charts in one check.
  expect(r.stdout).toMatch(/Objects\s*│\s*2\s*[│║]/);
  const violations = r.stdout.slice(r.stdout.indexOf('(Violations)'));
  // One entry per rule, with its citations, the construct path (from the app's metadata), the manifest and the line.
  expect(violations).toMatch(/\nk8s-run-as-non-root — [^\n]+ \[164\.[^\n]+\] \(1 occurrences\)\n/);
  const entry = violations.slice(violations.indexOf('\nk8s-run-as-non-root — '));
  expect(entry.split('\n\n').slice(2, 3).join('')).toBe([
    '    - Construct Path: web/deployment',
    '    - Manifest Path: dist/web.k8s.yaml',
    '    - Resource Name: web',
    '    - Locations:',
    '      > spec.template.spec.containers[0].securityContext.runAsNonRoot (line 1)',
  ].join('\n'));
  expect(violations).toMatch(/\n {4}- Manifest Path: dist\/edge\.k8s\.yaml\n {4}- Resource Name: web-svc\n/);
  // The table's rules, resources and locations (not the rules' prose, which the rule tests pin).
  expect(violations.split('\n').filter((l) => !/^ {2}(Recommendation|How to fix): /.test(l)).join('\n').trimEnd()).toMatchSnapshot();
  const reports = path.join(dir, 'dist', 'compliance');
  const formats = ['sarif', 'json', 'markdown', 'junit', 'oscal'] as const;
  expect(fs.readdirSync(reports).sort()).toEqual(formats.map((f) => REPORT_FILES[f]).sort());
  expect(fs.readFileSync(path.join(reports, REPORT_FILES.junit), 'utf8')).toMatch(/<failure[^>]*>[\s\S]*web/);
  const json = JSON.parse(fs.readFileSync(path.join(reports, REPORT_FILES.json), 'utf8'));
  expect(json.findings.find((f: any) => f.ruleId === 'k8s-run-as-non-root').source).toEqual({ file: 'dist/web.k8s.yaml', line: 1, constructPath: 'web/deployment' });
  const listed = formats.map((f) => `dist/compliance/${REPORT_FILES[f]}`).join(', ');
  expect(r.stdout).toMatch(new RegExp(`Reports\\s*│\\s*${listed.replace(/[.]/g, '\\.')}\\s*[│║]`));
});

test('cdk8s synth passes (exit 0) on an app whose objects pass every rule', () => {
  const dir = app('passing-app');
  fs.writeFileSync(path.join(dir, 'objects.json'), JSON.stringify([...compliantSet(), ...imagePolicyManifests()]));
  const config = fs.readFileSync(path.join(dir, 'cdk8s.yaml'), 'utf8');
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), config.replace('PLUGIN_DIR', pkgDir));
  const r = synth(dir);
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  expect(r.stdout).toContain('Validations ended succesfully');
  expect(r.stdout).toMatch(/Status\s*│\s*success\s*[│║]/);
  expect(r.stdout).toMatch(/Errors\s*│\s*0\s*[│║]/);
  expect(fs.existsSync(path.join(dir, 'dist', 'compliance', REPORT_FILES.sarif))).toBe(true);
});

test('bad properties stop the synth with the message naming the cdk8s.yaml field', () => {
  const dir = app('failing-app');
  const config = fs.readFileSync(path.join(dir, 'cdk8s.yaml'), 'utf8');
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), config.replace(/formats: \[[^\]]*\]/, 'formats: sarif'));
  const r = synth(dir);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain('HipaaValidationPlugin: cdk8s.yaml validations[].properties.formats: expected a list of report formats');
});
