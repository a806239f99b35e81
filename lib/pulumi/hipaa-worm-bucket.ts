/**
 * HipaaWormBucket: an S3 bucket for evidence that nobody can alter or delete before its retention
 * ends: Object Lock in COMPLIANCE mode (6 years by default), versioning, SSE-KMS with a
 * customer-managed key and a bucket key, every public access blocked, ACLs disabled, a TLS-only
 * bucket policy, server access logging to a separate bucket and a lifecycle to archival storage
 * that never expires anything before the retention ends. The S3 rules of the AWS pack read what
 * it writes (the data-class tag says which of them apply).
 */
import { createHash } from 'crypto';
import { getCallerIdentityOutput } from '@pulumi/aws/getCallerIdentity';
import * as s3 from '@pulumi/aws/s3';
import * as pulumi from '@pulumi/pulumi';
import { componentProblems } from './component-problems';
import { waivedRuleIds, waiverTags } from './component-waivers';
import { DataProtectionArgs, dataResourceOptions } from './data-protection';
import { KeyInput, keyArnOf } from './key-input';
import type { InputProblems } from '../cdk8s/input-problems';
import { s3BucketNameProblem } from '../cdk8s/s3-bucket-name';
import type { Waiver } from '../check/waiver';
import { DATA_CLASS_TAG } from '../rules/aws/support/s3-bucket';
import { SIX_YEARS_IN_DAYS } from '../rules/aws/support/six-years';

const OBJECT_LOCK_RULE = 'aws-s3-object-lock';
const ENCRYPTION_RULE = 'aws-s3-encryption';

/** The Object Lock default retention of the objects written to the bucket. */
export interface WormRetention {
  /**
   * COMPLIANCE: nobody, not even the account root, can delete or shorten the retention of an
   * object version before it ends. GOVERNANCE (deletable with s3:BypassGovernanceRetention) is
   * refused unless `waivers` waive aws-s3-object-lock.
   * @default 'COMPLIANCE'
   */
  readonly mode?: 'COMPLIANCE' | 'GOVERNANCE';
  /**
   * Retention in years (give `years` or `days`, not both). Below 6 for an audit bucket is refused
   * unless `waivers` waive aws-s3-object-lock.
   * @default 6 (when `days` is not given)
   */
  readonly years?: number;
  /**
   * Retention in days, instead of `years`. Below 2192 (6 years) for an audit bucket is refused
   * unless `waivers` waive aws-s3-object-lock.
   * @default - `years` is used
   */
  readonly days?: number;
}

/** Where object versions move as they age. Nothing is ever expired by it before the retention ends. */
export interface WormArchive {
  /**
   * The archival storage class: GLACIER (Flexible Retrieval, minutes to hours to restore),
   * DEEP_ARCHIVE (cheapest, up to 12/48 hours to restore) or GLACIER_IR (Instant Retrieval).
   * @default 'GLACIER'
   */
  readonly storageClass?: 'GLACIER' | 'DEEP_ARCHIVE' | 'GLACIER_IR';
  /**
   * Days after creation at which current versions move to `storageClass`, and after which
   * noncurrent versions (replaced ones, still locked) do. 1 to 36500; GLACIER_IR needs at least 30.
   * @default 90
   */
  readonly afterDays?: number;
  /**
   * Days after creation at which current versions expire (a delete marker is written; the
   * locked version stays until its retention ends) and days after which noncurrent versions are
   * deleted. Must be at least the retention in days, so nothing goes before it.
   * @default - never expire
   */
  readonly expireAfterDays?: number;
}

/** What a bucket's policy is built from, for statements added to the TLS-only ones. */
export interface WormBucketRef {
  /** The bucket's ARN. */
  readonly arn: pulumi.Output<string>;
  /** The bucket's name. */
  readonly name: pulumi.Output<string>;
}

/** One statement of an IAM policy document (`{ Sid, Effect, Principal, Action, Resource, Condition }`). */
export type PolicyStatementInput = pulumi.Input<Record<string, any>>;

