import { cronProblem } from '../../../../lib/rules/k8s/support/cron';

describe('cronProblem (schedules as the CronJob controller parses them)', () => {
  test.each([
    '0 3 * * *',
    '*/15 * * * *',
    '0 0 1 JAN,jul ?',
    '30 2 * * MON-FRI',
    '0-59/5 0-23 1-31 1-12 0-6',
    '@daily',
    '@hourly',
    '@every 1h30m',
  ])('accepts %p', (expr) => {
    expect(cronProblem(expr)).toBeUndefined();
  });

  test.each([
    ['', 'is empty'],
    ['0 3 * *', 'has 4 fields; a schedule has 5 (minute hour day-of-month month day-of-week)'],
    ['0 0 3 * * *', 'has 6 fields; a schedule has 5 (minute hour day-of-month month day-of-week)'],
    ['60 * * * *', "has minute '60': 60 is outside 0-59"],
    ['0 24 * * *', "has hour '24': 24 is outside 0-23"],
    ['0 0 0 * *', "has day of month '0': 0 is outside 1-31"],
    ['0 0 * 13 *', "has month '13': 13 is outside 1-12"],
    ['0 0 * * 7', "has day of week '7': 7 is outside 0-6"],
    ['0 0 * FOO *', "has month 'FOO': 'FOO' is not a number or a name (JAN-DEC)"],
    ['*/0 * * * *', "has minute '*/0': the step is 0"],
    ['*/x * * * *', "has minute '*/x': the step 'x' is not a whole number"],
    ['10-5 * * * *', "has minute '10-5': the range '10-5' ends before it starts"],
    ['1-2-3 * * * *', "has minute '1-2-3': the range '1-2-3' has more than one '-'"],
    ['TZ=UTC 0 3 * * *', 'sets its time zone with TZ= or CRON_TZ=, which the API server refuses (Kubernetes 1.27+); set the time zone in spec.timeZone instead'],
    ['@fortnightly', "is the unknown descriptor '@fortnightly' (known: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>)"],
    ['*/5/2 * * * *', "has minute '*/5/2': '*/5/2' has more than one '/'"],
    ['@every soon', "has '@every soon', whose duration is not a Go duration such as 1h30m"],
  ])('refuses %p: %s', (expr, message) => {
    expect(cronProblem(expr)).toBe(message);
  });
});
