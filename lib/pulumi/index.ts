// hipaa-constructs/pulumi: Pulumi components for the AWS side (KMS, EKS, audit store, secrets,
// backups, Docker hosts), the chart bridge and the CrossGuard policies. Loads only the AWS submodules it uses.
// First: a clear error naming any missing peer dependency (@pulumi/pulumi, @pulumi/aws, @pulumi/kubernetes).
import './peers';
export * from './key-input';
export * from './data-protection';
export * from './irsa-role';
export * from './hipaa-chart';
export * from './hipaa-kms-key';
export * from './hipaa-eks-cluster';
export type { EksNodeGroupOptions } from './eks-node-group';
export * from './policy-pack';
export * from './policy-settings';
export type { PolicyStackResource } from './policy-resources';
export * from './hipaa-worm-bucket';
export * from './hipaa-audit-store';
export * from './hipaa-secrets';
export * from './hipaa-backup-vault';
export * from './hipaa-docker-host';
export { dockerHostUserData, DOCKER_AUTHZ_POLICY } from './docker-host-user-data';
export type { DockerHostUserDataOptions, DockerAuthorizationPluginSetup } from './docker-host-user-data';
