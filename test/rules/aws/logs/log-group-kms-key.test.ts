import { logGroupKmsKey } from '../../../../lib/rules/aws/logs/log-group-kms-key';
import { awsViolations, KEY } from '../rule-fixtures';

const group = (inputs: Record<string, any>) => [{ type: 'aws:cloudwatch/logGroup:LogGroup', name: 'eks', inputs: { name: '/aws/eks/prod/cluster', retentionInDays: 2192, ...inputs } }];

describe('aws-log-group-kms-key', () => {
  test('flags no key, an alias and a malformed key', () => {
    expect(awsViolations(logGroupKmsKey, group({}))).toEqual(["kmsKeyId: log group 'eks' has no kmsKeyId: its logs are encrypted only with a key CloudWatch Logs owns"]);
    expect(awsViolations(logGroupKmsKey, group({ kmsKeyId: 'alias/logs' }))).toEqual([
      "kmsKeyId: log group 'eks' has kmsKeyId 'alias/logs', not a key ARN: CloudWatch Logs needs the ARN of a customer-managed key",
    ]);
    expect(awsViolations(logGroupKmsKey, group({ kmsKeyId: 'arn:aws:kms:us-east-1:123:key/x' }))).toEqual([
      "kmsKeyId: log group 'eks' has kmsKeyId has account '123'; expected 12 digits: CloudWatch Logs needs the ARN of a customer-managed key",
    ]);
  });
  test('passes a key ARN', () => {
    expect(awsViolations(logGroupKmsKey, group({ kmsKeyId: KEY }))).toEqual([]);
  });
});
