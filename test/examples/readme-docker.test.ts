/**
 * The README's "## Docker" section, as written: its TypeScript samples type-check against lib/ (strict)
 * and run (the Docker ones synthesize into a temp directory, the Pulumi one under mocks), and its
 * waiver samples in the Dockerfile, Compose and waivers-file formats are read as valid waivers.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import * as ts from 'typescript';
import { readComposeFiles } from '../../lib/check/docker/compose';
import { readDaemonConfig } from '../../lib/check/docker/daemon-json';
import { readDockerfile } from '../../lib/check/docker/dockerfile';
import { check } from '../../lib/check/engine';
import type { ManifestError } from '../../lib/check/manifest-error';
import { parseWaivers } from '../../lib/cli/waivers-file';
import { composePack, daemonPack, dockerfilePack, dockerPack } from '../../lib/rules/docker';
import { composeDocumentErrors } from '../helpers/compose-schema';
import { awsFindings, runProgram } from '../helpers/pulumi';

const REPO = path.join(__dirname, '..', '..');
const LIB = path.join(REPO, 'lib');
/** A day before the samples' waivers expire, for checking them whatever today is. */
const SAMPLE_NOW = new Date('2027-01-15T00:00:00Z');
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

function dockerSection(): string {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Docker\n');
  const end = readme.indexOf('\n## Waivers\n');
  if (start < 0 || end < start) throw new Error('README.md has no "## Docker" section before "## Waivers"');
  return readme.slice(start, end);
}

function blocks(section: string, lang: string): string[] {
  return [...section.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1]);
}

/** A sample with its package imports pointed at lib/. */
function againstLib(code: string): string {
  return code
    .replace(/from 'hipaa-constructs\/(docker|pulumi)'/g, (_, entry) => `from ${JSON.stringify(path.join(LIB, entry))}`)
    .replace(/from 'hipaa-constructs'/g, `from ${JSON.stringify(LIB)}`);
}

/** Runs a sample (CommonJS), its `hipaa-constructs` imports resolved to lib/ through jest's require. */
function run(code: string): Record<string, unknown> {
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  const js = ts.transpileModule(code, { compilerOptions }).outputText;
  // jest's require, so lib/ is transpiled as in every other test.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const entries: Record<string, () => unknown> = {
    'hipaa-constructs/docker': () => require('../../lib/docker'),
    'hipaa-constructs/pulumi': () => require('../../lib/pulumi'),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const requireSample = (id: string) => {
    const entry = entries[id];
    if (!entry) throw new Error(`the README sample imports ${id}`);
    return entry();
  };
  const exports: Record<string, unknown> = {};
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('require', 'exports', 'module', js)(requireSample, exports, { exports });
  return exports;
}

/** Runs `fn` with a new temp directory as the working directory. */
function inTempDir<T>(fn: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-docker-'));
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return fn(dir);
  } finally {
    process.chdir(cwd);
  }
}

