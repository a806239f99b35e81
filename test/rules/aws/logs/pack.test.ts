import { awsPack } from '../../../../lib/rules/aws';
import { logsPack } from '../../../../lib/rules/aws/logs';
import { expectAwsOneRulePerFile, expectAwsPackDescribed, expectAwsPackPasses } from '../../../helpers/aws-pack-test';
import { KEY } from '../rule-fixtures';

describe('aws logs pack', () => {
  test('the compliant fixture passes the group and the whole AWS pack', () => {
    expectAwsPackPasses(logsPack, [{ type: 'aws:cloudwatch/logGroup:LogGroup', name: 'audit', inputs: { name: '/hipaa-constructs/audit/kubernetes', kmsKeyId: KEY, retentionInDays: 2192 } }]);
    expectAwsPackPasses(awsPack, [{ type: 'aws:cloudwatch/logGroup:LogGroup', name: 'audit', inputs: { name: '/hipaa-constructs/audit/kubernetes', kmsKeyId: KEY, retentionInDays: 2192 } }]);
    for (const rule of logsPack.rules) expect(awsPack.rules).toContain(rule);
  });

  test('has one rule per file, with the id aws-<file name>, and every rule file is in the pack', () => {
    expectAwsOneRulePerFile(logsPack, 'logs');
  });

  test('every rule cites controls of the catalogue, names real @pulumi/aws type tokens and says how to fix it', () => {
    expectAwsPackDescribed(logsPack);
  });
});
