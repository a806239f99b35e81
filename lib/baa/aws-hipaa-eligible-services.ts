/**
 * A dated snapshot of AWS's "HIPAA Eligible Services Reference": the AWS services a customer who
 * accepted the AWS BAA (in AWS Artifact) may use to create, receive, maintain or transmit PHI.
 * A register vendor with `provider: aws` is checked against it: a service outside it does not
 * count as covered by the BAA (rule baa-service-not-eligible).
 *
 * How it was made: AWS publishes the list only as an HTML page that changes often
 * (https://aws.amazon.com/compliance/hipaa-eligible-services-reference/). The page itself could not
 * be fetched from the machine this was written on. The list below was compiled on the snapshot date
 * from stored public copies of AWS-published material found with a reference search: copies of the
 * page's list (2017-2019) and the per-service sections of AWS's whitepaper "Architecting for HIPAA
 * Security and Compliance on Amazon Web Services" (2018-2021 editions). Every service here appears
 * in at least one of them; services AWS added later may be missing. Each is named by its AWS service
 * namespace (the prefix of its ARNs and IAM actions: `s3`, `kms`, `logs`; `ebs` for EBS), which is
 * how the register's `services` and the data-flow graph's destinations name them. Missing is the safe
 * direction: a service AWS lists that is missing here gives a finding a team can waive citing the
 * page, not a silent gap. Check the page before relying on a missing service, and refresh the
 * snapshot (date included) from it.
 */

/** Where the list comes from. */
export const AWS_HIPAA_ELIGIBLE_SERVICES_SOURCE = 'https://aws.amazon.com/compliance/hipaa-eligible-services-reference/';

/** When the snapshot was compiled (YYYY-MM-DD). */
export const AWS_HIPAA_ELIGIBLE_SERVICES_DATE = '2026-12-02';

/** HIPAA-eligible AWS services: service namespace -> the name AWS's list gives it. Sorted by namespace. */
export const AWS_HIPAA_ELIGIBLE_SERVICES: Readonly<Record<string, string>> = Object.freeze({
  'acm': 'AWS Certificate Manager',
  'apigateway': 'Amazon API Gateway',
  'athena': 'Amazon Athena',
  'backup': 'AWS Backup',
  'batch': 'AWS Batch',
  'cloudfront': 'Amazon CloudFront',
  'cloudhsm': 'AWS CloudHSM',
  'cloudtrail': 'AWS CloudTrail',
  'cloudwatch': 'Amazon CloudWatch',
  'codebuild': 'AWS CodeBuild',
  'codecommit': 'AWS CodeCommit',
  'codedeploy': 'AWS CodeDeploy',
  'codepipeline': 'AWS CodePipeline',
  'cognito-idp': 'Amazon Cognito',
  'comprehend': 'Amazon Comprehend',
  'config': 'AWS Config',
  'datasync': 'AWS DataSync',
  'directconnect': 'AWS Direct Connect',
  'dms': 'AWS Database Migration Service',
  'docdb': 'Amazon DocumentDB (with MongoDB compatibility)',
  'ds': 'AWS Directory Service',
  'dynamodb': 'Amazon DynamoDB',
  'ebs': 'Amazon Elastic Block Store (EBS)',
  'ec2': 'Amazon Elastic Compute Cloud (EC2)',
  'ecr': 'Amazon Elastic Container Registry (ECR)',
  'ecs': 'Amazon Elastic Container Service (ECS)',
  'efs': 'Amazon Elastic File System (EFS)',
  'eks': 'Amazon Elastic Kubernetes Service (EKS)',
  'elasticache': 'Amazon ElastiCache',
  'elasticloadbalancing': 'Elastic Load Balancing',
  'elasticmapreduce': 'Amazon EMR',
  'es': 'Amazon OpenSearch Service',
  'events': 'Amazon EventBridge (CloudWatch Events)',
  'firehose': 'Amazon Data Firehose (Kinesis Data Firehose)',
  'fsx': 'Amazon FSx',
  'glacier': 'Amazon S3 Glacier',
  'glue': 'AWS Glue',
  'guardduty': 'Amazon GuardDuty',
  'healthlake': 'AWS HealthLake',
  'inspector': 'Amazon Inspector',
  'kinesis': 'Amazon Kinesis Data Streams',
  'kms': 'AWS Key Management Service (KMS)',
  'lambda': 'AWS Lambda',
  'logs': 'Amazon CloudWatch Logs',
  'rds': 'Amazon Relational Database Service (RDS) and Amazon Aurora',
  'redshift': 'Amazon Redshift',
  's3': 'Amazon Simple Storage Service (S3)',
  'secretsmanager': 'AWS Secrets Manager',
  'securityhub': 'AWS Security Hub',
  'shield': 'AWS Shield',
  'sns': 'Amazon Simple Notification Service (SNS)',
  'sqs': 'Amazon Simple Queue Service (SQS)',
  'ssm': 'AWS Systems Manager',
  'states': 'AWS Step Functions',
  'storagegateway': 'AWS Storage Gateway',
  'transfer': 'AWS Transfer Family',
  'waf': 'AWS WAF',
  'xray': 'AWS X-Ray',
});

/** A cloud provider's HIPAA-eligible services list, as shipped. */
export interface EligibleServicesList {
  /** The provider's name for reports (`AWS`). */
  readonly provider: string;
  /** Where the list comes from. */
  readonly source: string;
  /** When the snapshot was compiled (YYYY-MM-DD). */
  readonly date: string;
  /** The eligible services, by id. */
  readonly services: ReadonlySet<string>;
}

const LISTS: Readonly<Record<string, EligibleServicesList>> = {
  aws: {
    provider: 'AWS',
    source: AWS_HIPAA_ELIGIBLE_SERVICES_SOURCE,
    date: AWS_HIPAA_ELIGIBLE_SERVICES_DATE,
    services: new Set(Object.keys(AWS_HIPAA_ELIGIBLE_SERVICES)),
  },
};

/** Providers with a shipped eligible-services list (a register vendor's `provider` must be one), sorted. */
export const KNOWN_PROVIDERS: readonly string[] = Object.keys(LISTS).sort();

/** The shipped HIPAA-eligible services list of a provider (`aws`); undefined for a provider without one. */
export function eligibleServices(provider: string): EligibleServicesList | undefined {
  return Object.prototype.hasOwnProperty.call(LISTS, provider) ? LISTS[provider] : undefined;
}
