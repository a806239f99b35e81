import { describeDuration, isVeleroSchedule, parseGoDuration, RETENTION_ANNOTATION, VELERO_DEFAULT_TTL_MS } from './velero';
import type { Rule } from '../../../check/rule';

/** A Velero Schedule keeps its backups at least as long as the retention it states. */
export const veleroScheduleRetention: Rule = {
  id: 'k8s-velero-schedule-retention',
  title: 'Velero Schedules must keep backups (spec.template.ttl) at least as long as their stated retention',
  description:
    'Velero deletes a backup when its TTL expires (spec.template.ttl, a Go duration; 720h, 30 days, when unset). The ' +
    `retention a backup plan promises is stated on the Schedule in the annotation ${RETENTION_ANNOTATION}, as a Go ` +
    'duration in the same form (e.g. 2160h for 90 days). A TTL shorter than that retention silently deletes backups the ' +
    'plan says exist; a retention or TTL that is not a valid Go duration states nothing. Schedules without the annotation ' +
    'are not judged here.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)'],
  kinds: ['Schedule'],
  fix: `Set spec.template.ttl to at least the retention stated in ${RETENTION_ANNOTATION} (both Go durations, e.g. 2160h).`,
  check(resource, _ctx, report) {
    if (!isVeleroSchedule(resource)) return;
    const stated: unknown = resource.body.metadata?.annotations?.[RETENTION_ANNOTATION];
    if (stated === undefined) return;
    const name = `Schedule '${resource.name}'`;
    const retention = parseGoDuration(stated);
    const path = `metadata.annotations["${RETENTION_ANNOTATION}"]`;
    if (retention === undefined || retention === 0) {
      report({
        path,
        message: `${name} states retention ${JSON.stringify(stated)}, which is not a positive Go duration (e.g. 2160h for 90 days)`,
        fix: `Set ${RETENTION_ANNOTATION} to a Go duration using h, m and s, e.g. "2160h" for 90 days.`,
      });
      return;
    }
    const rawTtl: unknown = resource.body.spec?.template?.ttl;
    const ttl = rawTtl === undefined ? VELERO_DEFAULT_TTL_MS : parseGoDuration(rawTtl);
    if (ttl === undefined) {
      report({
        path: 'spec.template.ttl',
        message: `${name} has spec.template.ttl ${JSON.stringify(rawTtl)}, which is not a Go duration (Velero rejects it)`,
        fix: `Set spec.template.ttl to a Go duration of at least ${describeDuration(retention).split(' ')[0]}.`,
      });
      return;
    }
    if (ttl >= retention) return;
    report({
      path: 'spec.template.ttl',
      message: `${name} keeps backups for ${rawTtl === undefined ? `Velero's default TTL of ${describeDuration(ttl)}, as spec.template.ttl is unset` : describeDuration(ttl)}, ` +
        `less than the retention it states (${RETENTION_ANNOTATION}: ${describeDuration(retention)})`,
      fix: `Set spec.template.ttl to at least ${describeDuration(retention).split(' ')[0]}.`,
    });
  },
};
