import { backupPack } from '../../../../lib/rules/aws/backup';
import { expectAwsOneRulePerFile, expectAwsPackDescribed } from '../../../helpers/aws-pack-test';

describe('aws backup pack', () => {
  test('has one rule per file, with the id aws-<file name>, every rule file is in the pack and has a test file', () => {
    expectAwsOneRulePerFile(backupPack, 'backup');
  });

  test('every rule cites controls of the catalogue, names real @pulumi/aws type tokens and says how to fix it', () => {
    expectAwsPackDescribed(backupPack);
  });
});
