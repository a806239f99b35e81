import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  cloudWatchAgentConfig, DOCKER_AUDIT_PATHS, DOCKER_AUTHZ_POLICY, dockerHostUserData, DockerHostUserDataOptions,
} from '../../lib/pulumi/docker-host-user-data';

/** A daemon.json of the shape hardenedDaemonConfig returns (the real one is tested with the component). */
const CONFIG = {
  'userns-remap': 'default',
  'no-new-privileges': true,
  'icc': false,
  'live-restore': true,
  'userland-proxy': false,
  'default-ulimits': { nofile: { Name: 'nofile', Soft: 1024, Hard: 4096 } },
  'log-driver': 'awslogs',
  'log-opts': { 'awslogs-group': '/hipaa-constructs/docker/containers', 'awslogs-region': 'us-east-1' },
};
const BASE: DockerHostUserDataOptions = { name: 'docker', daemonConfig: CONFIG, hostLogGroupName: '/hipaa-constructs/docker/host' };
const PLUGIN = { image: `openpolicyagent/opa-docker-authz-v2:0.10@sha256:${'a'.repeat(64)}`, alias: 'opa-docker-authz' };

/** The content of the heredoc `cat > <path> <<'<delimiter>'`, or undefined. */
function heredoc(script: string, path: string, delimiter: string): string | undefined {
  const start = script.indexOf(`cat > ${path} <<'${delimiter}'\n`);
  if (start < 0) return undefined;
  const body = script.slice(script.indexOf('\n', start) + 1);
  return body.slice(0, body.indexOf(`\n${delimiter}\n`));
}

/** Runs `bash -n` on the script; the error output, or '' when it parses. */
function bashSyntax(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'user-data-'));
  try {
    const file = join(dir, 'user-data.sh');
    writeFileSync(file, script);
    execFileSync('bash', ['-n', file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stderr?: Buffer }).stderr ?? e);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const hasBash = (() => {
  try {
    execFileSync('bash', ['-c', 'true']);
    return true;
  } catch {
    return false;
  }
})();

