import { awsPack } from '../../../../lib/rules/aws';
import { s3Pack } from '../../../../lib/rules/aws/s3';
import { expectAwsOneRulePerFile, expectAwsPackDescribed, expectAwsPackPasses } from '../../../helpers/aws-pack-test';
import { compliantBucket } from '../rule-fixtures';

describe('aws s3 pack', () => {
  test('the compliant fixture passes the group and the whole AWS pack', () => {
    expectAwsPackPasses(s3Pack, compliantBucket());
    expectAwsPackPasses(awsPack, compliantBucket());
    for (const rule of s3Pack.rules) expect(awsPack.rules).toContain(rule);
  });

  test('has one rule per file, with the id aws-<file name>, and every rule file is in the pack', () => {
    expectAwsOneRulePerFile(s3Pack, 's3');
  });

  test('every rule cites controls of the catalogue, names real @pulumi/aws type tokens and says how to fix it', () => {
    expectAwsPackDescribed(s3Pack);
  });
});
