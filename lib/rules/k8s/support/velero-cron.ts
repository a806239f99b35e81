/**
 * Cron schedules as Velero reads them, and the longest time between two consecutive runs (what a
 * recovery point objective must cover). Velero parses `spec.schedule` of a Schedule with
 * `cron.ParseStandard` of github.com/robfig/cron/v3: five fields (minute, hour, day of month,
 * month, day of week), or a descriptor (`@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`,
 * `@midnight`, `@hourly`, `@every <Go duration>`), optionally after `CRON_TZ=<zone>` or
 * `TZ=<zone>`. This module follows that parser, not another cron dialect: day of week is 0-6 (7
 * is refused), `L`, `W`, `#` and a seconds field are refused, `?` is `*`, and day of month and
 * day of week combine with OR only when neither field starts with `*` or `?` (a step over `*`,
 * such as `*\/2`, does not count as `*`). Not a rule itself.
 *
 * Why not a cron library: the common ones (cron-parser, croner, cron-schedule) parse other
 * dialects (day of week 7, `L`, `W`, `#`, seconds, different OR rules for `*\/n`), so they accept
 * schedules Velero refuses and time some others differently; cron-parser also brings luxon. The
 * grammar is small and the arithmetic is exact (below), so the check agrees with what Velero runs.
 * The tests compare it with cron-parser on the expressions both read the same way.
 */
import { parseGoDuration } from '../storage/velero';

/** A parsed Velero cron schedule. */
export type VeleroCron =
  | {
    /** Five fields. */
    readonly kind: 'fields';
    /** Minutes of the hour (0-59) it runs at, ascending. */
    readonly minutes: readonly number[];
    /** Hours of the day (0-23), ascending. */
    readonly hours: readonly number[];
    /** Days of the month (1-31). */
    readonly daysOfMonth: ReadonlySet<number>;
    /** Months (1-12). */
    readonly months: ReadonlySet<number>;
    /** Days of the week (0 = Sunday .. 6). */
    readonly daysOfWeek: ReadonlySet<number>;
    /** Whether day of month and day of week combine with AND (one of them starts with `*` or `?`) rather than OR. */
    readonly dayAnd: boolean;
  }
  | {
    /** `@every <duration>`. */
    readonly kind: 'every';
    /** The interval in milliseconds (whole seconds, at least one, as robfig/cron rounds it). */
    readonly intervalMs: number;
  };

/** The result of {@link parseVeleroCron}: the schedule, or what is wrong with the expression. */
export type VeleroCronResult = { readonly cron: VeleroCron; readonly problem?: undefined; readonly notUtc?: undefined }
  | {
    readonly cron?: undefined;
    readonly problem: string;
    /** True when Velero would run it but in a zone other than UTC (refused here, not by Velero). */
    readonly notUtc?: true;
  };

interface Bounds {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FIELDS: readonly Bounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: Object.fromEntries(MONTH_NAMES.map((n, i) => [n, i + 1])) },
  { name: 'day of week', min: 0, max: 6, names: Object.fromEntries(DAY_NAMES.map((n, i) => [n, i])) },
];

/** Descriptors as robfig/cron defines them, in the five fields. */
const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** Zones that are UTC: the only ones the arithmetic here is exact for (others shift runs at daylight-saving changes). */
const UTC_ZONES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/GMT', 'GMT', 'Etc/Zulu', 'Zulu', 'Universal', 'Etc/Universal']);

/**
 * Parses a Velero Schedule's `spec.schedule`. Refuses what Velero refuses (with the reason), and
 * also a time zone other than UTC (`CRON_TZ=Europe/Berlin ...`): Velero's own default is the
 * controller's local time, which is UTC in its image.
 */
