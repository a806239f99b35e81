import { Cron, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HipaaNamespace, SecureCronJob, SecureJob } from '../../lib/cdk8s';
import { expectRefusal, jobContainer, newChart } from '../helpers/cdk8s';

// Each error names the construct path, the field, the rule id where a rule backs it, and the fix.
describe('SecureJob refuses bad input with an exact, helpful error', () => {
  test('every problem at once, the messages naming SecureJob', () => {
    expectRefusal(
      () => new SecureJob(newChart(), 'migrate', {
        containers: [],
        activeDeadline: Duration.seconds(0),
        backoffLimit: -1,
        ttlAfterFinished: Duration.seconds(0),
        restartPolicy: kplus.RestartPolicy.ALWAYS,
      }),
      [
        '[test/migrate] 5 problems in the props (all are listed; fix each):',
        '- containers: a SecureJob needs at least one container.',
        '- activeDeadline: must be at least 1 second: the deadline ends a hung run, which a liveness probe would otherwise have to catch (k8s-liveness-probe). ' +
          'Use e.g. Duration.hours(1), or leave it unset for the default of 1 hour.',
        '- backoffLimit: must be a whole number >= 0 (got -1): the number of retries before the Job counts as failed.',
        '- ttlAfterFinished: must be at least 1 second: a TTL of 0 deletes the Job and its pods the moment it finishes, before anyone can read why it failed. ' +
          'Use e.g. Duration.days(1), or leave it unset for the default of 1 day.',
        '- restartPolicy: must be RestartPolicy.NEVER or RestartPolicy.ON_FAILURE (got "Always"): the API server refuses a Job whose pods restart Always. Leave it unset for Never.',
      ].join('\n'),
    );
  });

  test('a name too long for a Job, and a deadline that is not whole seconds', () => {
    expectRefusal(
      () => new SecureJob(newChart(), 'migrate', { containers: [jobContainer()], activeDeadline: Duration.millis(1500), metadata: { name: 'x'.repeat(64) } }),
      [
        '[test/migrate] 2 problems in the props (all are listed; fix each):',
        `- metadata.name: Job name '${'x'.repeat(64)}' is 64 characters long; it must be a DNS-1123 subdomain of at most 63 characters ` +
          `(the name becomes the value of its pods' job-name label) (k8s-valid-name). Shorten metadata.name to at most 63 characters, e.g. '${'x'.repeat(63)}'.`,
        '- activeDeadline: must be a whole number of seconds, as Kubernetes takes it. Use Duration.seconds(n), Duration.minutes(n) or Duration.hours(n).',
      ].join('\n'),
    );
  });

  test('a secret naming a container the Job does not have names SecureJob', () => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    new SecureJob(chart, 'migrate', {
      containers: [jobContainer()],
      secrets: [{ secret: kplus.Secret.fromSecretName(chart, 'S', 'db'), mountPath: '/etc/creds', containers: ['uploader'] }],
    });
    // cdk8s prefixes errors thrown while rendering with the object it was serializing.
    expect(() => Testing.synth(chart)).toThrow(
      "[test/migrate] secrets[0].containers[0]: no container of this SecureJob is named 'uploader' (containers: 'migrate'), so the secret would be mounted nowhere " +
        '(k8s-secrets-as-files). Name a container given in containers or initContainers, or added with addContainer.',
    );
  });
});

