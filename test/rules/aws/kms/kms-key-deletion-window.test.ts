import { compliantKey } from './fixtures';
import { waiverTagKey } from '../../../../lib/check/waiver-tags';
import { kmsKeyDeletionWindow } from '../../../../lib/rules/aws/kms/kms-key-deletion-window';
import { awsViolations, res, runAwsRule } from '../../../helpers/aws-pack-test';
import { TEST_SOON } from '../../../helpers/rule-test';

describe('aws-kms-key-deletion-window', () => {
  test('flags a window shorter than 30 days and one AWS refuses', () => {
    expect(awsViolations(kmsKeyDeletionWindow, [compliantKey('week', { deletionWindowInDays: 7 }), compliantKey('odd', { deletionWindowInDays: 45 }), compliantKey('text', { deletionWindowInDays: '30' })])).toEqual([
      "deletionWindowInDays: KMS key 'odd' has deletionWindowInDays 45; AWS KMS accepts a whole number of days from 7 to 30",
      'deletionWindowInDays: KMS key \'text\' has deletionWindowInDays "30"; AWS KMS accepts a whole number of days from 7 to 30',
      "deletionWindowInDays: KMS key 'week' waits only 7 days before deletion, less than 30",
    ]);
  });

  test('judges multi-Region replica keys too', () => {
    const replica = (days?: number) => res('aws:kms/replicaKey:ReplicaKey', 'phi-west', { primaryKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab', deletionWindowInDays: days });
    expect(awsViolations(kmsKeyDeletionWindow, [replica(10)])).toEqual(["deletionWindowInDays: KMS replica key 'phi-west' waits only 10 days before deletion, less than 30"]);
    expect(awsViolations(kmsKeyDeletionWindow, [replica(30), replica()])).toEqual([]);
  });

  test('passes 30 days and the AWS default (unset); a waiver tag accepts a shorter window', () => {
    expect(awsViolations(kmsKeyDeletionWindow, [compliantKey(), compliantKey('default', { deletionWindowInDays: undefined })])).toEqual([]);
    const tags = { [waiverTagKey('aws-kms-key-deletion-window')]: `expires=${TEST_SOON} reason=Scratch key for synthetic test data only, no PHI` };
    const result = runAwsRule(kmsKeyDeletionWindow, [compliantKey('scratch', { deletionWindowInDays: 7, tags })]);
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => f.ruleId)).toEqual(['aws-kms-key-deletion-window']);
  });
});