export function parseVeleroCron(value: unknown): VeleroCronResult {
  if (typeof value !== 'string') return { problem: `is not a string (${JSON.stringify(value) ?? 'undefined'})` };
  // As robfig/cron: a TZ= prefix only at the very start, the rest trimmed after it; descriptors
  // matched exactly (no trimming without a prefix); fields split on whitespace.
  let spec = value;
  if (spec.trim() === '') return { problem: 'is empty' };
  const tz = /^(?:CRON_TZ|TZ)=(\S*)\s+/.exec(spec);
  if (tz !== null) {
    if (!UTC_ZONES.has(tz[1])) {
      return {
        problem: `'${value}' sets time zone '${tz[1]}'; write the schedule in UTC (drop the ${tz[0].split('=')[0]}= prefix), so the time between runs does not change at daylight-saving changes`,
        notUtc: true,
      };
    }
    spec = spec.slice(tz[0].length).trim();
  }
  if (spec.trim().startsWith('@') && spec !== spec.trim()) {
    return { problem: `'${value}' has spaces around the descriptor, which Velero matches exactly; write '${spec.trim()}'` };
  }
  spec = spec.trim();
  if (spec.startsWith('@every ')) {
    const ms = parseGoDuration(spec.slice('@every '.length).trim());
    if (ms === undefined) return { problem: `'${value}' has '@every' with '${spec.slice('@every '.length).trim()}', which is not a Go duration (e.g. @every 6h)` };
    // robfig/cron: intervals under a second become one second, others are truncated to whole seconds.
    return { cron: { kind: 'every', intervalMs: Math.max(1000, Math.floor(ms / 1000) * 1000) } };
  }
  if (spec.startsWith('@')) {
    const fields = DESCRIPTORS[spec];
    if (fields === undefined) return { problem: `'${value}' is not a descriptor Velero knows (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>)` };
    spec = fields;
  }
  const fields = spec.split(/\s+/);
  if (fields.length !== 5) {
    return {
      problem: `'${value}' has ${fields.length} field${fields.length === 1 ? '' : 's'}; Velero takes exactly 5 (minute hour day-of-month month day-of-week, e.g. '0 2 * * *'), or a descriptor such as @daily` +
        (fields.length === 6 ? ' (no seconds field)' : ''),
    };
  }
  const sets: number[][] = [];
  const stars: boolean[] = [];
  for (let i = 0; i < 5; i++) {
    const parsed = parseField(fields[i], FIELDS[i]);
    if (typeof parsed === 'string') return { problem: `'${value}' has ${FIELDS[i].name} '${fields[i]}': ${parsed}` };
    sets.push(parsed.values);
    stars.push(parsed.star);
  }
  return {
    cron: {
      kind: 'fields',
      minutes: sets[0],
      hours: sets[1],
      daysOfMonth: new Set(sets[2]),
      months: new Set(sets[3]),
      daysOfWeek: new Set(sets[4]),
      dayAnd: stars[2] || stars[4],
    },
  };
}

/** One field: the values it selects and whether robfig/cron marks it as `*`; or what is wrong. */
function parseField(field: string, b: Bounds): { values: number[]; star: boolean } | string {
  const values = new Set<number>();
  let star = false;
  // robfig/cron splits on ',' and skips empty items.
  const items = field.split(',').filter((s) => s !== '');
  if (items.length === 0) return 'is empty';
  for (const item of items) {
    const rangeAndStep = item.split('/');
    if (rangeAndStep.length > 2) return `'${item}' has more than one '/'`;
    const lowHigh = rangeAndStep[0].split('-');
    let start: number;
    let end: number;
    let itemStar = false;
    if (lowHigh[0] === '*' || lowHigh[0] === '?') {
      start = b.min;
      end = b.max;
      itemStar = true;
      if (lowHigh.length > 1) return `'${item}' has a range after '${lowHigh[0]}'`;
    } else {
      if (lowHigh.length > 2) return `'${item}' has more than one '-'`;
      const s = number(lowHigh[0], b);
      if (typeof s === 'string') return s;
      start = s;
      end = start;
      if (lowHigh.length === 2) {
        const e = number(lowHigh[1], b);
        if (typeof e === 'string') return e;
        end = e;
      }
    }
    let step = 1;
    if (rangeAndStep.length === 2) {
      if (!/^\+?\d+$/.test(rangeAndStep[1])) return `'${item}' has step '${rangeAndStep[1]}', which is not a whole number`;
      step = Number(rangeAndStep[1]);
      if (lowHigh.length === 1) end = b.max; // "N/step" means "N-max/step"
      if (step > 1) itemStar = false;
    }
    if (step === 0) return `'${item}' has step 0; use a positive step`;
    if (start < b.min) return `${start} is below the smallest ${b.name} (${b.min})`;
    if (end > b.max) {
      const hint = b.name === 'day of week' && end === 7 ? ' (Velero counts Sunday as 0, not 7)' : '';
      return `${end} is above the largest ${b.name} (${b.max})${hint}`;
    }
    if (start > end) return `the range '${item}' starts after it ends`;
    for (let v = start; v <= end; v += step) values.add(v);
    star ||= itemStar;
  }
  return { values: [...values].sort((x, y) => x - y), star };
}

