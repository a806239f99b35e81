import { cloudtrailLogValidation } from '../../../../lib/rules/aws/cloudtrail/cloudtrail-log-validation';
import { awsViolations, KEY } from '../rule-fixtures';

const trail = (inputs: Record<string, any> = {}) => [{ type: 'aws:cloudtrail/trail:Trail', name: 'org', inputs: { s3BucketName: 'acme-audit', kmsKeyId: KEY, enableLogFileValidation: true, isMultiRegionTrail: true, ...inputs } }];

describe('aws-cloudtrail-log-validation', () => {
  test('flags a trail without log file validation', () => {
    expect(awsViolations(cloudtrailLogValidation, trail({ enableLogFileValidation: undefined }))).toEqual(["enableLogFileValidation: trail 'org' does not validate its log files (enableLogFileValidation is not true)"]);
  });
  test('passes enableLogFileValidation: true', () => {
    expect(awsViolations(cloudtrailLogValidation, trail())).toEqual([]);
  });
});
