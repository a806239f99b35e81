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
