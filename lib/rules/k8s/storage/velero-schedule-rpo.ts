import { isVeleroSchedule, parseGoDuration, RPO_ANNOTATION } from './velero';
import type { Rule } from '../../../check/rule';
import { describeGap, formatDuration, longestCronGap, parseVeleroCron } from '../support/velero-cron';

/** A Velero Schedule runs often enough for the recovery point objective it states. */
export const veleroScheduleRpo: Rule = {
  id: 'k8s-velero-schedule-rpo',
  title: 'Velero Schedules must run often enough for the recovery point objective they state',
  description:
    `A Schedule states its recovery point objective (the most data, in time, a restore may lose) in the annotation ${RPO_ANNOTATION}, ` +
    'as a Go duration (e.g. 24h). The longest time between two consecutive runs of spec.schedule must not exceed it: ' +
    'computed exactly for the cron expression as Velero reads it (robfig/cron: five fields in UTC or a descriptor such as ' +
    '@daily or @every 6h), over every calendar pattern (weekdays, month lengths, leap days), so "0 2 * * 1-5" has a ' +
    '72-hour gap over each weekend. A paused Schedule, a schedule Velero refuses, or an RPO that is not a Go duration ' +
    'meets no objective. Schedules without the annotation are not judged here.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'],
  kinds: ['Schedule'],
  fix: `Make spec.schedule run at least every ${RPO_ANNOTATION} (e.g. "0 */6 * * *" for 6h), or state the RPO the schedule meets.`,
  check(resource, _ctx, report) {
    if (!isVeleroSchedule(resource)) return;
    const stated: unknown = resource.body.metadata?.annotations?.[RPO_ANNOTATION];
    if (stated === undefined) return;
    const name = `Schedule '${resource.name}'`;
    const rpo = parseGoDuration(stated);
    if (rpo === undefined || rpo === 0) {
      report({
        path: `metadata.annotations["${RPO_ANNOTATION}"]`,
        message: `${name} states RPO ${JSON.stringify(stated)}, which is not a positive Go duration (e.g. 24h)`,
        fix: `Set ${RPO_ANNOTATION} to a Go duration using h, m and s, e.g. "24h".`,
      });
      return;
    }
    if (resource.body.spec?.paused === true) {
      report({ path: 'spec.paused', message: `${name} is paused, so it takes no backups and meets no RPO (${RPO_ANNOTATION}: ${formatDuration(rpo)})`, fix: 'Unpause the Schedule (remove spec.paused).' });
      return;
    }
    const parsed = parseVeleroCron(resource.body.spec?.schedule);
    if (parsed.problem !== undefined) {
      const outcome = parsed.notUtc ? '; its gaps cannot be checked against the RPO' : ', so Velero takes no backups (FailedValidation)';
      report({ path: 'spec.schedule', message: `${name} has spec.schedule that ${parsed.problem}${outcome}` });
      return;
    }
    const gap = longestCronGap(parsed.cron);
    if (gap === undefined) {
      report({ path: 'spec.schedule', message: `${name} has spec.schedule '${String(resource.body.spec.schedule)}', which never runs (no such date)` });
    } else if (gap.ms > rpo) {
      report({
        path: 'spec.schedule',
        message: `${name} runs '${String(resource.body.spec.schedule)}', with up to ${describeGap(gap)} between backups, more than its RPO (${RPO_ANNOTATION}: ${formatDuration(rpo)})`,
      });
    }
  },
};
