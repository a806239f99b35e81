import { veleroSchedules } from './velero';
import type { RuleContext } from '../../../check/context';
import type { Rule } from '../../../check/rule';
import { PHI_LABEL } from '../../../labels';
import { namespacePhiBasis } from '../phi-classification';

/** Without any backup Schedule in the set, PHI namespaces are reported for someone to verify their backups. */
export const phiNamespaceBackupUnverified: Rule = {
  id: 'k8s-phi-namespace-backup-unverified',
  title: 'PHI namespaces should be checked together with the Velero Schedule that backs them up',
  description:
    'When the checked set holds no Velero Schedule (velero.io/v1) at all, the check cannot tell whether the Namespaces that ' +
    'count as PHI are backed up. Each one that holds persistent data in the set (a PersistentVolumeClaim, or a StatefulSet ' +
    'with volumeClaimTemplates) is reported as a warning; namespaces whose state is only their manifests (kept in version ' +
    'control) are not. Include the Schedules in the input (then ' +
    'k8s-phi-namespace-backup checks their coverage), or record where the backup is defined in a waiver reason.',
  severity: 'warning',
  controls: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)'],
  kinds: ['Namespace'],
  fix: 'Check the Velero Schedules together with the namespaces (include their manifests in the input), or waive this finding naming the backup that covers the namespace.',
  check(resource, ctx, report) {
    if (veleroSchedules(ctx).length > 0) return;
    const basis = namespacePhiBasis(ctx, resource.name);
    if (basis === undefined) return;
    const data = persistentData(ctx, resource.name);
    if (data === undefined) return;
    const why = basis === 'labelled' ? `is labelled ${PHI_LABEL}: "true"` : `has no ${PHI_LABEL} label of "true" or "false" (unclassified, it counts as PHI)`;
    report({ path: 'metadata.name', message: `Namespace '${resource.name}' ${why}, holds persistent data (${data}), and no Velero Schedule is in the checked set: its backup cannot be verified` });
  },
};

/** What persistent data namespace `ns` holds in the set (`PersistentVolumeClaim 'db'`), or undefined when none. */
function persistentData(ctx: RuleContext, ns: string): string | undefined {
  const claim = ctx.inNamespace('PersistentVolumeClaim', ns)[0];
  if (claim !== undefined) return `PersistentVolumeClaim '${claim.name}'`;
  const sts = ctx.inNamespace('StatefulSet', ns).find((s) => Array.isArray(s.body.spec?.volumeClaimTemplates) && s.body.spec.volumeClaimTemplates.length > 0);
  return sts === undefined ? undefined : `StatefulSet '${sts.name}' with volumeClaimTemplates`;
}
