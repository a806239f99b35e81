/** Type tokens and constants of the EKS resources the eks rules and HipaaEksCluster share (@pulumi/aws 7). Not a rule. */
export const EKS_CLUSTER = 'aws:eks/cluster:Cluster';
export const EKS_NODE_GROUP = 'aws:eks/nodeGroup:NodeGroup';
export const EKS_ACCESS_POLICY_ASSOCIATION = 'aws:eks/accessPolicyAssociation:AccessPolicyAssociation';
export const CLOUDWATCH_LOG_GROUP = 'aws:cloudwatch/logGroup:LogGroup';

/** The five control-plane log types, in the order EKS lists them. */
export const CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

/** Name of the log group EKS writes a cluster's control-plane logs to. */
export function controlPlaneLogGroupName(clusterName: string): string {
  return `/aws/eks/${clusterName}/cluster`;
}
