import { externalSecretsV1 } from '../../../../lib/rules/k8s/storage/external-secrets-v1';
import { runRule, violations } from '../../../helpers/rule-test';

function eso(kind: string, apiVersion: string): any {
  return { apiVersion, kind, metadata: { name: 'db', namespace: 'clinic' }, spec: {} };
}

describe('k8s-external-secrets-v1', () => {
  test.each(['SecretStore', 'ClusterSecretStore', 'ExternalSecret', 'ClusterExternalSecret'])('flags %s on v1beta1 and v1alpha1, naming the served version', (kind) => {
    const result = runRule(externalSecretsV1, [eso(kind, 'external-secrets.io/v1beta1'), eso(kind, 'external-secrets.io/v1alpha1')]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`).sort()).toEqual([
      `apiVersion: ${kind} 'db' uses external-secrets.io/v1alpha1, which External Secrets Operator 0.17 and later do not serve (it serves external-secrets.io/v1)`,
      `apiVersion: ${kind} 'db' uses external-secrets.io/v1beta1, which External Secrets Operator 0.17 and later do not serve (it serves external-secrets.io/v1)`,
    ]);
    expect(result.unwaived[0].fix).toBe("Set apiVersion: external-secrets.io/v1 and check the spec against that version's schema.");
  });

  test.each(['SecretStore', 'ClusterSecretStore', 'ExternalSecret', 'ClusterExternalSecret'])('passes %s on external-secrets.io/v1', (kind) => {
    expect(violations(externalSecretsV1, [eso(kind, 'external-secrets.io/v1')])).toEqual([]);
  });

  test('PushSecret and ClusterPushSecret are served as v1alpha1 only: v1alpha1 passes, v1beta1 and v1 are flagged', () => {
    expect(violations(externalSecretsV1, [eso('PushSecret', 'external-secrets.io/v1alpha1'), eso('ClusterPushSecret', 'external-secrets.io/v1alpha1')])).toEqual([]);
    expect(violations(externalSecretsV1, [eso('PushSecret', 'external-secrets.io/v1beta1'), eso('PushSecret', 'external-secrets.io/v1')]).sort()).toEqual([
      "apiVersion: PushSecret 'db' uses external-secrets.io/v1, which External Secrets Operator 0.17 and later do not serve (it serves external-secrets.io/v1alpha1)",
      "apiVersion: PushSecret 'db' uses external-secrets.io/v1beta1, which External Secrets Operator 0.17 and later do not serve (it serves external-secrets.io/v1alpha1)",
    ]);
  });

  test('ignores kinds of the same name in other API groups', () => {
    expect(violations(externalSecretsV1, [eso('SecretStore', 'example.com/v1beta1'), eso('ExternalSecret', 'kubernetes-client.io/v1')])).toEqual([]);
  });
});
