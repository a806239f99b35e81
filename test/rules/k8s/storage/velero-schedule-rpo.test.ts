import { schedule } from './fixtures';
import { veleroScheduleRpo } from '../../../../lib/rules/k8s/storage/velero-schedule-rpo';
import { NS } from '../../../helpers/fixtures';
import { violations } from '../../../helpers/rule-test';

const RPO = 'hipaa-constructs.io/rpo';

function withCron(cron: string, rpo: string | undefined, extra: Record<string, unknown> = {}): any {
  const s = schedule({ includedNamespaces: [NS], ttl: '2160h0m0s' }, rpo === undefined ? {} : { [RPO]: rpo });
  s.spec.schedule = cron;
  Object.assign(s.spec, extra);
  return s;
}

describe('k8s-velero-schedule-rpo', () => {
  test('flags a schedule whose longest gap exceeds the stated RPO, naming the gap and where it occurs', () => {
    expect(violations(veleroScheduleRpo, [withCron('0 2 * * 1-5', '24h')])).toEqual([
      `spec.schedule: Schedule 'daily' runs '0 2 * * 1-5', with up to 72h (3 days), e.g. from 2024-01-05T02:00Z to 2024-01-08T02:00Z between backups, more than its RPO (${RPO}: 24h (1 day))`,
    ]);
    expect(violations(veleroScheduleRpo, [withCron('0 0 1 * *', '720h')])).toEqual([
      `spec.schedule: Schedule 'daily' runs '0 0 1 * *', with up to 744h (31 days), e.g. from 2024-01-01T00:00Z to 2024-02-01T00:00Z between backups, more than its RPO (${RPO}: 720h (30 days))`,
    ]);
    expect(violations(veleroScheduleRpo, [withCron('@every 7h', '6h')])).toEqual([
      `spec.schedule: Schedule 'daily' runs '@every 7h', with up to 7h between backups, more than its RPO (${RPO}: 6h)`,
    ]);
  });

  test('passes schedules that meet the RPO exactly or better, in any form Velero reads', () => {
    for (const [cron, rpo] of [
      ['0 2 * * *', '24h'], ['@daily', '24h0m0s'], ['0 */6 * * *', '6h'], ['*/15 * * * *', '15m'], ['@every 90m', '1h30m'],
      ['CRON_TZ=UTC 30 1 * * *', '24h'], ['0 2,14 * * *', '12h'], ['0 0 * * 0', '168h'], ['@weekly', '168h'], ['0 0 1 * *', '744h'],
    ]) {
      expect([cron, violations(veleroScheduleRpo, [withCron(cron, rpo)])]).toEqual([cron, []]);
    }
  });

  test('a paused schedule, a schedule Velero refuses or one that never runs meets no RPO', () => {
    expect(violations(veleroScheduleRpo, [withCron('0 2 * * *', '24h', { paused: true })])).toEqual([
      `spec.paused: Schedule 'daily' is paused, so it takes no backups and meets no RPO (${RPO}: 24h (1 day))`,
    ]);
    expect(violations(veleroScheduleRpo, [withCron('0 0 * * 7', '168h')])).toEqual([
      "spec.schedule: Schedule 'daily' has spec.schedule that '0 0 * * 7' has day of week '7': 7 is above the largest day of week (6) (Velero counts Sunday as 0, not 7), so Velero takes no backups (FailedValidation)",
    ]);
    // Velero matches descriptors exactly: '@weekly ' is refused (FailedValidation).
    expect(violations(veleroScheduleRpo, [withCron('@weekly ', '168h')])).toEqual([
      "spec.schedule: Schedule 'daily' has spec.schedule that '@weekly ' has spaces around the descriptor, which Velero matches exactly; write '@weekly', so Velero takes no backups (FailedValidation)",
    ]);
    // Velero runs a schedule in another zone, but its gaps move at daylight-saving changes.
    expect(violations(veleroScheduleRpo, [withCron('CRON_TZ=America/New_York 0 2 * * *', '24h')])).toEqual([
      "spec.schedule: Schedule 'daily' has spec.schedule that 'CRON_TZ=America/New_York 0 2 * * *' sets time zone 'America/New_York'; write the schedule in UTC (drop the CRON_TZ= prefix), " +
        'so the time between runs does not change at daylight-saving changes; its gaps cannot be checked against the RPO',
    ]);
    expect(violations(veleroScheduleRpo, [withCron('0 0 30 2 *', '8760h')])).toEqual([
      "spec.schedule: Schedule 'daily' has spec.schedule '0 0 30 2 *', which never runs (no such date)",
    ]);
  });

  test('refuses an RPO that is not a Go duration, and does not judge Schedules without one', () => {
    expect(violations(veleroScheduleRpo, [withCron('0 2 * * *', '1d')])).toEqual([
      `metadata.annotations["${RPO}"]: Schedule 'daily' states RPO "1d", which is not a positive Go duration (e.g. 24h)`,
    ]);
    expect(violations(veleroScheduleRpo, [withCron('0 0 1 1 *', undefined)])).toEqual([]);
  });
});