function number(text: string, b: Bounds): number | string {
  const named = b.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  // Go's strconv.Atoi: an optional sign and decimal digits.
  if (!/^[+-]?\d+$/.test(text)) {
    const names = b.names ? ` or a name (${Object.keys(b.names).join(', ')})` : '';
    return `'${text}' is not a number${names}${/^[LW#]|[LW#]$/i.test(text) || text.includes('#') ? ' (L, W and # are not supported by Velero)' : ''}`;
  }
  const n = Number(text);
  if (n < 0) return `negative number ${n}`;
  return n;
}

/** The longest time between two consecutive runs of a schedule, and one place where it occurs. */
export interface CronGap {
  /** The gap in milliseconds. */
  readonly ms: number;
  /** A run after which the gap starts (ISO 8601, UTC); for `@every`, undefined. */
  readonly from?: string;
  /** The next run, at the end of the gap (ISO 8601, UTC); for `@every`, undefined. */
  readonly to?: string;
}

const DAY_MS = 86_400_000;
/** The Gregorian calendar repeats every 400 years: 146097 days, a whole number of weeks. */
const CYCLE_DAYS = 146_097;
/** Where the computed cycle starts (any day works; a fixed one keeps the examples in messages stable). */
const CYCLE_START = Date.UTC(2024, 0, 1);

/**
 * The longest time between two consecutive runs of `cron`, computed exactly over the 400-year
 * Gregorian cycle (every calendar pattern, leap days included), or undefined when the schedule
 * never runs (e.g. `0 0 30 2 *`). Runs within a day are the same on every day that matches, so
 * the gap is the largest of the gaps within a day and, between consecutive matching days, the
 * time from the day's last run to the next day's first.
 */
export function longestCronGap(cron: VeleroCron): CronGap | undefined {
  if (cron.kind === 'every') return { ms: cron.intervalMs };
  const times: number[] = [];
  for (const h of cron.hours) for (const m of cron.minutes) times.push(h * 60 + m);
  let best = { ms: -1, from: 0, to: 0 };
  const consider = (from: number, to: number): void => {
    if (to - from > best.ms) best = { ms: to - from, from, to };
  };
  let firstDay = -1;
  let lastDay = -1;
  // Every day of every month: which days match depends on the weekday alone, so a week is the whole cycle.
  const cycleDays = cron.months.size === 12 && cron.daysOfMonth.size === 31 ? 7 : CYCLE_DAYS;
  const date = new Date(CYCLE_START);
  for (let day = 0; day < cycleDays; day++) {
    date.setTime(CYCLE_START + day * DAY_MS);
    if (!dayMatches(cron, date)) continue;
    const start = CYCLE_START + day * DAY_MS;
    if (firstDay < 0) {
      firstDay = day;
      // The gaps within a day are the same on every matching day: take them on the first.
      for (let i = 1; i < times.length; i++) consider(start + times[i - 1] * 60_000, start + times[i] * 60_000);
    } else {
      consider(CYCLE_START + lastDay * DAY_MS + times[times.length - 1] * 60_000, start + times[0] * 60_000);
    }
    lastDay = day;
  }
  if (firstDay < 0) return undefined;
  // Across the end of the cycle: the last matching day to the first one of the next cycle.
  consider(CYCLE_START + lastDay * DAY_MS + times[times.length - 1] * 60_000, CYCLE_START + (cycleDays + firstDay) * DAY_MS + times[0] * 60_000);
  return { ms: best.ms, from: new Date(best.from).toISOString(), to: new Date(best.to).toISOString() };
}

function dayMatches(cron: Extract<VeleroCron, { kind: 'fields' }>, date: Date): boolean {
  if (!cron.months.has(date.getUTCMonth() + 1)) return false;
  const dom = cron.daysOfMonth.has(date.getUTCDate());
  const dow = cron.daysOfWeek.has(date.getUTCDay());
  return cron.dayAnd ? dom && dow : dom || dow;
}

/** `48h (2 days), e.g. from 2024-01-06T02:00Z to 2024-01-08T02:00Z`, for messages. */
export function describeGap(gap: CronGap): string {
  const where = gap.from === undefined ? '' : `, e.g. from ${short(gap.from)} to ${short(gap.to!)}`;
  return `${formatDuration(gap.ms)}${where}`;
}

/** A duration as a Go duration without zero parts (`90m` is `1h30m`), with days from 24h on: `72h (3 days)`, `15m`. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const go = `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 || totalSeconds === 0 ? `${s}s` : ''}`;
  if (h < 24) return go;
  const days = totalSeconds / 86_400;
  return `${go} (${Number.isInteger(days) ? days : days.toFixed(1)} day${days === 1 ? '' : 's'})`;
}

function short(iso: string): string {
  return iso.replace(':00.000Z', 'Z');
}
