import * as pulumi from '@pulumi/pulumi';
import {
  AUTO_SCALING_SERVICE_LINKED_ROLE, HipaaAuditStore, HipaaBackupVault, HipaaChart, HipaaEksCluster, HipaaKmsKey, HipaaSecrets, HipaaWormBucket,
} from '../../lib/pulumi';
import { ClinicChart, SECRETS_SERVICE_ACCOUNT } from '../cdk8s-app/clinic-chart';
import { PlatformChart } from '../cdk8s-platform/platform-chart';
// In your own project: import { ... } from 'hipaa-constructs/pulumi';

/** What the stack needs from the account it is deployed into (Pulumi config of the stack, see index.ts). */
export interface ClinicStackConfig {
  /** AWS account id (12 digits). */
  readonly account: string;
  /** AWS region, e.g. us-east-1. */
  readonly region: string;
  /** Two or more private subnets of the VPC, in different availability zones. */
  readonly privateSubnetIds: pulumi.Input<string>[];
  /** Role of the platform administrators: key administrators and cluster admins. */
  readonly adminRoleArn: string;
  /** Role of the compliance auditors: read-only cluster access (no Secrets). */
  readonly auditorRoleArn: string;
  /** Role the stack is deployed with (one of the admins); the kubeconfig assumes it. @default - the ambient credentials */
  readonly deployerRoleArn?: string;
}

/**
 * Roles the stack creates after the key, named in advance so the key's policy can admit them
 * (KMS refuses a policy naming a principal that does not exist yet).
 */
const ROLES = {
  secrets: 'clinic-records-secrets',
  velero: 'clinic-velero',
  backup: 'clinic-backup',
  firehose: 'clinic-audit-firehose',
};

/** The log group the node log forwarder (AuditSink's Fluent Bit) writes to. */
const FORWARDER_LOG_GROUP = '/clinic/eks/containers';

/**
 * The clinic's HIPAA stack: one customer-managed key, the EKS cluster, the WORM audit store
 * (CloudTrail, control-plane and node logs), Secrets Manager, AWS Backup and Velero's bucket, and
 * the example app's cdk8s charts (examples/cdk8s-app and examples/cdk8s-platform) deployed into
 * the cluster through HipaaChart, fed the ARNs these components created.
 */
export function clinicStack(config: ClinicStackConfig) {
  const { account, region } = config;
  const eksRoles = HipaaEksCluster.keyUsers('clinic');
  const trailName = 'clinic-audit-trail';

  // One key for the PHI data and the evidence. Administrators manage it but cannot use it; the
  // roles below use it but cannot manage it; CloudWatch Logs and CloudTrail use it as services.
  const key = new HipaaKmsKey('clinic', {
    administrators: [config.adminRoleArn],
    userRoleNames: [...eksRoles.userRoleNames, ROLES.secrets, ROLES.velero, ROLES.backup, ROLES.firehose],
    serviceLinkedRoleUsers: eksRoles.serviceLinkedRoleUsers ?? [AUTO_SCALING_SERVICE_LINKED_ROLE],
    servicePrincipals: {
      // The control-plane log group and the node log forwarder's, both under the key.
      cloudWatchLogGroupArns: [`arn:aws:logs:${region}:${account}:log-group:/aws/eks/clinic/cluster`, `arn:aws:logs:${region}:${account}:log-group:${FORWARDER_LOG_GROUP}`],
      cloudTrailArns: [`arn:aws:cloudtrail:${region}:${account}:trail/${trailName}`],
    },
    alias: 'clinic-phi',
  });

  const cluster = new HipaaEksCluster('clinic', {
    subnetIds: config.privateSubnetIds,
    key,
    adminRoleArns: [config.adminRoleArn],
    auditorRoleArns: [config.auditorRoleArn],
    deployerRoleArn: config.deployerRoleArn,
    nodeGroups: { general: { instanceTypes: ['m6i.large'], minSize: 2, maxSize: 6, desiredSize: 3 } },
  });

  // Evidence: CloudTrail, the control-plane logs and the nodes' logs in an Object Lock bucket for six years.
  const audit = new HipaaAuditStore('clinic-audit', {
    key,
    logGroups: [cluster.logGroupName],
    trail: { name: trailName },
    forwarder: { cluster, logGroupName: FORWARDER_LOG_GROUP },
    firehoseRoleName: ROLES.firehose,
  });

  const secrets = new HipaaSecrets('clinic-records', {
    key,
    cluster,
    namespace: 'patient-records',
    serviceAccount: SECRETS_SERVICE_ACCOUNT,
    roleName: ROLES.secrets,
    // Created empty: the database's owner puts the value (aws secretsmanager put-secret-value), never this program.
    secrets: [{
      name: 'patient-records/records-db',
      waivers: [{
        ruleId: 'aws-secret-rotation',
        reason: 'The database password is rotated by the DBA runbook each quarter until the rotation Lambda ships',
        expires: '2027-11-30',
      }],
    }],
  });

  // Backups: AWS Backup for the account's PHI-tagged resources, and Velero's bucket for the cluster.
  const veleroBucket = new HipaaWormBucket('clinic-velero', { key, dataClass: 'backup', retention: { days: 90 } });
  const backups = new HipaaBackupVault('clinic', {
    key,
    backupRoleName: ROLES.backup,
    selection: { tags: { 'hipaa-constructs.io/phi': 'true' } },
    rules: [{ name: 'daily', schedule: 'cron(0 5 ? * * *)', coldStorageAfterDays: 90 }],
    velero: { cluster, bucket: veleroBucket, roleName: ROLES.velero, volumeKeys: [key] },
  });

  // The example app's charts, checked by the full rule pack, then deployed with the cluster's provider.
  const platform = new HipaaChart('platform', {
    provider: cluster.provider,
    values: {
      forwarderRoleArn: audit.forwarderRole!.arn,
      logGroupArn: audit.forwarderLogGroup!.arn,
      bucketArn: audit.bucket.arn,
    },
    build: (app, v) => new PlatformChart(app, 'platform', { cloud: { region, ...v } }),
  });
  const clinic = new HipaaChart('clinic', {
    provider: cluster.provider,
    values: { dataKeyArn: key.arn, secretsRoleArn: secrets.roleArn, backupBucket: veleroBucket.bucketName },
    build: (app, v) => new ClinicChart(app, 'clinic', { cloud: { region, ...v } }),
  }, { dependsOn: [platform] });

  return { key, cluster, audit, secrets, veleroBucket, backups, platform, clinic };
}
