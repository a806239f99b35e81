import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readDaemonConfig } from '../../lib/check/docker/daemon-json';
import { check } from '../../lib/check/engine';
import type { ManifestError } from '../../lib/check/manifest-error';
import { HardenedDockerDaemon, HardenedDockerDaemonProps, hardenedDaemonConfig, HipaaDockerApp } from '../../lib/docker';
import { daemonPack, dockerPack } from '../../lib/rules/docker';
import { daysFromNow } from '../helpers/dates';

const AWSLOGS = { driver: 'awslogs', options: { 'awslogs-group': '/hipaa/docker', 'awslogs-region': 'us-east-1' } };
const PROPS: HardenedDockerDaemonProps = { logging: AWSLOGS, authorizationPlugins: ['opa-docker-authz'] };
const TCP = { address: '10.0.1.5:2376', caCertPath: '/etc/docker/tls/ca.pem', certPath: '/etc/docker/tls/server.pem', keyPath: '/etc/docker/tls/server-key.pem' };
const SOON = daysFromNow(90);

function daemon(props: HardenedDockerDaemonProps = PROPS, id = 'daemon') {
  const app = new HipaaDockerApp();
  const construct = new HardenedDockerDaemon(app, id, props);
  return { app, construct };
}

/** The error a constructor throws. */
function errorOf(props: unknown): string {
  try {
    daemon(props as HardenedDockerDaemonProps);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the props to be refused');
}

describe('HardenedDockerDaemon', () => {
  test('renders the hardened daemon.json as pretty JSON with a trailing newline', () => {
    const text = daemon().construct.render();
    expect(text).toMatchSnapshot();
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  test('sets every security field', () => {
    const json = JSON.parse(daemon().construct.render());
    expect(json.icc).toBe(false);
    expect(json.iptables).toBe(true);
    expect(json['no-new-privileges']).toBe(true);
    expect(json['userns-remap']).toBe('default');
    expect(json['live-restore']).toBe(true);
    expect(json['userland-proxy']).toBe(false);
    expect(json['log-driver']).toBe('awslogs');
    expect(json['log-opts']).toEqual({ 'awslogs-group': '/hipaa/docker', 'awslogs-region': 'us-east-1' });
    expect(json['log-level']).toBe('info');
    expect(json['authorization-plugins']).toEqual(['opa-docker-authz']);
    expect(json['default-ulimits']).toEqual({ nofile: { Name: 'nofile', Hard: 65536, Soft: 65536 }, nproc: { Name: 'nproc', Hard: 8192, Soft: 8192 } });
    // Unix socket only: no hosts key (systemd's -H fd:// stays valid), no TLS keys, nothing insecure.
    for (const key of ['hosts', 'tls', 'tlsverify', 'insecure-registries', 'seccomp-profile']) expect(json).not.toHaveProperty(key);
  });

  test('with a TCP listener: the unix socket and tcp:// with tlsverify and absolute certificate paths', () => {
    const json = JSON.parse(daemon({ ...PROPS, tcp: TCP, seccompProfile: '/etc/docker/seccomp.json', dataRoot: '/data/docker', maxConcurrentDownloads: 2, logLevel: 'warn', userNamespaceRemap: 'dockremap:dockremap', defaultUlimits: { nproc: { soft: 2048, hard: 4096 } } }).construct.render());
    expect(json).toMatchObject({
      'hosts': ['unix:///var/run/docker.sock', 'tcp://10.0.1.5:2376'],
      'tls': true,
      'tlsverify': true,
      'tlscacert': '/etc/docker/tls/ca.pem',
      'tlscert': '/etc/docker/tls/server.pem',
      'tlskey': '/etc/docker/tls/server-key.pem',
      'seccomp-profile': '/etc/docker/seccomp.json',
      'data-root': '/data/docker',
      'max-concurrent-downloads': 2,
      'log-level': 'warn',
      'userns-remap': 'dockremap:dockremap',
      'default-ulimits': { nofile: { Name: 'nofile', Hard: 65536, Soft: 65536 }, nproc: { Name: 'nproc', Hard: 4096, Soft: 2048 } },
    });
  });

  test('writes only daemon.json keys dockerd knows, with the types it decodes them into', () => {
    // The json tags of dockerd's Config (daemon/config/config.go, config_linux.go) this construct uses.
    const types: Record<string, string> = Object.fromEntries(
      [
        ['string[]', 'authorization-plugins hosts'],
        ['string', 'data-root log-driver log-level seccomp-profile tlscacert tlscert tlskey userns-remap'],
        ['boolean', 'icc iptables live-restore no-new-privileges tls tlsverify userland-proxy'],
        ['number', 'max-concurrent-downloads'],
        ['object', 'default-ulimits log-opts'],
      ].flatMap(([type, keys]) => keys.split(' ').map((k) => [k, type])),
    );
    const json = JSON.parse(daemon({ ...PROPS, tcp: TCP, seccompProfile: 'builtin', dataRoot: '/data/docker', maxConcurrentDownloads: 2 }).construct.render());
    for (const [key, value] of Object.entries(json)) {
      const type = Array.isArray(value) ? `${typeof value[0]}[]` : typeof value;
      expect([key, type]).toEqual([key, types[key]]);
    }
    expect(Object.values(json['log-opts']).every((v) => typeof v === 'string')).toBe(true);
  });

  test('the full Docker pack finds nothing, with and without a TCP listener', () => {
    expect(daemon().app.check().findings).toEqual([]);
    expect(daemon({ ...PROPS, tcp: TCP, seccompProfile: 'builtin' }).app.check().findings).toEqual([]);
    const syslog = { driver: 'syslog', options: { 'syslog-address': 'tcp+tls://logs.example.com:6514' } };
    expect(daemon({ logging: syslog, authorizationPlugins: ['authz'] }).app.check().findings).toEqual([]);
  });

  test('hardenedDaemonConfig as HipaaDockerHost uses it passes the daemon pack when read back', () => {
    const text = `${JSON.stringify(hardenedDaemonConfig({ logging: AWSLOGS, authorizationPlugins: ['opa-docker-authz'] }), null, 2)}\n`;
    const problems: ManifestError[] = [];
    const resources = readDaemonConfig(text, 'daemon.json', problems);
    expect(problems).toEqual([]);
    expect(check(resources, daemonPack).findings).toEqual([]);
  });

  test('hardenedDaemonConfig refuses bad options with the same problems', () => {
    expect(() => hardenedDaemonConfig({ logging: { driver: 'local', options: {} } })).toThrow(
      'hardenedDaemonConfig: invalid options: logging.driver: log-driver "local" keeps container logs in files on the host, where whoever controls the host can alter or delete them and they are lost with it (rule docker-daemon-remote-logging): instead, name a driver that ships logs off the host (awslogs, gcplogs, splunk, syslog) and its options, e.g. { driver: \'awslogs\', options: { \'awslogs-group\': \'/hipaa/docker\', \'awslogs-region\': \'us-east-1\' } }',
    );
  });

  test('without authorization plugins the warning stands until a waiver accepts it, reported as waived', () => {
    const bare = daemon({ logging: AWSLOGS });
    expect(bare.app.check().findings.map((f) => `${f.ruleId} ${f.severity} ${f.path}`)).toEqual(['docker-daemon-authorization-plugin warning authorization-plugins']);
    const waived = daemon({
      logging: AWSLOGS,
      waivers: [{ ruleId: 'docker-daemon-authorization-plugin', reason: 'Only root reaches the unix socket; OPA authz plugin rollout tracked in SEC-42.', expires: SOON, owner: 'platform' }],
    });
    const result = waived.app.check();
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => [f.ruleId, f.resource.name, f.waiver?.owner])).toEqual([['docker-daemon-authorization-plugin', 'daemon.json', 'platform']]);
    expect(waived.construct.checkerWaivers()).toEqual([
      expect.objectContaining({ ruleId: 'docker-daemon-authorization-plugin', target: { kind: 'docker:DaemonConfig', name: 'daemon.json' } }),
    ]);
  });

  test('refuses bad props with every problem at once, naming the construct path and the field', () => {
    expect(errorOf({ logging: { driver: 'json-file', options: {} }, authorizationPlugins: [] })).toBe(
      '[daemon] invalid props: logging.driver: log-driver "json-file" keeps container logs in files on the host (dockerd\'s default), where whoever controls the host can alter or delete them and they are lost with it (rule docker-daemon-remote-logging): instead, name a driver that ships logs off the host (awslogs, gcplogs, splunk, syslog) and its options, e.g. { driver: \'awslogs\', options: { \'awslogs-group\': \'/hipaa/docker\', \'awslogs-region\': \'us-east-1\' } }; ' +
        'authorizationPlugins: must be a non-empty list of plugin names installed on the host (e.g. ["opa-docker-authz"]), or left out',
    );
    expect(errorOf({ logging: { driver: 'awslogs', options: { 'awslogs-region': 'us-east-1' } } })).toBe(
      '[daemon] invalid props: logging.options.awslogs-group: log-driver "awslogs" has no log-opts.awslogs-group: name the CloudWatch Logs group the logs go to (rule docker-daemon-remote-logging)',
    );
    expect(errorOf({ logging: { driver: 'syslog', options: { 'syslog-address': 'udp://logs.example.com:514' } } })).toBe(
      '[daemon] invalid props: logging.options.syslog-address: log-driver "syslog" sends logs unencrypted to "udp://logs.example.com:514": use tcp+tls:// (rule docker-daemon-remote-logging)',
    );
    expect(errorOf({ logging: { driver: 'awslog', options: {} } })).toBe(
      '[daemon] invalid props: logging.driver: log-driver "awslog" is not a driver this check knows to ship logs off the host encrypted (awslogs, gcplogs, splunk, syslog) (rule docker-daemon-remote-logging): instead, name a driver that ships logs off the host (awslogs, gcplogs, splunk, syslog) and its options, e.g. { driver: \'awslogs\', options: { \'awslogs-group\': \'/hipaa/docker\', \'awslogs-region\': \'us-east-1\' } }',
    );
    expect(errorOf({ logging: { driver: 'gcplogs', options: { 'gcp-log-cmd': true } } })).toBe(
      '[daemon] invalid props: logging.options.gcp-log-cmd: must be a string (dockerd decodes log-opts as strings), got true',
    );
    expect(errorOf({ ...PROPS, tcp: { ...TCP, address: 'tcp://0.0.0.0:2376', certPath: 'tls/server.pem', keyPath: '' } })).toBe(
      '[daemon] invalid props: tcp.address: "tcp://0.0.0.0:2376" is not host:port (e.g. \'10.0.1.5:2376\'; the tcp:// scheme is added); ' +
        "tcp.certPath: 'tls/server.pem' is relative: dockerd would resolve it against its working directory; give an absolute path (e.g. /etc/docker/tls/server.pem); " +
        "tcp.keyPath: required: the absolute path of the daemon's private key (rule docker-daemon-tls-verify)",
    );
    expect(errorOf({ ...PROPS, defaultUlimits: { nofile: { soft: 70000, hard: 65536 }, nproc: { soft: 0, hard: 10 } } })).toBe(
      '[daemon] invalid props: defaultUlimits.nofile: soft 70000 is above hard 65536; no container could start (rule docker-daemon-default-ulimits); ' +
        'defaultUlimits.nproc.soft: 0 is not a whole number from 1 to 2147483647',
    );
    expect(errorOf({ ...PROPS, seccompProfile: 'unconfined', userNamespaceRemap: '', logLevel: 'verbose', dataRoot: 'docker', maxConcurrentDownloads: 0 })).toBe(
      '[daemon] invalid props: userNamespaceRemap: "" is not \'default\' or \'user[:group]\' (docker-daemon-userns-remap needs a remapping); ' +
        "seccompProfile: 'unconfined' removes the system call filter from every container (rule docker-daemon-seccomp); leave it out, or give 'builtin' or the absolute path of a custom profile; " +
        'logLevel: "verbose" is not a dockerd log level (panic, fatal, error, warn, info, debug, trace; CIS 2.3 asks for info); ' +
        'maxConcurrentDownloads: 0 is not a whole number of at least 1; ' +
        'dataRoot: "docker" is not an absolute path (e.g. /var/lib/docker on an encrypted volume)',
    );
    expect(errorOf({ ...PROPS, fileName: 'host/docker.json', icc: true })).toBe(
      '[daemon] invalid props: icc: not an option of the hardened daemon.json (options: logging, authorizationPlugins, userNamespaceRemap, tcp, defaultUlimits, seccompProfile, logLevel, maxConcurrentDownloads, dataRoot); ' +
        "fileName: \"host/docker.json\" must be a path whose file name is daemon.json (e.g. 'host/daemon.json'): hipaa-check reads daemon.json by that name",
    );
    expect(errorOf({})).toMatch(/^\[daemon\] invalid props: logging: required: name a driver that ships logs off the host \(awslogs, gcplogs, splunk, syslog\)/);
  });

  test('refuses a waiver of a rule that is not a daemon rule, a target, and a waiver without a reason', () => {
    const reason = 'Accepted for the migration window, tracked in SEC-42.';
    expect(errorOf({ ...PROPS, waivers: [{ ruleId: 'docker-compose-read-only-root', reason, expires: SOON }] })).toBe(
      "[daemon] invalid props: waivers[0]: ruleId 'docker-compose-read-only-root' is not a daemon.json rule: HardenedDockerDaemon waives only the docker-daemon-* rules " +
        `(${daemonPack.rules.map((r) => r.id).join(', ')}); waive other rules on the construct that writes their file`,
    );
    expect(errorOf({ ...PROPS, waivers: [{ ruleId: 'docker-daemon-live-restore', reason, expires: SOON, target: { name: 'x' } }] })).toBe(
      '[daemon] invalid props: waivers[0]: target is not allowed: the waiver applies to this daemon.json',
    );
    expect(errorOf({ ...PROPS, waivers: [{ ruleId: 'docker-daemon-live-restore', reason: 'legacy', expires: SOON }] })).toBe(
      '[daemon] invalid props: waivers[0]: reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 6 characters, 1 word)',
    );
  });

  test('a synth refused by an override names the construct path, file:line, rule and fix, and writes nothing', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-daemon-'));
    try {
      const app = new HipaaDockerApp({ outdir });
      const d = new HardenedDockerDaemon(app, 'host-daemon', { ...PROPS, fileName: 'host/daemon.json' });
      d.addOverride('log-driver', 'json-file');
      d.addOverride('log-opts', undefined);
      const line = d.render().split('\n').findIndex((l) => l.includes('"log-driver"')) + 1;
      expect(() => app.synth()).toThrow(
        [
          "hipaa-constructs: refusing to synthesize 'host/daemon.json': 1 unwaived finding.",
          `- [docker-daemon-remote-logging] host-daemon (docker:DaemonConfig host/daemon.json host/daemon.json:${line}) log-driver: 'host/daemon.json' log-driver "json-file" keeps container logs in files on the host (dockerd's default), where whoever controls the host can alter or delete them and they are lost with it`,
          `    fix: ${dockerPack.rules.find((r) => r.id === 'docker-daemon-remote-logging')!.fix}`,
          "Fix each finding, or accept it with a waiver (the construct's waivers prop) that gives a reason and an expiry date.",
        ].join('\n'),
      );
      expect(fs.readdirSync(outdir)).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('synth() writes the file into the outdir', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-daemon-'));
    try {
      const app = new HipaaDockerApp({ outdir });
      const d = new HardenedDockerDaemon(app, 'daemon', { ...PROPS, fileName: 'host/daemon.json' });
      expect(app.synth().map((f) => f.fileName)).toEqual(['host/daemon.json']);
      expect(fs.readFileSync(path.join(outdir, 'host', 'daemon.json'), 'utf8')).toBe(d.render());
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
