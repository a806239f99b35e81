// HipaaDockerHost with the real hardenedDaemonConfig (hipaa-docker-host.test.ts uses a stand-in): the
// daemon.json on the host is exactly its output, and the daemon rules find nothing in it but the
// authorization plugin the host was told to go without (and waived).
import { spawnSync } from 'child_process';
import { readDaemonConfig } from '../../lib/check/docker/daemon-json';
import { check } from '../../lib/check/engine';
import type { ManifestError } from '../../lib/check/manifest-error';
import { hardenedDaemonConfig } from '../../lib/docker/daemon-config';
import { HipaaDockerHost, HipaaDockerHostArgs } from '../../lib/pulumi/hipaa-docker-host';
import { daemonPack } from '../../lib/rules/docker';
import { SOON } from '../helpers/dates';
import { awsFindings, one, REGION, runProgram, valueOf } from '../helpers/pulumi';
import { KEY_ARN as KEY } from '../helpers/pulumi-fixtures';
import { TEST_NOW } from '../helpers/rule-test';

const base: HipaaDockerHostArgs = {
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0'],
  key: KEY,
  egress: { securityGroupIds: ['sg-0123456789abcdef0'], prefixListIds: ['pl-63a5400a'] },
};
const LOGGING = { driver: 'awslogs', options: { 'awslogs-group': '/hipaa-constructs/docker/containers', 'awslogs-region': REGION } };

/** The daemon.json the script writes last (the one dockerd runs with). */
function installedDaemonJson(script: string): unknown {
  const start = script.indexOf("cat > /etc/docker/daemon.json <<'HIPAA_DAEMON_JSON'\n");
  const body = script.slice(script.indexOf('\n', start) + 1);
  return JSON.parse(body.slice(0, body.indexOf('\nHIPAA_DAEMON_JSON\n')));
}

/** `bash -n` on the script: '' when it parses (or when there is no bash), else the error. */
function bashSyntaxErrors(script: string): string {
  const run = spawnSync('bash', ['-n'], { input: script });
  return run.error ? '' : run.stderr.toString();
}

/** `ruleId path: message` of each finding of the daemon rules on `config`. */
function daemonFindings(config: unknown): string[] {
  const problems: ManifestError[] = [];
  const resources = readDaemonConfig(JSON.stringify(config, null, 2), 'daemon.json', problems);
  expect(problems).toEqual([]);
  expect(resources.length).toBe(1);
  return check(resources, daemonPack, { now: TEST_NOW }).findings.map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
}

describe('HipaaDockerHost daemon.json', () => {
  test('without a plugin: hardenedDaemonConfig with awslogs into the containers log group; only the waived authorization rule stands', async () => {
    // First, outside the program: an error inside the component's apply would only time out.
    const expected = hardenedDaemonConfig({ logging: LOGGING });
    let host!: HipaaDockerHost;
    const resources = await runProgram(() => {
      host = new HipaaDockerHost('docker', {
        ...base,
        daemonWaivers: [{ ruleId: 'docker-daemon-authorization-plugin', reason: 'Only the platform team reaches the socket through SSM', expires: SOON }],
      });
    });
    expect(await valueOf(host.daemonConfig)).toEqual(expected);
    const script = Buffer.from(one(resources, 'aws:ec2/launchTemplate:LaunchTemplate').inputs.userData, 'base64').toString('utf8');
    expect(installedDaemonJson(script)).toEqual(expected);
    expect(daemonFindings(expected).map((f) => f.split(' ')[0])).toEqual(['docker-daemon-authorization-plugin']);
    expect(bashSyntaxErrors(script)).toBe('');
    expect(awsFindings(resources)).toEqual([]);
  });

  test('with the OPA plugin: hardenedDaemonConfig naming it; the daemon rules find nothing', async () => {
    const expected = hardenedDaemonConfig({ logging: LOGGING, authorizationPlugins: ['opa-docker-authz'] });
    let host!: HipaaDockerHost;
    const resources = await runProgram(() => {
      host = new HipaaDockerHost('docker', { ...base, authorizationPlugin: { image: `openpolicyagent/opa-docker-authz-v2:0.10@sha256:${'ab'.repeat(32)}` } });
    });
    expect(await valueOf(host.daemonConfig)).toEqual(expected);
    const script = Buffer.from(one(resources, 'aws:ec2/launchTemplate:LaunchTemplate').inputs.userData, 'base64').toString('utf8');
    expect(installedDaemonJson(script)).toEqual(expected);
    expect(daemonFindings(expected)).toEqual([]);
    expect(bashSyntaxErrors(script)).toBe('');
  });
});
