import { configMap, CW_OUTPUT, daemonSet, fluentBitConf, LUA_FILTER } from './helpers';
import { logForwarderRedaction } from '../../../../lib/rules/k8s/audit/log-forwarder-redaction';
import { violations } from '../../../helpers/rule-test';

describe('k8s-log-forwarder-redaction', () => {
  test('passes a forwarder with a lua filter matching every record', () => {
    expect(violations(logForwarderRedaction, [daemonSet('fb'), configMap('fb', { 'fluent-bit.conf': fluentBitConf(LUA_FILTER, CW_OUTPUT) })])).toEqual([]);
  });

  test('flags an output no lua filter sees', () => {
    const conf = fluentBitConf('[FILTER]\n    Name kubernetes\n    Match kube.*\n', CW_OUTPUT);
    expect(violations(logForwarderRedaction, [daemonSet('fb'), configMap('fb', { 'fluent-bit.conf': conf })])).toEqual([
      'data["fluent-bit.conf"]: [OUTPUT] cloudwatch_logs at line 13 (Match kube.*) of the Fluent Bit configuration of DaemonSet logging/fluent-bit sends records that no lua redaction [FILTER] has seen',
    ]);
  });

  test('flags a lua filter that matches other tags than the output', () => {
    const conf = fluentBitConf(LUA_FILTER.replace('Match *', 'Match host.*'), CW_OUTPUT);
    expect(violations(logForwarderRedaction, [daemonSet('fb', 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0'), configMap('fb', { 'fluent-bit.conf': conf })])).toHaveLength(1);
    const same = fluentBitConf(LUA_FILTER.replace('Match *', 'Match kube.*'), CW_OUTPUT);
    expect(violations(logForwarderRedaction, [daemonSet('fb'), configMap('fb', { 'fluent-bit.conf': same })])).toEqual([]);
  });

  test('ignores ConfigMaps no Fluent Bit workload mounts, and local outputs', () => {
    const conf = fluentBitConf('', CW_OUTPUT);
    expect(violations(logForwarderRedaction, [configMap('fb', { 'fluent-bit.conf': conf })])).toEqual([]);
    expect(violations(logForwarderRedaction, [daemonSet('fb', 'nginx:1.27'), configMap('fb', { 'fluent-bit.conf': conf })])).toEqual([]);
    expect(violations(logForwarderRedaction, [daemonSet('fb', 'fluent/fluent-bit:3.2.2', 'other'), configMap('fb', { 'fluent-bit.conf': conf })])).toEqual([]);
    expect(violations(logForwarderRedaction, [daemonSet('fb'), configMap('fb', { 'fluent-bit.conf': fluentBitConf('', '[OUTPUT]\n    Name stdout\n    Match *\n') })])).toEqual([]);
  });
});

describe('k8s-log-forwarder-redaction: filters in included files, and the YAML format', () => {
  test('a lua filter in a file of the ConfigMap that the configuration @INCLUDEs counts; one not included does not', () => {
    const conf = fluentBitConf('@INCLUDE /fluent-bit/etc/conf/redact-*.conf\n', CW_OUTPUT);
    const included = configMap('fb', { 'fluent-bit.conf': conf, 'redact-phi.conf': LUA_FILTER });
    expect(violations(logForwarderRedaction, [daemonSet('fb'), included])).toEqual([]);
    const notIncluded = configMap('fb', { 'fluent-bit.conf': conf.replace('@INCLUDE /fluent-bit/etc/conf/redact-*.conf', ''), 'redact-phi.conf': LUA_FILTER });
    expect(violations(logForwarderRedaction, [daemonSet('fb'), notIncluded])).toHaveLength(1);
  });

  test('a YAML configuration is read: its outputs need a lua filter too', () => {
    const text = (filters: string) => [
      'service:',
      '  flush: 1',
      'pipeline:',
      '  inputs:',
      '    - name: tail',
      '      path: /var/log/containers/*.log',
      '      tag: kube.*',
      filters,
      '  outputs:',
      '    - name: cloudwatch_logs',
      "      match: '*'",
      '      region: us-east-1',
      '',
    ].join('\n');
    expect(violations(logForwarderRedaction, [daemonSet('fb'), configMap('fb', { 'fluent-bit.yaml': text('') })])).toEqual([
      'data["fluent-bit.yaml"]: [OUTPUT] cloudwatch_logs at line 10 (Match *) of the Fluent Bit configuration of DaemonSet logging/fluent-bit sends records that no lua redaction [FILTER] has seen',
    ]);
    const lua = "  filters:\n    - name: lua\n      match: '*'\n      script: /fluent-bit/etc/redact.lua\n      call: redact";
    expect(violations(logForwarderRedaction, [daemonSet('fb'), configMap('fb', { 'fluent-bit.yaml': text(lua) })])).toEqual([]);
  });
});
