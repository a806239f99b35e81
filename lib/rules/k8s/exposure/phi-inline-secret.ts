import type { Rule } from '../../../check/rule';
import { PHI_LABEL } from '../../../labels';
import { objectPhiReason } from '../phi-classification';

const FIELDS = ['data', 'stringData'] as const;

/** Secrets of PHI namespaces come from an external store, not from manifests. */
export const phiInlineSecret: Rule = {
  id: 'k8s-phi-inline-secret',
  title: 'Secrets in PHI namespaces must not carry inline data or stringData',
  description:
    'A Secret written out with its data lands in git, in CI logs and in every copy of the manifests, where base64 ' +
    'protects nothing; the credentials that guard PHI then escape key management, rotation and access review. ' +
    'In a namespace labelled ' + `${PHI_LABEL}: "true"` + ' (or on a Secret labelled so), Secrets must come from an ' +
    'external store (External Secrets Operator, Secrets Store CSI driver) that keeps them encrypted and audited. ' +
    'Classification fails closed: a namespace whose Namespace object has no such label, or is not in the checked set, ' +
    `and a Secret without a ${PHI_LABEL} label of its own, count as PHI unless the check runs with unclassifiedIsPhi off. ` +
    'A Secret without data, such as a kubernetes.io/service-account-token Secret the token controller fills in, is ' +
    'not flagged.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.312(a)(1)'],
  kinds: ['Secret'],
  fix:
    'Remove the Secret from the manifests and create it from the external store (e.g. an ExternalSecret of ' +
    'external-secrets.io/v1 or a SecretProviderClass), then rotate the values that were committed.',
  check(resource, ctx, report) {
    const body = resource.body;
    if (!hasKeys(body.data) && !hasKeys(body.stringData)) return;
    const where = objectPhiReason(ctx, resource);
    if (where === undefined) return;
    for (const field of FIELDS) {
      const value = body[field];
      if (!hasKeys(value)) continue;
      const keys = Object.keys(value);
      report({
        path: field,
        message: `the Secret ${where} carries inline ${field} (key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `'${k}'`).join(', ')}) in its manifest`,
      });
    }
  },
};

function hasKeys(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  for (const k in v) if (Object.hasOwn(v, k)) return true;
  return false;
}
