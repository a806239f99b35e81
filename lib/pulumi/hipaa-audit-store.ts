/**
 * HipaaAuditStore: where a HIPAA stack's audit trails end up, write-once for six years. A
 * HipaaWormBucket; CloudWatch log groups (e.g. the EKS control-plane log group) delivered into it
 * through a Firehose delivery stream encrypted with the key; a multi-region CloudTrail trail with
 * log file validation and KMS into it; and for the cluster's log forwarder (the AuditSink's Fluent
 * Bit) a log group under the key and the IRSA role that may write exactly there, with the AuditSink
 * chart deployed through HipaaChart when `chart` is given.
 */
import * as cloudtrail from '@pulumi/aws/cloudtrail';
import * as cloudwatch from '@pulumi/aws/cloudwatch';
import { getCallerIdentityOutput } from '@pulumi/aws/getCallerIdentity';
import { getPartitionOutput } from '@pulumi/aws/getPartition';
import { getRegionOutput } from '@pulumi/aws/getRegion';
import * as iam from '@pulumi/aws/iam';
import * as kinesis from '@pulumi/aws/kinesis';
import type { Provider } from '@pulumi/kubernetes/provider';
import * as pulumi from '@pulumi/pulumi';
import { componentProblems } from './component-problems';
import { waiverTags } from './component-waivers';
import { DataProtectionArgs, dataResourceOptions } from './data-protection';
import { HipaaChart } from './hipaa-chart';
import { HipaaWormBucket, HipaaWormBucketArgs } from './hipaa-worm-bucket';
import { createIrsaRole, IClusterOidc } from './irsa-role';
import { KeyInput, keyArnOf } from './key-input';
import type { AuditSinkForwarderProps, AuditSinkProps } from '../cdk8s/audit-sink';
import type { InputProblems } from '../cdk8s/input-problems';
import type { HipaaValidationProps } from '../cdk8s/validation';
import type { Waiver } from '../check/waiver';
import { LOG_RETENTION_DAYS } from '../rules/aws/logs/log-group-retention';
import { SIX_YEARS_IN_DAYS } from '../rules/aws/support/s3-bucket';
import { isDns1123Label } from '../rules/k8s/workload/valid-name';

