import { ec2Pack } from '../../../../lib/rules/aws/ec2';
import { expectAwsOneRulePerFile, expectAwsPackDescribed } from '../../../helpers/aws-pack-test';

describe('aws ec2 pack', () => {
  test('has one rule per file, with the id aws-<file name>, every rule file is in the pack and has a test file', () => {
    expectAwsOneRulePerFile(ec2Pack, 'ec2');
  });

  test('every rule cites controls of the catalogue, names real @pulumi/aws type tokens and says how to fix it', () => {
    expectAwsPackDescribed(ec2Pack);
  });
});
