import { stream } from './fixtures';
import { awsPack } from '../../../../lib/rules/aws';
import { firehosePack } from '../../../../lib/rules/aws/firehose';
import { expectAwsOneRulePerFile, expectAwsPackDescribed, expectAwsPackPasses } from '../../../helpers/aws-pack-test';

describe('aws firehose pack', () => {
  test('the compliant fixture passes the group and the whole AWS pack', () => {
    expectAwsPackPasses(firehosePack, stream());
    expectAwsPackPasses(awsPack, stream());
    for (const rule of firehosePack.rules) expect(awsPack.rules).toContain(rule);
  });

  test('has one rule per file, with the id aws-<file name>, and every rule file is in the pack', () => {
    expectAwsOneRulePerFile(firehosePack, 'firehose');
  });

  test('every rule cites controls of the catalogue, names real @pulumi/aws type tokens and says how to fix it', () => {
    expectAwsPackDescribed(firehosePack);
  });
});
