/**
 * Cron schedules as the Kubernetes CronJob controller reads them (robfig/cron's standard
 * parser, which the API server also uses to validate `spec.schedule`): five fields (minute,
 * hour, day of month, month, day of week) or a descriptor (`@daily`, `@every 1h`). Not a rule:
 * what constructs and rules that take a schedule check it with.
 */

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/**
 * Why `schedule` is not a schedule the CronJob controller accepts (undefined when it is), as a
 * phrase completing "the schedule ...": e.g. `has 6 fields; a schedule has 5 (minute hour day-of-month month day-of-week)`.
 */
export function cronProblem(schedule: string): string | undefined {
  const trimmed = schedule.trim();
  if (trimmed === '') return 'is empty';
  if (/^(CRON_)?TZ=/.test(trimmed)) {
    return 'sets its time zone with TZ= or CRON_TZ=, which the API server refuses (Kubernetes 1.27+); set the time zone in spec.timeZone instead';
  }
  if (trimmed.startsWith('@')) {
    if (DESCRIPTORS.has(trimmed)) return undefined;
    if (/^@every\s+\S/.test(trimmed)) return everyProblem(trimmed.replace(/^@every\s+/, ''));
    return `is the unknown descriptor '${trimmed}' (known: ${[...DESCRIPTORS].join(', ')}, @every <duration>)`;
  }
  const parts = trimmed.split(/\s+/);
  if (parts.length !== FIELDS.length) {
    return `has ${parts.length} field${parts.length === 1 ? '' : 's'}; a schedule has 5 (minute hour day-of-month month day-of-week)`;
  }
  for (let i = 0; i < FIELDS.length; i++) {
    const problem = fieldProblem(parts[i], FIELDS[i]);
    if (problem) return `has ${FIELDS[i].name} '${parts[i]}': ${problem}`;
  }
  return undefined;
}

/** Why one comma-separated field is not valid for `f` (undefined when it is). */
function fieldProblem(text: string, f: CronField): string | undefined {
  for (const item of text.split(',')) {
    const [range, step, extra] = item.split('/');
    if (extra !== undefined) return `'${item}' has more than one '/'`;
    if (step !== undefined && !/^\d+$/.test(step)) return `the step '${step}' is not a whole number`;
    if (step !== undefined && Number(step) === 0) return 'the step is 0';
    if (range === '*' || range === '?') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `the range '${range}' has more than one '-'`;
    const values: number[] = [];
    for (const b of bounds) {
      const v = valueOf(b, f);
      if (v === undefined) return `'${b}' is not a number${f.names ? ` or a name (${f.names[0]}-${f.names[f.names.length - 1]})` : ''}`;
      if (v < f.min || v > f.max) return `${b} is outside ${f.min}-${f.max}`;
      values.push(v);
    }
    if (values.length === 2 && values[0] > values[1]) return `the range '${range}' ends before it starts`;
  }
  return undefined;
}

function valueOf(text: string, f: CronField): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const i = f.names?.indexOf(text.toUpperCase()) ?? -1;
  return i >= 0 ? i + f.min : undefined;
}

/** `@every 1h30m`: a Go duration of at least one second. */
function everyProblem(duration: string): string | undefined {
  const match = /^(?:(\d+(?:\.\d+)?)(h|m|s|ms|us|µs|ns))+$/.test(duration);
  if (!match) return `has '@every ${duration}', whose duration is not a Go duration such as 1h30m`;
  return undefined;
}
