import type { Rule } from '../../../check/rule';

const GROUP = 'external-secrets.io/';

/** The version External Secrets Operator 0.17+ serves, per kind. */
const SERVED: Readonly<Record<string, string>> = {
  SecretStore: 'v1',
  ClusterSecretStore: 'v1',
  ExternalSecret: 'v1',
  ClusterExternalSecret: 'v1',
  PushSecret: 'v1alpha1',
  ClusterPushSecret: 'v1alpha1',
};

/** External Secrets objects use the API versions current releases serve. */
export const externalSecretsV1: Rule = {
  id: 'k8s-external-secrets-v1',
  title: 'External Secrets objects must use the API version current operator releases serve',
  description:
    'External Secrets Operator 0.17 stopped serving external-secrets.io/v1beta1: a SecretStore, ClusterSecretStore, ' +
    'ExternalSecret or ClusterExternalSecret written for v1beta1 (or v1alpha1) is refused by the API server, so the secrets ' +
    'the workloads expect are never created and teams fall back to inline Secrets. These kinds must use external-secrets.io/v1. ' +
    'PushSecret and ClusterPushSecret are still served only as external-secrets.io/v1alpha1, which is accepted for them.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.312(a)(1)'],
  kinds: Object.keys(SERVED),
  fix: 'Set apiVersion: external-secrets.io/v1 (for PushSecret and ClusterPushSecret: external-secrets.io/v1alpha1) and check the spec against the v1 schema.',
  check(resource, _ctx, report) {
    const apiVersion = resource.apiVersion;
    if (apiVersion === undefined || !apiVersion.startsWith(GROUP)) return;
    const served = SERVED[resource.kind];
    const version = apiVersion.slice(GROUP.length);
    if (served === undefined || version === served) return;
    report({
      path: 'apiVersion',
      message: `${resource.kind} '${resource.name}' uses ${apiVersion}, which External Secrets Operator 0.17 and later do not serve (it serves ${GROUP}${served})`,
      fix: `Set apiVersion: ${GROUP}${served} and check the spec against that version's schema.`,
    });
  },
};
