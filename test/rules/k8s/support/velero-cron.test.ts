import * as fc from 'fast-check';
import { describeGap, formatDuration, longestCronGap, parseVeleroCron, VeleroCron } from '../../../../lib/rules/k8s/support/velero-cron';

const H = 3600_000;

function cron(expr: string): VeleroCron {
  const r = parseVeleroCron(expr);
  if (r.problem !== undefined) throw new Error(r.problem);
  return r.cron;
}

function gap(expr: string): number | undefined {
  return longestCronGap(cron(expr))?.ms;
}

/**
 * An independent oracle: robfig/cron's matching written out naively, checked minute by minute
 * from 2024-01-01 over `days` days; returns the longest gap between consecutive runs seen.
 */
function bruteForceGap(expr: string, days: number): number | undefined {
  const fields = expr.split(' ');
  const sets = fields.map((f, i) => expand(f, [[0, 59], [0, 23], [1, 31], [1, 12], [0, 6]][i] as [number, number]));
  // robfig/cron marks a field as * when one of its items is * or ? without a step above 1.
  const star = (f: string) => f.split(',').some((i) => /^[*?](\/0*1)?$/.test(i));
  const and = star(fields[2]) || star(fields[4]);
  let last: number | undefined;
  let best: number | undefined;
  const start = Date.UTC(2024, 0, 1);
  for (let t = start; t < start + days * 24 * H; t += 60_000) {
    const d = new Date(t);
    if (!sets[0].has(d.getUTCMinutes()) || !sets[1].has(d.getUTCHours()) || !sets[3].has(d.getUTCMonth() + 1)) continue;
    const dom = sets[2].has(d.getUTCDate());
    const dow = sets[4].has(d.getUTCDay());
    if (!(and ? dom && dow : dom || dow)) continue;
    if (last !== undefined) best = Math.max(best ?? 0, t - last);
    last = t;
  }
  return best;
}

