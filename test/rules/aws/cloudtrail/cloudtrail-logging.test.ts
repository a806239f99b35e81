import { cloudtrailLogging } from '../../../../lib/rules/aws/cloudtrail/cloudtrail-logging';
import { awsViolations, KEY } from '../rule-fixtures';

const trail = (inputs: Record<string, any> = {}) => [{ type: 'aws:cloudtrail/trail:Trail', name: 'org', inputs: { s3BucketName: 'acme-audit', kmsKeyId: KEY, enableLogFileValidation: true, isMultiRegionTrail: true, ...inputs } }];

describe('aws-cloudtrail-logging', () => {
  test('flags enableLogging: false', () => {
    expect(awsViolations(cloudtrailLogging, trail({ enableLogging: false }))).toEqual(["enableLogging: trail 'org' has logging turned off (enableLogging: false)"]);
  });
  test('passes logging on (explicit or default)', () => {
    expect(awsViolations(cloudtrailLogging, trail())).toEqual([]);
    expect(awsViolations(cloudtrailLogging, trail({ enableLogging: true }))).toEqual([]);
  });
});
