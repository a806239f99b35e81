import { compliantIam } from './fixtures';
import { awsPack } from '../../../../lib/rules/aws';
import { iamPack } from '../../../../lib/rules/aws/iam';
import { expectAwsOneRulePerFile, expectAwsPackDescribed, expectAwsPackPasses } from '../../../helpers/aws-pack-test';

describe('aws iam pack', () => {
  test('the compliant IRSA role, its policy and a narrow attachment pass the group and the whole AWS pack', () => {
    expectAwsPackPasses(iamPack, compliantIam());
    expectAwsPackPasses(awsPack, compliantIam());
    for (const rule of iamPack.rules) expect(awsPack.rules).toContain(rule);
  });

  test('has one rule per file, with the id aws-<file name>, and every rule file is in the pack', () => {
    expectAwsOneRulePerFile(iamPack, 'iam');
  });

  test('every rule cites controls of the catalogue, names real @pulumi/aws type tokens and says how to fix it', () => {
    expectAwsPackDescribed(iamPack);
  });
});
