import { cloudtrailMultiRegion } from '../../../../lib/rules/aws/cloudtrail/cloudtrail-multi-region';
import { awsViolations, KEY } from '../rule-fixtures';

const trail = (inputs: Record<string, any> = {}) => [{ type: 'aws:cloudtrail/trail:Trail', name: 'org', inputs: { s3BucketName: 'acme-audit', kmsKeyId: KEY, enableLogFileValidation: true, isMultiRegionTrail: true, ...inputs } }];

describe('aws-cloudtrail-multi-region', () => {
  test('flags a single-region trail and one without global service events', () => {
    expect(awsViolations(cloudtrailMultiRegion, trail({ isMultiRegionTrail: false, includeGlobalServiceEvents: false }))).toEqual([
      "includeGlobalServiceEvents: trail 'org' leaves out global service events (IAM, STS, CloudFront)",
      "isMultiRegionTrail: trail 'org' records one region only (isMultiRegionTrail is not true)",
    ]);
  });
  test('passes a multi-region trail with global events (explicit or default)', () => {
    expect(awsViolations(cloudtrailMultiRegion, trail())).toEqual([]);
    expect(awsViolations(cloudtrailMultiRegion, trail({ includeGlobalServiceEvents: true }))).toEqual([]);
  });
});
