import { eksAccessEntries } from './eks-access-entries';
import { eksClusterAdminPrincipal } from './eks-cluster-admin-principal';
import { eksControlPlaneLogRetention } from './eks-control-plane-log-retention';
import { eksControlPlaneLogs } from './eks-control-plane-logs';
import { eksEndpointPrivate } from './eks-endpoint-private';
import { eksNodeGroupLaunchTemplate } from './eks-node-group-launch-template';
import { eksNodeGroupRemoteAccess } from './eks-node-group-remote-access';
import { eksSecretsEncryption } from './eks-secrets-encryption';
import type { RulePack } from '../../../check/rule';

/** EKS clusters: secrets envelope encryption, private endpoint, control-plane logs, node groups, access entries. */
export const eksPack: RulePack = {
  name: 'aws-eks',
  description: 'EKS clusters: secrets envelope encryption, private endpoint, control-plane logs, node groups, access entries.',
  rules: [
    eksSecretsEncryption,
    eksEndpointPrivate,
    eksControlPlaneLogs,
    eksControlPlaneLogRetention,
    eksAccessEntries,
    eksClusterAdminPrincipal,
    eksNodeGroupRemoteAccess,
    eksNodeGroupLaunchTemplate,
  ],
};
