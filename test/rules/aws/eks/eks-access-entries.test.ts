import { cluster, findings } from './fixtures';
import { eksAccessEntries } from '../../../../lib/rules/aws/eks/eks-access-entries';

describe('aws-eks-access-entries', () => {
  test('flags the defaults (aws-auth ConfigMap, implicit creator admin)', () => {
    expect(findings(eksAccessEntries, [cluster({ accessConfig: undefined })])).toEqual([
      "prod accessConfig.authenticationMode: EKS cluster 'prod' has authenticationMode unset (CONFIG_MAP or API_AND_CONFIG_MAP): the aws-auth ConfigMap can grant access outside IAM",
      "prod accessConfig.bootstrapClusterCreatorAdminPermissions: EKS cluster 'prod' gives its creator cluster-admin implicitly (bootstrapClusterCreatorAdminPermissions is unset, true by default)",
    ]);
    expect(findings(eksAccessEntries, [cluster({ accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP', bootstrapClusterCreatorAdminPermissions: false } })])).toEqual([
      "prod accessConfig.authenticationMode: EKS cluster 'prod' has authenticationMode 'API_AND_CONFIG_MAP': the aws-auth ConfigMap can grant access outside IAM",
    ]);
  });

  test('passes access entries only, with no creator admin', () => {
    expect(findings(eksAccessEntries, [cluster()])).toEqual([]);
  });
});
