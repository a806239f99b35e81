import { isExternalSecretStore } from './secret-stores';
import type { Rule, Violation } from '../../../check/rule';
import { isObject } from '../support/objects';

/** External Secrets stores of the cloud secret managers authenticate with workload identity, not keys kept in a Secret. */
export const secretStoreStaticCredentials: Rule = {
  id: 'k8s-secret-store-static-credentials',
  title: 'Secret stores of cloud secret managers must authenticate with workload identity, not static credentials',
  description:
    'A SecretStore or ClusterSecretStore (external-secrets.io) that reaches AWS Secrets Manager or Parameter Store with ' +
    'an access key (spec.provider.aws.auth.secretRef), Google Secret Manager with a service-account key ' +
    '(spec.provider.gcpsm.auth.secretRef) or Azure Key Vault with a service-principal secret or certificate ' +
    '(spec.provider.azurekv.authSecretRef, authType ServicePrincipal, its default) keeps a long-lived key to every ' +
    'secret of the store in a Kubernetes Secret: it does not expire, is not tied to a workload, and whoever reads that ' +
    'Secret reads the store. Workload identity (IRSA or EKS Pod Identity, GKE Workload Identity, Azure Workload ' +
    'Identity) gives the operator short-lived tokens bound to a ServiceAccount instead. Other providers are not checked.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.312(d)', '164.312(a)(2)(i)'],
  kinds: ['SecretStore', 'ClusterSecretStore'],
  fix:
    'Authenticate through a ServiceAccount bound to a cloud role: for AWS, spec.provider.aws.auth.jwt.serviceAccountRef naming a ' +
    'ServiceAccount annotated eks.amazonaws.com/role-arn (KmsSecretStore writes one); remove the key, delete its Secret and revoke the key.',
  check(resource, _ctx, report) {
    if (!isExternalSecretStore(resource)) return;
    const provider = resource.body.spec?.provider;
    if (!isObject(provider)) return;
    for (const v of staticCredentials(provider)) report(v);
  },
};

function staticCredentials(provider: Record<string, any>): Violation[] {
  const out: Violation[] = [];
  const aws = provider.aws;
  if (isObject(aws) && isObject(aws.auth) && aws.auth.secretRef !== undefined && aws.auth.secretRef !== null) {
    out.push({
      path: 'spec.provider.aws.auth.secretRef',
      message: `the store authenticates to AWS with an access key kept in ${secretNames(aws.auth.secretRef)}`,
      fix: 'Replace auth.secretRef with auth.jwt.serviceAccountRef naming a ServiceAccount annotated eks.amazonaws.com/role-arn (IRSA), ' +
        'or remove auth to use the operator\'s own EKS Pod Identity; then delete the key\'s Secret and deactivate the access key in IAM.',
    });
  }
  const gcp = provider.gcpsm;
  if (isObject(gcp) && isObject(gcp.auth) && gcp.auth.secretRef !== undefined && gcp.auth.secretRef !== null) {
    out.push({
      path: 'spec.provider.gcpsm.auth.secretRef',
      message: `the store authenticates to Google Secret Manager with a service-account key kept in ${secretNames(gcp.auth.secretRef)}`,
      fix: 'Replace auth.secretRef with auth.workloadIdentity (GKE Workload Identity), then delete the key\'s Secret and the key.',
    });
  }
  const azure = provider.azurekv;
  if (isObject(azure) && (azure.authType ?? 'ServicePrincipal') === 'ServicePrincipal' && azure.authSecretRef !== undefined && azure.authSecretRef !== null) {
    out.push({
      path: 'spec.provider.azurekv.authSecretRef',
      message: `the store authenticates to Azure Key Vault as a service principal whose credential is kept in ${secretNames(azure.authSecretRef)}`,
      fix: 'Set authType: WorkloadIdentity with serviceAccountRef (Azure Workload Identity), remove authSecretRef, then delete its Secret and the credential.',
    });
  }
  return out;
}

/** `Secret 'aws-keys'` / `Secrets 'a', 'b'` from a secretRef's `*SecretRef` entries. */
function secretNames(ref: unknown): string {
  const names = new Set<string>();
  if (isObject(ref)) {
    for (const v of Object.values(ref)) if (isObject(v) && typeof v.name === 'string') names.add(v.name);
  }
  if (names.size === 0) return 'a Secret';
  return `Secret${names.size > 1 ? 's' : ''} ${[...names].map((n) => `'${n}'`).join(', ')}`;
}
