import { awsPack } from '../../../../lib/rules/aws';
import { cloudtrailPack } from '../../../../lib/rules/aws/cloudtrail';
import { expectAwsOneRulePerFile, expectAwsPackDescribed, expectAwsPackPasses } from '../../../helpers/aws-pack-test';
import { KEY } from '../rule-fixtures';

describe('aws cloudtrail pack', () => {
  test('the compliant fixture passes the group and the whole AWS pack', () => {
    expectAwsPackPasses(cloudtrailPack, [{ type: 'aws:cloudtrail/trail:Trail', name: 'org', inputs: { s3BucketName: 'acme-audit', kmsKeyId: KEY, enableLogFileValidation: true, isMultiRegionTrail: true } }]);
    expectAwsPackPasses(awsPack, [{ type: 'aws:cloudtrail/trail:Trail', name: 'org', inputs: { s3BucketName: 'acme-audit', kmsKeyId: KEY, enableLogFileValidation: true, isMultiRegionTrail: true } }]);
    for (const rule of cloudtrailPack.rules) expect(awsPack.rules).toContain(rule);
  });

  test('has one rule per file, with the id aws-<file name>, and every rule file is in the pack', () => {
    expectAwsOneRulePerFile(cloudtrailPack, 'cloudtrail');
  });

  test('every rule cites controls of the catalogue, names real @pulumi/aws type tokens and says how to fix it', () => {
    expectAwsPackDescribed(cloudtrailPack);
  });
});
