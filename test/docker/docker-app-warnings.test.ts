import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HardenedDockerDaemon, HipaaDockerApp } from '../../lib/docker';
import { dockerPack } from '../../lib/rules/docker';
import { daysFromNow } from '../helpers/dates';

const AWSLOGS = { driver: 'awslogs', options: { 'awslogs-group': '/hipaa/docker', 'awslogs-region': 'us-east-1' } };

/** Runs synth() in a fresh outdir and returns what it wrote on standard error. */
function synthStderr(build: (app: HipaaDockerApp) => void): { stderr: string; files: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-app-warnings-'));
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const app = new HipaaDockerApp({ outdir });
    build(app);
    const files = app.synth().map((f) => f.fileName);
    return { stderr: spy.mock.calls.map((c) => String(c[0])).join(''), files };
  } finally {
    spy.mockRestore();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('HipaaDockerApp.synth() and unwaived warnings', () => {
  test('writes the file but says on standard error which warning stands, with construct path, file:line, field, rule and fix', () => {
    const { stderr, files } = synthStderr((app) => new HardenedDockerDaemon(app, 'daemon', { logging: AWSLOGS }));
    expect(files).toEqual(['daemon.json']);
    expect(stderr).toBe(
      [
        "hipaa-constructs: wrote 'daemon.json' with 1 unwaived warning (it stands in the reports and in hipaa-check):",
        "- [docker-daemon-authorization-plugin] daemon (docker:DaemonConfig daemon.json daemon.json:1) authorization-plugins: 'daemon.json' has \"authorization-plugins\" not set: every client that reaches the daemon may make every API call",
        `    fix: ${dockerPack.rules.find((r) => r.id === 'docker-daemon-authorization-plugin')!.fix}`,
        "Fix each warning, or accept it with a waiver (the construct's waivers prop) that gives a reason and an expiry date.",
        '',
      ].join('\n'),
    );
  });

  test('says nothing when the warning is waived', () => {
    const waivers = [{ ruleId: 'docker-daemon-authorization-plugin', reason: 'Only root reaches the unix socket; OPA authz plugin rollout tracked in SEC-42.', expires: daysFromNow(90), owner: 'platform' }];
    expect(synthStderr((app) => new HardenedDockerDaemon(app, 'daemon', { logging: AWSLOGS, waivers })).stderr).toBe('');
  });

  test('says nothing when nothing stands', () => {
    expect(synthStderr((app) => new HardenedDockerDaemon(app, 'daemon', { logging: AWSLOGS, authorizationPlugins: ['opa-docker-authz'] })).stderr).toBe('');
  });
});