/** Namespace of the AuditSink's forwarder unless `forwarder.namespace` says otherwise (AuditSink's default). */
export const AUDIT_FORWARDER_NAMESPACE = 'audit-logging';
/** The ServiceAccount AuditSink gives its Fluent Bit forwarder. */
export const AUDIT_FORWARDER_SERVICE_ACCOUNT = 'fluent-bit';
/** Log stream prefix of AuditSink's cloudwatch_logs output (log_stream_prefix). */
const FORWARDER_STREAM_PREFIX = 'node-';
/** Key prefixes in the bucket. */
const LOGS_PREFIX = 'cloudwatch-logs/';
const ERRORS_PREFIX = 'firehose-errors/';
const LOG_GROUP_NAME = /^[\w\-./#]{1,512}$/;
const TRAIL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/;
const LOG_GROUP_RETENTION_RULE = 'aws-log-group-retention';
const LOG_GROUP_KEY_RULE = 'aws-log-group-kms-key';

/** The cluster's log forwarder (AuditSink's Fluent Bit): its log group and IRSA role. */
export interface HipaaAuditStoreForwarderArgs {
  /** The cluster whose forwarder's ServiceAccount assumes the role (a HipaaEksCluster). */
  readonly cluster: IClusterOidc;
  /** Namespace of the forwarder (AuditSink's `namespace`). @default 'audit-logging' */
  readonly namespace?: string;
  /** Name of the log group the forwarder writes to (created here, under the key, delivered into the bucket). @default '/hipaa-constructs/<name>/kubernetes' */
  readonly logGroupName?: string;
  /**
   * Days the log group keeps the logs (they are also delivered into the bucket). One of the values
   * CloudWatch Logs accepts; below 2192 (6 years) needs a waiver of aws-log-group-retention in `waivers`.
   * @default 2192
   */
  readonly retentionInDays?: number;
  /**
   * Waivers written as tags on the forwarder's log group (e.g. of aws-log-group-retention). Each needs `expires` and a reason.
   * @default - none
   */
  readonly waivers?: Waiver[];
  /**
   * Also let the forwarder write straight into the bucket, under this key prefix (path segments
   * ending with `/`, e.g. `'k8s-logs/'`): s3:PutObject there and the key through S3 only. The chart's
   * S3 output sends Content-MD5, which S3 requires for uploads into an Object Lock bucket.
   * @default - CloudWatch Logs only (the log group is delivered into the bucket anyway)
   */
  readonly s3Prefix?: string;
}

/** The AuditSink chart deployed into the cluster with the role, log group and region filled in. */
export interface HipaaAuditStoreChartArgs {
  /** The Kubernetes provider of the cluster. @default - the stack's default Kubernetes provider */
  readonly provider?: Provider;
  /**
   * The forwarder's settings besides where it writes (roleArn, region and logGroupArn come from the
   * store): image (pinned by digest), waiversExpire, redactions, egress, resources...
   */
  readonly forwarder: Omit<AuditSinkForwarderProps, 'roleArn' | 'region' | 'logGroupArn' | 'bucketArn' | 's3Prefix'>;
  /** AuditSink's other props (owner, policy, policyConfigMap); its namespace is `forwarder.namespace` of the store. @default - AuditSink's defaults */
  readonly sink?: Omit<AuditSinkProps, 'forwarder' | 'namespace'>;
  /** Settings of the check run on the chart (see HipaaChart). @default - the full Kubernetes pack */
  readonly validation?: HipaaValidationProps;
}

/** The CloudTrail trail. */
export interface HipaaAuditStoreTrailArgs {
  /** Name of the trail: 3 to 128 letters, digits, `.`, `_`, `-`, starting with a letter or digit. @default '<name>-trail' */
  readonly name?: string;
  /** Key prefix of the trail's log files in the bucket (no leading or trailing `/`). @default 'cloudtrail' */
  readonly s3KeyPrefix?: string;
}

/** Arguments of {@link HipaaAuditStore}. */
export interface HipaaAuditStoreArgs extends DataProtectionArgs {
  /** The customer-managed key of the bucket, the delivery stream, the trail and the log group: a HipaaKmsKey or a key ARN. Its key policy must let CloudTrail and CloudWatch Logs of the region use it. */
  readonly key: KeyInput;
  /**
   * The bucket's settings (name, retention, lifecycle, access-log bucket, waivers, tags).
   * @default - a HipaaWormBucket with its defaults (COMPLIANCE, 6 years)
   */
  readonly bucket?: Omit<HipaaWormBucketArgs, 'key' | 'dataClass' | 'policyStatements' | 'protect' | 'retainOnDelete'>;
  /**
   * CloudWatch log groups, by name (`/aws/eks/prod/cluster`) or ARN, whose events are delivered into
   * the bucket (under `cloudwatch-logs/`) through the delivery stream, e.g. the EKS control-plane log group.
   * Names given as Outputs are taken as they are.
   * @default - none (only the forwarder's log group, when `forwarder` is given)
   */
  readonly logGroups?: Array<pulumi.Input<string>>;
  /**
   * The CloudTrail trail (multi-region, global service events, log file validation, KMS), or false
   * when the account already has an organization trail.
   * @default - a trail '<name>-trail' under the prefix 'cloudtrail'
   */
  readonly trail?: HipaaAuditStoreTrailArgs | false;
  /**
   * The cluster's log forwarder: a log group for it (delivered into the bucket) and its IRSA role.
   * @default - none
   */
  readonly forwarder?: HipaaAuditStoreForwarderArgs;
  /**
   * Deploy the AuditSink chart (audit Policy and Fluent Bit forwarder) with the forwarder's role,
   * log group and region. Needs `forwarder`.
   * @default - not deployed
   */
  readonly chart?: HipaaAuditStoreChartArgs;
  /**
   * Tags of the resources the store creates.
   * @default - none
   */
  readonly tags?: Record<string, pulumi.Input<string>>;
}

/** The audit store; see the module comment. */
export class HipaaAuditStore extends pulumi.ComponentResource {
  /** The WORM bucket. */
  public readonly bucket: HipaaWormBucket;
  /** The delivery stream of the log groups into the bucket, when there are log groups. */
  public readonly deliveryStream?: kinesis.FirehoseDeliveryStream;
  /** The trail, unless `trail` is false. */
  public readonly trail?: cloudtrail.Trail;
  /** The trail's ARN, known before the trail exists (for HipaaKmsKey's `cloudTrailArns`), unless `trail` is false. */
  public readonly trailArn?: pulumi.Output<string>;
  /** The role Firehose delivers with (a user of the key through S3), when there are log groups. */
  public readonly firehoseRole?: iam.Role;
  /** The forwarder's log group, when `forwarder` is given. */
  public readonly forwarderLogGroup?: cloudwatch.LogGroup;
  /** The forwarder's IRSA role, when `forwarder` is given. */
  public readonly forwarderRole?: iam.Role;
  /** The AuditSink chart, when `chart` is given. */
  public readonly chart?: HipaaChart<{ roleArn: string; region: string; logGroupArn: string; bucketArn: string }>;

  constructor(name: string, args: HipaaAuditStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hipaa-constructs:aws:AuditStore', name, {}, opts);
    const problems = componentProblems('HipaaAuditStore', name);
    if (args === null || typeof args !== 'object') {
      problems.add('args', 'expected an object with at least key (a HipaaKmsKey or key ARN).');
      problems.throwIfAny();
    }
    if (name.length > 40) problems.add('name', `'${name}' is ${name.length} characters; at most 40, so that the IAM role names made from it stay within 64.`);
    const keyArn = keyArnOf(args.key, 'key', problems, (v) => pulumi.output(v), LOG_GROUP_KEY_RULE);
    const logGroups = validateLogGroups(args.logGroups, problems);
    const trail = validateTrail(args.trail, name, problems);
    const forwarder = validateForwarder(args.forwarder, name, problems);
    const reserved = [LOGS_PREFIX, ERRORS_PREFIX, ...(trail ? [`${trail.prefix}/`] : [])];
    const s3Prefix = forwarder?.s3Prefix;
    const clash = s3Prefix !== undefined ? reserved.find((p) => s3Prefix.startsWith(p) || p.startsWith(s3Prefix)) : undefined;
    if (clash !== undefined) {
      problems.add('forwarder.s3Prefix', `'${s3Prefix}' overlaps '${clash}', where the store's delivery stream or trail writes; give a prefix of its own, e.g. 'k8s-logs/'.`);
    }
    const forwarderTags = forwarder ? waiverTags(forwarder.waivers, 'forwarder.waivers', problems) : {};
    const shortRetention = forwarder !== undefined && LOG_RETENTION_DAYS.includes(forwarder.retentionInDays) &&
      forwarder.retentionInDays < SIX_YEARS_IN_DAYS;
    if (forwarder && shortRetention && !forwarder.waivedRetention) {
      problems.add('forwarder.retentionInDays', `${forwarder.retentionInDays} days is less than the 6 years (${SIX_YEARS_IN_DAYS} days) audit records must be kept; ` +
        `give ${SIX_YEARS_IN_DAYS} or more, or waive ${LOG_GROUP_RETENTION_RULE} in forwarder.waivers with a reason and expires (${LOG_GROUP_RETENTION_RULE}).`);
    }
    if (args.chart !== undefined) {
      if (!problems.object(args.chart, 'chart')) {/* recorded */} else {
        if (args.forwarder === undefined) problems.add('chart', 'needs forwarder (the cluster and its log group): the chart\'s Fluent Bit writes with the role and into the log group the store creates for it.');
        problems.object(args.chart.forwarder, 'chart.forwarder', false);
      }
    }
    problems.throwIfAny();

    const child = { parent: this };
    const tags = { ...(args.tags ?? {}) };
    const accountId = getCallerIdentityOutput({}, child).accountId;
    const region = getRegionOutput({}, child).region;
    const partition = getPartitionOutput({}, child).partition;
    const trailArn = trail ? pulumi.interpolate`arn:${partition}:cloudtrail:${region}:${accountId}:trail/${trail.name}` : undefined;
    this.trailArn = trailArn;

    this.bucket = new HipaaWormBucket(name, {
      ...(args.bucket ?? {}),
      key: args.key,
      dataClass: 'audit',
      protect: args.protect,
      retainOnDelete: args.retainOnDelete,
      tags: { ...tags, ...(args.bucket?.tags ?? {}) },
      policyStatements: trail && trailArn ? ({ arn }) => [
        {
          Sid: 'AWSCloudTrailAclCheck',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:GetBucketAcl',
          Resource: arn,
          Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
        },
        {
          Sid: 'AWSCloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: pulumi.interpolate`${arn}/${trail.prefix}/AWSLogs/${accountId}/*`,
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
        },
      ] : undefined,
    }, child);
    const bucketArn = this.bucket.arn;

    if (trail) {
      this.trail = new cloudtrail.Trail(name, {
        name: trail.name,
        s3BucketName: this.bucket.bucketName,
        s3KeyPrefix: trail.prefix,
        kmsKeyId: keyArn,
        enableLogFileValidation: true,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogging: true,
        tags,
      }, { ...child, dependsOn: [this.bucket.policy] });
    }

    let forwarderLogGroupArn: pulumi.Output<string> | undefined;
    const groupNames: Array<pulumi.Input<string>> = [...logGroups];
    if (forwarder) {
      this.forwarderLogGroup = new cloudwatch.LogGroup(`${name}-forwarder`, {
        name: forwarder.logGroupName,
        kmsKeyId: keyArn,
        retentionInDays: forwarder.retentionInDays,
        tags: { ...tags, ...forwarderTags },
      }, dataResourceOptions(args, child));
      forwarderLogGroupArn = this.forwarderLogGroup.arn;
      groupNames.push(this.forwarderLogGroup.name);
      const { role } = createIrsaRole(`${name}-forwarder`, {
        cluster: forwarder.cluster,
        namespace: forwarder.namespace,
        serviceAccount: AUDIT_FORWARDER_SERVICE_ACCOUNT,
        statements: [
          { actions: ['logs:CreateLogStream', 'logs:DescribeLogStreams'], resources: [forwarderLogGroupArn] },
          { actions: ['logs:PutLogEvents'], resources: [pulumi.interpolate`${forwarderLogGroupArn}:log-stream:${FORWARDER_STREAM_PREFIX}*`] },
          ...(forwarder.s3Prefix !== undefined ? [
            { actions: ['s3:PutObject'], resources: [pulumi.interpolate`${bucketArn}/${forwarder.s3Prefix}*`] },
            {
              actions: ['kms:GenerateDataKey'],
              resources: [keyArn],
              conditions: { StringEquals: { 'kms:ViaService': pulumi.interpolate`s3.${region}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': bucketArn } },
            },
          ] : []),
        ],
        tags,
      }, this);
      this.forwarderRole = role;
    }

    if (groupNames.length > 0) {
      const firehoseRole = new iam.Role(`${name}-firehose`, {
        description: `Lets Firehose deliver the audit logs of ${name} into its bucket`,
        assumeRolePolicy: accountId.apply((account) => JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': account } } }],
        })),
        tags,
      }, child);
      this.firehoseRole = firehoseRole;
      const firehosePolicy = new iam.RolePolicy(`${name}-firehose`, {
        role: firehoseRole.name,
        policy: pulumi.all([bucketArn, keyArn, region]).apply(([bucket, key, r]) => JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Sid: 'Bucket', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: [bucket] },
            { Sid: 'Objects', Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], Resource: [`${bucket}/${LOGS_PREFIX}*`, `${bucket}/${ERRORS_PREFIX}*`] },
            {
              Sid: 'BucketKey',
              Effect: 'Allow',
              Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
              Resource: [key],
              Condition: {
                StringEquals: { 'kms:ViaService': `s3.${r}.amazonaws.com` },
                StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucket, `${bucket}/${LOGS_PREFIX}*`, `${bucket}/${ERRORS_PREFIX}*`] },
              },
            },
          ],
        })),
      }, child);
      this.deliveryStream = new kinesis.FirehoseDeliveryStream(`${name}-logs`, {
        destination: 'extended_s3',
        serverSideEncryption: { enabled: true, keyType: 'CUSTOMER_MANAGED_CMK', keyArn },
        extendedS3Configuration: {
          roleArn: firehoseRole.arn,
          bucketArn,
          kmsKeyArn: keyArn,
          prefix: `${LOGS_PREFIX}!{timestamp:yyyy/MM/dd}/`,
          errorOutputPrefix: `${ERRORS_PREFIX}!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/`,
          // CloudWatch Logs sends its events gzip-compressed already.
          compressionFormat: 'UNCOMPRESSED',
          bufferingInterval: 300,
          bufferingSize: 5,
        },
        tags,
      }, { ...child, dependsOn: [firehosePolicy] });

      const sourceArns = pulumi.all([partition, region, accountId, pulumi.all(groupNames)]).apply(([p, r, a, names]) =>
        names.flatMap((n) => [`arn:${p}:logs:${r}:${a}:log-group:${n}`, `arn:${p}:logs:${r}:${a}:log-group:${n}:*`]));
      const logsRole = new iam.Role(`${name}-logs`, {
        description: `Lets CloudWatch Logs send the subscribed log groups of ${name} to its delivery stream`,
        assumeRolePolicy: sourceArns.apply((arns) => JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:SourceArn': arns } } }],
        })),
        tags,
      }, child);
      const logsPolicy = new iam.RolePolicy(`${name}-logs`, {
        role: logsRole.name,
        policy: this.deliveryStream.arn.apply((stream) => JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'], Resource: [stream] }],
        })),
      }, child);
      groupNames.forEach((group, i) => {
        new cloudwatch.LogSubscriptionFilter(`${name}-logs-${i}`, {
          name: `${name}-to-audit-store`,
          logGroup: group,
          filterPattern: '',
          destinationArn: this.deliveryStream!.arn,
          roleArn: logsRole.arn,
        }, { ...child, dependsOn: [logsPolicy] });
      });
    }

    if (args.chart !== undefined && forwarder && this.forwarderRole && forwarderLogGroupArn) {
      const chartArgs = args.chart;
      this.chart = new HipaaChart(`${name}-audit-sink`, {
        values: { roleArn: this.forwarderRole.arn, region, logGroupArn: forwarderLogGroupArn, bucketArn },
        provider: chartArgs.provider,
        validation: chartArgs.validation,
        build: (app, v) => {
          // cdk8s is loaded only when the chart is built (DESIGN principle 6).
          /* eslint-disable @typescript-eslint/no-require-imports */
          const { Chart } = require('cdk8s') as typeof import('cdk8s');
          const { AuditSink } = require('../cdk8s/audit-sink') as typeof import('../cdk8s/audit-sink');
          /* eslint-enable @typescript-eslint/no-require-imports */
          new AuditSink(new Chart(app, 'audit-sink'), 'audit', {
            ...(chartArgs.sink ?? {}),
            namespace: forwarder.namespace,
            forwarder: {
              ...chartArgs.forwarder,
              roleArn: v.roleArn,
              region: v.region,
              logGroupArn: v.logGroupArn,
              ...(forwarder.s3Prefix !== undefined ? { bucketArn: v.bucketArn, s3Prefix: forwarder.s3Prefix } : {}),
            },
          });
        },
      }, child);
    }

    this.registerOutputs({
      bucketArn,
      bucketName: this.bucket.bucketName,
      deliveryStreamArn: this.deliveryStream?.arn,
      trailArn: this.trail?.arn,
      forwarderRoleArn: this.forwarderRole?.arn,
      forwarderLogGroupArn,
    });
  }
}

/** The log group names of `logGroups` (ARNs reduced to names); plain strings are checked. */
function validateLogGroups(value: unknown, problems: InputProblems): Array<pulumi.Input<string>> {
  if (value === undefined || !problems.list(value, 'logGroups')) return [];
  return value.map((g, i) => {
    if (typeof g !== 'string') {
      if (g !== null && typeof g === 'object') return pulumi.output(g as pulumi.Input<string>).apply((s) => logGroupNameOf(s) ?? s);
      problems.add(`logGroups[${i}]`, `expected a log group name or ARN, got ${typeof g}.`);
      return '';
    }
    const groupName = logGroupNameOf(g);
    if (groupName === undefined) {
      problems.add(`logGroups[${i}]`, `'${g}' is neither a log group name (1 to 512 letters, digits or _ - . / #) nor a log group ARN (arn:aws:logs:<region>:<account>:log-group:<name>).`);
      return g;
    }
    return groupName;
  });
}

/** The name in a log group name or ARN (`…:log-group:<name>` with or without `:*`), or undefined when it is neither. */
function logGroupNameOf(value: string): string | undefined {
  const arn = /^arn:[^:]+:logs:[^:]+:\d{12}:log-group:(.+?)(:\*)?$/.exec(value);
  const candidate = arn ? arn[1] : value.startsWith('arn:') ? undefined : value;
  return candidate !== undefined && LOG_GROUP_NAME.test(candidate) ? candidate : undefined;
}

interface ResolvedTrail {
  readonly name: string;
  readonly prefix: string;
}

function validateTrail(value: HipaaAuditStoreTrailArgs | false | undefined, name: string, problems: InputProblems): ResolvedTrail | undefined {
  if (value === false) return undefined;
  const trail: { name: string; prefix: string } = { name: `${name}-trail`, prefix: 'cloudtrail' };
  if (value === undefined || !problems.object(value, 'trail')) return trail;
  if (value.name !== undefined) {
    if (typeof value.name !== 'string' || !TRAIL_NAME.test(value.name)) {
      problems.add('trail.name', `'${String(value.name)}' is not a CloudTrail trail name: 3 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit.`);
    } else {
      trail.name = value.name;
    }
  }
  if (value.s3KeyPrefix !== undefined) {
    if (typeof value.s3KeyPrefix !== 'string' || !/^[\w!\-.*'()]+(\/[\w!\-.*'()]+)*$/.test(value.s3KeyPrefix) || value.s3KeyPrefix.length > 200) {
      problems.add('trail.s3KeyPrefix', `'${String(value.s3KeyPrefix)}' must be path segments of letters, digits and ! - _ . * ' ( ) separated by '/', without a leading or trailing '/' (at most 200 characters).`);
    } else {
      trail.prefix = value.s3KeyPrefix;
    }
  }
  if (!TRAIL_NAME.test(trail.name)) problems.add('trail.name', `'${trail.name}' (from the store's name) is not a CloudTrail trail name; give trail.name.`);
  return trail;
}

interface ResolvedForwarder {
  readonly cluster: IClusterOidc;
  readonly namespace: string;
  readonly logGroupName: string;
  readonly retentionInDays: number;
  readonly waivers?: Waiver[];
  readonly waivedRetention: boolean;
  readonly s3Prefix?: string;
}

function validateForwarder(value: HipaaAuditStoreForwarderArgs | undefined, name: string, problems: InputProblems): ResolvedForwarder | undefined {
  if (value === undefined || !problems.object(value, 'forwarder')) return undefined;
  if (value.cluster === null || typeof value.cluster !== 'object' || !value.cluster.oidcProviderArn || !value.cluster.oidcIssuer) {
    problems.add('forwarder.cluster', 'expected the cluster\'s OIDC provider ({ oidcProviderArn, oidcIssuer }, e.g. a HipaaEksCluster).');
  }
  const namespace = value.namespace ?? AUDIT_FORWARDER_NAMESPACE;
  if (typeof namespace !== 'string' || !isDns1123Label(namespace)) {
    problems.add('forwarder.namespace', `'${String(namespace)}' is not a valid Kubernetes namespace name (a DNS-1123 label).`);
  }
  const logGroupName = value.logGroupName ?? `/hipaa-constructs/${name}/kubernetes`;
  if (typeof logGroupName !== 'string' || !LOG_GROUP_NAME.test(logGroupName) || logGroupName.startsWith('aws/')) {
    problems.add('forwarder.logGroupName', `'${String(logGroupName)}' is not a log group name: 1 to 512 letters, digits or _ - . / #, not starting with aws/.`);
  }
  const retentionInDays = value.retentionInDays ?? SIX_YEARS_IN_DAYS;
  if (typeof retentionInDays !== 'number' || !LOG_RETENTION_DAYS.includes(retentionInDays)) {
    problems.add('forwarder.retentionInDays', `${JSON.stringify(retentionInDays)} is not a retention CloudWatch Logs accepts; use one of ${LOG_RETENTION_DAYS.join(', ')} (${LOG_GROUP_RETENTION_RULE}).`);
  }
  const waivedRetention = Array.isArray(value.waivers) && value.waivers.some((w) => w?.ruleId === LOG_GROUP_RETENTION_RULE);
  if (value.s3Prefix !== undefined && (typeof value.s3Prefix !== 'string' || !/^([\w!\-.*'()]+\/)+$/.test(value.s3Prefix))) {
    problems.add('forwarder.s3Prefix', `'${String(value.s3Prefix)}' must be path segments of letters, digits and ! - _ . * ' ( ), each ending with '/' (e.g. 'k8s-logs/').`);
  }
  return { cluster: value.cluster, namespace, logGroupName, retentionInDays, waivers: value.waivers, waivedRetention, s3Prefix: value.s3Prefix };
}
