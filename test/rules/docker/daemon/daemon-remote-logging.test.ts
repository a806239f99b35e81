import { daemonRemoteLogging } from '../../../../lib/rules/docker/daemon/daemon-remote-logging';
import { daemonText, daemonViolations } from '../../../helpers/daemon-rules';

const F = "'etc/docker/daemon.json'";
const STAYS = 'where whoever controls the host can alter or delete them and they are lost with it';

function logging(driver: unknown, opts?: Record<string, string>): string[] {
  return daemonViolations(daemonRemoteLogging, daemonText({ 'log-driver': driver, 'log-opts': opts ?? {} })).map((v) => v.replace(/^\d+ /, ''));
}

describe('docker-daemon-remote-logging', () => {
  test('flags an unset log-driver (json-file by default) at line 1', () => {
    expect(daemonViolations(daemonRemoteLogging, '{\n  "icc": false\n}\n')).toEqual([
      `1 log-driver: ${F} log-driver is not set: dockerd's default json-file driver keeps container logs on the host, ${STAYS}`,
    ]);
  });

  test('flags drivers that keep logs on the host, and none', () => {
    expect(logging('json-file', { 'max-size': '10m' })).toEqual([`log-driver: ${F} log-driver "json-file" keeps container logs in files on the host (dockerd's default), ${STAYS}`]);
    expect(logging('local')).toEqual([`log-driver: ${F} log-driver "local" keeps container logs in files on the host, ${STAYS}`]);
    expect(logging('journald')).toEqual([`log-driver: ${F} log-driver "journald" keeps container logs in the host's journal, ${STAYS}`]);
    expect(logging('none')).toEqual([`log-driver: ${F} log-driver "none" discards container logs: nothing is left to review`]);
  });

  test('flags syslog to the local socket, over udp or plain tcp, and with certificate checks off', () => {
    expect(logging('syslog')).toEqual([`log-driver: ${F} log-driver "syslog" has no log-opts.syslog-address: it writes to the host's own syslog socket, ${STAYS}`]);
    expect(logging('syslog', { 'syslog-address': 'udp://logs.example.com:514' })).toEqual([
      `log-opts.syslog-address: ${F} log-driver "syslog" sends logs unencrypted to "udp://logs.example.com:514": use tcp+tls://`,
    ]);
    expect(logging('syslog', { 'syslog-address': 'tcp://logs.example.com:514' })).toHaveLength(1);
    expect(logging('syslog', { 'syslog-address': 'unixgram:///dev/log' })).toEqual([
      `log-opts.syslog-address: ${F} log-driver "syslog" writes to "unixgram:///dev/log", a socket on the host itself, ${STAYS}`,
    ]);
    expect(logging('syslog', { 'syslog-address': 'tcp+tls://logs.example.com:6514', 'syslog-tls-skip-verify': 'true' })).toEqual([
      `log-opts.syslog-tls-skip-verify: ${F} log-driver "syslog" does not verify the syslog server's certificate (syslog-tls-skip-verify "true")`,
    ]);
    expect(logging('syslog', { 'syslog-address': 'tcp+tls://logs.example.com:6514', 'syslog-tls-skip-verify': 'T' })).toHaveLength(1);
    expect(logging('syslog', { 'syslog-address': 'tcp+tls://127.0.0.1:6514' })).toEqual([
      `log-opts.syslog-address: ${F} log-driver "syslog" sends logs to "tcp+tls://127.0.0.1:6514", a server on the host itself: this file cannot show that the logs leave the host`,
    ]);
  });

  test('flags gelf and fluentd (no TLS in dockerd), awslogs without group or region, splunk over http, unknown drivers', () => {
    expect(logging('gelf', { 'gelf-address': 'udp://graylog:12201' })).toEqual([
      `log-driver: ${F} log-driver "gelf" sends logs unencrypted to "udp://graylog:12201": dockerd's gelf driver speaks only plain udp and tcp`,
    ]);
    expect(logging('fluentd')).toEqual([
      `log-driver: ${F} log-driver "fluentd" sends logs to localhost:24224 (its default), an agent on the host itself: this file cannot show that the logs leave the host, encrypted`,
    ]);
    expect(logging('fluentd', { 'fluentd-address': 'fluentd.example.com:24224' })).toEqual([
      `log-opts.fluentd-address: ${F} log-driver "fluentd" sends logs unencrypted to "fluentd.example.com:24224": dockerd's fluentd driver speaks the forward protocol without TLS`,
    ]);
    expect(logging('awslogs')).toEqual([
      `log-opts.awslogs-group: ${F} log-driver "awslogs" has no log-opts.awslogs-group: name the CloudWatch Logs group the logs go to`,
      `log-opts.awslogs-region: ${F} log-driver "awslogs" has no log-opts.awslogs-region: dockerd would take the region from its environment or the instance metadata, which this file cannot show`,
    ]);
    expect(logging('awslogs', { 'awslogs-group': 'g', 'awslogs-region': 'us-east-1', 'awslogs-endpoint': 'http://logs.local' })).toEqual([
      `log-opts.awslogs-endpoint: ${F} log-driver "awslogs" sends logs to "http://logs.local", not an https:// endpoint`,
    ]);
    expect(logging('splunk', { 'splunk-url': 'http://splunk:8088', 'splunk-token': 't', 'splunk-insecureskipverify': 'true' })).toEqual([
      `log-opts.splunk-insecureskipverify: ${F} log-driver "splunk" does not verify the collector's certificate (splunk-insecureskipverify "true")`,
      `log-opts.splunk-url: ${F} log-driver "splunk" sends logs unencrypted to "http://splunk:8088": use an https:// URL`,
    ]);
    expect(logging('grafana/loki-docker-driver:latest')).toEqual([
      `log-driver: ${F} log-driver "grafana/loki-docker-driver:latest" is not a driver this check knows to ship logs off the host encrypted (awslogs, gcplogs, splunk, syslog)`,
    ]);
    expect(logging(true)).toEqual([`log-driver: ${F} log-driver is true, not a log driver name`]);
  });

  test('passes awslogs with group and region, syslog over tcp+tls, splunk over https with a token, gcplogs', () => {
    expect(logging('awslogs', { 'awslogs-group': '/hipaa/docker', 'awslogs-region': 'us-east-1' })).toEqual([]);
    expect(logging('syslog', { 'syslog-address': 'tcp+tls://logs.example.com:6514', 'syslog-tls-ca-cert': '/etc/docker/syslog-ca.pem' })).toEqual([]);
    expect(logging('syslog', { 'syslog-address': 'tcp+tls://logs.example.com:6514', 'syslog-tls-skip-verify': 'false' })).toEqual([]);
    expect(logging('splunk', { 'splunk-url': 'https://splunk.example.com:8088', 'splunk-token': 'x' })).toEqual([]);
    expect(logging('gcplogs')).toEqual([]);
  });
});