/** Arguments of {@link HipaaWormBucket}. */
export interface HipaaWormBucketArgs extends DataProtectionArgs {
  /** The customer-managed key the bucket encrypts with by default (SSE-KMS with a bucket key): a HipaaKmsKey or a key ARN. */
  readonly key: KeyInput;
  /**
   * The bucket's name, validated by the S3 naming rules.
   * @default - `<project>-<stack>-<name>` (shortened, lower case) and the account id
   */
  readonly bucketName?: string;
  /**
   * What the bucket holds, written as the tag `hipaa-constructs.io/data-class`: `audit` (audit trails,
   * 6-year retention required) or `backup` (immutable backups: COMPLIANCE mode, any retention).
   * @default 'audit'
   */
  readonly dataClass?: 'audit' | 'backup';
  /**
   * Object Lock default retention.
   * @default - COMPLIANCE, 6 years
   */
  readonly retention?: WormRetention;
  /**
   * Lifecycle to archival storage, or false for none.
   * @default - GLACIER after 90 days, never expire
   */
  readonly archive?: WormArchive | false;
  /**
   * Name of an existing bucket (same account and region, without an Object Lock default retention,
   * whose policy lets logging.s3.amazonaws.com write) that receives the server access logs.
   * @default - a bucket `<bucketName>-access-logs` is created: SSE-S3 (S3 server access logging does not
   * deliver to SSE-KMS buckets without key policy changes), versioned, public access blocked, TLS-only, protected
   */
  readonly accessLogBucket?: pulumi.Input<string>;
  /**
   * Key prefix of the access logs in the log bucket.
   * @default - `<bucketName>/`
   */
  readonly accessLogPrefix?: pulumi.Input<string>;
  /**
   * Also deny requests over TLS older than 1.2 (`s3:TlsVersion`).
   * @default true
   */
  readonly requireTls12?: boolean;
  /**
   * Statements added to the bucket policy after the TLS-only Deny statements (e.g. CloudTrail's
   * write access), built from the bucket's ARN and name.
   * @default - none
   */
  readonly policyStatements?: (bucket: WormBucketRef) => PolicyStatementInput[];
  /**
   * Waivers written as tags on the bucket; a waiver of aws-s3-object-lock admits GOVERNANCE mode or
   * a retention below 6 years. Each needs `expires` and a reason.
   * @default - none
   */
  readonly waivers?: readonly Waiver[];
  /**
   * Tags of the buckets (the data-class and waiver tags are added).
   * @default - none
   */
  readonly tags?: Record<string, pulumi.Input<string>>;
}

const DAYS_PER_YEAR_MAX = 366;
const ALL_PUBLIC_ACCESS_BLOCKED = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

/** A WORM S3 bucket for audit trails and backups; see the module comment. */
export class HipaaWormBucket extends pulumi.ComponentResource {
  /** The bucket. */
  public readonly bucket: s3.Bucket;
  /** The bucket's ARN. */
  public readonly arn: pulumi.Output<string>;
  /** The bucket's name. */
  public readonly bucketName: pulumi.Output<string>;
  /** The ARN of the key the bucket encrypts with. */
  public readonly keyArn: pulumi.Output<string>;
  /** The bucket that receives the access logs (created or given). */
  public readonly accessLogBucketName: pulumi.Output<string>;
  /** The created access-log bucket, unless `accessLogBucket` was given. */
  public readonly accessLogBucket?: s3.Bucket;
  /** The bucket policy (TLS-only plus `policyStatements`); resources that need it depend on it. */
  public readonly policy: s3.BucketPolicy;
  /** The Object Lock configuration. */
  public readonly objectLock: s3.BucketObjectLockConfiguration;