describe('dockerHostUserData', () => {
  const script = dockerHostUserData(BASE);

  test('is a bash script that stops at the first failing step', () => {
    expect(script.startsWith("#!/bin/bash\n# HipaaDockerHost 'docker': first-boot setup")).toBe(true);
    expect(script).toContain('\nset -euo pipefail\n');
    expect(Buffer.byteLength(script)).toBeLessThan(16 * 1024); // EC2's user data limit (before base64)
  });

  (hasBash ? test : test.skip)('parses with bash -n, with and without the authorization plugin and with hosts', () => {
    expect(bashSyntax(script)).toBe('');
    expect(bashSyntax(dockerHostUserData({ ...BASE, daemonConfig: { ...CONFIG, 'authorization-plugins': ['opa-docker-authz'] }, authorizationPlugin: PLUGIN }))).toBe('');
    expect(bashSyntax(dockerHostUserData({ ...BASE, daemonConfig: { ...CONFIG, hosts: ['fd://'] } }))).toBe('');
  });

  test('installs Docker, auditd, chrony, rsyslog and the CloudWatch agent with dnf', () => {
    expect(script).toContain('\ndnf install -y docker audit chrony rsyslog amazon-cloudwatch-agent\n');
  });

  test('writes daemon.json exactly as given, root:root 0644, and empties the sysconfig OPTIONS that would clash with it', () => {
    expect(JSON.parse(heredoc(script, '/etc/docker/daemon.json', 'HIPAA_DAEMON_JSON')!)).toEqual(CONFIG);
    expect(script).toContain('chown root:root /etc/docker/daemon.json\nchmod 0644 /etc/docker/daemon.json');
    expect(heredoc(script, '/etc/sysconfig/docker', 'HIPAA_SYSCONFIG')).toBe('# Managed by HipaaDockerHost: every daemon setting is in /etc/docker/daemon.json.\nOPTIONS=""');
    // The daemon.json is written before Docker starts.
    expect(script.indexOf('cat > /etc/docker/daemon.json')).toBeLessThan(script.indexOf('systemctl enable --now docker.socket docker.service'));
  });

  test('userns-remap default: dockremap with its own subordinate range, before dockerd starts', () => {
    const lines = [
      'getent group dockremap >/dev/null || groupadd --system dockremap',
      'id -u dockremap >/dev/null 2>&1 || useradd --system --gid dockremap --no-create-home --home-dir /nonexistent --shell /sbin/nologin dockremap',
      "grep -q '^dockremap:' /etc/subuid || echo 'dockremap:700000000:65536' >> /etc/subuid",
      "grep -q '^dockremap:' /etc/subgid || echo 'dockremap:700000000:65536' >> /etc/subgid",
    ];
    expect(script).toContain(lines.join('\n'));
    expect(script.indexOf(lines[0])).toBeLessThan(script.indexOf('systemctl enable --now docker.socket'));
    const named = dockerHostUserData({ ...BASE, daemonConfig: { ...CONFIG, 'userns-remap': 'remap:remapgroup' } });
    expect(named).toContain("grep -q '^remap:' /etc/subuid || echo 'remap:700000000:65536' >> /etc/subuid");
    expect(named).toContain("grep -q '^remapgroup:' /etc/subgid || echo 'remapgroup:700000000:65536' >> /etc/subgid");
    const none = { ...CONFIG } as Record<string, unknown>;
    delete none['userns-remap'];
    expect(dockerHostUserData({ ...BASE, daemonConfig: none })).toContain('# 3. userns-remap: daemon.json does not remap users; nothing to prepare.');
  });

  test('keeps -H fd:// when daemon.json sets no hosts; drops the flag with a drop-in when it does', () => {
    expect(script).not.toContain('docker.service.d/10-hosts-in-daemon-json.conf');
    const withHosts = dockerHostUserData({ ...BASE, daemonConfig: { ...CONFIG, hosts: ['fd://'] } });
    expect(withHosts).toContain("exec_start=$(sed -n 's/^ExecStart=//p' /usr/lib/systemd/system/docker.service | sed 's# -H fd://##')");
    expect(withHosts).toContain('> /etc/systemd/system/docker.service.d/10-hosts-in-daemon-json.conf\nsystemctl daemon-reload\n');
  });

  test('time: chrony prefers the Amazon Time Sync Service', () => {
    expect(heredoc(script, '/etc/chrony.d/amazon-time-sync.sources', 'HIPAA_CHRONY')).toBe('server 169.254.169.123 prefer iburst minpoll 4 maxpoll 4');
    expect(script).toContain("grep -q '^sourcedir /etc/chrony.d' /etc/chrony.conf || echo 'sourcedir /etc/chrony.d' >> /etc/chrony.conf\nsystemctl enable chronyd\nsystemctl restart chronyd");
  });

  test('auditd watches the CIS 1.1 Docker files and binaries and loads the rules', () => {
    expect(DOCKER_AUDIT_PATHS).toEqual(expect.arrayContaining([
      '/run/containerd', '/var/lib/docker', '/etc/docker', '/etc/docker/daemon.json', '/etc/default/docker', '/etc/sysconfig/docker',
      '/usr/lib/systemd/system/docker.service', '/usr/lib/systemd/system/docker.socket', '/etc/containerd/config.toml',
    ]));
    expect(script).toContain(`for path in ${DOCKER_AUDIT_PATHS.join(' ')}; do\n  if [ -e "$path" ] || [ -d "$(dirname "$path")" ]; then echo "-w $path -p wa -k docker" >> "$rules"; fi\ndone`);
    expect(script).toContain('for bin in dockerd docker containerd containerd-shim-runc-v2 runc; do');
    expect(script).toContain('echo "-w $(readlink -f "$path") -p wxa -k docker" >> "$rules"');
    expect(script).toContain("sed -i '/^-a task,never/d' /etc/audit/rules.d/*.rules");
    expect(script).toContain('systemctl enable --now auditd\naugenrules --load');
  });

  (hasBash ? test : test.skip)('the audit rules loop writes one watch per path whose directory exists, and per binary found', () => {
    const loop = script.slice(script.indexOf('rules=/etc/audit/rules.d/90-docker.rules'), script.indexOf('chmod 0640 "$rules"'));
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    try {
      const out = execFileSync('bash', ['-c', `${loop.replace('rules=/etc/audit/rules.d/90-docker.rules', `rules=${dir}/docker.rules`)}\ncat "$rules"`]).toString();
      const lines = out.trim().split('\n');
      expect(lines[0]).toBe('## Written by hipaa-constructs (HipaaDockerHost): Docker files and binaries (CIS Docker Benchmark 1.1)');
      // /etc exists on any Linux: /etc/docker is watched even before Docker creates it.
      expect(lines).toContain('-w /etc/docker -p wa -k docker');
      // Binaries found on this machine (docker, runc...) are watched for executions too.
      expect(lines.slice(1).filter((l) => !/^-w \/\S+ -p wx?a -k docker$/.test(l))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the CloudWatch agent ships the audit log, the journal (via rsyslog), secure and cloud-init output to the host log group', () => {
    expect(JSON.parse(heredoc(script, '/opt/aws/amazon-cloudwatch-agent/etc/hipaa-docker-host.json', 'HIPAA_CLOUDWATCH_AGENT')!)).toEqual(cloudWatchAgentConfig('/hipaa-constructs/docker/host'));
    expect(cloudWatchAgentConfig('/g')).toEqual({
      agent: { run_as_user: 'root' },
      logs: {
        logs_collected: {
          files: {
            collect_list: [
              { file_path: '/var/log/audit/audit.log', log_group_name: '/g', log_stream_name: '{instance_id}/audit' },
              { file_path: '/var/log/messages', log_group_name: '/g', log_stream_name: '{instance_id}/messages' },
              { file_path: '/var/log/secure', log_group_name: '/g', log_stream_name: '{instance_id}/secure' },
              { file_path: '/var/log/cloud-init-output.log', log_group_name: '/g', log_stream_name: '{instance_id}/cloud-init' },
            ],
          },
        },
      },
    });
    expect(script).toContain('systemctl enable --now rsyslog');
    expect(script).toContain('/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/hipaa-docker-host.json');
  });

  test('DOCKER_CONTENT_TRUST=1 for login shells and every session', () => {
    expect(heredoc(script, '/etc/profile.d/docker-content-trust.sh', 'HIPAA_DCT')).toBe('export DOCKER_CONTENT_TRUST=1');
    expect(script).toContain("grep -q '^DOCKER_CONTENT_TRUST=' /etc/environment || echo 'DOCKER_CONTENT_TRUST=1' >> /etc/environment");
  });

  test('without a plugin: no plugin installed, the step says why', () => {
    expect(script).not.toContain('docker plugin install');
    expect(script).toContain('# 6. Authorization plugin: none installed (the component records the waiver of docker-daemon-authorization-plugin).');
  });

  test('with the plugin: bootstrap daemon.json without it, the policy, install by digest, then the full daemon.json and a restart', () => {
    const full = { ...CONFIG, 'authorization-plugins': ['opa-docker-authz'] };
    const s = dockerHostUserData({ ...BASE, daemonConfig: full, authorizationPlugin: PLUGIN });
    expect(JSON.parse(heredoc(s, '/etc/docker/daemon.json', 'HIPAA_DAEMON_JSON_BOOTSTRAP')!)).toEqual(CONFIG);
    expect(JSON.parse(heredoc(s, '/etc/docker/daemon.json', 'HIPAA_DAEMON_JSON')!)).toEqual(full);
    expect(heredoc(s, '/etc/docker/policies/authz.rego', 'HIPAA_AUTHZ_REGO')).toBe(DOCKER_AUTHZ_POLICY.trimEnd());
    const install = `docker plugin install --grant-all-permissions --alias opa-docker-authz '${PLUGIN.image}' opa-args='-policy-file /opa/policies/authz.rego'`;
    expect(s).toContain(install);
    const order = ['HIPAA_DAEMON_JSON_BOOTSTRAP', 'systemctl enable --now docker.socket', "<<'HIPAA_AUTHZ_REGO'", install, "<<'HIPAA_DAEMON_JSON'\n", 'systemctl restart docker.service'].map((m) => s.indexOf(m));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]))).toBe(true);
  });

  test('the authorization policy denies privileged, host namespaces, socket and system mounts, unconfined profiles', () => {
    expect(DOCKER_AUTHZ_POLICY).toMatch(/^package docker\.authz\n\nimport rego\.v1\n/);
    expect(DOCKER_AUTHZ_POLICY).toContain('default allow := false\n\nallow if not deny\n');
    for (const fragment of [
      'host_config.Privileged == true',
      'some mode in ["PidMode", "IpcMode", "NetworkMode", "UTSMode", "UsernsMode"]',
      'sensitive_host_path(path) if endswith(path, "docker.sock")',
      '^(seccomp|apparmor)[=:]unconfined$|^label[=:]disable$',
      '"ALL", "SYS_ADMIN"',
      'input.Body.Privileged == true',
    ]) expect([fragment, DOCKER_AUTHZ_POLICY.includes(fragment)]).toEqual([fragment, true]);
  });

  test('refuses options that would not make a working host', () => {
    expect(() => dockerHostUserData({ ...BASE, daemonConfig: { ...CONFIG, hosts: ['unix:///var/run/docker.sock'] } })).toThrow(
      "docker host user data: daemon.json sets hosts [\"unix:///var/run/docker.sock\"] without 'fd://'; the host keeps systemd's socket (the Unix socket only, no TCP), so hosts must include 'fd://' or be left out.",
    );
    expect(() => dockerHostUserData({ ...BASE, authorizationPlugin: PLUGIN })).toThrow(
      "docker host user data: the authorization plugin is installed as 'opa-docker-authz', but daemon.json's authorization-plugins is [].",
    );
    expect(() => dockerHostUserData({ ...BASE, daemonConfig: { ...CONFIG, 'authorization-plugins': ['authz'] } })).toThrow(
      'docker host user data: daemon.json names authorization plugins ["authz"], but none is installed; dockerd would refuse every API call.',
    );
    expect(() => dockerHostUserData({ ...BASE, daemonConfig: { ...CONFIG, 'userns-remap': 'x; rm -rf /' } })).toThrow(
      "docker host user data: userns-remap 'x; rm -rf /' is not 'default' or <user>[:<group>] of letters, digits, '_', '.' and '-'.",
    );
    const injected = { ...PLUGIN, image: "x'; reboot; '" };
    expect(() => dockerHostUserData({ ...BASE, daemonConfig: { ...CONFIG, 'authorization-plugins': ['opa-docker-authz'] }, authorizationPlugin: injected })).toThrow(
      "docker host user data: the authorization plugin 'x'; reboot; '' is not a plugin reference pinned by digest (<name>[:<tag>]@sha256:<64 hex digits>).",
    );
    expect(() => dockerHostUserData({ ...BASE, daemonConfig: { ...CONFIG, x: 'a\nHIPAA_DAEMON_JSON\nb' } })).not.toThrow(); // JSON escapes newlines
  });
});
