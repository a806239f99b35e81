import { cloudtrailKms } from '../../../../lib/rules/aws/cloudtrail/cloudtrail-kms';
import { awsViolations, KEY } from '../rule-fixtures';

const trail = (inputs: Record<string, any> = {}) => [{ type: 'aws:cloudtrail/trail:Trail', name: 'org', inputs: { s3BucketName: 'acme-audit', kmsKeyId: KEY, enableLogFileValidation: true, isMultiRegionTrail: true, ...inputs } }];

describe('aws-cloudtrail-kms', () => {
  test('flags a trail without a key or with an alias name', () => {
    expect(awsViolations(cloudtrailKms, trail({ kmsKeyId: undefined }))).toEqual(["kmsKeyId: trail 'org' encrypts its log files with no key: give a customer-managed key's ARN"]);
    expect(awsViolations(cloudtrailKms, trail({ kmsKeyId: 'alias/trail' }))).toEqual(["kmsKeyId: trail 'org' encrypts its log files with 'alias/trail', not a key ARN: give a customer-managed key's ARN"]);
  });
  test('passes a key ARN', () => {
    expect(awsViolations(cloudtrailKms, trail())).toEqual([]);
  });
});
