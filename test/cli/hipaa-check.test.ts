import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { DEFAULT_ALLOWED_REGISTRIES } from '../../lib/check/engine';
import { CliIo, EXIT_FAILED, EXIT_PASSED, EXIT_USAGE, hipaaCheck } from '../../lib/cli/hipaa-check';
import { kubernetesPack } from '../../lib/rules/k8s';
import { phiServiceExposure } from '../../lib/rules/k8s/exposure/phi-service-exposure';
import { imagePolicyManifests } from '../helpers/cdk8s';
import { compliantSet } from '../helpers/fixtures';
import { TEST_NOW } from '../helpers/rule-test';
import { samplePack } from '../report/sample';

const FIXTURES = path.join(__dirname, 'fixtures');
const REPO = path.join(__dirname, '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command in-process over the fixtures, with the stand-in pack (fixed rule text). */
function run(args: string[], io: Partial<CliIo> = {}, pack = samplePack): Run {
  let stdout = '';
  let stderr = '';
  const code = hipaaCheck(
    args,
    { cwd: FIXTURES, now: TEST_NOW, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), ...io },
    { pack, toolVersion: '9.9.9', recordGitCommit: false },
  );
  return { code, stdout, stderr };
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-check-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('hipaa-check: results and exit codes', () => {
  test('exits 0 and prints the summary when nothing is found', () => {
    expect(run(['clean.yaml'])).toEqual({
      code: EXIT_PASSED,
      stdout:
        'HIPAA citations: 3 NOT EVIDENCED (164.308(a)(1)(ii)(B), 164.308(a)(8), 164.316(b)(2)(i)), 3 PASS, 16 NOT CHECKED\n' +
        "PASSED: no findings in 1 object checked by 6 rules of the 'sample' pack\n",
      stderr: '',
    });
  });

  test('exits 1 and prints the text report when an error is found', () => {
    const r = run(['failing.yaml']);
    expect(r.code).toBe(EXIT_FAILED);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatchSnapshot();
    // `privileged: yes` is true to Kubernetes (YAML 1.1), so it is found.
    expect(r.stdout).toContain("  error    test-no-privileged  spec.template.spec.containers[0].securityContext.privileged\n           container 'api' is privileged\n");
    expect(r.stdout.trimEnd().split('\n').pop()).toBe("FAILED: 1 error, 1 warning, 0 waived in 2 objects checked by 6 rules of the 'sample' pack");
  });

  test('--fail-on decides which findings fail the check', () => {
    expect(run(['warning.yaml']).code).toBe(EXIT_PASSED);
    expect(run(['warning.yaml', '--fail-on', 'error']).code).toBe(EXIT_PASSED);
    expect(run(['warning.yaml', '--fail-on', 'warning']).code).toBe(EXIT_FAILED);
    expect(run(['warning.yaml', '--fail-on', 'warning']).stdout).toMatch(/^FAILED: 0 errors, 1 warning, 0 waived/m);
    expect(run(['failing.yaml', '--fail-on', 'never']).code).toBe(EXIT_PASSED);
    expect(run(['clean.yaml', '--fail-on', 'warning']).code).toBe(EXIT_PASSED);
  });

  test('reads several paths, directories recursively (.yaml/.yml/.json, Lists expanded), in a stable order', () => {
    const r = run(['--format', 'json', 'dir', 'clean.yaml']);
    expect(r.code).toBe(EXIT_PASSED); // b has a pull-policy warning only
    const report = JSON.parse(r.stdout);
    expect(report.summary.objects).toBe(3);
    expect(report.inputs).toEqual(['dir', 'clean.yaml']);
    expect(report.findings.map((f: any) => `${f.object.name} ${f.source.file}:${f.source.line}`)).toEqual([`b ${path.join('dir', 'sub', 'b.json')}:5`]);
  });

  test('reads standard input for -', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'failing.yaml'), 'utf8');
    const r = run(['-', '--format', 'json'], { readStdin: () => text });
    expect(r.code).toBe(EXIT_FAILED);
    expect(JSON.parse(r.stdout).findings.map((f: any) => `${f.ruleId} ${f.source.file}:${f.source.line}`)).toEqual([
      'test-no-privileged <stdin>:7',
      'test-pull-always <stdin>:7',
    ]);
  });
});

