/**
 * The user data of a HipaaDockerHost: one bash script that cloud-init runs once, as root, on the
 * first boot of an Amazon Linux 2023 instance. A pure function of its options (no Pulumi, no AWS
 * calls), so it is tested on its text and with `bash -n`. Each step says which control it serves.
 */

/** Where dockerd's unit lives on Amazon Linux 2023 (the `docker` package). */
const DOCKER_UNIT = '/usr/lib/systemd/system/docker.service';
/** The CloudWatch agent's configuration file written by the script. */
export const CLOUDWATCH_AGENT_CONFIG = '/opt/aws/amazon-cloudwatch-agent/etc/hipaa-docker-host.json';
/** Where the authorization plugin's policy is written (the OPA plugin mounts /etc/docker at /opa). */
export const DOCKER_AUTHZ_POLICY_FILE = '/etc/docker/policies/authz.rego';
/** The subordinate id range given to the userns-remap user: above login.defs' SUB_UID_MAX, so useradd never hands it to anyone else. */
export const USERNS_SUBORDINATE_RANGE = '700000000:65536';
/** The Amazon Time Sync Service: link-local on every instance, reached without any security group rule. */
export const AMAZON_TIME_SYNC = '169.254.169.123';

/**
 * Docker files and binaries auditd watches (CIS Docker Benchmark 1.1.3 to 1.1.18): changes to the
 * daemon's configuration, state and binaries are recorded with the key `docker`. Paths whose parent
 * directory does not exist on the host are skipped when the rules are written (auditctl refuses them).
 */
export const DOCKER_AUDIT_PATHS: readonly string[] = [
  '/run/containerd',
  '/var/lib/docker',
  '/etc/docker',
  '/etc/docker/daemon.json',
  '/etc/containerd/config.toml',
  '/etc/sysconfig/docker',
  '/etc/default/docker',
  '/usr/lib/systemd/system/docker.service',
  '/usr/lib/systemd/system/docker.socket',
  '/usr/lib/systemd/system/containerd.service',
  '/etc/systemd/system/docker.service.d',
];
/** Docker binaries auditd watches for writes, attribute changes and executions (found with `command -v`). */
export const DOCKER_AUDIT_BINARIES: readonly string[] = ['dockerd', 'docker', 'containerd', 'containerd-shim-runc-v2', 'runc'];

/** The log files the CloudWatch agent ships, and the stream each goes to (`{instance_id}` is the agent's placeholder). */
export const HOST_LOG_FILES: ReadonlyArray<{ readonly file: string; readonly stream: string }> = [
  { file: '/var/log/audit/audit.log', stream: '{instance_id}/audit' },
  { file: '/var/log/messages', stream: '{instance_id}/messages' },
  { file: '/var/log/secure', stream: '{instance_id}/secure' },
  { file: '/var/log/cloud-init-output.log', stream: '{instance_id}/cloud-init' },
];

/**
 * The authorization policy the OPA plugin (openpolicyagent/opa-docker-authz-v2) enforces on every
 * Docker API call (CIS 2.12): containers may not be privileged, share the host's PID, IPC, network,
 * UTS or user namespaces, mount the Docker socket or sensitive host directories, run unconfined by
 * seccomp, AppArmor or SELinux, or add capabilities that amount to root on the host; exec sessions
 * may not be privileged. Paths are matched on `Path` with or without the API version and query.
 */
export const DOCKER_AUTHZ_POLICY = `package docker.authz

import rego.v1

# Written by hipaa-constructs (HipaaDockerHost). Denies what the Compose rules refuse, at the daemon's API.
default allow := false

allow if not deny

create_container if {
	input.Method == "POST"
	regex.match(\`^/(v[0-9.]+/)?containers/create([?].*)?$\`, input.Path)
}

exec_create if {
	input.Method == "POST"
	regex.match(\`^/(v[0-9.]+/)?containers/[^/]+/exec([?].*)?$\`, input.Path)
}

host_config := object.get(input, ["Body", "HostConfig"], {})

deny if {
	create_container
	host_config.Privileged == true
}

deny if {
	create_container
	some mode in ["PidMode", "IpcMode", "NetworkMode", "UTSMode", "UsernsMode"]
	host_config[mode] == "host"
}

deny if {
	create_container
	some bind in object.get(host_config, "Binds", [])
	sensitive_host_path(split(bind, ":")[0])
}

deny if {
	create_container
	some mount in object.get(host_config, "Mounts", [])
	mount.Type == "bind"
	sensitive_host_path(mount.Source)
}

deny if {
	create_container
	some option in object.get(host_config, "SecurityOpt", [])
	regex.match(\`^(seccomp|apparmor)[=:]unconfined$|^label[=:]disable$\`, option)
}

deny if {
	create_container
	some capability in object.get(host_config, "CapAdd", [])
	trim_prefix(upper(capability), "CAP_") in {"ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "DAC_READ_SEARCH", "NET_ADMIN", "BPF"}
}

deny if {
	exec_create
	input.Body.Privileged == true
}

sensitive_host_path(path) if path == "/"

sensitive_host_path(path) if endswith(path, "docker.sock")

sensitive_dirs := ["/etc", "/proc", "/sys", "/boot", "/dev", "/root", "/run", "/var/run", "/var/lib/docker", "/var/log"]

sensitive_host_path(path) if {
	some dir in sensitive_dirs
	trim_suffix(path, "/") == dir
}

sensitive_host_path(path) if {
	some dir in sensitive_dirs
	startswith(path, concat("", [dir, "/"]))
}
`;

