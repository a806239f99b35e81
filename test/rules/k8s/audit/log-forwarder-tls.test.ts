import { configMap, CW_OUTPUT, daemonSet, fluentBitConf, LUA_FILTER } from './helpers';
import { logForwarderTls } from '../../../../lib/rules/k8s/audit/log-forwarder-tls';
import { violations } from '../../../helpers/rule-test';

function run(output: string): string[] {
  return violations(logForwarderTls, [daemonSet('fb'), configMap('fb', { 'fluent-bit.conf': fluentBitConf(LUA_FILTER, output) })]);
}
const at = (what: string) => `data["fluent-bit.conf"]: [OUTPUT] ${what}`;

describe('k8s-log-forwarder-tls', () => {
  test('passes AWS outputs, and network outputs with tls On', () => {
    expect(run(CW_OUTPUT)).toEqual([]);
    expect(run('[OUTPUT]\n    Name s3\n    Match *\n    bucket logs\n')).toEqual([]);
    expect(run('[OUTPUT]\n    Name http\n    Match *\n    Host logs.example.org\n    Port 443\n    tls On\n')).toEqual([]);
    expect(run('[OUTPUT]\n    Name syslog\n    Match *\n    mode tls\n')).toEqual([]);
  });

  test('flags an http output without tls (Fluent Bit default Off) and with tls Off', () => {
    expect(run('[OUTPUT]\n    Name http\n    Match *\n    Host logs.example.org\n')).toEqual([
      at("http at line 15 of the Fluent Bit configuration of DaemonSet logging/fluent-bit does not set tls On (Fluent Bit's default is Off): records travel in plain text"),
    ]);
    expect(run('[OUTPUT]\n    Name es\n    Match *\n    TLS off\n')).toEqual([
      at('es at line 15 of the Fluent Bit configuration of DaemonSet logging/fluent-bit sets tls off: records travel in plain text'),
    ]);
  });

  test('flags tls.verify Off, even on AWS outputs, and an http:// endpoint', () => {
    expect(run(`${CW_OUTPUT}    tls.verify Off\n`)).toEqual([
      at("cloudwatch_logs at line 15 of the Fluent Bit configuration of DaemonSet logging/fluent-bit sets tls.verify Off: the server's certificate is not checked, so anyone on the path can read the logs"),
    ]);
    expect(run('[OUTPUT]\n    Name s3\n    Match *\n    endpoint http://minio.local:9000\n')).toEqual([
      at('s3 at line 15 of the Fluent Bit configuration of DaemonSet logging/fluent-bit sends to endpoint http://minio.local:9000 over plain HTTP'),
    ]);
  });

  test('flags syslog without mode tls and kafka without ssl', () => {
    expect(run('[OUTPUT]\n    Name syslog\n    Match *\n    mode tcp\n')).toEqual([
      at('syslog at line 15 of the Fluent Bit configuration of DaemonSet logging/fluent-bit uses mode tcp: records travel in plain text (set mode tls)'),
    ]);
    expect(run('[OUTPUT]\n    Name kafka\n    Match *\n')).toHaveLength(1);
    expect(run('[OUTPUT]\n    Name kafka\n    Match *\n    rdkafka.security.protocol SASL_SSL\n')).toEqual([]);
  });
});

describe('k8s-log-forwarder-tls: the YAML format', () => {
  test('an http output without tls in a YAML configuration is flagged; with tls on it passes', () => {
    const text = (tls: string) => `pipeline:\n  inputs:\n    - name: tail\n      tag: kube.*\n  outputs:\n    - name: http\n      match: '*'\n      host: logs.example.com\n      port: 80\n${tls}`;
    expect(violations(logForwarderTls, [daemonSet('fb'), configMap('fb', { 'fluent-bit.yaml': text('') })])).toEqual([
      "data[\"fluent-bit.yaml\"]: [OUTPUT] http at line 6 of the Fluent Bit configuration of DaemonSet logging/fluent-bit does not set tls On (Fluent Bit's default is Off): records travel in plain text",
    ]);
    expect(violations(logForwarderTls, [daemonSet('fb'), configMap('fb', { 'fluent-bit.yaml': text('      tls: on\n      port: 443\n') })])).toEqual([]);
    expect(violations(logForwarderTls, [daemonSet('fb'), configMap('fb', { 'fluent-bit.yaml': text('      tls: true\n      tls.verify: false\n') })])).toEqual([
      "data[\"fluent-bit.yaml\"]: [OUTPUT] http at line 6 of the Fluent Bit configuration of DaemonSet logging/fluent-bit sets tls.verify Off: the server's certificate is not checked, so anyone on the path can read the logs",
    ]);
  });
});