function expand(field: string, [min, max]: [number, number]): Set<number> {
  const out = new Set<number>();
  for (const item of field.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let [lo, hi] = range === '*' ? [min, max] : range.split('-').map(Number);
    if (hi === undefined) hi = stepText === undefined ? lo : max;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

describe('parseVeleroCron: what Velero (robfig/cron ParseStandard) accepts', () => {
  test('five fields, names, ranges, steps, lists and descriptors', () => {
    expect(cron('0 2 * * mon-fri')).toEqual({
      kind: 'fields',
      minutes: [0],
      hours: [2],
      daysOfMonth: new Set(Array.from({ length: 31 }, (_, i) => i + 1)),
      months: new Set(Array.from({ length: 12 }, (_, i) => i + 1)),
      daysOfWeek: new Set([1, 2, 3, 4, 5]),
      dayAnd: true,
    });
    expect(cron('@daily')).toEqual(cron('0 0 * * *'));
    expect(cron('@midnight')).toEqual(cron('0 0 * * *'));
    expect(cron('@hourly')).toEqual(cron('0 * * * *'));
    expect(cron('@weekly')).toEqual(cron('0 0 * * 0'));
    expect(cron('@monthly')).toEqual(cron('0 0 1 * *'));
    expect(cron('@yearly')).toEqual(cron('0 0 1 1 *'));
    expect(cron('@annually')).toEqual(cron('0 0 1 1 *'));
    expect(cron('@every 1h30m')).toEqual({ kind: 'every', intervalMs: 1.5 * H });
    expect(cron('@every 10ms')).toEqual({ kind: 'every', intervalMs: 1000 });
    expect(cron('TZ=Etc/UTC 5 4 * JAN,jul ?')).toMatchObject({ minutes: [5], hours: [4], months: new Set([1, 7]), dayAnd: true });
    expect(cron('0 0 5/10 * *')).toMatchObject({ daysOfMonth: new Set([5, 15, 25]) });
  });

  test('day of month and day of week: AND when one is * or ?, OR otherwise (a step over * is not *)', () => {
    expect(cron('0 0 1 * 1')).toMatchObject({ dayAnd: false });
    expect(cron('0 0 */2 * 1')).toMatchObject({ dayAnd: false });
    expect(cron('0 0 */1 * 1')).toMatchObject({ dayAnd: true });
    expect(cron('0 0 ? * 1')).toMatchObject({ dayAnd: true });
  });

  test('refuses what Velero refuses, and time zones other than UTC, each with the reason', () => {
    const problems = Object.fromEntries(['', '0 0 * * 7', '0 0 L * *', '0 0 * * 1#2', '0 0 0 * * *', '0 2 * *', '@reboot', '@every 1d', '0 24 * * *',
      '0 0 0 * *', '0 5-1 * * *', '0 */0 * * *', '0 1-2-3 * * *', 'CRON_TZ=America/New_York 0 2 * * *', '0 0 * foo *']
      .map((e) => [e, parseVeleroCron(e).problem]));
    expect(problems).toEqual({
      '': 'is empty',
      '0 0 * * 7': "'0 0 * * 7' has day of week '7': 7 is above the largest day of week (6) (Velero counts Sunday as 0, not 7)",
      '0 0 L * *': "'0 0 L * *' has day of month 'L': 'L' is not a number (L, W and # are not supported by Velero)",
      '0 0 * * 1#2': "'0 0 * * 1#2' has day of week '1#2': '1#2' is not a number or a name (sun, mon, tue, wed, thu, fri, sat) (L, W and # are not supported by Velero)",
      '0 0 0 * * *': "'0 0 0 * * *' has 6 fields; Velero takes exactly 5 (minute hour day-of-month month day-of-week, e.g. '0 2 * * *'), or a descriptor such as @daily (no seconds field)",
      '0 2 * *': "'0 2 * *' has 4 fields; Velero takes exactly 5 (minute hour day-of-month month day-of-week, e.g. '0 2 * * *'), or a descriptor such as @daily",
      '@reboot': "'@reboot' is not a descriptor Velero knows (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>)",
      '@every 1d': "'@every 1d' has '@every' with '1d', which is not a Go duration (e.g. @every 6h)",
      '0 24 * * *': "'0 24 * * *' has hour '24': 24 is above the largest hour (23)",
      '0 0 0 * *': "'0 0 0 * *' has day of month '0': 0 is below the smallest day of month (1)",
      '0 5-1 * * *': "'0 5-1 * * *' has hour '5-1': the range '5-1' starts after it ends",
      '0 */0 * * *': "'0 */0 * * *' has hour '*/0': '*/0' has step 0; use a positive step",
      '0 1-2-3 * * *': "'0 1-2-3 * * *' has hour '1-2-3': '1-2-3' has more than one '-'",
      'CRON_TZ=America/New_York 0 2 * * *':
        "'CRON_TZ=America/New_York 0 2 * * *' sets time zone 'America/New_York'; write the schedule in UTC (drop the CRON_TZ= prefix), so the time between runs does not change at daylight-saving changes",
      '0 0 * foo *': "'0 0 * foo *' has month 'foo': 'foo' is not a number or a name (jan, feb, mar, apr, may, jun, jul, aug, sep, oct, nov, dec)",
    });
    expect(parseVeleroCron(undefined).problem).toBe('is not a string (undefined)');
  });
});

describe('longestCronGap: exact over the 400-year calendar cycle', () => {
  test('the gaps of common schedules', () => {
    expect(gap('@daily')).toBe(24 * H);
    expect(gap('0 */6 * * *')).toBe(6 * H);
    expect(gap('0 2,14 * * *')).toBe(12 * H);
    expect(gap('0 1,23 * * *')).toBe(22 * H); // 01:00 -> 23:00 within the day
    expect(gap('*/15 * * * *')).toBe(0.25 * H);
    expect(gap('0 2 * * 1-5')).toBe(72 * H); // over the weekend
    expect(gap('0 0 1 * *')).toBe(31 * 24 * H);
    expect(gap('0 0 31 * *')).toBe(61 * 24 * H); // March 31 -> May 31
    expect(gap('0 0 29 2 *')).toBe(2921 * 24 * H); // 2096 -> 2104: 2100 is no leap year
    expect(gap('0 0 13 * 5')).toBe(7 * 24 * H); // OR: every Friday and every 13th
    expect(gap('0 0 1 1 *')).toBe(366 * 24 * H);
    expect(gap('0 0 30 2 *')).toBeUndefined();
    expect(gap('@every 6h')).toBe(6 * H);
  });

  test('describes the gap with one place it occurs', () => {
    expect(describeGap(longestCronGap(cron('0 2 * * 1-5'))!)).toBe('72h (3 days), e.g. from 2024-01-05T02:00Z to 2024-01-08T02:00Z');
    expect(describeGap(longestCronGap(cron('@every 90m'))!)).toBe('1h30m');
    expect([formatDuration(0), formatDuration(15 * 60_000), formatDuration(36 * H), formatDuration(24 * H + 1000)]).toEqual(['0s', '15m', '36h (1.5 days)', '24h1s (1.0 days)']);
  });

  test('agrees with a minute-by-minute simulation of robfig/cron (property)', () => {
    const value = (min: number, max: number) => fc.integer({ min, max });
    const item = (min: number, max: number) => fc.oneof(
      value(min, max).map(String),
      fc.tuple(value(min, max), value(min, max)).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
      fc.tuple(value(min, max), value(1, 4)).map(([a, s]) => `${a}/${s}`),
      value(2, 3).map((s) => `*/${s}`),
      fc.constant('*'),
    );
    const field = (min: number, max: number) => fc.array(item(min, max), { minLength: 1, maxLength: 2 }).map((xs) => xs.join(','));
    const minute = field(0, 59).filter((f) => !f.startsWith('*'));
    // Any day pattern: a 62-day window of the cycle never shows a longer gap than the exact one.
    const any = fc.tuple(minute, value(0, 23).map(String), field(1, 31), fc.constant('*'), field(0, 6)).map((fs) => fs.join(' '));
    fc.assert(fc.property(any, (e) => {
      const exact = gap(e);
      const seen = bruteForceGap(e, 62);
      return exact === undefined ? seen === undefined : seen === undefined || seen <= exact;
    }), { numRuns: 25 });
    // Weekday patterns repeat every week: two weeks and a day show the exact gap.
    const weekly = fc.tuple(minute, field(0, 23), fc.constant('*'), fc.constant('*'), field(0, 6)).map((fs) => fs.join(' '));
    fc.assert(fc.property(weekly, (e) => bruteForceGap(e, 15) === gap(e)), { numRuns: 25 });
  });
});

// Issue 9 trial 2: robfig/cron (Velero's parser) matches descriptors exactly and trims only after a
// TZ= prefix: '@weekly ' was accepted here and written, and Velero refused the Schedule.
describe('whitespace as robfig/cron reads it', () => {
  test('a descriptor with spaces around it is refused; five fields with spaces around them are read', () => {
    expect(parseVeleroCron('@weekly ').problem).toBe("'@weekly ' has spaces around the descriptor, which Velero matches exactly; write '@weekly'");
    expect(parseVeleroCron(' @daily').problem).toBe("' @daily' has spaces around the descriptor, which Velero matches exactly; write '@daily'");
    expect(parseVeleroCron('@every 6h ').problem).toBe("'@every 6h ' has spaces around the descriptor, which Velero matches exactly; write '@every 6h'");
    expect(parseVeleroCron(' 0 2 * * * ').cron).toBeDefined();
    expect(parseVeleroCron('TZ=UTC @weekly ').cron).toBeDefined();
    expect(parseVeleroCron(' TZ=UTC 0 2 * * *').problem).toBe("' TZ=UTC 0 2 * * *' has 6 fields; Velero takes exactly 5 (minute hour day-of-month month day-of-week, e.g. '0 2 * * *'), " +
      'or a descriptor such as @daily (no seconds field)');
  });

  test('a time zone other than UTC is marked as this library\'s refusal, not Velero\'s', () => {
    expect(parseVeleroCron('CRON_TZ=America/New_York 0 2 * * *')).toMatchObject({ notUtc: true });
    expect(parseVeleroCron('0 0 * * 7').notUtc).toBeUndefined();
  });
});
