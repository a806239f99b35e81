/**
 * Whether dockerd's default log driver ships container logs off the host over an encrypted channel:
 * one judgement for the rule docker-daemon-remote-logging and for hardenedDaemonConfig's validation.
 *
 * Accepted: `awslogs` (HTTPS to CloudWatch Logs) with a group and a region, `splunk` with an https
 * `splunk-url` and a token, `gcplogs` (HTTPS to Cloud Logging), `syslog` to a `tcp+tls://` address.
 * Refused: drivers that keep logs on the host (`json-file`, `local`, `journald`, `etwlogs`), `none`,
 * drivers whose transport dockerd does not encrypt (`gelf` over udp/tcp, `fluentd` forward protocol,
 * `syslog` over udp/tcp), an address on the host itself (a local agent may forward the logs, but this
 * file cannot show it: waive with the agent's configuration as the reason), and drivers this check
 * does not know (plugins, `logentries`).
 */

/** What is wrong with the logging configuration, at a daemon.json path. */
export interface LoggingProblem {
  /** `log-driver` or `log-opts.<option>`. */
  readonly path: string;
  /** What is wrong, naming the value (`log-driver "json-file" keeps ...`). */
  readonly reason: string;
}

/** The drivers that ship logs off the host when configured as this module requires. */
export const REMOTE_LOG_DRIVERS: readonly string[] = ['awslogs', 'gcplogs', 'splunk', 'syslog'];

const ON_HOST: Record<string, string> = {
  'json-file': "keeps container logs in files on the host (dockerd's default)",
  'local': 'keeps container logs in files on the host',
  'journald': "keeps container logs in the host's journal",
  'etwlogs': "keeps container logs in the host's Windows event tracing",
};

const STAYS = 'where whoever controls the host can alter or delete them and they are lost with it';

