import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliIo, EXIT_FAILED, EXIT_PASSED, EXIT_USAGE, hipaaCheck } from '../../lib/cli/hipaa-check';
import { TEST_NOW } from '../helpers/rule-test';
import { sarifValidator } from '../helpers/sarif-schema';
import { samplePack } from '../report/sample';

const FIXTURES = path.join(__dirname, 'fixtures');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-baseline-'));
  for (const f of ['failing.yaml', 'clean.yaml', 'waivers.yaml', 'broken.yaml']) fs.copyFileSync(path.join(FIXTURES, f), path.join(tmp, f));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs the command in-process in the temporary directory, with the stand-in pack (fixed rule text). */
function run(args: string[], io: Partial<CliIo> = {}): Run {
  let stdout = '';
  let stderr = '';
  const code = hipaaCheck(
    args,
    { cwd: tmp, now: TEST_NOW, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), ...io },
    { pack: samplePack, toolVersion: '9.9.9', recordGitCommit: false },
  );
  return { code, stdout, stderr };
}

const read = (f: string) => fs.readFileSync(path.join(tmp, f), 'utf8');
const write = (f: string, text: string) => fs.writeFileSync(path.join(tmp, f), text);

const PRIVILEGED = 'spec.template.spec.containers[0].securityContext.privileged';
const PULL = 'spec.template.spec.containers[0].imagePullPolicy';

/** The baseline `--write-baseline` writes for failing.yaml at TEST_NOW. */
const WRITTEN = `{
  "version": 1,
  "tool": "hipaa-check",
  "created": "2026-06-01",
  "expires": "2027-06-01",
  "entries": [
    {
      "rule": "test-no-privileged",
      "kind": "Deployment",
      "namespace": "clinic",
      "name": "api",
      "path": "${PRIVILEGED}",
      "count": 1,
      "message": "container 'api' is privileged"
    },
    {
      "rule": "test-pull-always",
      "kind": "Deployment",
      "namespace": "clinic",
      "name": "api",
      "path": "${PULL}",
      "count": 1,
      "message": "container 'api' uses imagePullPolicy: IfNotPresent | not Always"
    }
  ]
}
`;

/** A second file with a new finding: another privileged Deployment. */
const NEW_FINDING = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: clinic
spec:
  template:
    spec:
      containers:
        - name: worker
          image: registry.example/worker:1.0
          imagePullPolicy: Always
          securityContext:
            privileged: true
