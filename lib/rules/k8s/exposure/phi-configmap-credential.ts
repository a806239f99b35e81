import type { Rule } from '../../../check/rule';
import { PHI_LABEL } from '../../../labels';
import { credentialsIn, describeCredential } from '../credential-detector';
import { objectPhiReason } from '../phi-classification';

/** ConfigMaps of PHI namespaces carry no credentials. */
export const phiConfigMapCredential: Rule = {
  id: 'k8s-phi-configmap-credential',
  title: 'ConfigMaps in PHI namespaces must not carry credentials in data or binaryData',
  description:
    'A ConfigMap is not a Secret: it is stored unencrypted at rest, readable by every role that may read ' +
    'configuration, shown by kubectl describe, and written in plain text in the manifests, git and CI logs. A ' +
    'password, key or token in one escapes encryption, rotation and access review. Each data key is checked by its ' +
    'name (password, DB_PASSWORD, apiKey, ... with a literal value), and each value by its shape (PEM private keys, ' +
    'cloud and SaaS tokens, JWTs, URLs with a password) and by the credential-named keys inside it (a config file\'s ' +
    '`password: ...` line, a connection string\'s Password=...); binaryData values are decoded first. References ' +
    '(${VAR}, $(VAR), {{ }}), paths and empty values are not flagged. Applies to ConfigMaps that count as PHI: in a ' +
    `PHI namespace, labelled ${PHI_LABEL}: "true", or unclassified (fails closed, see the unclassifiedIsPhi option). ` +
    'Messages name the key, never the value.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.312(a)(1)', '164.312(c)(1)', '164.312(d)'],
  kinds: ['ConfigMap'],
  fix:
    'Move the credential out of the ConfigMap and rotate it: keep it in a Secret created by an External Secrets store ' +
    '(an ExternalSecret of external-secrets.io/v1) and mount it read-only as files (SecureDeployment: the secrets prop); ' +
    'leave a reference such as ${DB_PASSWORD} or a *_FILE path in the configuration.',
  check(resource, ctx, report) {
    const body = resource.body;
    const data: unknown = body.data;
    const binary: unknown = body.binaryData;
    if (!isMap(data) && !isMap(binary)) return;
    let where: string | undefined | null = null; // computed once, only when something is found
    const phiReason = () => (where === null ? (where = objectPhiReason(ctx, resource)) : where);
    for (const [field, map, decode] of [['data', data, false], ['binaryData', binary, true]] as const) {
      if (!isMap(map)) continue;
      for (const key of Object.keys(map)) {
        const raw: unknown = map[key];
        if (typeof raw !== 'string' || raw === '') continue;
        const value = decode ? Buffer.from(raw, 'base64').toString('latin1') : raw;
        const found = credentialsIn(key, value);
        if (found.length === 0) continue;
        const why = phiReason();
        if (why === undefined) return;
        report({
          path: `${field}["${key}"]`,
          message: `the ConfigMap ${why} holds ${found.map(describeCredential).join(', ')} in ${field} key '${key}'; the value is not shown here`,
        });
      }
    }
  },
};

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
