import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readDaemonConfig } from '../../../lib/check/docker/daemon-json';
import type { ManifestError } from '../../../lib/check/manifest-error';
import { readManifestSet } from '../../../lib/check/manifests';
import { EXIT_FAILED, EXIT_USAGE, hipaaCheck } from '../../../lib/cli/hipaa-check';
import { daemonText } from '../../helpers/daemon-rules';
import { TEST_NOW, TEST_SOON } from '../../helpers/rule-test';

function read(text: string, file = 'etc/docker/daemon.json') {
  const problems: ManifestError[] = [];
  const resources = readDaemonConfig(text, file, problems);
  return { resources, problems: problems.map((p) => p.message) };
}

const STRICT = 'dockerd reads daemon.json as strict JSON (no comments, no trailing commas)';

describe('readDaemonConfig', () => {
  test('reads one docker:DaemonConfig named by the file, with the line of every key, nested key and list element', () => {
    const text = `{
  "hosts": [
    "fd://",
    "tcp://10.0.0.5:2376"
  ],
  "log-driver": "syslog",
  "log-opts": {
    "syslog-address": "tcp+tls://logs.example.com:6514"
  },
  "labels": ["a.b=c"],
  "default-ulimits": {"nofile": {"Name": "nofile", "Hard": 10, "Soft": 10}}
}
`;
    const { resources, problems } = read(text);
    expect(problems).toEqual([]);
    expect(resources).toEqual([
      {
        kind: 'docker:DaemonConfig',
        name: 'etc/docker/daemon.json',
        body: JSON.parse(text),
        source: { file: 'etc/docker/daemon.json', line: 1 },
        lines: {
          'hosts': 2,
          'hosts[0]': 3,
          'hosts[1]': 4,
          'log-driver': 6,
          'log-opts': 7,
          'log-opts.syslog-address': 8,
          'labels': 10,
          'labels[0]': 10,
          'default-ulimits': 11,
          'default-ulimits.nofile': 11,
          'default-ulimits.nofile.Name': 11,
          'default-ulimits.nofile.Hard': 11,
          'default-ulimits.nofile.Soft': 11,
        },
      },
    ]);
  });

  test('quotes keys a dot would split, and keeps "__proto__" an own key as dockerd sees it', () => {
    const { resources } = read('{\n  "features": {"containerd-snapshotter": true},\n  "x.y": 1,\n  "__proto__": {"icc": false}\n}');
    const lines = resources[0].lines!;
    expect(Object.entries(lines)).toEqual([['features', 2], ['features.containerd-snapshotter', 2], ['["x.y"]', 3], ['__proto__', 4], ['__proto__.icc', 4]]);
    expect(lines.constructor).toBeUndefined();
    expect(Object.keys(resources[0].body)).toEqual(['features', 'x.y', '__proto__']);
    expect((resources[0].body as any).icc).toBeUndefined();
  });

  test('ignores a UTF-8 byte order mark, and reads an empty file as dockerd does: no options, its defaults', () => {
    expect(read('\uFEFF{"icc": false}').resources[0].body).toEqual({ icc: false });
    expect(read('  \n').resources).toEqual([
      { kind: 'docker:DaemonConfig', name: 'etc/docker/daemon.json', body: {}, source: { file: 'etc/docker/daemon.json', line: 1 }, lines: {} },
    ]);
  });

  test('refuses what dockerd refuses, with the file and line: comments, trailing commas, single quotes, raw tabs, a second value', () => {
    expect(read('{\n  "icc": false, // no inter-container traffic\n  "live-restore": true\n}').problems).toEqual([`etc/docker/daemon.json:2: not valid JSON: a comment (JSON has none); ${STRICT}`]);
    expect(read('{\n  "hosts": [\n    "fd://",\n  ]\n}').problems).toEqual([`etc/docker/daemon.json:4: not valid JSON: a value is expected (a trailing comma?); ${STRICT}`]);
    expect(read('{\n  "icc": false,\n}').problems).toEqual([`etc/docker/daemon.json:3: not valid JSON: a property name in double quotes is expected (a trailing comma?); ${STRICT}`]);
    expect(read("{'icc': false}").problems).toEqual([`etc/docker/daemon.json:1: not valid JSON: an unexpected character (a comment, a single quote or an unquoted word?); ${STRICT}`]);
    expect(read('{"log-opts": {"tag": "a\tb"}}').problems).toEqual([`etc/docker/daemon.json:1: not valid JSON: a raw control character (tab, new line) inside a string; ${STRICT}`]);
    expect(read('{"icc": false}\n{"icc": true}').problems).toEqual([`etc/docker/daemon.json:2: not valid JSON: the file goes on after the object; ${STRICT}`]);
    expect(read('{"icc": false').resources).toEqual([]);
  });

  test('refuses a file that is not one object', () => {
    expect(read('[{"icc": false}]').problems).toEqual(['etc/docker/daemon.json:1: daemon.json must be a JSON object of daemon options ({"icc": false, ...}), got a list']);
    expect(read('\n"icc"').problems).toEqual(['etc/docker/daemon.json:2: daemon.json must be a JSON object of daemon options ({"icc": false, ...}), got a string']);
    expect(read('null').problems).toEqual(['etc/docker/daemon.json:1: daemon.json must be a JSON object of daemon options ({"icc": false, ...}), got null']);
  });

  test('refuses a key given twice (dockerd keeps the last silently), also inside an object, at the second one', () => {
    expect(read('{\n  "icc": false,\n  "live-restore": true,\n  "icc": true\n}').problems).toEqual([
      'etc/docker/daemon.json:4: key "icc" is given twice (first on line 2): dockerd silently keeps the last value while a reader sees the first; keep one',
    ]);
    expect(read('{\n  "log-opts": {\n    "syslog-address": "tcp+tls://a:6514",\n    "syslog-address": "udp://b:514"\n  }\n}').problems).toEqual([
      'etc/docker/daemon.json:4: key "syslog-address" is given twice in log-opts (first on line 3): dockerd silently keeps the last value while a reader sees the first; keep one',
    ]);
    // The same key in two different objects is not a duplicate.
    expect(read('{"a": {"x": 1}, "b": {"x": 2}}').problems).toEqual([]);
  });
});

