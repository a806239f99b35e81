import { clusterSecretStore, secretStore } from './secret-store-fixtures';
import { secretStoreStaticCredentials } from '../../../../lib/rules/k8s/storage/secret-store-static-credentials';
import { runRule, violations } from '../../../helpers/rule-test';

const rule = secretStoreStaticCredentials;
const keys = { secretRef: { accessKeyIDSecretRef: { name: 'aws-keys', key: 'id' }, secretAccessKeySecretRef: { name: 'aws-keys', key: 'secret' } } };

describe('k8s-secret-store-static-credentials', () => {
  test('flags an AWS store with an access key in a Secret, SecretStore and ClusterSecretStore alike', () => {
    const cluster = clusterSecretStore();
    cluster.spec.provider.aws.auth = keys;
    const result = runRule(rule, [secretStore('aws', 'clinic', keys), cluster]);
    expect(result.unwaived.map((f) => `${f.resource.kind} ${f.path}: ${f.message}`).sort()).toEqual([
      "ClusterSecretStore spec.provider.aws.auth.secretRef: the store authenticates to AWS with an access key kept in Secret 'aws-keys'",
      "SecretStore spec.provider.aws.auth.secretRef: the store authenticates to AWS with an access key kept in Secret 'aws-keys'",
    ]);
    expect(result.unwaived[0].fix).toContain('auth.jwt.serviceAccountRef');
  });

  test('flags Google service-account keys and Azure service-principal credentials (authType unset means ServicePrincipal)', () => {
    const gcp = secretStore();
    gcp.spec.provider = { gcpsm: { projectID: 'p', auth: { secretRef: { secretAccessKeySecretRef: { name: 'gcp-key', key: 'k' } } } } };
    const azure = secretStore('az');
    azure.spec.provider = { azurekv: { vaultUrl: 'https://v.vault.azure.net', authSecretRef: { clientId: { name: 'sp', key: 'id' }, clientSecret: { name: 'sp-secret', key: 's' } } } };
    expect(violations(rule, [gcp, azure])).toEqual([
      "spec.provider.gcpsm.auth.secretRef: the store authenticates to Google Secret Manager with a service-account key kept in Secret 'gcp-key'",
      "spec.provider.azurekv.authSecretRef: the store authenticates to Azure Key Vault as a service principal whose credential is kept in Secrets 'sp', 'sp-secret'",
    ]);
  });

  test('passes IRSA (auth.jwt), no auth (the operator\'s own identity), workload identity, and other API groups', () => {
    const none = secretStore();
    delete none.spec.provider.aws.auth;
    const gcp = secretStore('gcp');
    gcp.spec.provider = { gcpsm: { projectID: 'p', auth: { workloadIdentity: { clusterLocation: 'x', clusterName: 'y', serviceAccountRef: { name: 'sa' } } } } };
    const azure = secretStore('az');
    azure.spec.provider = { azurekv: { vaultUrl: 'https://v.vault.azure.net', authType: 'WorkloadIdentity', serviceAccountRef: { name: 'sa' } } };
    const foreign = { ...secretStore('other', 'clinic', keys), apiVersion: 'example.com/v1' };
    expect(violations(rule, [secretStore(), none, gcp, azure, foreign, clusterSecretStore()])).toEqual([]);
  });
});
