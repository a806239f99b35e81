/**
 * The constructs, components and generators the package exports, for the OSCAL component definition.
 * A static list, so making the component definition loads neither cdk8s nor Pulumi (Principle 6);
 * test/report/oscal/constructs.test.ts checks it against the classes the three entry points export.
 * `kinds` are the objects each one writes: its output is held to the rules of those kinds (a construct
 * test synthesizes it and asserts the rule pack finds nothing), which is how it implements their controls.
 */
export interface OscalConstruct {
  /** The exported class. */
  readonly name: string;
  /** The entry point it is imported from. */
  readonly entryPoint: 'hipaa-constructs/cdk8s' | 'hipaa-constructs/pulumi' | 'hipaa-constructs/docker';
  /** What it is, in a sentence. */
  readonly description: string;
  /** Kinds (Kubernetes kinds, Pulumi type tokens, Docker file kinds) of the objects it writes. */
  readonly kinds: readonly string[];
}

const cdk8s = 'hipaa-constructs/cdk8s' as const;
const pulumi = 'hipaa-constructs/pulumi' as const;
const docker = 'hipaa-constructs/docker' as const;
const WORKLOAD_EXTRAS = ['ServiceAccount', 'NetworkPolicy', 'PodDisruptionBudget'];

/** Every construct class of the cdk8s, Pulumi and Docker entry points. */
export const OSCAL_CONSTRUCTS: readonly OscalConstruct[] = [
  { name: 'SecureDeployment', entryPoint: cdk8s, description: 'A Deployment hardened to the Pod Security Standards restricted profile, with its own ServiceAccount and deny-by-default network policies.', kinds: ['Deployment', ...WORKLOAD_EXTRAS] },
  { name: 'SecureStatefulSet', entryPoint: cdk8s, description: 'A hardened StatefulSet with its headless Service, own ServiceAccount and network policies.', kinds: ['StatefulSet', 'Service', ...WORKLOAD_EXTRAS] },
  { name: 'SecureJob', entryPoint: cdk8s, description: 'A hardened Job with its own ServiceAccount and network policies.', kinds: ['Job', 'ServiceAccount', 'NetworkPolicy'] },
  { name: 'SecureCronJob', entryPoint: cdk8s, description: 'A hardened CronJob with its own ServiceAccount and network policies.', kinds: ['CronJob', 'ServiceAccount', 'NetworkPolicy'] },
  { name: 'SecureIngress', entryPoint: cdk8s, description: 'An Ingress that terminates TLS, with the network policy admitting the ingress controller.', kinds: ['Ingress', 'NetworkPolicy', 'Certificate'] },
  { name: 'HipaaNamespace', entryPoint: cdk8s, description: 'A namespace classified for PHI with Pod Security Admission, default-deny network policies, quotas, limit ranges and least-privilege roles.', kinds: ['Namespace', 'NetworkPolicy', 'LimitRange', 'ResourceQuota', 'Role', 'RoleBinding', 'ServiceAccount'] },
  { name: 'EncryptedVolume', entryPoint: cdk8s, description: 'Persistent volumes encrypted at rest with a customer-managed key: the StorageClass, claims and snapshot class.', kinds: ['StorageClass', 'PersistentVolumeClaim', 'VolumeSnapshotClass'] },
  { name: 'KmsSecretStore', entryPoint: cdk8s, description: 'An External Secrets store backed by a cloud secret manager, with its own ServiceAccount.', kinds: ['SecretStore', 'ServiceAccount'] },
  { name: 'BackupSchedule', entryPoint: cdk8s, description: 'Velero backup schedules of PHI namespaces, with retention and an encrypted storage location.', kinds: ['Schedule', 'BackupStorageLocation'] },
  { name: 'BackupRestoreTest', entryPoint: cdk8s, description: 'A scheduled job that restores the latest backup into a scratch namespace and verifies it.', kinds: ['Namespace', 'CronJob', 'ConfigMap', 'Role', 'RoleBinding', 'ServiceAccount', 'NetworkPolicy'] },
  { name: 'AuditSink', entryPoint: cdk8s, description: 'The Kubernetes audit policy and a log forwarder that ships audit and application logs to a retained store.', kinds: ['Policy', 'Namespace', 'DaemonSet', 'ConfigMap', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'NetworkPolicy'] },
  { name: 'ImagePolicy', entryPoint: cdk8s, description: 'An admission policy that admits only images pinned by digest from allowed registries.', kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ImageValidatingPolicy'] },
  { name: 'NetworkPolicyProbe', entryPoint: cdk8s, description: 'A job that probes the declared network flows and proves that undeclared ones are denied.', kinds: ['Job', 'CronJob', 'ConfigMap', 'ServiceAccount', 'NetworkPolicy'] },
  { name: 'HipaaKmsKey', entryPoint: pulumi, description: 'A customer-managed KMS key with rotation, a least-privilege key policy and deletion protection.', kinds: ['aws:kms/key:Key', 'aws:kms/keyPolicy:KeyPolicy'] },
  { name: 'HipaaEksCluster', entryPoint: pulumi, description: 'An EKS cluster with encrypted secrets, a private endpoint, control-plane logs retained and access entries instead of aws-auth.', kinds: ['aws:eks/cluster:Cluster', 'aws:eks/accessPolicyAssociation:AccessPolicyAssociation', 'aws:eks/nodeGroup:NodeGroup', 'aws:cloudwatch/logGroup:LogGroup', 'aws:iam/role:Role', 'aws:iam/rolePolicy:RolePolicy', 'aws:iam/rolePolicyAttachment:RolePolicyAttachment'] },
  { name: 'HipaaWormBucket', entryPoint: pulumi, description: 'An S3 bucket with object lock (write once, read many), KMS encryption, versioning, access logging and no public access.', kinds: ['aws:s3/bucket:Bucket', 'aws:s3/bucketV2:BucketV2'] },
  { name: 'HipaaAuditStore', entryPoint: pulumi, description: 'CloudTrail and log delivery into a WORM bucket and encrypted log groups with six-year retention.', kinds: ['aws:cloudtrail/trail:Trail', 'aws:cloudwatch/logGroup:LogGroup', 'aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream', 'aws:iam/role:Role', 'aws:iam/rolePolicy:RolePolicy'] },
  { name: 'HipaaSecrets', entryPoint: pulumi, description: 'Secrets Manager secrets encrypted with a customer-managed key, with rotation.', kinds: ['aws:secretsmanager/secret:Secret'] },
  { name: 'HipaaBackupVault', entryPoint: pulumi, description: 'An AWS Backup vault with a vault lock, an encrypted plan and retention.', kinds: ['aws:backup/vault:Vault', 'aws:backup/plan:Plan', 'aws:iam/role:Role', 'aws:iam/rolePolicyAttachment:RolePolicyAttachment'] },
  { name: 'HipaaDockerHost', entryPoint: pulumi, description: 'An EC2 Docker host with an encrypted root volume, IMDSv2, a hardened daemon and logs shipped to CloudWatch.', kinds: ['aws:ec2/instance:Instance', 'aws:ec2/launchTemplate:LaunchTemplate', 'aws:ec2/securityGroup:SecurityGroup', 'aws:cloudwatch/logGroup:LogGroup', 'aws:iam/role:Role', 'aws:iam/rolePolicy:RolePolicy'] },
  { name: 'HipaaChart', entryPoint: pulumi, description: 'Deploys a cdk8s chart of the hardened constructs to a cluster through Pulumi, checked before deployment.', kinds: [] },
  { name: 'HipaaDockerApp', entryPoint: docker, description: 'The root of a Docker app: writes the hardened Dockerfiles, Compose project and daemon configuration and checks them at synth.', kinds: ['docker:Dockerfile', 'docker:ComposeProject', 'docker:ComposeService', 'docker:ComposeNetwork', 'docker:DaemonConfig'] },
  { name: 'HipaaComposeProject', entryPoint: docker, description: 'A Compose project with tiered internal networks, no host ports for PHI services, secrets as files and logging configured.', kinds: ['docker:ComposeProject', 'docker:ComposeNetwork'] },
  { name: 'SecureComposeService', entryPoint: docker, description: 'A hardened Compose service: non-root, read-only root filesystem, no new privileges, capabilities dropped, image pinned by digest.', kinds: ['docker:ComposeService'] },
  { name: 'HardenedDockerDaemon', entryPoint: docker, description: 'A daemon.json with user namespaces, no inter-container communication by default, live restore and log shipping.', kinds: ['docker:DaemonConfig'] },
];
