import { s3ForceDestroy } from '../../../../lib/rules/aws/s3/s3-force-destroy';
import { awsViolations, compliantBucket } from '../rule-fixtures';

describe('aws-s3-force-destroy', () => {
  test('flags forceDestroy: true', () => {
    expect(awsViolations(s3ForceDestroy, compliantBucket({ forceDestroy: true }, null))).toEqual(["forceDestroy: bucket 'audit' sets forceDestroy: true, so deleting it deletes every object in it"]);
  });
  test('passes forceDestroy false or unset', () => {
    expect(awsViolations(s3ForceDestroy, compliantBucket({ forceDestroy: false }))).toEqual([]);
    expect(awsViolations(s3ForceDestroy, compliantBucket())).toEqual([]);
  });
});
