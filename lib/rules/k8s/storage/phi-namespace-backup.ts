import { coveringSchedules, RESTORE_TEST_OF_ANNOTATION, veleroSchedules } from './velero';
import type { Rule } from '../../../check/rule';
import { PHI_LABEL } from '../../../labels';
import { namespacePhiBasis } from '../phi-classification';

/** Every PHI namespace is backed up by a Velero Schedule of the set. */
export const phiNamespaceBackup: Rule = {
  id: 'k8s-phi-namespace-backup',
  title: 'PHI namespaces must be covered by a Velero backup Schedule',
  description:
    'When the checked set holds Velero Schedules (velero.io/v1), each Namespace that counts as PHI must be backed up by ' +
    'one: its spec.template.includedNamespaces is unset, holds "*" or matches the namespace, its excludedNamespaces does ' +
    'not, and it is neither paused nor filtered by labelSelector/orLabelSelectors (which back up only the labelled ' +
    'objects). A PHI namespace left out has no backup to restore from. A restore-test scratch namespace, annotated ' +
    `${RESTORE_TEST_OF_ANNOTATION}: <namespace>/<name> of a Schedule in the set, holds only copies restored from that ` +
    'Schedule\'s backups and is not required to be backed up. When the set holds no Schedule at all, ' +
    'k8s-phi-namespace-backup-unverified warns instead.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)'],
  kinds: ['Namespace'],
  fix: 'Add the namespace to spec.template.includedNamespaces of a Velero Schedule (and remove it from excludedNamespaces).',
  check(resource, ctx, report) {
    const schedules = veleroSchedules(ctx);
    if (schedules.length === 0) return;
    const basis = namespacePhiBasis(ctx, resource.name);
    if (basis === undefined) return;
    if (coveringSchedules(ctx, resource.name).length > 0) return;
    const scratchOf: unknown = resource.body.metadata?.annotations?.[RESTORE_TEST_OF_ANNOTATION];
    if (typeof scratchOf === 'string' && schedules.some((s) => `${s.namespace ?? ''}/${s.name}` === scratchOf)) return;
    const why = basis === 'labelled' ? `is labelled ${PHI_LABEL}: "true"` : `has no ${PHI_LABEL} label of "true" or "false" (unclassified, it counts as PHI)`;
    report({
      path: 'metadata.name',
      message: `Namespace '${resource.name}' ${why} but none of the ${schedules.length} Velero Schedule${schedules.length > 1 ? 's' : ''} ` +
        `(${schedules.map((s) => `'${s.name}'`).join(', ')}) backs it up (not included, excluded, paused or filtered by labels)`,
    });
  },
};