describe('README "## Docker"', () => {
  const section = dockerSection();
  const samples = blocks(section, 'ts');
  const [daemonSample, composeSample, hostSample] = samples;

  test('has the three TypeScript samples: HardenedDockerDaemon, the Compose project, HipaaDockerHost', () => {
    expect(samples.map((s) => s.match(/new (HardenedDockerDaemon|HipaaComposeProject|HipaaDockerHost)\(/)?.[1])).toEqual(['HardenedDockerDaemon', 'HipaaComposeProject', 'HipaaDockerHost']);
  });

  test('every TypeScript sample type-checks (strict) against lib/', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-docker-tsc-'));
    const files = samples.map((code, i) => {
      const file = path.join(dir, `sample-${i}.ts`);
      fs.writeFileSync(file, againstLib(code));
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      esModuleInterop: true,
      skipLibCheck: true,
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      types: ['node'],
      typeRoots: [path.join(REPO, 'node_modules', '@types')],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ` : '';
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
  }, 300_000);

  test('the HardenedDockerDaemon sample writes a daemon.json and the reports, with no finding', () => {
    inTempDir((dir) => {
      run(daemonSample);
      expect(fs.readdirSync(path.join(dir, 'dist'))).toEqual(['daemon.json']);
      expect(fs.readdirSync(path.join(dir, 'reports')).sort()).toEqual(['hipaa-compliance.html', 'hipaa-compliance.json', 'hipaa-compliance.md', 'hipaa-compliance.sarif', 'hipaa-junit.xml', 'hipaa-oscal-assessment-results.json']);
      const problems: ManifestError[] = [];
      const result = check(readDaemonConfig(fs.readFileSync(path.join(dir, 'dist', 'daemon.json'), 'utf8'), 'daemon.json', problems), daemonPack);
      expect([problems, result.findings]).toEqual([[], []]);
    });
  });

  test('the Compose sample writes clinic/compose.yaml: schema-valid, no finding, the flow as the database\'s only network', () => {
    inTempDir((dir) => {
      run(composeSample);
      const text = fs.readFileSync(path.join(dir, 'dist', 'clinic', 'compose.yaml'), 'utf8');
      const doc = yaml.load(text) as any;
      expect(composeDocumentErrors(doc)).toEqual([]);
      const problems: ManifestError[] = [];
      const result = check(readComposeFiles([{ file: 'clinic/compose.yaml', text }], problems), dockerPack, { allowedRegistries: ['123456789012.dkr.ecr.us-east-1.amazonaws.com'] });
      expect([problems, result.findings]).toEqual([[], []]);
      expect(doc.services.db.networks).toEqual(['records-api-to-db']);
      expect(doc.networks['records-api-to-db'].internal).toBe(true);
      expect(doc.services.db.environment).toEqual({ POSTGRES_PASSWORD_FILE: '/run/secrets/db_password' });
      expect(doc.services['records-api'].ports).toEqual([{ target: 8443, published: '8443', host_ip: '127.0.0.1', protocol: 'tcp' }]);
    });
  });

  test('the HipaaDockerHost sample (its digest placeholder filled) runs under mocks, and the AWS pack finds nothing', async () => {
    expect(hostSample).toContain('@sha256:<the digest you verified>');
    const code = hostSample.replace('<the digest you verified>', DIGEST.slice('sha256:'.length));
    const resources = await runProgram(() => {
      run(code);
    });
    expect(resources.filter((r) => r.type === 'hipaa-constructs:aws:DockerHost')).toHaveLength(1);
    expect(awsFindings(resources)).toEqual([]);
  }, 60_000);

  test('the waiver samples are valid waivers in their formats: a Dockerfile comment, x-hipaa-waivers, the --waivers file', () => {
    const [dockerfileSample] = blocks(section, 'dockerfile');
    const [composeWaivers, waiversFile] = blocks(section, 'yaml');
    const problems: ManifestError[] = [];

    const dockerfile = readDockerfile(dockerfileSample.replace('@sha256:...', `@${DIGEST}`), 'Dockerfile', problems);
    const fromDockerfile = check(dockerfile, dockerfilePack, { now: SAMPLE_NOW, allowedRegistries: ['123456789012.dkr.ecr.us-east-1.amazonaws.com'] });
    expect(fromDockerfile.waived.map((f) => [f.ruleId, f.waiver?.ticket])).toEqual([['docker-dockerfile-healthcheck', 'SEC-142']]);
    expect(fromDockerfile.findings.filter((f) => f.ruleId.startsWith('waiver-'))).toEqual([]);

    const compose = readComposeFiles([{ file: 'compose.yaml', text: composeWaivers }], problems);
    const fromCompose = check(compose, composePack, { now: SAMPLE_NOW });
    expect(fromCompose.waived.map((f) => [f.ruleId, f.resource.name])).toEqual([['docker-compose-read-only-root', 'legacy']]);
    expect(fromCompose.findings.filter((f) => f.ruleId.startsWith('waiver-'))).toEqual([]);

    const waivers = parseWaivers(waiversFile, 'waivers.yaml', new Set(dockerPack.rules.map((r) => r.id)), { now: SAMPLE_NOW });
    const daemon = readDaemonConfig('{ "log-driver": "json-file" }\n', 'host/daemon.json', problems);
    const fromDaemon = check(daemon, daemonPack, { now: SAMPLE_NOW, waivers });
    expect(fromDaemon.waived.map((f) => f.ruleId)).toEqual(['docker-daemon-authorization-plugin']);
    expect(problems).toEqual([]);
  });
});
