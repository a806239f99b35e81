import { external, flowsTo, NOW, REGISTER, REGISTER_WITH_INELIGIBLE_SERVICE, resource } from './fixtures';
import { serviceNotEligibleViolations } from '../../../lib/rules/baa/service-not-eligible';

const CONFIG = { kind: 'ConfigMap', namespace: 'logging', name: 'fluent-bit' };
const config = resource('ConfigMap', 'logging', 'fluent-bit');

describe('baa-service-not-eligible', () => {
  test('flags PHI sent to a provider service the vendor entry does not list', () => {
    const firehose = external('log-sink', { type: 'log-destination', value: 'firehose:phi-stream', provider: 'aws', service: 'firehose' }, CONFIG, 'data.out');
    expect(serviceNotEligibleViolations(flowsTo(firehose), REGISTER, config, NOW)).toEqual([{
      path: 'data.out',
      message: 'ships the logs of workload clinic/records-api, which handles PHI, to log destination firehose:phi-stream of vendor AWS (aws), a service its BAA does not cover ' +
        '(AWS: service firehose is not among the vendor\'s services in the BAA register (s3, kms, ecr, eks, logs, secretsmanager, backup))',
      fix: 'Use a HIPAA-eligible service of AWS (aws) for PHI (and list it in the vendor\'s services), or keep PHI away from firehose.',
    }]);
  });

  test('flags a vendor in use whose register entry lists a service not on the eligible list, once, on the object that uses it', () => {
    const cloudwatch = external('log-sink', { type: 'log-destination', value: 'cloudwatch:/aws/eks/clinic', provider: 'aws', service: 'logs' }, CONFIG, 'data.out');
    expect(serviceNotEligibleViolations(flowsTo(cloudwatch), REGISTER_WITH_INELIGIBLE_SERVICE, config, NOW)).toEqual([{
      path: 'data.out',
      message: 'ships the logs of workload clinic/records-api, which handles PHI, to log destination cloudwatch:/aws/eks/clinic of vendor AWS (aws), whose register entry lists service ' +
        'sagemaker-geospatial not on the AWS HIPAA-eligible services list (snapshot 2026-12-02, https://aws.amazon.com/compliance/hipaa-eligible-services-reference/)',
      fix: 'Keep PHI out of sagemaker-geospatial and remove it from the vendor\'s services in the BAA register; if AWS lists it as eligible now, waive this finding citing the page.',
    }]);
  });

  test('passes an eligible, listed service', () => {
    const cloudwatch = external('log-sink', { type: 'log-destination', value: 'cloudwatch:/aws/eks/clinic', provider: 'aws', service: 'logs' }, CONFIG, 'data.out');
    expect(serviceNotEligibleViolations(flowsTo(cloudwatch), REGISTER, config, NOW)).toEqual([]);
  });
});
