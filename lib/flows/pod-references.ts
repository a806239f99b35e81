/**
 * What a workload's pods reference by name: Secrets (volumes, projected volumes, env, envFrom)
 * and ConfigMaps (volumes, projected volumes), and whether they keep data on persistent volumes.
 * Read once per workload.
 */
import type { IndexedWorkload } from './cluster-index';
import { podTemplate } from '../rules/k8s/pod';
import { isObject } from '../rules/k8s/support/objects';

/** Names a workload's pods reference. */
export interface PodReferences {
  /** Secrets, by name. */
  readonly secrets: ReadonlySet<string>;
  /** ConfigMaps mounted as volumes, by name. */
  readonly configMaps: ReadonlySet<string>;
  /** Whether the pods mount persistent volume claims (or the StatefulSet has claim templates). */
  readonly persistent: boolean;
}

const cache = new WeakMap<object, PodReferences>();

/** The names a workload's pods reference. */
export function podReferences(w: IndexedWorkload): PodReferences {
  const cached = cache.get(w.resource.body);
  if (cached !== undefined) return cached;
  const secrets = new Set<string>();
  const configMaps = new Set<string>();
  const template = podTemplate(w.resource);
  let persistent = Array.isArray(w.resource.body.spec?.volumeClaimTemplates) && w.resource.body.spec.volumeClaimTemplates.length > 0;
  for (const v of Array.isArray(template?.spec.volumes) ? template!.spec.volumes : []) {
    if (!isObject(v)) continue;
    if (isObject(v.secret) && typeof v.secret.secretName === 'string') secrets.add(v.secret.secretName);
    if (isObject(v.configMap) && typeof v.configMap.name === 'string') configMaps.add(v.configMap.name);
    if (isObject(v.persistentVolumeClaim) || isObject(v.ephemeral)) persistent = true;
    const sources = isObject(v.projected) && Array.isArray(v.projected.sources) ? v.projected.sources : [];
    for (const s of sources) {
      if (isObject(s) && isObject(s.secret) && typeof s.secret.name === 'string') secrets.add(s.secret.name);
      if (isObject(s) && isObject(s.configMap) && typeof s.configMap.name === 'string') configMaps.add(s.configMap.name);
    }
  }
  for (const c of template?.containers ?? []) {
    for (const e of Array.isArray(c.container.env) ? c.container.env : []) {
      const ref = isObject(e) && isObject(e.valueFrom) ? e.valueFrom.secretKeyRef : undefined;
      if (isObject(ref) && typeof ref.name === 'string') secrets.add(ref.name);
    }
    for (const e of Array.isArray(c.container.envFrom) ? c.container.envFrom : []) {
      if (isObject(e) && isObject(e.secretRef) && typeof e.secretRef.name === 'string') secrets.add(e.secretRef.name);
    }
  }
  const refs = { secrets, configMaps, persistent };
  cache.set(w.resource.body, refs);
  return refs;
}
