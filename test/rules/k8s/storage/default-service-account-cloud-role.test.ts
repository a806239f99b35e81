import { defaultServiceAccountCloudRole } from '../../../../lib/rules/k8s/storage/default-service-account-cloud-role';
import { NS, serviceAccount } from '../../../helpers/fixtures';
import { violations } from '../../../helpers/rule-test';

const ROLE = 'arn:aws:iam::123456789012:role/clinic-secrets-reader';
function sa(name: string, annotations?: Record<string, string>): any {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: NS, ...(annotations ? { annotations } : {}) }, automountServiceAccountToken: false };
}

describe('k8s-default-service-account-cloud-role', () => {
  test('flags the default ServiceAccount bound to an IAM role, a Google service account or an Azure identity', () => {
    expect(violations(defaultServiceAccountCloudRole, [sa('default', { 'eks.amazonaws.com/role-arn': ROLE })])).toEqual([
      `metadata.annotations["eks.amazonaws.com/role-arn"]: the default ServiceAccount is bound to AWS IAM role (IRSA) "${ROLE}": every pod in the namespace that names no ServiceAccount gets it`,
    ]);
    expect(violations(defaultServiceAccountCloudRole, [sa('default', { 'iam.gke.io/gcp-service-account': 'reader@clinic.iam.gserviceaccount.com', 'azure.workload.identity/client-id': 'x' })])).toHaveLength(2);
  });

  test('passes a dedicated ServiceAccount with a role, and a default one without', () => {
    expect(violations(defaultServiceAccountCloudRole, [serviceAccount, sa('clinic-secrets', { 'eks.amazonaws.com/role-arn': ROLE }), sa('default'), sa('default', { other: 'x' })])).toEqual([]);
  });
});
