import { secretsPack } from '../../../../lib/rules/aws/secrets';
import { expectAwsOneRulePerFile, expectAwsPackDescribed } from '../../../helpers/aws-pack-test';

describe('aws secrets pack', () => {
  test('has one rule per file, with the id aws-<file name>, every rule file is in the pack and has a test file', () => {
    expectAwsOneRulePerFile(secretsPack, 'secrets');
  });

  test('every rule cites controls of the catalogue, names real @pulumi/aws type tokens and says how to fix it', () => {
    expectAwsPackDescribed(secretsPack);
    for (const rule of secretsPack.rules) expect(rule.kinds).toEqual(['aws:secretsmanager/secret:Secret']);
  });
});
