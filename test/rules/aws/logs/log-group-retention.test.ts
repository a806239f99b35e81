import { logGroupRetention } from '../../../../lib/rules/aws/logs/log-group-retention';
import { awsViolations, KEY } from '../rule-fixtures';

const group = (inputs: Record<string, any>) => [{ type: 'aws:cloudwatch/logGroup:LogGroup', name: 'eks', inputs: { name: '/hipaa-constructs/audit/kubernetes', kmsKeyId: KEY, ...inputs } }];

describe('aws-log-group-retention', () => {
  test('flags a retention below 6 years and one CloudWatch Logs does not accept', () => {
    expect(awsViolations(logGroupRetention, group({ retentionInDays: 365 }))).toEqual([
      "retentionInDays: log group 'eks' keeps logs 365 days, less than the 6 years (2192 days) audit records must be kept",
    ]);
    expect(awsViolations(logGroupRetention, group({ retentionInDays: 2200 }))).toEqual([
      "retentionInDays: log group 'eks' has retentionInDays 2200, which CloudWatch Logs does not accept",
    ]);
  });
  test('passes 2192 days or more, and never expire (unset or 0)', () => {
    for (const retentionInDays of [2192, 3653, 0, undefined]) expect(awsViolations(logGroupRetention, group({ retentionInDays }))).toEqual([]);
  });
  test('leaves EKS control-plane log groups to aws-eks-control-plane-log-retention', () => {
    expect(awsViolations(logGroupRetention, group({ name: '/aws/eks/prod/cluster', retentionInDays: 365 }))).toEqual([]);
    expect(awsViolations(logGroupRetention, group({ name: '/aws/eks/prod/cluster/extra', retentionInDays: 365 }))).toHaveLength(1);
  });
});