describe('hipaa-check: output formats and report files', () => {
  test('--format json prints the JSON report with the settings used', () => {
    const r = run(['failing.yaml', '--format', 'json']);
    expect(r.code).toBe(EXIT_FAILED);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      version: 1,
      tool: { name: 'hipaa-check', version: '9.9.9' },
      pack: 'sample',
      generatedAt: TEST_NOW.toISOString(),
      inputs: ['failing.yaml'],
      settings: { kubernetesVersion: '1.28', allowedRegistries: [...DEFAULT_ALLOWED_REGISTRIES], failOn: 'error' },
      passed: false,
      summary: { objects: 2, findings: 2, errors: 1, warnings: 1, waived: 0 },
    });
  });

  test('--format sarif prints a SARIF log', () => {
    const log = JSON.parse(run(['failing.yaml', '--format', 'sarif']).stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((x: any) => [x.ruleId, x.level, x.locations[0].physicalLocation.artifactLocation.uri])).toEqual([
      ['test-no-privileged', 'error', 'failing.yaml'],
      ['test-pull-always', 'warning', 'failing.yaml'],
    ]);
  });

  test('--sarif, --json and --markdown write the reports, creating directories, and say so on stderr', () => {
    const sarif = path.join(tmp, 'out', 'deep', 'r.sarif');
    const json = path.join(tmp, 'out', 'r.json');
    const md = path.join(tmp, 'md', 'r.md');
    const r = run(['failing.yaml', '--sarif', sarif, '--json', json, '--markdown', md]);
    expect(r.code).toBe(EXIT_FAILED);
    expect(r.stderr).toBe(
      `hipaa-check: wrote the SARIF report to ${sarif}\n` +
        `hipaa-check: wrote the JSON report to ${json}\n` +
        `hipaa-check: wrote the compliance report to ${md}\n`,
    );
    expect(r.stdout).toBe(run(['failing.yaml']).stdout); // stdout still gets the text report
    expect(JSON.parse(fs.readFileSync(sarif, 'utf8')).runs[0].results).toHaveLength(2);
    expect(fs.readFileSync(json, 'utf8')).toBe(run(['failing.yaml', '--format', 'json']).stdout);
    const markdown = fs.readFileSync(md, 'utf8');
    expect(markdown).toMatch(/^# HIPAA Security Rule compliance report\n/);
    expect(markdown).toContain('| Generated by | hipaa-check 9.9.9 on 2026-06-01T12:00:00.000Z |');
    expect(markdown).toContain('| 164.312(a)(1) | Access control | 1 | 1 | 1 | 0 | 0 | FAIL |');
  });

  test('writes report paths relative to the working directory', () => {
    const r = run(['clean.yaml', '--json', 'r.json'], { cwd: tmp });
    expect(r.code).toBe(EXIT_USAGE); // clean.yaml is not in tmp
    fs.copyFileSync(path.join(FIXTURES, 'clean.yaml'), path.join(tmp, 'clean.yaml'));
    expect(run(['clean.yaml', '--json', 'reports/r.json'], { cwd: tmp }).code).toBe(EXIT_PASSED);
    expect(fs.existsSync(path.join(tmp, 'reports', 'r.json'))).toBe(true);
  });

  test('exits 2 naming the file when a report cannot be written', () => {
    fs.writeFileSync(path.join(tmp, 'file'), '');
    const target = path.join(tmp, 'file', 'r.sarif');
    expect(run(['clean.yaml', '--sarif', target])).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: `hipaa-check: cannot write ${target} (a part of the path is a file)\n`,
    });
  });
});