describe('daemon.json in hipaa-check', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'daemon-json-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function run(args: string[]) {
    let stdout = '';
    let stderr = '';
    const io = { cwd: tmp, now: TEST_NOW, stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s) };
    const code = hipaaCheck(args, io, { recordGitCommit: false });
    return { code, stdout, stderr };
  }

  test('is found by name in a directory and read by the daemon.json reader', () => {
    fs.mkdirSync(path.join(tmp, 'host'));
    fs.writeFileSync(path.join(tmp, 'host', 'daemon.json'), daemonText());
    const set = readManifestSet(['.'], { cwd: tmp });
    expect(set.resources.map((r) => [r.kind, r.name])).toEqual([['docker:DaemonConfig', path.join('host', 'daemon.json')]]);
  });

  test('is waived through the waivers file, targeted at kind docker:DaemonConfig and the file as given', () => {
    fs.writeFileSync(path.join(tmp, 'daemon.json'), daemonText({ 'live-restore': undefined, 'userns-remap': undefined }));
    const waivers = (name: string) =>
      `- ruleId: docker-daemon-userns-remap\n  reason: The legacy scanner image writes files as root into a shared host volume; remap planned in OPS-7.\n  expires: ${TEST_SOON}\n  target: { kind: docker:DaemonConfig, name: ${name} }\n`;
    fs.writeFileSync(path.join(tmp, 'waivers.yaml'), waivers('daemon.json'));
    const waived = run(['daemon.json', '--waivers', 'waivers.yaml', '--format', 'json']);
    const report = JSON.parse(waived.stdout);
    const byRule = Object.fromEntries(report.findings.map((f: any) => [f.ruleId, f.waived]));
    expect(byRule).toEqual({ 'docker-daemon-userns-remap': true, 'docker-daemon-live-restore': false });
    // A warning (live-restore) alone does not fail the run.
    expect(waived.code).toBe(0);

    fs.writeFileSync(path.join(tmp, 'waivers.yaml'), waivers('other/daemon.json'));
    const notWaived = run(['daemon.json', '--waivers', 'waivers.yaml']);
    expect(notWaived.code).toBe(EXIT_FAILED);
    expect(notWaived.stdout).toContain('docker-daemon-userns-remap');
  });

  test('a daemon.json that is not JSON is reported with its line and exits 2', () => {
    fs.writeFileSync(path.join(tmp, 'daemon.json'), '{\n  "icc": false,\n}\n');
    const r = run(['daemon.json']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toContain(`daemon.json:3: not valid JSON: a property name in double quotes is expected (a trailing comma?); ${STRICT}`);
  });
});
