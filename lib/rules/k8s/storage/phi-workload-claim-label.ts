import { claimIn } from './claims';
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import type { Rule } from '../../../check/rule';
import { PHI_LABEL } from '../../../labels';
import { phiLabelOf, phiWorkloads } from '../phi-classification';
import { podTemplate, POD_KINDS } from '../pod';

/** A PHI workload does not write into a claim labelled as holding no PHI. */
export const phiWorkloadClaimLabel: Rule = {
  id: 'k8s-phi-workload-claim-label',
  title: `A workload that handles PHI must not write to a PersistentVolumeClaim labelled ${PHI_LABEL}: "false"`,
  description:
    `A claim labelled ${PHI_LABEL}: "false" says its volume holds no PHI. Mounted writable by a workload that counts as PHI, ` +
    'it receives PHI anyway, and whatever selects on the label (backup schedules, reports, access reviews, and the PHI storage ' +
    'rules outside a PHI namespace: encryption with a customer-managed key, reclaimPolicy Retain) treats that PHI as ordinary ' +
    'data. A volume mounted read-only (persistentVolumeClaim.readOnly, or readOnly in every container that mounts it) is ' +
    'not written to and passes. Claims not in the set are not judged.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.310(d)(2)(iv)', '164.308(a)(7)(ii)(A)'],
  kinds: POD_KINDS,
  fix: `Label the claim ${PHI_LABEL}: "true" (EncryptedVolume: leave phi unset, i.e. true, on the class whose claims PHI workloads write), ` +
    'or mount the volume read-only if the workload only reads it.',
  check(resource, ctx, report) {
    const namespace = ctx.namespaceOf(resource);
    if (!phiWorkloadSet(ctx).has(resource)) return;
    const pod = podTemplate(resource);
    const volumes: unknown = pod?.spec.volumes;
    if (!pod || !Array.isArray(volumes)) return;
    volumes.forEach((volume: any, i: number) => {
      const source = volume?.persistentVolumeClaim;
      if (typeof source?.claimName !== 'string' || source.readOnly === true) return;
      const claim = claimIn(ctx, namespace, source.claimName);
      if (claim === undefined || phiLabelOf(claim.body.metadata?.labels) !== 'false') return;
      const mounts = pod.containers.flatMap((c) => (Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : []))
        .filter((m: any) => m?.name === volume.name);
      if (mounts.length > 0 && mounts.every((m: any) => m.readOnly === true)) return;
      report({
        path: `${pod.specPath}.volumes[${i}].persistentVolumeClaim`,
        message: `${resource.kind} '${resource.name}' handles PHI and mounts PersistentVolumeClaim '${source.claimName}' writable, ` +
          `but the claim is labelled ${PHI_LABEL}: "false": the PHI written there is not treated as PHI by what selects on the label`,
      });
    });
  },
};

/** The workloads that count as PHI, as a set built once per check (a scan per workload made the rule workloads x workloads per namespace). */
function phiWorkloadSet(ctx: RuleContext): ReadonlySet<Resource> {
  return ctx.memo('k8s-storage/phi-workload-set', () => new Set([...phiWorkloads(ctx).values()].flatMap((list) => list.map((w) => w.resource))));
}
