/**
 * hipaa-check on what real repositories hold: files that cannot be read next to files that can,
 * unrendered Helm templates, and provenance of the input.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliIo, EXIT_FAILED, EXIT_PASSED, EXIT_USAGE, hipaaCheck } from '../../lib/cli/hipaa-check';
import { TEST_NOW } from '../helpers/rule-test';
import { samplePack } from '../report/sample';

const FIXTURES = path.join(__dirname, 'fixtures');

interface Run { code: number; stdout: string; stderr: string }

function run(args: string[], cwd: string, io: Partial<CliIo> = {}, recordGitCommit = false): Run {
  let stdout = '';
  let stderr = '';
  const code = hipaaCheck(
    args,
    { cwd, now: TEST_NOW, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), ...io },
    { pack: samplePack, toolVersion: '9.9.9', recordGitCommit },
  );
  return { code, stdout, stderr };
}

const HELM = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "api.fullname" . }}
  labels:
    {{- include "api.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
`;

/** Parses as YAML (the braces become nested mappings) but is a template all the same. */
const HELM_PARSES = `apiVersion: v1
kind: Service
metadata:
  name: {{ $fullname }}
`;

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-check-repo-'));
  fs.copyFileSync(path.join(FIXTURES, 'failing.yaml'), path.join(tmp, 'a-failing.yaml'));
  fs.copyFileSync(path.join(FIXTURES, 'clean.yaml'), path.join(tmp, 'z-clean.yaml'));
  fs.writeFileSync(path.join(tmp, 'b-broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   bad: indentation\n');
  fs.writeFileSync(path.join(tmp, 'c-latin1.yaml'), Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {city: "M'), Buffer.from([0xfc]), Buffer.from('nchen"}\n')]));
  fs.mkdirSync(path.join(tmp, 'chart', 'templates'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'chart', 'templates', 'deployment.yaml'), HELM);
  fs.writeFileSync(path.join(tmp, 'chart', 'templates', 'service.yaml'), HELM_PARSES);
  fs.writeFileSync(path.join(tmp, 'd-list.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n---\n- not\n- an object\n');
  fs.symlinkSync('loop', path.join(tmp, 'loop'));
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const EXPECTED_PROBLEMS = [
  'b-broken.yaml:5: not valid YAML: bad indentation of a mapping entry',
  'c-latin1.yaml:4: not UTF-8 text: an invalid byte sequence on this line; Kubernetes reads manifests as UTF-8, so convert the file (e.g. iconv -t UTF-8)',
  `${path.join('chart', 'templates', 'deployment.yaml')}:4: this looks like an unrendered Helm template: render it with \`helm template\` first (template text here: {{ include "api.fullname" . }})`,
  `${path.join('chart', 'templates', 'service.yaml')}:4: this looks like an unrendered Helm template: render it with \`helm template\` first (template text here: {{ $fullname }})`,
  "d-list.yaml:5: not a Kubernetes object: expected a mapping with 'apiVersion' and 'kind', got a list; to give several objects, separate documents with '---' or use 'kind: List' with 'items'",
  'loop: cannot read it (too many symbolic links)',
];

describe('unreadable files do not stop the run', () => {
  test('text: each problem on stderr and in the report; every other file checked; exit 2 over 1', () => {
    const r = run(['.'], tmp);
    expect(r.code).toBe(EXIT_USAGE); // findings alone would be 1
    const stderr = r.stderr.trimEnd().split('\n').map((l) => l.replace(/^hipaa-check: /, ''));
    expect(stderr.map((l) => l.replace(/ \(\d+:\d+\)$/, '').replace(/^(b-broken\.yaml:5: not valid YAML: bad indentation of a mapping entry).*$/, '$1'))).toEqual(
      [...EXPECTED_PROBLEMS].sort((a, b) => (a.startsWith('loop') ? -1 : b.startsWith('loop') ? 1 : 0)),
    );
    // The readable objects were checked: the privileged Deployment of a-failing.yaml, the Namespace of d-list.yaml, z-clean.yaml.
    expect(r.stdout).toContain('Deployment clinic/api (a-failing.yaml:7)');
    expect(r.stdout).toContain('Input that could not be read (its objects were not checked):\n');
    for (const p of EXPECTED_PROBLEMS) expect(r.stdout).toContain(`  ${p.split(' (template text')[0]}`);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe(
      "FAILED: 1 error, 1 warning, 0 waived in 4 objects checked by 6 rules of the 'sample' pack; 6 input problems: not everything was checked",
    );
    expect(r.stdout).not.toContain('[object Object]');
  });

  test('JSON: inputProblems with file, line and message; passed is false; the objects read are checked', () => {
    const r = run(['.', '--format', 'json'], tmp);
    expect(r.code).toBe(EXIT_USAGE);
    const report = JSON.parse(r.stdout);
    expect(report.passed).toBe(false);
    expect(report.summary).toMatchObject({ objects: 4, errors: 1, warnings: 1, inputProblems: 6 });
    expect(report.inputProblems.map((p: any) => `${p.file}:${p.line}`)).toEqual([
      'loop:null',
      'b-broken.yaml:5',
      'c-latin1.yaml:4',
      `${path.join('chart', 'templates', 'deployment.yaml')}:4`,
      `${path.join('chart', 'templates', 'service.yaml')}:4`,
      'd-list.yaml:5',
    ]);
    expect(report.inputProblems[3].message).toMatch(/^this looks like an unrendered Helm template: render it with `helm template` first/);
    expect(report.findings.map((f: any) => f.ruleId)).toEqual(['test-no-privileged', 'test-pull-always']);
    // Every file that was read has its SHA-256.
    const sha = (f: string) => createHash('sha256').update(fs.readFileSync(path.join(tmp, f))).digest('hex');
    expect(report.provenance.files).toContainEqual({ file: 'a-failing.yaml', sha256: sha('a-failing.yaml') });
    expect(report.provenance.files.map((f: any) => f.file)).not.toContain('loop');
  });

  test('SARIF: a tool execution notification per problem with the file location; the invocation failed', () => {
    const r = run(['.', '--format', 'sarif'], tmp);
    expect(r.code).toBe(EXIT_USAGE);
    const [invocation] = JSON.parse(r.stdout).runs[0].invocations;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toHaveLength(6);
    expect(invocation.toolExecutionNotifications[1]).toMatchObject({
      level: 'error',
      message: { text: expect.stringMatching(/^b-broken\.yaml:5: not valid YAML/) },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'b-broken.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 5 } } }],
    });
    expect(JSON.parse(r.stdout).runs[0].results.map((x: any) => x.ruleId)).toEqual(['test-no-privileged', 'test-pull-always']);
  });

  test('Markdown: a section lists the input that could not be read and the result is FAILED', () => {
    const md = path.join(tmp, 'out', 'report.md');
    const r = run(['.', '--markdown', md], tmp);
    expect(r.code).toBe(EXIT_USAGE);
    const text = fs.readFileSync(md, 'utf8');
    expect(text).toContain('## Input that could not be read\n');
    expect(text).toContain('- c-latin1.yaml:4: not UTF-8 text');
    expect(text).toContain('**Result: FAILED**');
  });

  test('a file that cannot be read (permission denied) is reported and the others are checked', () => {
    if (process.getuid?.() !== 0) {
      fs.chmodSync(path.join(tmp, 'a-failing.yaml'), 0o000);
    } else {
      // root reads any file: make the read fail as it would for a user without permission.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const nodeFs = require('fs') as typeof fs;
      const real = nodeFs.readFileSync;
      jest.spyOn(nodeFs, 'readFileSync').mockImplementation(((file: any, ...rest: any[]) => {
        if (typeof file === 'string' && file.endsWith('a-failing.yaml')) {
          throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        }
        return (real as any)(file, ...rest);
      }) as any);
    }
    const r = run(['a-failing.yaml', 'z-clean.yaml', '--format', 'json'], tmp);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toBe('hipaa-check: a-failing.yaml: cannot read it (permission denied)\n');
    expect(JSON.parse(r.stdout).summary.objects).toBe(1);
  });

  test('a document whose name is not a string never shows up as [object Object]', () => {
    fs.writeFileSync(path.join(tmp, 'odd.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {a: 1}\n  namespace: [x]\nspec: {}\n');
    const r = run(['odd.yaml'], tmp);
    expect(r.stdout).not.toContain('[object Object]');
  });

  test('only readable input with findings exits 1; only problems and no objects exits 2 with the reports', () => {
    expect(run(['a-failing.yaml'], tmp).code).toBe(EXIT_FAILED);
    const r = run(['b-broken.yaml', '--format', 'json'], tmp);
    expect(r.code).toBe(EXIT_USAGE);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ objects: 0, inputProblems: 1 });
  });
});

describe('unrendered Helm templates', () => {
  test('a chart directory gets one message per template: render it with helm template first', () => {
    const r = run(['chart'], tmp);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toContain('render it with `helm template` first');
    expect(r.stderr).not.toMatch(/not valid YAML|\[object Object\]/);
  });

  test('rendered output with template text inside a value (an Alertmanager template) is not taken for a template', () => {
    fs.writeFileSync(path.join(tmp, 'alerts.yaml'), [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: am', '  namespace: clinic', '  annotations:',
      "    summary: '{{ .Labels.instance }} is down'", 'spec:', '  template:', '    spec:', '      containers:',
      '        - name: am', '          image: registry.example/am:1.0', '          imagePullPolicy: Always', '',
    ].join('\n'));
    expect(run(['alerts.yaml'], tmp)).toMatchObject({ code: EXIT_PASSED, stderr: '' });
  });
});

describe('Helm chart directories', () => {
  test('a directory with Chart.yaml is one problem (render it first), not one per template or values file', () => {
    fs.writeFileSync(path.join(tmp, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: api\nversion: 1.0.0\n');
    fs.writeFileSync(path.join(tmp, 'chart', 'values.yaml'), 'replicaCount: 2\n');
    const r = run(['.', '--format', 'json'], tmp);
    expect(r.code).toBe(EXIT_USAGE);
    const problems = JSON.parse(r.stdout).inputProblems.filter((p: any) => p.file.startsWith('chart'));
    expect(problems).toEqual([{
      file: 'chart',
      line: null,
      message: 'this is an unrendered Helm chart (it has Chart.yaml), not manifests: render it with `helm template` first, e.g. helm template <release> chart | hipaa-check -',
    }]);
  });
});

describe('--default-namespace', () => {
  test('is the namespace objects without one land in, and is validated', () => {
    const r = run([path.join(FIXTURES, 'clean.yaml'), '--default-namespace', 'clinic', '--format', 'json'], tmp);
    expect(r.code).toBe(EXIT_PASSED);
    expect(run([path.join(FIXTURES, 'clean.yaml'), '--default-namespace', 'Not_Valid'], tmp)).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: "hipaa-check: --default-namespace must be a namespace name (lower-case letters, digits and '-', at most 63 characters; got 'Not_Valid')\n",
    });
  });
});

describe('provenance', () => {
  test('records the git commit and dirty flag inside a repository, and nothing outside one', () => {
    const repo = path.join(tmp, 'repo');
    fs.mkdirSync(repo);
    fs.copyFileSync(path.join(FIXTURES, 'clean.yaml'), path.join(repo, 'clean.yaml'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'init');
    const head = git('rev-parse', 'HEAD');
    const report = (dir: string) => JSON.parse(run(['clean.yaml', '--format', 'json'], dir, {}, true).stdout).provenance;
    expect(report(repo).git).toEqual({ commit: head, dirty: false, branch: 'main', remote: null });
    fs.appendFileSync(path.join(repo, 'clean.yaml'), '# changed\n');
    expect(report(repo).git).toMatchObject({ commit: head, dirty: true });
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-check-norepo-'));
    try {
      fs.copyFileSync(path.join(FIXTURES, 'clean.yaml'), path.join(outside, 'clean.yaml'));
      expect(report(outside).git).toBeNull();
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
