/** Secret-store manifests for the secret-store rule tests. */

/** A namespace labelled not PHI, so its Secrets are this rule's and not k8s-phi-inline-secret's. */
export const TOOLS = 'clinic-tools';

export function toolsNamespace(labels: Record<string, string> = {}): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: TOOLS, labels: { 'hipaa-constructs.io/phi': 'false', ...labels } } };
}

/** An External Secrets SecretStore for AWS Secrets Manager authenticated through IRSA. */
export function secretStore(name = 'aws', namespace = TOOLS, auth: Record<string, unknown> = { jwt: { serviceAccountRef: { name: 'aws-store' } } }): any {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'SecretStore',
    metadata: { name, namespace },
    spec: { provider: { aws: { service: 'SecretsManager', region: 'us-east-1', auth } } },
  };
}

export function clusterSecretStore(conditions?: unknown[], name = 'shared'): any {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ClusterSecretStore',
    metadata: { name },
    spec: { provider: { aws: { service: 'ParameterStore', region: 'us-east-1' } }, ...(conditions ? { conditions } : {}) },
  };
}

export function secretProviderClass(name = 'db', namespace = TOOLS): any {
  return {
    apiVersion: 'secrets-store.csi.x-k8s.io/v1',
    kind: 'SecretProviderClass',
    metadata: { name, namespace },
    spec: { provider: 'aws', parameters: { region: 'us-east-1', objects: '- objectName: "db"\n  objectType: "secretsmanager"\n' } },
  };
}

/** A Secret labelled not PHI with inline data (and optional extra fields). */
export function inlineSecret(name = 'db', extra: Record<string, unknown> = { data: { password: 'aHVudGVyMg==' } }, namespace = TOOLS): any {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace, labels: { 'hipaa-constructs.io/phi': 'false' } }, type: 'Opaque', ...extra };
}

export function externalSecret(name = 'db', target: Record<string, unknown> = {}, data: unknown[] = [{ secretKey: 'password', remoteRef: { key: 'clinic/db', property: 'password' } }]): any {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name, namespace: TOOLS },
    spec: { secretStoreRef: { kind: 'SecretStore', name: 'aws' }, refreshInterval: '1h', target: { creationPolicy: 'Owner', ...target }, data },
  };
}
