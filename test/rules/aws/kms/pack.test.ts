import { compliantKey } from './fixtures';
import { awsPack } from '../../../../lib/rules/aws';
import { kmsPack } from '../../../../lib/rules/aws/kms';
import { expectAwsOneRulePerFile, expectAwsPackDescribed, expectAwsPackPasses } from '../../../helpers/aws-pack-test';

describe('aws kms pack', () => {
  test('the compliant key passes the group and the whole AWS pack', () => {
    expectAwsPackPasses(kmsPack, [compliantKey()]);
    expectAwsPackPasses(awsPack, [compliantKey()]);
    for (const rule of kmsPack.rules) expect(awsPack.rules).toContain(rule);
  });

  test('has one rule per file, with the id aws-<file name>, and every rule file is in the pack', () => {
    expectAwsOneRulePerFile(kmsPack, 'kms');
  });

  test('every rule cites controls of the catalogue, names real @pulumi/aws type tokens and says how to fix it', () => {
    expectAwsPackDescribed(kmsPack);
  });
});
