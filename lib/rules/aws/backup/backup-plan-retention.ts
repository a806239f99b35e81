import type { Report, Rule } from '../../../check/rule';
import { SIX_YEARS_IN_DAYS } from '../support/six-years';

/** The lifecycle problems of one rule or copy action (`at` is its path). */
function lifecycleProblems(lifecycle: unknown, at: string, what: string, report: Report): void {
  if (lifecycle === undefined || lifecycle === null || typeof lifecycle !== 'object') return;
  const { deleteAfter, coldStorageAfter } = lifecycle as Record<string, unknown>;
  if (deleteAfter === undefined || deleteAfter === null) return;
  if (typeof deleteAfter !== 'number' || deleteAfter < SIX_YEARS_IN_DAYS) {
    report({ path: `${at}.lifecycle.deleteAfter`, message: `${what} deletes recovery points after ${JSON.stringify(deleteAfter)} days, less than six years (${SIX_YEARS_IN_DAYS} days)` });
  }
  if (typeof coldStorageAfter === 'number' && typeof deleteAfter === 'number' && deleteAfter < coldStorageAfter + 90) {
    report({ path: `${at}.lifecycle.deleteAfter`, message: `${what} deletes recovery points ${deleteAfter} days after creation, less than 90 days after they move to cold storage (day ${coldStorageAfter}); AWS refuses the plan` });
  }
}

/** Backup plans keep recovery points at least six years. */
export const backupPlanRetention: Rule = {
  id: 'aws-backup-plan-retention',
  title: 'AWS Backup plan rules must keep recovery points (and their copies) at least six years',
  description:
    'A rule\'s lifecycle.deleteAfter (and each copy action\'s) decides when AWS Backup deletes a recovery point. ' +
    `Backups of systems holding PHI are part of the documentation HIPAA requires to be kept six years (${SIX_YEARS_IN_DAYS} days); ` +
    'a shorter lifecycle also fails against a vault lock with that minimum. A recovery point in cold storage must ' +
    'stay there at least 90 days, which AWS enforces.',
  severity: 'error',
  controls: ['164.316(b)(2)(i)', '164.308(a)(7)(ii)(A)'],
  kinds: ['aws:backup/plan:Plan'],
  fix: `Set lifecycle.deleteAfter (of each rule and copy action) to at least ${SIX_YEARS_IN_DAYS}, and at least 90 days after coldStorageAfter.`,
  check(resource, _ctx, report) {
    const rules: unknown = resource.body.rules;
    if (!Array.isArray(rules)) return;
    rules.forEach((rule: any, i: number) => {
      const name = `plan '${resource.name}' rule '${rule?.ruleName ?? i}'`;
      lifecycleProblems(rule?.lifecycle, `rules[${i}]`, name, report);
      if (Array.isArray(rule?.copyActions)) {
        rule.copyActions.forEach((c: any, j: number) => lifecycleProblems(c?.lifecycle, `rules[${i}].copyActions[${j}]`, `${name} copy to ${String(c?.destinationVaultArn)}`, report));
      }
    });
  },
};
