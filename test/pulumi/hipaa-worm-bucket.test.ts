import { HipaaWormBucket, HipaaWormBucketArgs } from '../../lib/pulumi/hipaa-worm-bucket';
import { SOON } from '../helpers/dates';
import { ACCOUNT, awsFindings, checkRegistered, one, ofType, runProgram, snapshotOf } from '../helpers/pulumi';
import { KEY_ARN as KEY } from '../helpers/pulumi-fixtures';

const NAME = 'acme-audit-trail-prod';

function program(args: Partial<HipaaWormBucketArgs> = {}) {
  return runProgram(() => {
    new HipaaWormBucket('audit', { key: KEY, bucketName: NAME, ...args });
  });
}

const byName = (resources: Awaited<ReturnType<typeof program>>, type: string, name: string) => ofType(resources, type).find((r) => r.name === name)!;

describe('HipaaWormBucket', () => {
  test('an Object Lock COMPLIANCE bucket, 6 years, SSE-KMS with a bucket key, private, TLS-only, logged, archived', async () => {
    const resources = await program();
    expect(snapshotOf(resources)).toMatchSnapshot();
    expect(resources[0].type).toBe('hipaa-constructs:aws:WormBucket');

    const bucket = byName(resources, 'aws:s3/bucket:Bucket', 'audit');
    expect(bucket.inputs).toEqual({ bucket: NAME, objectLockEnabled: true, forceDestroy: false, tags: { 'hipaa-constructs.io/data-class': 'audit' } });
    expect([bucket.protect, bucket.retainOnDelete]).toEqual([true, true]);
    expect(byName(resources, 'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration', 'audit').inputs).toEqual({
      bucket: NAME, objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'COMPLIANCE', years: 6 } },
    });
    expect(byName(resources, 'aws:s3/bucketVersioning:BucketVersioning', 'audit').inputs.versioningConfiguration).toEqual({ status: 'Enabled' });
    expect(byName(resources, 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration', 'audit').inputs.rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: KEY }, bucketKeyEnabled: true },
    ]);
    expect(byName(resources, 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', 'audit').inputs).toEqual({
      bucket: NAME, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    expect(byName(resources, 'aws:s3/bucketOwnershipControls:BucketOwnershipControls', 'audit').inputs.rule).toEqual({ objectOwnership: 'BucketOwnerEnforced' });
    const arn = `arn:aws:s3:::${NAME}`;
    expect(JSON.parse(byName(resources, 'aws:s3/bucketPolicy:BucketPolicy', 'audit').inputs.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        { Sid: 'DenyTlsBelow12', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } },
      ],
    });
    const lifecycle = one(resources, 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration').inputs.rules;
    expect(lifecycle).toEqual([{
      id: 'archive',
      status: 'Enabled',
      filter: {},
      transitions: [{ days: 90, storageClass: 'GLACIER' }],
      noncurrentVersionTransitions: [{ noncurrentDays: 90, storageClass: 'GLACIER' }],
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    }]);
    expect(JSON.stringify(lifecycle)).not.toMatch(/xpiration/);

    // Access logs go to a separate bucket S3 can deliver to: no Object Lock, SSE-S3, written only by logging.s3 for this bucket.
    const logName = `${NAME}-access-logs`;
    const logBucket = byName(resources, 'aws:s3/bucket:Bucket', 'audit-access-logs');
    expect(logBucket.inputs).toEqual({ bucket: logName, forceDestroy: false, tags: { 'hipaa-constructs.io/data-class': 'access-log' } });
    expect([logBucket.protect, logBucket.retainOnDelete]).toEqual([true, true]);
    expect(byName(resources, 'aws:s3/bucketLogging:BucketLogging', 'audit').inputs).toEqual({
      bucket: NAME, targetBucket: logName, targetPrefix: `${NAME}/`, targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
    });
    expect(byName(resources, 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration', 'audit-access-logs').inputs.rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
    ]);
    expect(JSON.parse(byName(resources, 'aws:s3/bucketPolicy:BucketPolicy', 'audit-access-logs').inputs.policy).Statement[2]).toEqual({
      Sid: 'S3ServerAccessLogsDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${logName}/${NAME}/*`,
      Condition: { ArnLike: { 'aws:SourceArn': arn }, StringEquals: { 'aws:SourceAccount': ACCOUNT } },
    });
    expect(resources.filter((r) => r.inputs.forceDestroy === true)).toEqual([]);
    expect(awsFindings(resources)).toEqual([]);
  });

  test('generates a valid, account-unique name; takes an existing log bucket; extra policy statements follow the TLS ones', async () => {
    const resources = await runProgram(() => {
      new HipaaWormBucket('velero', {
        key: { arn: KEY } as any,
        dataClass: 'backup',
        retention: { days: 35 },
        archive: { storageClass: 'DEEP_ARCHIVE', afterDays: 7, expireAfterDays: 400 },
        accessLogBucket: 'acme-access-logs',
        requireTls12: false,
        policyStatements: ({ arn }) => [{ Sid: 'Extra', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: arn }],
        protect: false,
        retainOnDelete: false,
      });
    });
    const bucket = one(resources, 'aws:s3/bucket:Bucket');
    expect(bucket.inputs.bucket).toMatch(new RegExp(`^hipaa-test-velero-[0-9a-f]{6}-${ACCOUNT}$`));
    expect([bucket.protect, bucket.retainOnDelete]).toEqual([false, false]);
    expect(bucket.inputs.tags).toEqual({ 'hipaa-constructs.io/data-class': 'backup' });
    expect(one(resources, 'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration').inputs.rule).toEqual({ defaultRetention: { mode: 'COMPLIANCE', days: 35 } });
    expect(one(resources, 'aws:s3/bucketLogging:BucketLogging').inputs).toEqual({ bucket: bucket.inputs.bucket, targetBucket: 'acme-access-logs', targetPrefix: `${bucket.inputs.bucket}/` });
    expect(JSON.parse(one(resources, 'aws:s3/bucketPolicy:BucketPolicy').inputs.policy).Statement.map((s: any) => s.Sid)).toEqual(['DenyInsecureTransport', 'Extra']);
    expect(one(resources, 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration').inputs.rules[0]).toMatchObject({
      transitions: [{ days: 7, storageClass: 'DEEP_ARCHIVE' }], expiration: { days: 400 }, noncurrentVersionExpiration: { noncurrentDays: 400 },
    });
    expect(awsFindings(resources)).toEqual([]);
  });

  test('a waiver of aws-s3-object-lock admits GOVERNANCE and a shorter retention, lands on the bucket, and the pack reports it waived', async () => {
    const waiver = { ruleId: 'aws-s3-object-lock', reason: 'Pilot stack holds synthetic data only until go-live review', expires: SOON };
    const resources = await program({ retention: { mode: 'GOVERNANCE', years: 1 }, waivers: [waiver] });
    const bucket = byName(resources, 'aws:s3/bucket:Bucket', 'audit');
    expect(bucket.inputs.tags['hipaa-constructs.io/waiver/aws-s3-object-lock']).toBe(`expires=${SOON} reason=${waiver.reason}`);
    expect(byName(resources, 'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration', 'audit').inputs.rule).toEqual({ defaultRetention: { mode: 'GOVERNANCE', years: 1 } });
    expect(awsFindings(resources)).toEqual([]);
    expect(checkRegistered(resources).waived.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual(['aws-s3-object-lock audit', 'aws-s3-object-lock audit']);
  });

  describe('refuses', () => {
    const make = (args: Partial<HipaaWormBucketArgs>) => () => new HipaaWormBucket('audit', { key: KEY, bucketName: NAME, ...args });
    test('GOVERNANCE without a waiver', () => {
      expect(make({ retention: { mode: 'GOVERNANCE' } })).toThrow(
        "[HipaaWormBucket 'audit'] retention.mode: GOVERNANCE retention can be bypassed by anyone with s3:BypassGovernanceRetention; audit buckets need COMPLIANCE. " +
        'Remove mode (COMPLIANCE is the default), or waive aws-s3-object-lock in waivers with a reason and expires (aws-s3-object-lock).',
      );
    });
    test('a retention below 6 years without a waiver', () => {
      expect(make({ retention: { years: 5 } })).toThrow(
        "[HipaaWormBucket 'audit'] retention.years: 5 years is less than the 6 years (2192 days) HIPAA documentation must be kept; give at least 6, or waive aws-s3-object-lock in waivers with a reason and expires (aws-s3-object-lock).",
      );
      expect(make({ retention: { days: 2191 } })).toThrow(
        "[HipaaWormBucket 'audit'] retention.days: 2191 days is less than the 6 years (2192 days) HIPAA documentation must be kept; give at least 2192, or waive aws-s3-object-lock in waivers with a reason and expires (aws-s3-object-lock).",
      );
    });
    test('a key that is not a key ARN', () => {
      expect(make({ key: 'alias/audit' })).toThrow(
        "[HipaaWormBucket 'audit'] key: 'alias/audit' is an alias name; give the key ARN (e.g. arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab): " +
        'EKS, S3 bucket keys, CloudWatch Logs and Backup need the ARN of a customer-managed key (aws-s3-encryption).',
      );
    });
    test('a bad bucket name', () => {
      expect(make({ bucketName: 'Audit_Trail' })).toThrow(
        "[HipaaWormBucket 'audit'] bucketName: 'Audit_Trail' may hold only lower-case letters, digits, dots and hyphens; see the S3 bucket naming rules.",
      );
    });
    test('expiry before the retention ends, and several problems together', () => {
      expect(make({ archive: { expireAfterDays: 365 } })).toThrow(
        "[HipaaWormBucket 'audit'] archive.expireAfterDays: 365 days is shorter than the Object Lock retention (up to 2196 days): nothing may expire before it ends; give at least 2196, or leave it out to never expire (aws-s3-object-lock).",
      );
      expect(make({ bucketName: 'x', retention: { years: 6, days: 3000 }, archive: { storageClass: 'STANDARD_IA' as any, afterDays: 0 } })).toThrow(
        "[HipaaWormBucket 'audit'] 4 problems in the props (all are listed; fix each):\n" +
        '- retention: give years or days, not both (S3 takes one) (aws-s3-object-lock).\n' +
        "- archive.storageClass: 'STANDARD_IA' is not an archival storage class; use GLACIER, DEEP_ARCHIVE or GLACIER_IR.\n" +
        '- archive.afterDays: expected a whole number from 1 to 36500, got 0.\n' +
        "- bucketName: 'x' is 1 characters long; S3 bucket names have 3 to 63; see the S3 bucket naming rules.",
      );
    });
  });
});