  constructor(name: string, args: HipaaWormBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hipaa-constructs:aws:WormBucket', name, {}, opts);
    const problems = componentProblems('HipaaWormBucket', name);
    if (args === null || typeof args !== 'object') {
      problems.add('args', 'expected an object with at least key (a HipaaKmsKey or key ARN).');
      problems.throwIfAny();
    }
    const keyArn = keyArnOf(args.key, 'key', problems, (v) => pulumi.output(v), ENCRYPTION_RULE);
    const waived = waivedRuleIds(args.waivers);
    const dataClass = args.dataClass ?? 'audit';
    if (dataClass !== 'audit' && dataClass !== 'backup') problems.add('dataClass', `'${String(dataClass)}' is not one of audit, backup.`);
    const retention = validateRetention(args.retention, dataClass, waived.has(OBJECT_LOCK_RULE), problems);
    const archive = validateArchive(args.archive, retention.maxDays, problems);
    if (args.bucketName !== undefined) {
      const problem = typeof args.bucketName === 'string' ? s3BucketNameProblem(args.bucketName) : `expected a string, got ${typeof args.bucketName}`;
      if (problem) problems.add('bucketName', `'${String(args.bucketName)}' ${problem}; see the S3 bucket naming rules.`);
    }
    problems.boolean(args.requireTls12, 'requireTls12');
    if (args.policyStatements !== undefined && typeof args.policyStatements !== 'function') {
      problems.add('policyStatements', 'expected a function (bucket) => statements.');
    }
    const tags = { ...(args.tags ?? {}), [DATA_CLASS_TAG]: dataClass, ...waiverTags(args.waivers, 'waivers', problems) };
    problems.throwIfAny();

    const child = { parent: this };
    const data = dataResourceOptions(args, child);
    const accountId = getCallerIdentityOutput({}, child).accountId;
    const bucketName = args.bucketName !== undefined ? pulumi.output(args.bucketName) : accountId.apply((account) => generatedName(name, account));

    this.bucket = new s3.Bucket(name, { bucket: bucketName, objectLockEnabled: true, forceDestroy: false, tags }, data);
    this.arn = this.bucket.arn;
    this.bucketName = this.bucket.bucket;
    this.keyArn = keyArn;
    const bucket = this.bucket.bucket;

    new s3.BucketOwnershipControls(name, { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } }, child);
    const publicAccess = new s3.BucketPublicAccessBlock(name, { bucket, ...ALL_PUBLIC_ACCESS_BLOCKED }, child);
    const versioning = new s3.BucketVersioning(name, { bucket, versioningConfiguration: { status: 'Enabled' } }, child);
    new s3.BucketServerSideEncryptionConfiguration(name, {
      bucket,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }],
    }, child);
    this.objectLock = new s3.BucketObjectLockConfiguration(name, {
      bucket,
      objectLockEnabled: 'Enabled',
      rule: {
        defaultRetention: { mode: retention.mode, ...(retention.years !== undefined ? { years: retention.years } : { days: retention.days }) },
      },
    }, { ...child, dependsOn: [versioning] });
    const requireTls12 = args.requireTls12 ?? true;
    const extra = args.policyStatements ? args.policyStatements({ arn: this.arn, name: bucket }) : [];
    this.policy = new s3.BucketPolicy(name, {
      bucket,
      policy: pulumi.all([this.arn, pulumi.output(extra)]).apply(([arn, statements]) => JSON.stringify({
        Version: '2012-10-17',
        Statement: [...tlsStatements(arn, requireTls12), ...statements],
      })),
    }, { ...child, dependsOn: [publicAccess] });
    if (archive) {
      new s3.BucketLifecycleConfiguration(name, {
        bucket,
        rules: [{
          id: 'archive',
          status: 'Enabled',
          filter: {},
          transitions: [{ days: archive.afterDays, storageClass: archive.storageClass }],
          noncurrentVersionTransitions: [{ noncurrentDays: archive.afterDays, storageClass: archive.storageClass }],
          ...(archive.expireAfterDays !== undefined ? {
            expiration: { days: archive.expireAfterDays },
            noncurrentVersionExpiration: { noncurrentDays: archive.expireAfterDays },
          } : {}),
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        }],
      }, { ...child, dependsOn: [versioning] });
    }

    const prefix = args.accessLogPrefix ?? pulumi.interpolate`${bucket}/`;
    if (args.accessLogBucket !== undefined) {
      this.accessLogBucketName = pulumi.output(args.accessLogBucket);
      new s3.BucketLogging(name, { bucket, targetBucket: this.accessLogBucketName, targetPrefix: prefix }, child);
    } else {
      const logBucket = new s3.Bucket(`${name}-access-logs`, {
        bucket: bucket.apply(accessLogBucketNameOf),
        forceDestroy: false,
        tags: { ...(args.tags ?? {}), [DATA_CLASS_TAG]: 'access-log' },
      }, data);
      const logName = logBucket.bucket;
      new s3.BucketOwnershipControls(`${name}-access-logs`, { bucket: logName, rule: { objectOwnership: 'BucketOwnerEnforced' } }, child);
      const logPublicAccess = new s3.BucketPublicAccessBlock(`${name}-access-logs`, { bucket: logName, ...ALL_PUBLIC_ACCESS_BLOCKED }, child);
      new s3.BucketVersioning(`${name}-access-logs`, { bucket: logName, versioningConfiguration: { status: 'Enabled' } }, child);
      new s3.BucketServerSideEncryptionConfiguration(`${name}-access-logs`, { bucket: logName, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] }, child);
      const logPolicy = new s3.BucketPolicy(`${name}-access-logs`, {
        bucket: logName,
        policy: pulumi.all([logBucket.arn, this.arn, accountId, pulumi.output(prefix)]).apply(([logArn, sourceArn, account, p]) => JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            ...tlsStatements(logArn, requireTls12),
            {
              Sid: 'S3ServerAccessLogsDelivery',
              Effect: 'Allow',
              Principal: { Service: 'logging.s3.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: `${logArn}/${p}*`,
              Condition: { ArnLike: { 'aws:SourceArn': sourceArn }, StringEquals: { 'aws:SourceAccount': account } },
            },
          ],
        })),
      }, { ...child, dependsOn: [logPublicAccess] });
      this.accessLogBucket = logBucket;
      this.accessLogBucketName = logName;
      new s3.BucketLogging(name, { bucket, targetBucket: logName, targetPrefix: prefix, targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } } }, { ...child, dependsOn: [logPolicy] });
    }
    this.registerOutputs({ arn: this.arn, bucketName: this.bucketName, keyArn, accessLogBucketName: this.accessLogBucketName });
  }
}

