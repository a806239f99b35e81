import type { Rule } from '../../../check/rule';
import { EKS_CLUSTER } from '../support/eks';

/** Access is granted through access entries only, with no implicit admin for the creator. */
export const eksAccessEntries: Rule = {
  id: 'aws-eks-access-entries',
  title: 'An EKS cluster must grant access through access entries only, with no implicit admin for its creator',
  description:
    'With authenticationMode CONFIG_MAP or API_AND_CONFIG_MAP, anyone who can edit the aws-auth ConfigMap in kube-system ' +
    'grants cluster access, invisibly to IAM and CloudTrail. With bootstrapClusterCreatorAdminPermissions left at its ' +
    'default (true), the identity that ran the deployment (often a CI role) keeps cluster-admin that no access entry ' +
    'shows. Access entries (authenticationMode API) make every grant an AWS resource that is reviewed and audited.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.308(a)(4)'],
  kinds: [EKS_CLUSTER],
  fix: 'Set accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false } and grant admins through access entries (HipaaEksCluster\'s adminRoleArns).',
  check(resource, _ctx, report) {
    const access: any = resource.body.accessConfig ?? {};
    if (access.authenticationMode !== 'API') {
      report({
        path: 'accessConfig.authenticationMode',
        message: `EKS cluster '${resource.name}' has authenticationMode ${access.authenticationMode === undefined ? 'unset (CONFIG_MAP or API_AND_CONFIG_MAP)' : `'${access.authenticationMode}'`}: the aws-auth ConfigMap can grant access outside IAM`,
      });
    }
    if (access.bootstrapClusterCreatorAdminPermissions !== false) {
      report({
        path: 'accessConfig.bootstrapClusterCreatorAdminPermissions',
        message: `EKS cluster '${resource.name}' gives its creator cluster-admin implicitly (bootstrapClusterCreatorAdminPermissions is ${access.bootstrapClusterCreatorAdminPermissions === undefined ? 'unset, true by default' : JSON.stringify(access.bootstrapClusterCreatorAdminPermissions)})`,
      });
    }
  },
};
