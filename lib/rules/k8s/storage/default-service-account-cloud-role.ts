import type { Rule } from '../../../check/rule';

/** Annotations that bind a ServiceAccount to a cloud identity (workload identity), by provider. */
const CLOUD_IDENTITY_ANNOTATIONS: ReadonlyArray<readonly [string, string]> = [
  ['eks.amazonaws.com/role-arn', 'AWS IAM role (IRSA)'],
  ['iam.gke.io/gcp-service-account', 'Google service account (GKE Workload Identity)'],
  ['azure.workload.identity/client-id', 'Azure managed identity (Azure Workload Identity)'],
];

/** The namespace's default ServiceAccount carries no cloud identity. */
export const defaultServiceAccountCloudRole: Rule = {
  id: 'k8s-default-service-account-cloud-role',
  title: 'The default ServiceAccount must not be bound to a cloud identity (IRSA, GKE or Azure Workload Identity)',
  description:
    'Every pod that names no ServiceAccount runs as its namespace\'s `default` one. Annotated with an IAM role ' +
    '(eks.amazonaws.com/role-arn), a Google service account or an Azure managed identity, it hands that cloud identity, ' +
    'e.g. the role a secret store reads Secrets Manager with, to every such pod: a Helm chart\'s job, a debug pod, a ' +
    'sidecar injector\'s helper. Bind cloud identities to dedicated ServiceAccounts that only the pods needing them use.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.308(a)(4)'],
  kinds: ['ServiceAccount'],
  fix: 'Remove the annotation from the default ServiceAccount, create a dedicated ServiceAccount with it (KmsSecretStore does), ' +
    'point the role\'s trust policy at that one, and run only the pods that need the identity as it.',
  check(resource, _ctx, report) {
    if (resource.name !== 'default') return;
    const annotations: unknown = resource.body.metadata?.annotations;
    if (annotations === null || typeof annotations !== 'object') return;
    for (const [key, what] of CLOUD_IDENTITY_ANNOTATIONS) {
      const value: unknown = (annotations as Record<string, unknown>)[key];
      if (value === undefined || value === '') continue;
      report({
        path: `metadata.annotations["${key}"]`,
        message: `the default ServiceAccount is bound to ${what} ${JSON.stringify(value)}: every pod in the namespace that names no ServiceAccount gets it`,
      });
    }
  },
};