`;

const STALE_ENTRY = { rule: 'test-no-privileged', kind: 'Deployment', namespace: 'clinic', name: 'retired', path: PRIVILEGED, count: 1 };

function writeBaselineWithStale(): void {
  const doc = JSON.parse(WRITTEN);
  doc.entries.push(STALE_ENTRY);
  write('.hipaa-baseline.json', JSON.stringify(doc, null, 2));
}

describe('hipaa-check --write-baseline', () => {
  test('writes the open findings, says so, and exits 0 as if the baseline were applied', () => {
    const r = run(['failing.yaml', '--write-baseline', '.hipaa-baseline.json']);
    expect(r.code).toBe(EXIT_PASSED);
    expect(r.stderr).toBe(
      'hipaa-check: wrote the baseline to .hipaa-baseline.json: 2 entries accepting 2 findings until 2027-06-01; the exit code counts them as accepted\n',
    );
    expect(read('.hipaa-baseline.json')).toBe(WRITTEN);
    // The reports show the run as checked: what the written file accepts.
    expect(r.stdout.trimEnd().split('\n').pop()).toBe("FAILED: 1 error, 1 warning, 0 waived in 2 objects checked by 6 rules of the 'sample' pack");
  });

  test('waived findings are left out (a waiver takes precedence)', () => {
    const r = run(['failing.yaml', '--waivers', 'waivers.yaml', '--write-baseline', 'b.json']);
    expect(r.code).toBe(EXIT_PASSED);
    expect(JSON.parse(read('b.json')).entries.map((e: any) => e.rule)).toEqual(['test-pull-always']);
  });

  test('input that could not be read still exits 2', () => {
    const r = run(['failing.yaml', 'broken.yaml', '--write-baseline', 'b.json']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(JSON.parse(read('b.json')).entries).toHaveLength(2);
  });

  test('with --baseline: keeps the entries that still match, drops the stale ones', () => {
    writeBaselineWithStale();
    const r = run(['failing.yaml', '--baseline', '.hipaa-baseline.json', '--write-baseline', '.hipaa-baseline.json']);
    expect(r.code).toBe(EXIT_PASSED);
    expect(r.stderr).toBe(
      'hipaa-check: wrote the baseline to .hipaa-baseline.json: 2 entries accepting 2 findings until 2027-06-01, ' +
        'without the 1 stale entry of .hipaa-baseline.json; the exit code counts them as accepted\n',
    );
    expect(read('.hipaa-baseline.json')).toBe(WRITTEN);
  });

  test('a file that cannot be written is a usage error', () => {
    write('file', '');
    const r = run(['failing.yaml', '--write-baseline', 'file/b.json']);
    expect(r).toEqual({ code: EXIT_USAGE, stdout: '', stderr: 'hipaa-check: cannot write file/b.json (a part of the path is a file)\n' });
  });
});

describe('hipaa-check --baseline', () => {
  beforeEach(() => write('.hipaa-baseline.json', WRITTEN));

  test('round trip: the same input passes; the baselined findings are in every report', () => {
    const r = run(['failing.yaml', '--baseline', '.hipaa-baseline.json', '--json', 'r.json', '--sarif', 'r.sarif', '--markdown', 'r.md']);
    expect(r.stderr).toBe(
      'hipaa-check: wrote the SARIF report to r.sarif\nhipaa-check: wrote the JSON report to r.json\nhipaa-check: wrote the compliance report to r.md\n',
    );
    expect(r.code).toBe(EXIT_PASSED);
    expect(r.stdout).toContain(
      `  baseline test-no-privileged (error)  ${PRIVILEGED}\n           container 'api' is privileged\n` +
        '           baselined until 2027-06-01 (.hipaa-baseline.json); fix: Remove securityContext.privileged.\n',
    );
    expect(r.stdout.trimEnd().split('\n').pop()).toBe(
      "PASSED: 0 new errors, 0 new warnings, 2 baselined, 0 waived in 2 objects checked by 6 rules of the 'sample' pack",
    );
    const json = JSON.parse(read('r.json'));
    expect(json.passed).toBe(true);
    expect(json.summary).toMatchObject({ findings: 2, errors: 0, warnings: 0, waived: 0, baselined: 2 });
    expect(json.baseline).toEqual({ file: '.hipaa-baseline.json', created: '2026-06-01', expires: '2027-06-01', entries: 2, expired: false });
    expect(json.staleBaseline).toEqual([]);
    expect(json.findings.map((f: any) => f.baselined)).toEqual([
      { file: '.hipaa-baseline.json', created: '2026-06-01', expires: '2027-06-01' },
      { file: '.hipaa-baseline.json', created: '2026-06-01', expires: '2027-06-01' },
    ]);
    const sarif = JSON.parse(read('r.sarif'));
    expect(sarif.runs[0].results.map((x: any) => x.baselineState)).toEqual(['unchanged', 'unchanged']);
    const validate = sarifValidator();
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    const md = read('r.md');
    expect(md).toContain('**Result: PASSED**: 0 open errors, 0 open warnings, 2 baselined findings and 0 waived findings');
    expect(md).toContain('## Baseline');
  });

  test('a new finding fails with exit 1; the baselined ones are still reported', () => {
    write('new.yaml', NEW_FINDING);
    const r = run(['failing.yaml', 'new.yaml', '--baseline', '.hipaa-baseline.json', '--format', 'json', '--sarif', 'r.sarif']);
    expect(r.code).toBe(EXIT_FAILED);
    expect(r.stderr).toBe('hipaa-check: wrote the SARIF report to r.sarif\n');
    const json = JSON.parse(r.stdout);
    expect(json.passed).toBe(false);
    expect(json.summary).toMatchObject({ errors: 1, warnings: 0, baselined: 2 });
    expect(json.findings.map((f: any) => `${f.object.name} ${f.ruleId} ${f.baselined ? 'baselined' : 'new'}`)).toEqual([
      'api test-no-privileged baselined',
      'api test-pull-always baselined',
      'worker test-no-privileged new',
    ]);
    const sarif = JSON.parse(read('r.sarif'));
    expect(sarif.runs[0].results.map((x: any) => `${x.ruleId} ${x.baselineState}`)).toEqual([
      'test-no-privileged unchanged',
      'test-pull-always unchanged',
      'test-no-privileged new',
    ]);
  });

  test('--fail-on warning: baselined warnings do not fail, new ones do', () => {
    expect(run(['failing.yaml', '--baseline', '.hipaa-baseline.json', '--fail-on', 'warning']).code).toBe(EXIT_PASSED);
    write('.hipaa-baseline.json', WRITTEN.replace(/,\n    \{\n      "rule": "test-pull-always"[^}]*\}/, ''));
    expect(JSON.parse(read('.hipaa-baseline.json')).entries).toHaveLength(1);
    expect(run(['failing.yaml', '--baseline', '.hipaa-baseline.json', '--fail-on', 'warning']).code).toBe(EXIT_FAILED);
    expect(run(['failing.yaml', '--baseline', '.hipaa-baseline.json']).code).toBe(EXIT_PASSED);
  });

  test('moving the object to another file and line keeps its entry', () => {
    fs.mkdirSync(path.join(tmp, 'moved'));
    write('moved/app.yaml', '# moved here\n---\n' + read('failing.yaml'));
    const r = run(['moved/app.yaml', '--baseline', '.hipaa-baseline.json', '--format', 'json']);
    expect(r.code).toBe(EXIT_PASSED);
    expect(JSON.parse(r.stdout).findings.map((f: any) => `${f.source.file}:${f.source.line} ${f.baselined !== null}`)).toEqual([
      `${path.join('moved', 'app.yaml')}:9 true`,
      `${path.join('moved', 'app.yaml')}:9 true`,
    ]);
  });

  test('a waiver takes precedence over the baseline', () => {
    const r = run(['failing.yaml', '--baseline', '.hipaa-baseline.json', '--waivers', 'waivers.yaml', '--format', 'json']);
    // The waived finding uses no entry, so that entry is stale.
    expect(r.code).toBe(EXIT_FAILED);
    const json = JSON.parse(r.stdout);
    expect(json.findings.map((f: any) => `${f.ruleId} ${f.waived} ${f.baselined !== null}`)).toEqual(['test-no-privileged true false', 'test-pull-always false true']);
    expect(json.staleBaseline.map((e: any) => e.rule)).toEqual(['test-no-privileged']);
  });

  test('an expired baseline accepts nothing: every finding stands, and stderr says so', () => {
    const r = run(['failing.yaml', '--baseline', '.hipaa-baseline.json'], { now: new Date('2027-06-02T00:00:00Z') });
    expect(r.code).toBe(EXIT_FAILED);
    expect(r.stderr).toBe(
      'hipaa-check: the baseline .hipaa-baseline.json expired on 2027-06-01: its 2 entries are no longer accepted and every finding stands; ' +
        'review them and write a new baseline with --write-baseline\n',
    );
    expect(r.stdout).toContain('Baseline .hipaa-baseline.json expired on 2027-06-01: it accepts nothing; review its entries and write a new one.\n');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe("FAILED: 1 new error, 1 new warning, 0 baselined, 0 waived in 2 objects checked by 6 rules of the 'sample' pack");
    // The last day it holds, it still accepts.
    expect(run(['failing.yaml', '--baseline', '.hipaa-baseline.json'], { now: new Date('2027-06-01T23:59:59Z') }).code).toBe(EXIT_PASSED);
  });

  test('a bad baseline file is a usage error naming the file, entry and field', () => {
    write('bad.json', JSON.stringify({ version: 1, created: '2026-06-01', expires: '2028-01-01', entries: [{ rule: 'r', kind: 'Deployment', name: 'a', path: 'p', count: 0 }] }));
    expect(run(['failing.yaml', '--baseline', 'bad.json'])).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr:
        'hipaa-check: baseline bad.json: expires 2028-01-01 is more than 12 months after created 2026-06-01 (latest allowed: 2027-06-01): ' +
        'accepted findings come back for review at least that often (45 CFR 164.308(a)(8)); set an earlier date\n' +
        "hipaa-check: baseline bad.json: entries[0] (rule 'r'): count must be a whole number of 1 or more (got 0)\n",
    });
    expect(run(['failing.yaml', '--baseline', 'missing.json'])).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: 'hipaa-check: baseline missing.json: cannot be read (no such file); give the file --write-baseline wrote, or write a new one with hipaa-check --write-baseline <file>\n',
    });
  });
});

describe('stale baseline entries', () => {
  beforeEach(writeBaselineWithStale);

  const STALE_STDERR =
    "hipaa-check: stale baseline entry: rule 'test-no-privileged' on Deployment clinic/retired at '" + PRIVILEGED + "' matches no finding\n";

  test('fail the run (exit 1), named on stderr and in every report', () => {
    const r = run(['failing.yaml', '--baseline', '.hipaa-baseline.json', '--json', 'r.json', '--sarif', 'r.sarif', '--markdown', 'r.md']);
    expect(r.code).toBe(EXIT_FAILED);
    expect(r.stderr.split('\n').slice(3).join('\n')).toBe(
      STALE_STDERR +
        'hipaa-check: 1 baseline entry matches no finding any more (fixed, or the object is gone); remove it with --prune-baseline (or pass --allow-stale-baseline)\n',
    );
    expect(r.stdout).toContain(
      'Stale baseline entries in .hipaa-baseline.json (they match no finding any more: fixed, or the object is gone; prune them):\n' +
        `  test-no-privileged  Deployment clinic/retired  ${PRIVILEGED}\n`,
    );
    expect(r.stdout.trimEnd().split('\n').pop()).toBe(
      "PASSED: 0 new errors, 0 new warnings, 2 baselined, 0 waived in 2 objects checked by 6 rules of the 'sample' pack; 1 stale baseline entry",
    );
    expect(JSON.parse(read('r.json')).staleBaseline).toEqual([{ ...STALE_ENTRY, message: null }]);
    const sarif = JSON.parse(read('r.sarif'));
    expect(sarif.runs[0].properties.baseline.stale).toEqual([STALE_ENTRY]);
    const validate = sarifValidator();
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    expect(read('r.md')).toContain(`### Stale baseline entries\n\nThese entries match no finding any more (fixed, or the object is gone); they fail the check until they are pruned (hipaa-check --prune-baseline).\n\n| Rule | Object | Field | Count |\n|---|---|---|---:|\n| \`test-no-privileged\` | Deployment clinic/retired | \`${PRIVILEGED}\` | 1 |\n`);
  });

  test('an entry of a rule that did not run (a BAA rule without --baa-register) says so, not only "fixed, or the object is gone"', () => {
    const baseline = JSON.parse(WRITTEN);
    baseline.entries.push({ rule: 'baa-image-registry', kind: 'Deployment', namespace: 'clinic', name: 'api', path: 'spec.template.spec.containers[0].image', count: 1 });
    write('b.json', JSON.stringify(baseline));
    const r = run(['failing.yaml', '--baseline', 'b.json']);
    expect(r.code).toBe(EXIT_FAILED);
    expect(r.stderr).toBe(
      "hipaa-check: stale baseline entry: rule 'baa-image-registry' on Deployment clinic/api at 'spec.template.spec.containers[0].image' matches no finding: " +
        "rule 'baa-image-registry' did not run in this check (the BAA rules run only with --baa-register <file>)\n" +
        'hipaa-check: 1 baseline entry matches no finding any more (fixed, or the object is gone); remove it with --prune-baseline (or pass --allow-stale-baseline); ' +
        'but it is of a rule that did not run: give the options the baseline was written with instead\n',
    );
  });

  test('--allow-stale-baseline: still reported, do not fail', () => {
    const r = run(['failing.yaml', '--baseline', '.hipaa-baseline.json', '--allow-stale-baseline']);
    expect(r.code).toBe(EXIT_PASSED);
    expect(r.stderr).toBe(
      STALE_STDERR + 'hipaa-check: 1 baseline entry matches no finding any more (fixed, or the object is gone); remove it with --prune-baseline\n',
    );
  });

  test('--prune-baseline: rewrites the file without them (it only shrinks) and does not fail', () => {
    const r = run(['failing.yaml', '--baseline', '.hipaa-baseline.json', '--prune-baseline']);
    expect(r.code).toBe(EXIT_PASSED);
    expect(r.stderr).toBe(STALE_STDERR + 'hipaa-check: removed 1 stale entry from .hipaa-baseline.json\n');
    expect(read('.hipaa-baseline.json')).toBe(WRITTEN);
    // Nothing stale any more: the file is left as it is.
    const again = run(['failing.yaml', '--baseline', '.hipaa-baseline.json', '--prune-baseline']);
    expect(again).toMatchObject({ code: EXIT_PASSED, stderr: '' });
    expect(read('.hipaa-baseline.json')).toBe(WRITTEN);
  });

  test('--prune-baseline never adds: a new finding still fails, and is not written', () => {
    write('new.yaml', NEW_FINDING);
    const r = run(['failing.yaml', 'new.yaml', '--baseline', '.hipaa-baseline.json', '--prune-baseline']);
    expect(r.code).toBe(EXIT_FAILED);
    expect(read('.hipaa-baseline.json')).toBe(WRITTEN);
  });
});