describe('hipaa-check: options', () => {
  test('--allowed-registry is repeatable and replaces the default', () => {
    const settings = (args: string[]) => JSON.parse(run(['clean.yaml', '--format', 'json', ...args]).stdout).settings.allowedRegistries;
    expect(settings([])).toEqual(['*.dkr.ecr.*.amazonaws.com']);
    expect(settings(['--allowed-registry', 'registry.example', '--allowed-registry', 'ghcr.io/acme/'])).toEqual(['registry.example', 'ghcr.io/acme']);
  });

  test('--allowed-registry refuses a URL and a malformed pattern', () => {
    expect(run(['clean.yaml', '--allowed-registry', 'https://ghcr.io/acme'])).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: "hipaa-check: --allowed-registry 'https://ghcr.io/acme' must be a registry host (and optional path) without a scheme, e.g. ghcr.io/acme\n",
    });
    expect(run(['clean.yaml', '--allowed-registry', 'ghcr.io acme']).stderr).toBe(
      "hipaa-check: --allowed-registry 'ghcr.io acme' is not a registry host with an optional path, e.g. ghcr.io/acme or *.dkr.ecr.*.amazonaws.com\n",
    );
  });

  test('--kubernetes-version takes a minor version, with or without v', () => {
    const version = (v: string) => JSON.parse(run(['clean.yaml', '--format', 'json', '--kubernetes-version', v]).stdout).settings.kubernetesVersion;
    expect(version('1.29')).toBe('1.29');
    expect(version('v1.27')).toBe('1.27');
    expect(run(['clean.yaml', '--kubernetes-version', 'latest'])).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: "hipaa-check: --kubernetes-version must be a minor version such as 1.28 (got 'latest')\n",
    });
  });

  test('--no-unclassified-is-phi: a NodePort in front of a workload without the PHI label fails by default, passes with the flag', () => {
    const file = path.join(tmp, 'unlabelled.yaml');
    fs.writeFileSync(file, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'public', labels: { 'hipaa-constructs.io/phi': 'false' } } },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'public' },
        spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web' }] } } },
      },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'public' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } },
    ].map((o) => yaml.dump(o)).join('---\n'));
    const pack = { name: 'exposure', description: 'exposure', rules: [phiServiceExposure] };
    const failing = run([file, '--format', 'json'], {}, pack);
    expect(failing.code).toBe(EXIT_FAILED);
    expect(JSON.parse(failing.stdout).findings.map((f: any) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([
      "k8s-phi-service-exposure spec.type: type NodePort exposes the Service outside the cluster network, and it selects workload Deployment 'web', " +
        'which is not classified by a hipaa-constructs.io/phi label and so counts as PHI',
    ]);
    expect(run([file, '--no-unclassified-is-phi'], {}, pack).code).toBe(EXIT_PASSED);
    expect(run(['--help']).stdout).toContain('--no-unclassified-is-phi');
    // The JSON report records the settings a PASS rests on.
    const json = JSON.parse(run([file, '--no-unclassified-is-phi', '--min-egress-prefix', 'ipv4=24', '--max-waiver-months', '6', '--format', 'json'], {}, pack).stdout);
    expect(json.settings).toMatchObject({ unclassifiedIsPhi: false, minEgressPrefix: { ipv4: 24, ipv6: 48 }, maxWaiverMonths: 6, defaultNamespace: 'default' });
  });

  test('--waivers applies waivers from a file; waived findings are reported as waived', () => {
    const r = run(['failing.yaml', '--waivers', 'waivers.yaml']);
    expect(r.code).toBe(EXIT_PASSED); // the error is waived; the warning does not fail
    expect(r.stdout).toContain(
      '  waived   test-no-privileged (error)  spec.template.spec.containers[0].securityContext.privileged\n' +
        "           container 'api' is privileged\n" +
        '           waiver: The api needs device access until the driver moves to a DaemonSet (CHG-42). (owner platform-team, ticket CHG-42, expires 2026-12-31)\n',
    );
    expect(r.stdout.trimEnd().split('\n').pop()).toBe("PASSED: 0 errors, 1 warning, 1 waived in 2 objects checked by 6 rules of the 'sample' pack");
  });

  test('--waivers: an expired waiver no longer waives and is itself a finding', () => {
    const r = run(['failing.yaml', '--waivers', 'waivers.yaml', '--format', 'json'], { now: new Date('2027-01-01T00:00:00Z') });
    expect(r.code).toBe(EXIT_FAILED);
    const ids = JSON.parse(r.stdout).findings.map((f: any) => `${f.ruleId} waived=${f.waived}`);
    expect(ids).toEqual(['test-no-privileged waived=false', 'test-pull-always waived=false', 'waiver-expired waived=false']);
  });

  test('--waivers refuses invalid waivers, one line per waiver naming file and line', () => {
    expect(run(['failing.yaml', '--waivers', 'bad-waivers.yaml'])).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr:
        "hipaa-check: bad-waivers.yaml:4: waiver 1 (rule 'test-no-privileged'): reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 6 characters, 1 word); expires must be a date written YYYY-MM-DD (got \"2026-02-30\")\n" +
        "hipaa-check: bad-waivers.yaml:7: waiver 2 (rule 'k8s-nope'): ruleId 'k8s-nope' is not a known rule; unknown field 'target.team' (allowed: kind, namespace, name)\n" +
        'hipaa-check: bad-waivers.yaml:11: waiver 3: ruleId is missing: name the rule being waived, e.g. k8s-read-only-root-filesystem\n' +
        "hipaa-check: bad-waivers.yaml:13: waiver 4 (rule 'test-no-privileged'): reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 30 characters, 1 word); " +
        'expires is missing: give the last day the waiver holds (YYYY-MM-DD, at most 12 months ahead, i.e. 2027-06-01 or earlier), so the accepted risk is evaluated again (45 CFR 164.308(a)(8))\n' +
        "hipaa-check: bad-waivers.yaml:15: waiver 5 (rule 'test-no-privileged'): expires 2027-12-31 is more than 12 months ahead (latest allowed: 2027-06-01): a waiver is evaluated again at least that often (45 CFR 164.308(a)(8)); " +
        'set an earlier date, or raise maxWaiverMonths (hipaa-check: --max-waiver-months) if your review period is longer\n',
    });
  });

  test('--waivers: a waiver may be limited to one container, and the report says so', () => {
    const r = run(['failing.yaml', '--waivers', 'waivers-container.yaml']);
    expect(r.code).toBe(EXIT_PASSED);
    expect(r.stdout).toContain(
      '  waived   test-no-privileged (error)  spec.template.spec.containers[0].securityContext.privileged\n' +
        "           container 'api' is privileged\n" +
        '           waiver: The api needs device access until the driver moves to a DaemonSet (CHG-42). (container api only, expires 2026-12-31)\n',
    );
  });

  test('--max-waiver-months sets how far ahead a waiver may expire', () => {
    // 2027-05-31 is inside 12 months of the run (TEST_NOW, 2026-06-01) but not inside 6.
    const r = run(['failing.yaml', '--waivers', 'waivers-within-a-year.yaml', '--max-waiver-months', '6']);
    expect(r).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr:
        "hipaa-check: waivers-within-a-year.yaml:1: waiver 0 (rule 'test-no-privileged'): expires 2027-05-31 is more than 6 months ahead (latest allowed: 2026-12-01): " +
        'a waiver is evaluated again at least that often (45 CFR 164.308(a)(8)); set an earlier date, or raise maxWaiverMonths (hipaa-check: --max-waiver-months) if your review period is longer\n',
    });
    expect(run(['failing.yaml', '--waivers', 'waivers-within-a-year.yaml']).code).toBe(EXIT_PASSED);
    expect(run(['failing.yaml', '--waivers', 'waivers-within-a-year.yaml', '--max-waiver-months', '12']).code).toBe(EXIT_PASSED);
  });

  test('--max-waiver-months refuses what is not 1 to 36 whole months', () => {
    for (const value of ['0', '37', '1.5', 'twelve']) {
      const shown = /^\d+$/.test(value) ? value : JSON.stringify(value);
      expect(run(['failing.yaml', '--max-waiver-months', value])).toEqual({
        code: EXIT_USAGE,
        stdout: '',
        stderr: `hipaa-check: --max-waiver-months: maxWaiverMonths must be a whole number of months from 1 to 36 (got ${shown}): waivers are evaluated again at least that often (45 CFR 164.308(a)(8))\n`,
      });
    }
  });

  test('--max-waiver-months applies to waivers in annotations too', () => {
    const r = run(['annotated-far-waiver.yaml', '--format', 'json', '--max-waiver-months', '3']);
    expect(r.code).toBe(EXIT_FAILED);
    expect(JSON.parse(r.stdout).findings.map((f: any) => `${f.ruleId} waived=${f.waived}: ${f.message}`)).toEqual([
      'test-no-privileged waived=false: container \'api\' is privileged',
      'waiver-invalid waived=false: waiver 0: expires 2027-03-01 is more than 3 months ahead (latest allowed: 2026-09-01): a waiver is evaluated again at least that often (45 CFR 164.308(a)(8)); ' +
        'set an earlier date, or raise maxWaiverMonths (hipaa-check: --max-waiver-months) if your review period is longer',
    ]);
    expect(run(['annotated-far-waiver.yaml']).code).toBe(EXIT_PASSED);
  });

  test('--waivers refuses a file that is missing or not a list', () => {
    expect(run(['failing.yaml', '--waivers', 'nope.yaml']).stderr).toBe('hipaa-check: nope.yaml: cannot read the waivers file (no such file)\n');
    expect(run(['failing.yaml', '--waivers', 'clean.yaml'])).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: 'hipaa-check: clean.yaml:2: a waivers file must be a list of waivers (each with ruleId and reason), got a mapping\n',
    });
    expect(run(['failing.yaml', '--waivers', 'broken.yaml']).stderr).toMatch(/^hipaa-check: broken\.yaml:5: not valid YAML: /);
  });

  test('--help and --version exit 0', () => {
    const help = run(['--help']);
    expect(help.code).toBe(EXIT_PASSED);
    expect(help.stdout).toMatch(/^Usage: hipaa-check \[options\] <paths\.\.\.>/);
    for (const option of ['--format', '--sarif', '--json', '--markdown', '--allowed-registry', '--waivers', '--kubernetes-version', '--fail-on']) {
      expect(help.stdout).toContain(option);
    }
    expect(run(['--version'])).toEqual({ code: EXIT_PASSED, stdout: '9.9.9\n', stderr: '' });
  });
});

