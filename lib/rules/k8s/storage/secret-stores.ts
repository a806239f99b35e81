/**
 * Secret stores in the checked set: which namespaces can take their Secrets from an External
 * Secrets store (SecretStore, ClusterSecretStore) or the Secrets Store CSI driver
 * (SecretProviderClass), and which Secrets an ExternalSecret writes. Computed once per check
 * through ctx.memo. Not a rule itself.
 */
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import { selectorMatches } from '../selector';
import { isObject } from '../support/objects';

const ESO_GROUP = 'external-secrets.io/';
const CSI_GROUP = 'secrets-store.csi.x-k8s.io/';

/** Whether `resource` is an External Secrets SecretStore or ClusterSecretStore (any version). */
export function isExternalSecretStore(resource: Resource): boolean {
  return (resource.kind === 'SecretStore' || resource.kind === 'ClusterSecretStore') && resource.apiVersion?.startsWith(ESO_GROUP) === true;
}

/** `SecretStore 'aws'`, `ClusterSecretStore 'shared'`, `SecretProviderClass 'db'`. */
export function describeStore(store: Resource): string {
  return `${store.kind} '${store.name}'`;
}

/**
 * The stores Secrets of `namespace` can come from: its SecretStores and SecretProviderClasses,
 * and the ClusterSecretStores whose `spec.conditions` admit it (none: every namespace; names,
 * regexes, or a namespaceSelector matched against the labels of the namespace's Namespace
 * object; without that object a selector admits nothing, as nothing shows it would).
 */
export function storesFor(ctx: RuleContext, namespace: string): readonly Resource[] {
  const byNamespace = ctx.memo('k8s-storage/secret-stores', () => new Map<string, Resource[]>());
  let stores = byNamespace.get(namespace);
  if (stores === undefined) {
    stores = [
      ...ctx.inNamespace('SecretStore', namespace).filter(isExternalSecretStore),
      ...ctx.ofKind('ClusterSecretStore').filter((s) => isExternalSecretStore(s) && clusterStoreAdmits(ctx, s, namespace)),
      ...ctx.inNamespace('SecretProviderClass', namespace).filter((s) => s.apiVersion?.startsWith(CSI_GROUP) === true),
    ];
    byNamespace.set(namespace, stores);
  }
  return stores;
}

function clusterStoreAdmits(ctx: RuleContext, store: Resource, namespace: string): boolean {
  const conditions = store.body.spec?.conditions;
  if (!Array.isArray(conditions) || conditions.length === 0) return true;
  return conditions.some((c) => {
    if (!isObject(c)) return false;
    if (Array.isArray(c.namespaces) && c.namespaces.includes(namespace)) return true;
    if (Array.isArray(c.namespaceRegexes) && c.namespaceRegexes.some((r: unknown) => regexMatches(r, namespace))) return true;
    if (c.namespaceSelector !== undefined) {
      const ns = namespacesByName(ctx).get(namespace);
      if (ns && selectorMatches(c.namespaceSelector, ns.body.metadata?.labels)) return true;
    }
    return false;
  });
}

/** The Namespace objects of the set by name (the first of each name). */
function namespacesByName(ctx: RuleContext): ReadonlyMap<string, Resource> {
  return ctx.memo('k8s-storage/namespaces-by-name', () => {
    const byName = new Map<string, Resource>();
    for (const n of ctx.ofKind('Namespace')) if (!byName.has(n.name)) byName.set(n.name, n);
    return byName;
  });
}

function regexMatches(pattern: unknown, value: string): boolean {
  if (typeof pattern !== 'string') return false;
  try {
    // Go's regexp.MatchString: a match anywhere unless anchored.
    return new RegExp(pattern).test(value);
  } catch {
    return false;
  }
}

/** What the ExternalSecrets of the set write into one Secret. */
export interface ExternalSecretTarget {
  /** The ExternalSecrets that target it. */
  readonly externalSecrets: readonly Resource[];
  /** Keys they name (spec.data[].secretKey, spec.target.template.data keys). */
  readonly keys: ReadonlySet<string>;
}

/**
 * The Secrets the ExternalSecrets of `namespace` write (`spec.target.name`, or the
 * ExternalSecret's own name), by Secret name. `creationPolicy: None` writes nothing.
 */
export function externalSecretTargets(ctx: RuleContext, namespace: string): ReadonlyMap<string, ExternalSecretTarget> {
  const byNamespace = ctx.memo('k8s-storage/external-secret-targets', () => new Map<string, Map<string, ExternalSecretTarget>>());
  let targets = byNamespace.get(namespace);
  if (targets === undefined) {
    const out = new Map<string, { externalSecrets: Resource[]; keys: Set<string> }>();
    for (const es of ctx.inNamespace('ExternalSecret', namespace)) {
      if (es.apiVersion?.startsWith(ESO_GROUP) !== true) continue;
      const spec = isObject(es.body.spec) ? es.body.spec : {};
      const target = isObject(spec.target) ? spec.target : {};
      if (target.creationPolicy === 'None') continue;
      const name = typeof target.name === 'string' && target.name !== '' ? target.name : es.name;
      let entry = out.get(name);
      if (!entry) out.set(name, (entry = { externalSecrets: [], keys: new Set() }));
      entry.externalSecrets.push(es);
      for (const d of Array.isArray(spec.data) ? spec.data : []) if (isObject(d) && typeof d.secretKey === 'string') entry.keys.add(d.secretKey);
      const templateData = isObject(target.template) ? target.template.data : undefined;
      if (isObject(templateData)) for (const k of Object.keys(templateData)) entry.keys.add(k);
    }
    targets = out;
    byNamespace.set(namespace, targets);
  }
  return targets;
}

/** Whether a Secret's metadata.ownerReferences name an ExternalSecret (a Secret the operator wrote, e.g. exported from a cluster). */
export function ownedByExternalSecret(secret: Resource): boolean {
  const refs = secret.body.metadata?.ownerReferences;
  return Array.isArray(refs) && refs.some((r) => isObject(r) && r.kind === 'ExternalSecret' && typeof r.apiVersion === 'string' && r.apiVersion.startsWith(ESO_GROUP));
}