describe('SecureCronJob refuses bad input with an exact, helpful error', () => {
  test('every problem at once: TTL, schedule, time zone, concurrency, starting deadline, history', () => {
    expectRefusal(
      () => new SecureCronJob(newChart(), 'report', {
        containers: [jobContainer()],
        schedule: Cron.schedule({ minute: '61' }),
        timeZone: 'Local',
        startingDeadline: Duration.seconds(5),
        successfulJobsRetained: -1,
        concurrencyPolicy: 'Sometimes' as any,
        ttlAfterFinished: Duration.days(1),
      } as any),
      [
        '[test/report] 6 problems in the props (all are listed; fix each):',
        '- ttlAfterFinished: a SecureCronJob removes finished Jobs (and their pods) through successfulJobsRetained and failedJobsRetained; a TTL as well would ' +
          'delete them behind the history limits. Remove ttlAfterFinished, and lower the history limits if finished pods must go sooner.',
        "- schedule: '61 * * * *' has minute '61': 61 is outside 0-59: the API server refuses the CronJob. Use Cron.schedule({ minute, hour, day, month, weekDay }) " +
          "with values in range, e.g. { minute: '0', hour: '3' }.",
        "- timeZone: 'Local' is the controller's own zone, which the API server refuses: the schedule must not depend on where the controller runs. " +
          "Use an IANA time zone name such as 'Etc/UTC' or 'America/New_York', or leave it unset for 'Etc/UTC'.",
        '- concurrencyPolicy: must be ConcurrencyPolicy.FORBID, ALLOW or REPLACE (got "Sometimes").',
        '- startingDeadline: must be at least 10 seconds (got 5): the CronJob controller looks every 10 seconds, so a shorter deadline can skip every run. ' +
          'Use e.g. Duration.minutes(5), or leave it unset for 5 minutes.',
        '- successfulJobsRetained: must be a whole number >= 0 (got -1).',
      ].join('\n'),
    );
  });

  test('no schedule (plain JavaScript)', () => {
    expectRefusal(
      () => new SecureCronJob(newChart(), 'report', { containers: [jobContainer()] } as any),
      "[test/report] schedule: expected a Cron (e.g. Cron.daily() or Cron.schedule({ minute: '0', hour: '3' })), got nothing (undefined).",
    );
  });

  test('a time zone the IANA database does not have', () => {
    expectRefusal(
      () => new SecureCronJob(newChart(), 'report', { containers: [jobContainer()], schedule: Cron.daily(), timeZone: 'Mars/Olympus_Mons' }),
      "[test/report] timeZone: 'Mars/Olympus_Mons' is not a time zone of the IANA database. Use an IANA time zone name such as 'Etc/UTC' or 'America/New_York', " +
        "or leave it unset for 'Etc/UTC'.",
    );
  });

  test('a TZ= prefix in the schedule', () => {
    expectRefusal(
      () => new SecureCronJob(newChart(), 'report', { containers: [jobContainer()], schedule: { expressionString: 'TZ=UTC 0 3 * * *' } as Cron }),
      "[test/report] schedule: 'TZ=UTC 0 3 * * *' sets its time zone with TZ= or CRON_TZ=, which the API server refuses (Kubernetes 1.27+); set the time zone in " +
        "the timeZone prop instead. Use Cron.schedule({ minute, hour, day, month, weekDay }) with values in range, e.g. { minute: '0', hour: '3' }.",
    );
  });

  // Issue 9 trial 2: the API server accepts a schedule no date matches; the CronJob never ran.
  test('a schedule that never runs (no date matches it)', () => {
    expectRefusal(
      () => new SecureCronJob(newChart(), 'report', { containers: [jobContainer()], schedule: Cron.schedule({ minute: '0', hour: '3', day: '31', month: '2' }) }),
      "[test/report] schedule: '0 3 31 2 *' never runs (no date matches it): the API server accepts it, but no Job is ever created. " +
        "Use Cron.schedule({ minute, hour, day, month, weekDay }) with a date that exists, e.g. { minute: '0', hour: '3', day: '28', month: '2' }.",
    );
  });

  test('a name too long for a CronJob', () => {
    expectRefusal(
      () => new SecureCronJob(newChart(), 'report', { containers: [jobContainer()], schedule: Cron.daily(), metadata: { name: 'x'.repeat(53) } }),
      `[test/report] metadata.name: CronJob name '${'x'.repeat(53)}' is 53 characters long; it must be a DNS-1123 subdomain of at most 52 characters ` +
        '(the CronJob controller appends 11 characters to it to name each Job, and Job names are limited to 63) (k8s-valid-name). ' +
        `Shorten metadata.name to at most 52 characters, e.g. '${'x'.repeat(52)}'.`,
    );
  });
});