/** The OPA authorization plugin to install. */
export interface DockerAuthorizationPluginSetup {
  /** The plugin reference, pinned by digest, e.g. `openpolicyagent/opa-docker-authz-v2:0.10@sha256:<64 hex>`. */
  readonly image: string;
  /** The name the plugin is installed under (`--alias`), which daemon.json's `authorization-plugins` names. */
  readonly alias: string;
}

/** What the user data is built from. */
export interface DockerHostUserDataOptions {
  /** The component's name, written in the script's header. */
  readonly name: string;
  /** The hardened daemon.json (hardenedDaemonConfig's output), written as /etc/docker/daemon.json. */
  readonly daemonConfig: Record<string, unknown>;
  /** The log group the CloudWatch agent ships the host's logs (journal, audit, secure, cloud-init) to. */
  readonly hostLogGroupName: string;
  /**
   * The authorization plugin to install before daemon.json names it. Its `alias` must be in
   * `daemonConfig['authorization-plugins']`.
   * @default - none
   */
  readonly authorizationPlugin?: DockerAuthorizationPluginSetup;
}

/** The CloudWatch agent configuration: the host's log files into the host log group, one stream per file and instance. */
export function cloudWatchAgentConfig(hostLogGroupName: string): Record<string, unknown> {
  return {
    // audit.log is readable by root only (0600).
    agent: { run_as_user: 'root' },
    logs: {
      logs_collected: {
        files: {
          collect_list: HOST_LOG_FILES.map(({ file, stream }) => ({ file_path: file, log_group_name: hostLogGroupName, log_stream_name: stream })),
        },
      },
    },
  };
}

/** The user and group the daemon remaps container root to, from daemon.json's `userns-remap` (`default` is dockremap). */
function usernsRemapUser(config: Record<string, unknown>): { user: string; group: string } | undefined {
  const value = config['userns-remap'];
  if (typeof value !== 'string' || value === '') return undefined;
  if (value === 'default') return { user: 'dockremap', group: 'dockremap' };
  const [user, group] = value.split(':');
  return { user, group: group ?? user };
}

/** User and group names useradd takes and the shell needs no quoting for (the grammar hardenedDaemonConfig accepts). */
const SHELL_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/;

/** A heredoc that writes `text` to `path` as it is (quoted delimiter: no expansion). */
function writeFile(path: string, text: string, delimiter: string): string {
  if (text.split('\n').includes(delimiter)) throw new Error(`docker host user data: the content of ${path} contains the line ${delimiter}`);
  return `cat > ${path} <<'${delimiter}'\n${text.endsWith('\n') ? text : `${text}\n`}${delimiter}`;
}

/**
 * The user data script. Throws when the options cannot make a working host: a daemon.json whose
 * `hosts` would drop the systemd socket, an authorization plugin that daemon.json does not name
 * (or the reverse), a userns-remap user that is not a plain user name.
 */
