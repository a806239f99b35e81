/** Type tokens and constants of the EKS resources the eks rules and HipaaEksCluster share (@pulumi/aws 7). Not a rule. */
export const EKS_CLUSTER = 'aws:eks/cluster:Cluster';
export const EKS_NODE_GROUP = 'aws:eks/nodeGroup:NodeGroup';
export const EKS_ACCESS_POLICY_ASSOCIATION = 'aws:eks/accessPolicyAssociation:AccessPolicyAssociation';
export const CLOUDWATCH_LOG_GROUP = 'aws:cloudwatch/logGroup:LogGroup';

/** The five control-plane log types, in the order EKS lists them. */
export const CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

/** Six years in days, as CloudWatch Logs counts them (one of its accepted retention values). */
export const SIX_YEARS_IN_DAYS = 2192;

/** Retention values CloudWatch Logs accepts (0: never expire). */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Name of the log group EKS writes a cluster's control-plane logs to. */
export function controlPlaneLogGroupName(clusterName: string): string {
  return `/aws/eks/${clusterName}/cluster`;
}
