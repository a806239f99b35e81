import { backupPlanRetention } from '../../../../lib/rules/aws/backup/backup-plan-retention';
import { awsViolations, res } from '../../../helpers/aws-pack-test';

const found = (rules: unknown[]) =>
  awsViolations(backupPlanRetention, [res('aws:backup/plan:Plan', 'phi', { rules })]);

describe('aws-backup-plan-retention', () => {
  test('flags rules and copies kept less than six years, and cold storage under 90 days', () => {
    expect(found([{ ruleName: 'daily', lifecycle: { deleteAfter: 35 } }])).toEqual(["rules[0].lifecycle.deleteAfter: plan 'phi' rule 'daily' deletes recovery points after 35 days, less than six years (2192 days)"]);
    expect(found([{ ruleName: 'daily', lifecycle: { deleteAfter: 2192 }, copyActions: [{ destinationVaultArn: 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr', lifecycle: { deleteAfter: 90 } }] }])).toEqual([
      "rules[0].copyActions[0].lifecycle.deleteAfter: plan 'phi' rule 'daily' copy to arn:aws:backup:us-west-2:123456789012:backup-vault:dr deletes recovery points after 90 days, less than six years (2192 days)",
    ]);
    expect(found([{ ruleName: 'weekly', lifecycle: { deleteAfter: 2192, coldStorageAfter: 2150 } }])).toEqual([
      "rules[0].lifecycle.deleteAfter: plan 'phi' rule 'weekly' deletes recovery points 2192 days after creation, less than 90 days after they move to cold storage (day 2150); AWS refuses the plan",
    ]);
  });

  test('passes six years or more, and rules that keep recovery points forever', () => {
    expect(found([{ ruleName: 'daily', lifecycle: { deleteAfter: 2192, coldStorageAfter: 30 } }, { ruleName: 'forever' }])).toEqual([]);
    expect(found([{ ruleName: 'daily', lifecycle: { deleteAfter: 2557 }, copyActions: [{ destinationVaultArn: 'x', lifecycle: { deleteAfter: 2192 } }] }])).toEqual([]);
  });
});