describe('hipaa-check: bad usage and unreadable input exit 2 with a message naming the file', () => {
  test('a missing file is reported, the other files are still checked, and the exit code is 2', () => {
    const r = run(['clean.yaml', 'missing.yaml']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toBe('hipaa-check: missing.yaml: cannot read it (no such file or directory)\n');
    expect(r.stdout).toContain('Input that could not be read (its objects were not checked):\n  missing.yaml: cannot read it (no such file or directory)\n');
    expect(r.stdout).toMatch(/\nFAILED: no findings in 1 object checked by 6 rules of the 'sample' pack; 1 input problem: not everything was checked\n$/);
  });

  test('invalid YAML', () => {
    const r = run(['broken.yaml']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toMatch(/^hipaa-check: broken\.yaml:5: not valid YAML: [^\n]+\n$/);
  });

  test('a document that is not an object', () => {
    expect(run(['not-an-object.yaml']).stderr).toBe(
      "hipaa-check: not-an-object.yaml:5: not a Kubernetes object: expected a mapping with 'apiVersion' and 'kind', got a list; " +
        "to give several objects, separate documents with '---' or use 'kind: List' with 'items'\n",
    );
  });

  test('input with no objects', () => {
    expect(run(['empty.yaml'])).toEqual({ code: EXIT_USAGE, stdout: '', stderr: 'hipaa-check: found no Kubernetes objects, Dockerfiles, Compose services or daemon.json in empty.yaml\n' });
    fs.mkdirSync(path.join(tmp, 'none'));
    expect(run(['none'], { cwd: tmp }).stderr).toBe('hipaa-check: none: no .yaml/.yml/.json files, Dockerfiles, Compose files or daemon.json in this directory\n');
  });

  test('no paths, an unknown option, a bad choice', () => {
    const none = run([]);
    expect(none.code).toBe(EXIT_USAGE);
    expect(none.stderr.split('\n')[0]).toBe("hipaa-check: missing required argument 'paths'");
    const unknown = run(['clean.yaml', '--formt', 'json']);
    expect(unknown.code).toBe(EXIT_USAGE);
    expect(unknown.stderr.split('\n')[0]).toBe("hipaa-check: unknown option '--formt'");
    const choice = run(['clean.yaml', '--format', 'xml']);
    expect(choice.code).toBe(EXIT_USAGE);
    expect(choice.stderr.split('\n')[0]).toBe("hipaa-check: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif.");
    expect(run(['clean.yaml', '--fail-on', 'info']).code).toBe(EXIT_USAGE);
  });

  test('a rule that throws is reported, not a crash', () => {
    const pack = {
      name: 'broken',
      description: 'a rule that throws',
      rules: [{ ...samplePack.rules[0], check: () => { throw new Error('boom'); } }],
    };
    const r = run(['clean.yaml', '--format', 'json'], {}, pack);
    expect(r.code).toBe(EXIT_FAILED);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: any) => [f.ruleId, f.object.name, f.severity, f.message])).toEqual([
      ['engine-rule-error', 'web', 'error', "rule 'test-no-privileged' failed on this object and did not check it: boom"],
    ]);
    // The citations of the failing rule are FAIL, not PASS.
    expect(report.citations.find((c: any) => c.id === '164.312(a)(1)').status).toBe('FAIL');
  });
});