/** Problems of `log-driver` and `log-opts` (empty when the logs leave the host encrypted). */
export function remoteLoggingProblems(driver: unknown, logOpts: unknown): LoggingProblem[] {
  if (driver === undefined) {
    return [{ path: 'log-driver', reason: `log-driver is not set: dockerd's default json-file driver keeps container logs on the host, ${STAYS}` }];
  }
  if (typeof driver !== 'string' || driver.trim() === '') return [{ path: 'log-driver', reason: `log-driver is ${JSON.stringify(driver)}, not a log driver name` }];
  const opts: Record<string, unknown> = logOpts !== null && typeof logOpts === 'object' && !Array.isArray(logOpts) ? (logOpts as Record<string, unknown>) : {};
  const opt = (key: string) => (typeof opts[key] === 'string' ? (opts[key] as string).trim() : undefined);
  const local = ON_HOST[driver];
  if (local) return [{ path: 'log-driver', reason: `log-driver "${driver}" ${local}, ${STAYS}` }];
  switch (driver) {
    case 'none':
      return [{ path: 'log-driver', reason: 'log-driver "none" discards container logs: nothing is left to review' }];
    case 'awslogs': {
      const problems: LoggingProblem[] = [];
      if (!opt('awslogs-group')) problems.push({ path: 'log-opts.awslogs-group', reason: 'log-driver "awslogs" has no log-opts.awslogs-group: name the CloudWatch Logs group the logs go to' });
      if (!opt('awslogs-region')) {
        problems.push({ path: 'log-opts.awslogs-region', reason: 'log-driver "awslogs" has no log-opts.awslogs-region: dockerd would take the region from its environment or the instance metadata, which this file cannot show' });
      }
      const endpoint = opt('awslogs-endpoint');
      if (endpoint !== undefined && !/^https:\/\//i.test(endpoint)) {
        problems.push({ path: 'log-opts.awslogs-endpoint', reason: `log-driver "awslogs" sends logs to ${JSON.stringify(endpoint)}, not an https:// endpoint` });
      }
      return problems;
    }
    case 'splunk': {
      const problems: LoggingProblem[] = [];
      const url = opt('splunk-url');
      if (!url) problems.push({ path: 'log-opts.splunk-url', reason: 'log-driver "splunk" has no log-opts.splunk-url: name the HTTP Event Collector (https://...)' });
      else if (!/^https:\/\//i.test(url)) problems.push({ path: 'log-opts.splunk-url', reason: `log-driver "splunk" sends logs unencrypted to ${JSON.stringify(url)}: use an https:// URL` });
      if (!opt('splunk-token')) problems.push({ path: 'log-opts.splunk-token', reason: 'log-driver "splunk" has no log-opts.splunk-token: the driver cannot log in to the collector' });
      if (goTrue(opt('splunk-insecureskipverify'))) {
        problems.push({ path: 'log-opts.splunk-insecureskipverify', reason: `log-driver "splunk" does not verify the collector's certificate (splunk-insecureskipverify ${JSON.stringify(opts['splunk-insecureskipverify'])})` });
      }
      return problems;
    }
    case 'gcplogs':
      return [];
    case 'syslog':
      return syslogProblems(opt('syslog-address'), opt('syslog-tls-skip-verify'));
    case 'gelf':
      return [{ path: 'log-driver', reason: `log-driver "gelf" sends logs unencrypted${opt('gelf-address') ? ` to ${JSON.stringify(opt('gelf-address'))}` : ''}: dockerd's gelf driver speaks only plain udp and tcp` }];
    case 'fluentd': {
      const address = opt('fluentd-address');
      if (address === undefined || /^unix(gram)?:\/\//i.test(address) || isLoopback(address)) {
        return [{ path: address === undefined ? 'log-driver' : 'log-opts.fluentd-address', reason: `log-driver "fluentd" sends logs to ${address === undefined ? 'localhost:24224 (its default)' : JSON.stringify(address)}, an agent on the host itself: this file cannot show that the logs leave the host, encrypted` }];
      }
      return [{ path: 'log-opts.fluentd-address', reason: `log-driver "fluentd" sends logs unencrypted to ${JSON.stringify(address)}: dockerd's fluentd driver speaks the forward protocol without TLS` }];
    }
    default:
      return [{ path: 'log-driver', reason: `log-driver "${driver}" is not a driver this check knows to ship logs off the host encrypted (${REMOTE_LOG_DRIVERS.join(', ')})` }];
  }
}

function syslogProblems(address: string | undefined, skipVerify: string | undefined): LoggingProblem[] {
  if (address === undefined) {
    return [{ path: 'log-driver', reason: `log-driver "syslog" has no log-opts.syslog-address: it writes to the host's own syslog socket, ${STAYS}` }];
  }
  const scheme = /^([a-z+]+):\/\//i.exec(address)?.[1]?.toLowerCase();
  if (scheme === 'tcp+tls') {
    if (goTrue(skipVerify)) {
      return [{ path: 'log-opts.syslog-tls-skip-verify', reason: `log-driver "syslog" does not verify the syslog server's certificate (syslog-tls-skip-verify ${JSON.stringify(skipVerify)})` }];
    }
    if (isLoopback(address)) {
      return [{ path: 'log-opts.syslog-address', reason: `log-driver "syslog" sends logs to ${JSON.stringify(address)}, a server on the host itself: this file cannot show that the logs leave the host` }];
    }
    return [];
  }
  if (scheme === 'unix' || scheme === 'unixgram') {
    return [{ path: 'log-opts.syslog-address', reason: `log-driver "syslog" writes to ${JSON.stringify(address)}, a socket on the host itself, ${STAYS}` }];
  }
  if (scheme === 'udp' || scheme === 'tcp') {
    return [{ path: 'log-opts.syslog-address', reason: `log-driver "syslog" sends logs unencrypted to ${JSON.stringify(address)}: use tcp+tls://` }];
  }
  return [{ path: 'log-opts.syslog-address', reason: `log-driver "syslog" has syslog-address ${JSON.stringify(address)}, not an address dockerd reads (tcp+tls://host:port)` }];
}

/** Whether an address (`tcp://127.0.0.1:24224`, `localhost:24224`) names the host itself. */
function isLoopback(address: string): boolean {
  const rest = address.replace(/^[a-z+]+:\/\//i, '');
  const host = rest.startsWith('[') ? rest.slice(1, rest.indexOf(']')) : rest.split(':')[0];
  return /^(localhost|127(\.\d{1,3}){3}|::1|0\.0\.0\.0)$/i.test(host.split('/')[0]);
}

/** Whether dockerd's drivers (Go strconv.ParseBool) read an option as true: 1, t, true in any case. */
function goTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 't', 'true'].includes(value.toLowerCase());
}