export function dockerHostUserData(options: DockerHostUserDataOptions): string {
  const config = options.daemonConfig;
  const hosts = config.hosts;
  if (hosts !== undefined && (!Array.isArray(hosts) || !hosts.includes('fd://'))) {
    throw new Error(`docker host user data: daemon.json sets hosts ${JSON.stringify(hosts)} without 'fd://'; the host keeps systemd's socket (the Unix socket only, no TCP), so hosts must include 'fd://' or be left out.`);
  }
  const plugins = Array.isArray(config['authorization-plugins']) ? (config['authorization-plugins'] as unknown[]) : [];
  const plugin = options.authorizationPlugin;
  if (plugin && !plugins.includes(plugin.alias)) {
    throw new Error(`docker host user data: the authorization plugin is installed as '${plugin.alias}', but daemon.json's authorization-plugins is ${JSON.stringify(plugins)}.`);
  }
  if (!plugin && plugins.length > 0) {
    throw new Error(`docker host user data: daemon.json names authorization plugins ${JSON.stringify(plugins)}, but none is installed; dockerd would refuse every API call.`);
  }
  if (plugin && !/^[a-z0-9][a-z0-9._/:-]*@sha256:[0-9a-f]{64}$/.test(plugin.image)) {
    throw new Error(`docker host user data: the authorization plugin '${plugin.image}' is not a plugin reference pinned by digest (<name>[:<tag>]@sha256:<64 hex digits>).`);
  }
  const remap = usernsRemapUser(config);
  if (remap && (!SHELL_NAME.test(remap.user) || !SHELL_NAME.test(remap.group))) {
    throw new Error(`docker host user data: userns-remap '${String(config['userns-remap'])}' is not 'default' or <user>[:<group>] of letters, digits, '_', '.' and '-'.`);
  }
  const daemonJson = JSON.stringify(config, null, 2);
  const bootstrapConfig = { ...config };
  delete bootstrapConfig['authorization-plugins'];

  const steps: string[] = [];
  steps.push([
    '#!/bin/bash',
    `# HipaaDockerHost '${options.name}': first-boot setup of an Amazon Linux 2023 Docker host for PHI workloads.`,
    '# Written by hipaa-constructs; run once by cloud-init as root. Output: /var/log/cloud-init-output.log (shipped to CloudWatch).',
    'set -euo pipefail',
    'umask 022',
  ].join('\n'));

  steps.push([
    '# 1. Packages: Docker, auditd, chrony, rsyslog (writes the journal to /var/log/messages and /var/log/secure',
    '#    for the CloudWatch agent, which reads files) and the CloudWatch agent.',
    'dnf install -y docker audit chrony rsyslog amazon-cloudwatch-agent',
  ].join('\n'));

  steps.push([
    `# 2. Time (164.312(b)): the Amazon Time Sync Service at ${AMAZON_TIME_SYNC}, link-local, so log and audit`,
    '#    timestamps agree across hosts. No security group rule is needed (nor possible) for it.',
    'install -d -m 0755 /etc/chrony.d',
    writeFile('/etc/chrony.d/amazon-time-sync.sources', `server ${AMAZON_TIME_SYNC} prefer iburst minpoll 4 maxpoll 4`, 'HIPAA_CHRONY'),
    "grep -q '^sourcedir /etc/chrony.d' /etc/chrony.conf || echo 'sourcedir /etc/chrony.d' >> /etc/chrony.conf",
    'systemctl enable chronyd',
    'systemctl restart chronyd',
  ].join('\n'));

  if (remap) {
    const { user, group } = remap;
    steps.push([
      `# 3. userns-remap (CIS 2.9): container root is ${user} on the host, with a subordinate id range of its own.`,
      '#    Created here, before dockerd starts, so the range never overlaps another user\'s.',
      `getent group ${group} >/dev/null || groupadd --system ${group}`,
      `id -u ${user} >/dev/null 2>&1 || useradd --system --gid ${group} --no-create-home --home-dir /nonexistent --shell /sbin/nologin ${user}`,
      `grep -q '^${user}:' /etc/subuid || echo '${user}:${USERNS_SUBORDINATE_RANGE}' >> /etc/subuid`,
      `grep -q '^${group}:' /etc/subgid || echo '${group}:${USERNS_SUBORDINATE_RANGE}' >> /etc/subgid`,
    ].join('\n'));
  } else {
    steps.push('# 3. userns-remap: daemon.json does not remap users; nothing to prepare.');
  }

  const daemonSteps = [
    '# 4. The hardened daemon.json (hipaa-constructs hardenedDaemonConfig), root:root 0644 (CIS 3.17, 3.18).',
    '#    /etc/sysconfig/docker is emptied: its OPTIONS (--default-ulimit on Amazon Linux) would clash with the',
    '#    same settings in daemon.json, and dockerd refuses to start when a setting is given both ways.',
    'install -d -m 0755 -o root -g root /etc/docker',
    writeFile('/etc/sysconfig/docker', '# Managed by HipaaDockerHost: every daemon setting is in /etc/docker/daemon.json.\nOPTIONS=""', 'HIPAA_SYSCONFIG'),
  ];
  if (plugin) {
    daemonSteps.push(
      '#    First without authorization-plugins: the plugin is installed through the daemon (step 6), and a daemon',
      '#    that names a plugin it does not have refuses every API call.',
      writeFile('/etc/docker/daemon.json', JSON.stringify(bootstrapConfig, null, 2), 'HIPAA_DAEMON_JSON_BOOTSTRAP'),
    );
  } else {
    daemonSteps.push(writeFile('/etc/docker/daemon.json', daemonJson, 'HIPAA_DAEMON_JSON'));
  }
  daemonSteps.push('chown root:root /etc/docker/daemon.json', 'chmod 0644 /etc/docker/daemon.json');
  steps.push(daemonSteps.join('\n'));

  if (hosts !== undefined) {
    steps.push([
      '# 5. dockerd runs with -H fd:// (systemd\'s socket); daemon.json also sets hosts, and dockerd refuses a setting',
      '#    given as a flag and in the file: start it without the flag (fd:// is among the hosts in daemon.json).',
      'install -d -m 0755 /etc/systemd/system/docker.service.d',
      `exec_start=$(sed -n 's/^ExecStart=//p' ${DOCKER_UNIT} | sed 's# -H fd://##')`,
      'printf \'[Service]\\nExecStart=\\nExecStart=%s\\n\' "$exec_start" > /etc/systemd/system/docker.service.d/10-hosts-in-daemon-json.conf',
      'systemctl daemon-reload',
      'systemctl enable --now docker.socket docker.service',
    ].join('\n'));
  } else {
    steps.push([
      '# 5. Start Docker. daemon.json sets no hosts, so the unit\'s -H fd:// (systemd\'s Unix socket, no TCP) does not',
      '#    clash with it.',
      'systemctl enable --now docker.socket docker.service',
    ].join('\n'));
  }

  if (plugin) {
    steps.push([
      '# 6. Authorization plugin (CIS 2.12): OPA checks every Docker API call against the policy below (no privileged',
      '#    or host-namespace containers, no Docker socket or host system mounts, no unconfined profiles). Installed',
      '#    by digest; it mounts /etc/docker read-only to read the policy. Then daemon.json names it and dockerd restarts.',
      'install -d -m 0755 /etc/docker/policies',
      writeFile(DOCKER_AUTHZ_POLICY_FILE, DOCKER_AUTHZ_POLICY, 'HIPAA_AUTHZ_REGO'),
      `chmod 0644 ${DOCKER_AUTHZ_POLICY_FILE}`,
      `docker plugin install --grant-all-permissions --alias ${plugin.alias} '${plugin.image}' opa-args='-policy-file /opa/policies/authz.rego'`,
      writeFile('/etc/docker/daemon.json', daemonJson, 'HIPAA_DAEMON_JSON'),
      'systemctl restart docker.service',
    ].join('\n'));
  } else {
    steps.push('# 6. Authorization plugin: none installed (the component records the waiver of docker-daemon-authorization-plugin).');
  }

  steps.push([
    '# 7. auditd (164.312(b), CIS 1.1.3-1.1.18): watch Docker\'s configuration, state and binaries (key "docker").',
    '#    Amazon Linux 2023 ships "-a task,never", which turns every syscall rule and watch off: remove it.',
    "sed -i '/^-a task,never/d' /etc/audit/rules.d/*.rules",
    'rules=/etc/audit/rules.d/90-docker.rules',
    "echo '## Written by hipaa-constructs (HipaaDockerHost): Docker files and binaries (CIS Docker Benchmark 1.1)' > \"$rules\"",
    `for path in ${DOCKER_AUDIT_PATHS.join(' ')}; do`,
    '  if [ -e "$path" ] || [ -d "$(dirname "$path")" ]; then echo "-w $path -p wa -k docker" >> "$rules"; fi',
    'done',
    `for bin in ${DOCKER_AUDIT_BINARIES.join(' ')}; do`,
    '  path=$(command -v "$bin" || true)',
    '  if [ -n "$path" ]; then echo "-w $(readlink -f "$path") -p wxa -k docker" >> "$rules"; fi',
    'done',
    'chmod 0640 "$rules"',
    'systemctl enable --now auditd',
    'augenrules --load',
  ].join('\n'));

  steps.push([
    '# 8. Logs off the host (164.312(b)): rsyslog writes the journal (dockerd, containerd, the plugin\'s decisions, sudo',
    `#    and SSM sessions) to files; the CloudWatch agent ships them and the audit log to ${options.hostLogGroupName}.`,
    '#    Container logs go through the daemon\'s awslogs driver (daemon.json).',
    'systemctl enable --now rsyslog',
    writeFile(CLOUDWATCH_AGENT_CONFIG, JSON.stringify(cloudWatchAgentConfig(options.hostLogGroupName), null, 2), 'HIPAA_CLOUDWATCH_AGENT'),
    `/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${CLOUDWATCH_AGENT_CONFIG}`,
  ].join('\n'));

  steps.push([
    '# 9. Docker Content Trust (CIS 4.5) for every shell, login or not: the docker CLI pulls signed tags only.',
    writeFile('/etc/profile.d/docker-content-trust.sh', 'export DOCKER_CONTENT_TRUST=1', 'HIPAA_DCT'),
    "grep -q '^DOCKER_CONTENT_TRUST=' /etc/environment || echo 'DOCKER_CONTENT_TRUST=1' >> /etc/environment",
  ].join('\n'));

  return `${steps.join('\n\n')}\n`;
}