describe('hipaa-check with the full Kubernetes pack', () => {
  function writeSet(objects: object[]): string {
    const file = path.join(tmp, 'set.yaml');
    fs.writeFileSync(file, objects.map((o) => yaml.dump(o)).join('---\n'));
    return file;
  }

  function runFull(args: string[]): Run {
    let stdout = '';
    let stderr = '';
    const code = hipaaCheck(args, { now: TEST_NOW, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    return { code, stdout, stderr };
  }

  test('passes the compliant fixture set with the image policy that covers its namespace (exit 0)', () => {
    const r = runFull([writeSet([...compliantSet(), ...imagePolicyManifests()])]);
    expect(r.stdout).toMatch(/\nPASSED: no findings in 8 objects checked by \d+ rules of the 'kubernetes' pack\n$/);
    expect(r.code).toBe(EXIT_PASSED);
  });

  test('fails a privileged container (exit 1) and names the rule', () => {
    const set = compliantSet() as any[];
    set[3].spec.template.spec.containers[0].securityContext.privileged = true;
    const r = runFull([writeSet(set), '--format', 'json']);
    expect(r.code).toBe(EXIT_FAILED);
    const report = JSON.parse(r.stdout);
    expect(report.pack).toBe('kubernetes');
    expect(report.findings.map((f: any) => f.ruleId)).toContain('k8s-privileged');
  });
});

describe('the hipaa-check program', () => {
  test('starts with a node shebang so the compiled file runs as a bin', () => {
    const source = fs.readFileSync(path.join(REPO, 'lib', 'cli', 'hipaa-check.ts'), 'utf8');
    expect(source.split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  test('runs through ts-node --transpile-only (as the example task does) and exits with the check result', () => {
    const bin = path.join(REPO, 'node_modules', '.bin', 'ts-node');
    const cli = path.join(REPO, 'lib', 'cli', 'hipaa-check.ts');
    const fail = spawnSync(bin, ['--transpile-only', cli, path.join(FIXTURES, 'failing.yaml'), '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
    expect(fail.stderr).toBe('');
    expect(fail.status).toBe(EXIT_FAILED);
    expect(JSON.parse(fail.stdout).pack).toBe('kubernetes');
    const usage = spawnSync(bin, ['--transpile-only', cli, path.join(FIXTURES, 'missing.yaml')], { cwd: REPO, encoding: 'utf8' });
    expect(usage.status).toBe(EXIT_USAGE);
    expect(usage.stderr).toBe(`hipaa-check: ${path.join(FIXTURES, 'missing.yaml')}: cannot read it (no such file or directory)\n`);
  });
});

describe('hipaa-check: --min-egress-prefix (k8s-phi-open-egress)', () => {
  /** The compliant set plus a policy letting the PHI api send to `cidr`, written to a temp file. */
  function withEgressTo(cidr: string): string {
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'api-egress', namespace: 'clinic' },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr } }], ports: [{ port: 5432, protocol: 'TCP' }] }],
      },
    };
    const file = path.join(tmp, 'egress.yaml');
    fs.writeFileSync(file, [...compliantSet(), policy].map((o) => yaml.dump(o)).join('---\n'));
    return file;
  }
  const full = (args: string[]) => run(args, {}, kubernetesPack);

  test('a /16 passes by default and fails under ipv4=24', () => {
    const file = withEgressTo('10.20.0.0/16');
    expect(full([file]).code).toBe(EXIT_PASSED);
    const r = full([file, '--min-egress-prefix', 'ipv4=24']);
    expect(r.code).toBe(EXIT_FAILED);
    expect(r.stdout).toContain('allows egress to 10.20.0.0/16, wider than the /24 allowed for IPv4 (minEgressPrefix.ipv4)');
  });

  test('an IPv6 limit alone leaves the IPv4 default in place', () => {
    expect(full([withEgressTo('10.0.0.0/8'), '--min-egress-prefix', 'ipv6=64']).code).toBe(EXIT_FAILED);
    expect(full([withEgressTo('2001:db8:1::/56'), '--min-egress-prefix', 'ipv4=24,ipv6=56']).code).toBe(EXIT_PASSED);
    expect(full([withEgressTo('2001:db8:1::/56'), '--min-egress-prefix', 'ipv6=64']).code).toBe(EXIT_FAILED);
  });

  test.each([
    ['24', "hipaa-check: --min-egress-prefix must be ipv4=<0-32> and/or ipv6=<0-128>, comma-separated, e.g. ipv4=24,ipv6=64 (got '24')\n"],
    ['ipv4=24,ipv4=16', "hipaa-check: --min-egress-prefix must be ipv4=<0-32> and/or ipv6=<0-128>, comma-separated, e.g. ipv4=24,ipv6=64 (got 'ipv4=24,ipv4=16')\n"],
    ['ipv4=40', 'hipaa-check: --min-egress-prefix: ipv4: must be a whole number from 0 to 32 (a prefix length, e.g. 16), got 40\n'],
  ])('refuses %s with exit 2', (value, stderr) => {
    expect(run(['clean.yaml', '--min-egress-prefix', value])).toEqual({ code: EXIT_USAGE, stdout: '', stderr });
  });
});