describe('baseline options that do not go together', () => {
  test.each([
    [['--prune-baseline'], 'hipaa-check: --prune-baseline rewrites the file given with --baseline <file>; give that too\n'],
    [['--allow-stale-baseline'], 'hipaa-check: --allow-stale-baseline applies to the file given with --baseline <file>; give that too\n'],
    [
      ['--baseline', 'b.json', '--prune-baseline', '--write-baseline', 'b.json'],
      'hipaa-check: --write-baseline already leaves out the stale entries of --baseline; drop --prune-baseline\n',
    ],
  ])('%j', (args, stderr) => {
    expect(run(['failing.yaml', ...args])).toEqual({ code: EXIT_USAGE, stdout: '', stderr });
  });

  test.each([
    [['--html', 'reports/'], 'hipaa-check: --html reports/: is a directory; give a file path, e.g. --html reports/hipaa-compliance.html\n'],
    [['--junit', 'out'], 'hipaa-check: --junit out: is a directory; give a file path, e.g. --junit out/hipaa-junit.xml\n'],
    [['--write-baseline', 'out'], 'hipaa-check: --write-baseline out: is a directory; give a file path, e.g. --write-baseline out/.hipaa-baseline.json\n'],
  ])('a report or baseline path that names a directory is refused before anything is written: %j', (args, stderr) => {
    fs.mkdirSync(path.join(tmp, 'out'));
    expect(run(['failing.yaml', '--sarif', 'r.sarif', ...args])).toEqual({ code: EXIT_USAGE, stdout: '', stderr });
    // Not `reports` written as a file (the trailing slash dropped), nor the SARIF report.
    expect(fs.readdirSync(tmp).sort()).toEqual(['broken.yaml', 'clean.yaml', 'failing.yaml', 'out', 'waivers.yaml']);
  });

  test('--help describes the baseline options', () => {
    const r = run(['--help']);
    expect(r.stdout).toContain('--baseline <file>');
    expect(r.stdout).toContain('--write-baseline <file>');
    expect(r.stdout).toContain('--prune-baseline');
    expect(r.stdout).toContain('--allow-stale-baseline');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('an expired baseline accepts nothing');
  });
});
