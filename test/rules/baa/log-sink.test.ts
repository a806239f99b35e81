import { external, flowsTo, NOW, REGISTER, resource } from './fixtures';
import { logSinkViolations } from '../../../lib/rules/baa/log-sink';

const CONFIG = { kind: 'ConfigMap', namespace: 'logging', name: 'fluent-bit' };
const config = resource('ConfigMap', 'logging', 'fluent-bit');
const PATH = 'data["fluent-bit.conf"]';

describe('baa-log-sink', () => {
  test('flags PHI logs shipped to a log destination no vendor matches', () => {
    const sink = external('log-sink', { type: 'log-destination', value: 'https://logs.example-saas.io/ingest' }, CONFIG, PATH);
    expect(logSinkViolations(flowsTo(sink), REGISTER, config, NOW)).toEqual([{
      path: PATH,
      message: 'ships the logs of workload clinic/records-api, which handles PHI, to log destination https://logs.example-saas.io/ingest, which no vendor of the BAA register matches',
      fix: 'Add the vendor of log destination https://logs.example-saas.io/ingest to the BAA register with its signed BAA (or to internal, if it is the organisation\'s own), or stop sending PHI there.',
    }]);
  });

  test('passes CloudWatch Logs under the AWS BAA; an expired BAA is baa-expired\'s', () => {
    const cloudwatch = external('log-sink', { type: 'log-destination', value: 'cloudwatch:/aws/eks/clinic', provider: 'aws', service: 'logs' }, CONFIG, PATH);
    expect(logSinkViolations(flowsTo(cloudwatch), REGISTER, config, NOW)).toEqual([]);
    const datadog = external('log-sink', { type: 'log-destination', value: 'https://http-intake.logs.datadoghq.com/api/v2/logs' }, CONFIG, PATH);
    expect(logSinkViolations(flowsTo(datadog), REGISTER, config, NOW)).toEqual([]);
  });
});
