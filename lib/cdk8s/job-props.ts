/**
 * The props SecureJob and SecureCronJob add to the shared pod props, checked at construction
 * (loaded on first use, as workload-props.ts): deadlines, retries, TTL, restart policy, and for
 * a CronJob its schedule, time zone, concurrency and history. Problems are recorded into the
 * shared list, so one Error names every one.
 */
import { InputProblems } from './input-problems';
import { cronProblem } from '../rules/k8s/support/cron';
import { longestCronGap, parseVeleroCron } from '../rules/k8s/support/velero-cron';

/** What kplus's RestartPolicy values a Job's pods may have. */
const JOB_RESTART_POLICIES = ['Never', 'OnFailure'];
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];

/** activeDeadline, backoffLimit, ttlAfterFinished (unless `ttl` is false) and restartPolicy of a Job or a CronJob's jobs. */
export function jobProblems(p: InputProblems, props: Record<string, any>, ttl = true): void {
  const deadline = durationSeconds(p, props.activeDeadline, 'activeDeadline');
  if (deadline !== undefined && deadline < 1) {
    p.add('activeDeadline', 'must be at least 1 second: the deadline ends a hung run, which a liveness probe would otherwise have to catch (k8s-liveness-probe). ' +
      'Use e.g. Duration.hours(1), or leave it unset for the default of 1 hour.');
  }
  if (p.number(props.backoffLimit, 'backoffLimit') && (!Number.isInteger(props.backoffLimit) || props.backoffLimit < 0)) {
    p.add('backoffLimit', `must be a whole number >= 0 (got ${props.backoffLimit}): the number of retries before the Job counts as failed.`);
  }
  if (ttl) {
    const seconds = durationSeconds(p, props.ttlAfterFinished, 'ttlAfterFinished');
    if (seconds !== undefined && seconds < 1) {
      p.add('ttlAfterFinished', 'must be at least 1 second: a TTL of 0 deletes the Job and its pods the moment it finishes, before anyone can read why it failed. ' +
        'Use e.g. Duration.days(1), or leave it unset for the default of 1 day.');
    }
  }
  if (props.restartPolicy !== undefined && !JOB_RESTART_POLICIES.includes(props.restartPolicy)) {
    p.add('restartPolicy', `must be RestartPolicy.NEVER or RestartPolicy.ON_FAILURE (got ${JSON.stringify(props.restartPolicy)}): the API server refuses a Job whose pods restart Always. ` +
      'Leave it unset for Never.');
  }
}

/** The props of a SecureCronJob: its jobs' limits, the schedule, time zone, concurrency, starting deadline and history. */
export function cronJobProblems(p: InputProblems, props: Record<string, any>): void {
  jobProblems(p, props, false);
  if (props.ttlAfterFinished !== undefined) {
    p.add('ttlAfterFinished', 'a SecureCronJob removes finished Jobs (and their pods) through successfulJobsRetained and failedJobsRetained; ' +
      'a TTL as well would delete them behind the history limits. Remove ttlAfterFinished, and lower the history limits if finished pods must go sooner.');
  }
  const schedule = props.schedule;
  if (schedule === undefined || schedule === null || typeof schedule !== 'object' || typeof schedule.expressionString !== 'string') {
    p.add('schedule', `expected a Cron (e.g. Cron.daily() or Cron.schedule({ minute: '0', hour: '3' })), got ${schedule === undefined ? 'nothing (undefined)' : describeValue(schedule)}.`);
  } else {
    const problem = cronProblem(schedule.expressionString);
    const fix = 'Use Cron.schedule({ minute, hour, day, month, weekDay }) with values in range, e.g. { minute: \'0\', hour: \'3\' }.';
    if (problem?.includes('spec.timeZone')) {
      // The construct's prop, not the field it writes; the problem already says the API server refuses it.
      p.add('schedule', `'${schedule.expressionString}' ${problem.replace('spec.timeZone', 'the timeZone prop')}. ${fix}`);
    } else if (problem) {
      p.add('schedule', `'${schedule.expressionString}' ${problem}: the API server refuses the CronJob. ${fix}`);
    } else if (neverRuns(schedule.expressionString)) {
      p.add('schedule', `'${schedule.expressionString}' never runs (no date matches it): the API server accepts it, but no Job is ever created. ` +
        'Use Cron.schedule({ minute, hour, day, month, weekDay }) with a date that exists, e.g. { minute: \'0\', hour: \'3\', day: \'28\', month: \'2\' }.');
    }
  }
  if (p.string(props.timeZone, 'timeZone')) {
    const problem = timeZoneProblem(props.timeZone);
    if (problem) p.add('timeZone', `${problem}. Use an IANA time zone name such as 'Etc/UTC' or 'America/New_York', or leave it unset for 'Etc/UTC'.`);
  }
  if (props.concurrencyPolicy !== undefined && !CONCURRENCY_POLICIES.includes(props.concurrencyPolicy)) {
    p.add('concurrencyPolicy', `must be ConcurrencyPolicy.FORBID, ALLOW or REPLACE (got ${JSON.stringify(props.concurrencyPolicy)}).`);
  }
  const starting = durationSeconds(p, props.startingDeadline, 'startingDeadline');
  if (starting !== undefined && starting < 10) {
    p.add('startingDeadline', `must be at least 10 seconds (got ${starting}): the CronJob controller looks every 10 seconds, so a shorter deadline can skip every run. ` +
      'Use e.g. Duration.minutes(5), or leave it unset for 5 minutes.');
  }
  for (const field of ['successfulJobsRetained', 'failedJobsRetained'] as const) {
    if (p.number(props[field], field) && (!Number.isInteger(props[field]) || props[field] < 0)) {
      p.add(field, `must be a whole number >= 0 (got ${props[field]}).`);
    }
  }
  p.boolean(props.suspend, 'suspend');
}

/** Whether a schedule the API server accepts matches no date (e.g. February 31st): both read it with robfig/cron. */
function neverRuns(expression: string): boolean {
  const parsed = parseVeleroCron(expression);
  return parsed.cron !== undefined && longestCronGap(parsed.cron) === undefined;
}

/** Whether the API server accepts `tz` as spec.timeZone (an IANA name it can load; never 'Local'). */
function timeZoneProblem(tz: string): string | undefined {
  if (tz.trim().toLowerCase() === 'local') return "'Local' is the controller's own zone, which the API server refuses: the schedule must not depend on where the controller runs";
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return `'${tz}' is not an IANA time zone name`;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    return `'${tz}' is not a time zone of the IANA database`;
  }
  return undefined;
}

/** The whole seconds of a Duration prop, or undefined (after recording why) when it is absent or not one. */
function durationSeconds(p: InputProblems, value: unknown, field: string): number | undefined {
  if (!p.instance(value, field, 'a Duration (e.g. Duration.hours(1))', 'toSeconds')) return undefined;
  try {
    return value.toSeconds();
  } catch {
    p.add(field, 'must be a whole number of seconds, as Kubernetes takes it. Use Duration.seconds(n), Duration.minutes(n) or Duration.hours(n).');
    return undefined;
  }
}

function describeValue(value: unknown): string {
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object without expressionString' : `a ${typeof value} (${String(value)})`;
}