/** The Deny statements that refuse plain HTTP (and TLS below 1.2) on the bucket and its objects. */
function tlsStatements(arn: string, requireTls12: boolean): Array<Record<string, unknown>> {
  const resources = [arn, `${arn}/*`];
  return [
    { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: resources, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ...(requireTls12 ? [{ Sid: 'DenyTlsBelow12', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: resources, Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }] : []),
  ];
}

interface ResolvedRetention {
  readonly mode: 'COMPLIANCE' | 'GOVERNANCE';
  readonly years?: number;
  readonly days?: number;
  /** The longest the retention can be in days (years counted as leap years), for expiry checks. */
  readonly maxDays: number;
}

function validateRetention(value: WormRetention | undefined, dataClass: string, waived: boolean, problems: InputProblems): ResolvedRetention {
  const fallback: ResolvedRetention = { mode: 'COMPLIANCE', years: 6, maxDays: 6 * DAYS_PER_YEAR_MAX };
  if (value === undefined) return fallback;
  if (!problems.object(value, 'retention')) return fallback;
  const mode = value.mode ?? 'COMPLIANCE';
  if (mode !== 'COMPLIANCE' && mode !== 'GOVERNANCE') {
    problems.add('retention.mode', `'${String(mode)}' is not an Object Lock mode; use COMPLIANCE (${OBJECT_LOCK_RULE}).`);
  } else if (mode === 'GOVERNANCE' && !waived) {
    problems.add('retention.mode', `GOVERNANCE retention can be bypassed by anyone with s3:BypassGovernanceRetention; ${dataClass} buckets need COMPLIANCE. ` +
      `Remove mode (COMPLIANCE is the default), or waive ${OBJECT_LOCK_RULE} in waivers with a reason and expires (${OBJECT_LOCK_RULE}).`);
  }
  if (value.years !== undefined && value.days !== undefined) {
    problems.add('retention', `give years or days, not both (S3 takes one) (${OBJECT_LOCK_RULE}).`);
    return fallback;
  }
  const period = value.days !== undefined ? { field: 'days', n: value.days, max: 36500 } : { field: 'years', n: value.years ?? 6, max: 100 };
  if (typeof period.n !== 'number' || !Number.isInteger(period.n) || period.n < 1 || period.n > period.max) {
    problems.add(`retention.${period.field}`, `expected a whole number from 1 to ${period.max}, got ${JSON.stringify(period.n)} (${OBJECT_LOCK_RULE}).`);
    return fallback;
  }
  const short = dataClass === 'audit' && (period.field === 'years' ? period.n < 6 : period.n < SIX_YEARS_IN_DAYS);
  if (short && !waived) {
    problems.add(`retention.${period.field}`, `${period.n} ${period.field} is less than the 6 years (${SIX_YEARS_IN_DAYS} days) HIPAA documentation must be kept; ` +
      `give at least ${period.field === 'years' ? 6 : SIX_YEARS_IN_DAYS}, or waive ${OBJECT_LOCK_RULE} in waivers with a reason and expires (${OBJECT_LOCK_RULE}).`);
  }
  const maxDays = period.field === 'years' ? period.n * DAYS_PER_YEAR_MAX : period.n;
  return { mode: mode === 'GOVERNANCE' ? 'GOVERNANCE' : 'COMPLIANCE', ...(period.field === 'years' ? { years: period.n } : { days: period.n }), maxDays };
}

function validateArchive(value: WormArchive | false | undefined, retentionDays: number, problems: InputProblems): Required<Omit<WormArchive, 'expireAfterDays'>> & { expireAfterDays?: number } | undefined {
  if (value === false) return undefined;
  const fallback = { storageClass: 'GLACIER' as const, afterDays: 90 };
  if (value === undefined) return fallback;
  if (!problems.object(value, 'archive')) return fallback;
  const storageClass = value.storageClass ?? 'GLACIER';
  if (!['GLACIER', 'DEEP_ARCHIVE', 'GLACIER_IR'].includes(storageClass)) {
    problems.add('archive.storageClass', `'${String(storageClass)}' is not an archival storage class; use GLACIER, DEEP_ARCHIVE or GLACIER_IR.`);
  }
  const afterDays = value.afterDays ?? 90;
  const min = storageClass === 'GLACIER_IR' ? 30 : 1;
  if (typeof afterDays !== 'number' || !Number.isInteger(afterDays) || afterDays < min || afterDays > 36500) {
    problems.add('archive.afterDays', `expected a whole number from ${min} to 36500, got ${JSON.stringify(afterDays)}.`);
  }
  const expire = value.expireAfterDays;
  if (expire !== undefined) {
    if (typeof expire !== 'number' || !Number.isInteger(expire) || expire > 36500) {
      problems.add('archive.expireAfterDays', `expected a whole number of days up to 36500, got ${JSON.stringify(expire)}.`);
    } else if (expire < retentionDays) {
      problems.add('archive.expireAfterDays', `${expire} days is shorter than the Object Lock retention (up to ${retentionDays} days): nothing may expire before it ends; ` +
        `give at least ${retentionDays}, or leave it out to never expire (${OBJECT_LOCK_RULE}).`);
    } else if (typeof afterDays === 'number' && expire <= afterDays) {
      problems.add('archive.expireAfterDays', `${expire} days is not after archive.afterDays (${afterDays}).`);
    }
  }
  return { storageClass, afterDays, ...(expire !== undefined ? { expireAfterDays: expire } : {}) };
}

/** `<project>-<stack>-<name>` made a valid bucket name prefix, a short hash of it, and the account id. */
function generatedName(name: string, account: string): string {
  const full = `${pulumi.getProject()}-${pulumi.getStack()}-${name}`;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 6);
  const base = full.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63 - 1 - 6 - 1 - account.length - '-access-logs'.length).replace(/-+$/, '');
  return `${base || 'hipaa'}-${hash}-${account}`;
}

/** The name of the created access-log bucket: the bucket's name (shortened) and `-access-logs`. */
function accessLogBucketNameOf(bucketName: string): string {
  const suffix = '-access-logs';
  if (bucketName.length + suffix.length <= 63) return `${bucketName}${suffix}`;
  const hash = createHash('sha256').update(bucketName).digest('hex').slice(0, 6);
  return `${bucketName.slice(0, 63 - suffix.length - 7).replace(/[.-]+$/, '')}-${hash}${suffix}`;
}
