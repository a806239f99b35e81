import { describeStore, externalSecretTargets, ownedByExternalSecret, storesFor } from './secret-stores';
import type { Rule } from '../../../check/rule';
import { objectPhiReason } from '../phi-classification';
import { isObject } from '../support/objects';

const FIELDS = ['data', 'stringData'] as const;

/** Where a secret store is configured, Secrets come from it, not from manifests. */
export const inlineSecretWithStore: Rule = {
  id: 'k8s-inline-secret-with-store',
  title: 'Secrets must not carry inline data in a namespace where a secret store is configured',
  description:
    'When the checked set configures a secret store for a namespace (an External Secrets SecretStore there, a ' +
    'ClusterSecretStore whose conditions admit it, or a Secrets Store CSI SecretProviderClass there), a core v1 Secret ' +
    'of that namespace with inline data or stringData bypasses the store: its values sit in git and CI logs, outside ' +
    'the key management, rotation and access review the store provides. Every Secret type counts (Opaque, TLS keys, ' +
    'registry credentials in dockerconfigjson, a hand-written service-account token: ExternalSecret templates can ' +
    'write each of them from the store). Not flagged: a Secret without data (e.g. a service-account-token Secret ' +
    'the token controller fills in), one whose ownerReferences name an ExternalSecret (the operator wrote it), and ' +
    'the keys an ExternalSecret of the set writes into it (spec.data[].secretKey, spec.target.template.data). ' +
    'Secrets that count as PHI are reported by k8s-phi-inline-secret instead, so each Secret gets one finding.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.312(a)(1)'],
  kinds: ['Secret'],
  fix:
    'Put the values in the store, write an ExternalSecret (external-secrets.io/v1) that creates this Secret from it ' +
    '(or mount them through the SecretProviderClass), remove the Secret from the manifests, and rotate the values that were committed.',
  check(resource, ctx, report) {
    if (resource.apiVersion !== undefined && resource.apiVersion !== 'v1') return;
    const body = resource.body;
    if (!hasKeys(body.data) && !hasKeys(body.stringData)) return;
    if (ownedByExternalSecret(resource)) return;
    const namespace = ctx.namespaceOf(resource);
    const stores = storesFor(ctx, namespace);
    if (stores.length === 0) return;
    // PHI Secrets with inline data are k8s-phi-inline-secret's: one finding per Secret.
    if (objectPhiReason(ctx, resource) !== undefined) return;
    const target = externalSecretTargets(ctx, namespace).get(resource.name);
    const storeText = stores.length > 3
      ? `${stores.slice(0, 3).map(describeStore).join(', ')} and ${stores.length - 3} more`
      : stores.map(describeStore).join(', ');
    for (const field of FIELDS) {
      const value = body[field];
      if (!hasKeys(value)) continue;
      const keys = Object.keys(value).filter((k) => !target?.keys.has(k));
      if (keys.length === 0) continue;
      const written = target ? `; ExternalSecret ${target.externalSecrets.map((e) => `'${e.name}'`).join(', ')} writes this Secret but not ${keys.length > 1 ? 'these keys' : 'this key'}` : '';
      report({
        path: field,
        message: `the Secret '${resource.name}' carries inline ${field} (key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `'${k}'`).join(', ')}) in namespace '${namespace}', ` +
          `where ${storeText} ${stores.length > 1 ? 'are' : 'is'} configured${written}`,
      });
    }
  },
};

function hasKeys(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false;
  for (const k in v) if (Object.hasOwn(v, k)) return true;
  return false;
}
