import { HipaaAuditStore, HipaaAuditStoreArgs } from '../../lib/pulumi/hipaa-audit-store';
import { parsePolicyDocument } from '../../lib/rules/aws/support/policy-document';
import { FLUENT_BIT_IMAGE } from '../helpers/audit';
import { SOON } from '../helpers/dates';
import { ACCOUNT, awsFindings, checkRegistered, one, ofType, REGION, Registered, runProgram, snapshotOf, valueOf } from '../helpers/pulumi';
import { KEY_ARN as KEY, OIDC_ISSUER as ISSUER, TEST_CLUSTER as cluster } from '../helpers/pulumi-fixtures';

const BUCKET = 'acme-audit-prod';
const EKS_LOG_GROUP = '/aws/eks/prod/cluster';

function store(args: Partial<HipaaAuditStoreArgs> = {}, out?: { store?: HipaaAuditStore }) {
  return runProgram(() => {
    out && (out.store = undefined);
    const s = new HipaaAuditStore('audit', {
      key: KEY,
      bucket: { bucketName: BUCKET },
      logGroups: [EKS_LOG_GROUP],
      forwarder: { cluster },
      ...args,
    });
    if (out) out.store = s;
  });
}

const named = (resources: Registered[], type: string, name: string) => {
  const found = ofType(resources, type).find((r) => r.name === name);
  if (!found) throw new Error(`no ${type} ${name}`);
  return found;
};
const policyOf = (r: Registered, field = 'policy') => JSON.parse(r.inputs[field]);
const make = (args: Partial<HipaaAuditStoreArgs>) => () => new HipaaAuditStore('audit', { key: KEY, bucket: { bucketName: BUCKET }, ...args });

describe('HipaaAuditStore', () => {
  test('WORM bucket, trail, encrypted delivery of the log groups, the forwarder\'s log group and least-privilege roles', async () => {
    const resources = await store();
    expect(snapshotOf(resources)).toMatchSnapshot();
    expect(resources[0].type).toBe('hipaa-constructs:aws:AuditStore');
    expect(awsFindings(resources)).toEqual([]);

    // The bucket: a HipaaWormBucket with its defaults, and CloudTrail's statements after the TLS ones, bound to this trail.
    const bucket = named(resources, 'aws:s3/bucket:Bucket', 'audit');
    expect(bucket.inputs).toMatchObject({ bucket: BUCKET, objectLockEnabled: true, forceDestroy: false, tags: { 'hipaa-constructs.io/data-class': 'audit' } });
    expect([bucket.protect, bucket.retainOnDelete]).toEqual([true, true]);
    expect(named(resources, 'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration', 'audit').inputs.rule).toEqual({ defaultRetention: { mode: 'COMPLIANCE', years: 6 } });
    const trailArn = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/audit-trail`;
    const bucketArn = `arn:aws:s3:::${BUCKET}`;
    const statements = policyOf(named(resources, 'aws:s3/bucketPolicy:BucketPolicy', 'audit')).Statement;
    expect(statements.map((s: any) => s.Sid)).toEqual(['DenyInsecureTransport', 'DenyTlsBelow12', 'AWSCloudTrailAclCheck', 'AWSCloudTrailWrite']);
    expect(statements[2]).toEqual({
      Sid: 'AWSCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: bucketArn,
      Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
    });
    expect(statements[3]).toEqual({
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucketArn}/cloudtrail/AWSLogs/${ACCOUNT}/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
    });

    expect(one(resources, 'aws:cloudtrail/trail:Trail').inputs).toEqual({
      name: 'audit-trail',
      s3BucketName: BUCKET,
      s3KeyPrefix: 'cloudtrail',
      kmsKeyId: KEY,
      enableLogFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogging: true,
      tags: {},
    });

    const stream = one(resources, 'aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream');
    expect(stream.inputs.serverSideEncryption).toEqual({ enabled: true, keyType: 'CUSTOMER_MANAGED_CMK', keyArn: KEY });
    expect(stream.inputs.destination).toBe('extended_s3');
    expect(stream.inputs.extendedS3Configuration).toMatchObject({ bucketArn, kmsKeyArn: KEY, roleArn: expect.stringMatching(/^arn:aws:iam::\d{12}:role\/audit-firehose/) });

    // Both the EKS log group and the forwarder's are subscribed to the stream.
    const filters = ofType(resources, 'aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter');
    expect(filters.map((f) => f.inputs.logGroup)).toEqual([EKS_LOG_GROUP, '/hipaa-constructs/audit/kubernetes']);
    for (const f of filters) expect(f.inputs).toMatchObject({ filterPattern: '', destinationArn: expect.stringContaining('firehose'), roleArn: expect.stringContaining(':role/audit-logs') });

    const group = one(resources, 'aws:cloudwatch/logGroup:LogGroup');
    expect(group.inputs).toEqual({ name: '/hipaa-constructs/audit/kubernetes', kmsKeyId: KEY, retentionInDays: 2192, tags: {} });
    expect([group.protect, group.retainOnDelete]).toEqual([true, true]);

    // Roles: each trusted by one service (bound to this account / these log groups), allowed exactly what it does.
    const logsRole = named(resources, 'aws:iam/role:Role', 'audit-logs');
    expect(policyOf(logsRole, 'assumeRolePolicy').Statement).toEqual([{
      Effect: 'Allow',
      Principal: { Service: 'logs.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringLike: {
          'aws:SourceArn': [
            `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${EKS_LOG_GROUP}`, `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${EKS_LOG_GROUP}:*`,
            `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/hipaa-constructs/audit/kubernetes`, `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/hipaa-constructs/audit/kubernetes:*`,
          ],
        },
      },
    }]);
    expect(policyOf(named(resources, 'aws:iam/rolePolicy:RolePolicy', 'audit-logs')).Statement).toEqual([
      { Effect: 'Allow', Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'], Resource: [expect.stringMatching(/^arn:aws:firehose:/)] },
    ]);
    expect(policyOf(named(resources, 'aws:iam/role:Role', 'audit-firehose'), 'assumeRolePolicy').Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': ACCOUNT } } },
    ]);
    const firehose = policyOf(named(resources, 'aws:iam/rolePolicy:RolePolicy', 'audit-firehose')).Statement;
    expect(firehose).toEqual([
      { Sid: 'Bucket', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: [bucketArn] },
      { Sid: 'Objects', Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], Resource: [`${bucketArn}/cloudwatch-logs/*`, `${bucketArn}/firehose-errors/*`] },
      {
        Sid: 'BucketKey',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: [KEY],
        Condition: {
          StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` },
          StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn, `${bucketArn}/cloudwatch-logs/*`, `${bucketArn}/firehose-errors/*`] },
        },
      },
    ]);
    // The forwarder's IRSA role: the audit-logging/fluent-bit service account only, writing only to its log group.
    const forwarder = named(resources, 'aws:iam/role:Role', 'audit-forwarder');
    expect(policyOf(forwarder, 'assumeRolePolicy').Statement[0].Condition).toEqual({
      StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:audit-logging:fluent-bit', [`${ISSUER}:aud`]: 'sts.amazonaws.com' },
    });
    const groupArn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/hipaa-constructs/audit/kubernetes`;
    expect(policyOf(named(resources, 'aws:iam/rolePolicy:RolePolicy', 'audit-forwarder')).Statement).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams'], Resource: [groupArn] },
      { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [`${groupArn}:log-stream:node-*`] },
    ]);
    // Every policy document is one AWS accepts (parses, no empty action lists), and no role allows a wildcard action.
    for (const r of [...ofType(resources, 'aws:iam/rolePolicy:RolePolicy'), ...ofType(resources, 'aws:s3/bucketPolicy:BucketPolicy')]) {
      const parsed = parsePolicyDocument(r.inputs.policy);
      expect(parsed.problem).toBeUndefined();
      expect(policyOf(r).Version).toBe('2012-10-17');
      for (const s of parsed.statements!) {
        expect(s.actions.length).toBeGreaterThan(0);
        if (s.effect === 'Allow') expect(s.actions.filter((a) => a.includes('*'))).toEqual([]);
      }
    }
  });

  test('deploys the AuditSink chart with the forwarder\'s role, region and log group', async () => {
    const out: { store?: HipaaAuditStore } = {};
    const resources = await store({
      chart: { forwarder: { image: FLUENT_BIT_IMAGE, waiversExpire: SOON }, sink: { owner: 'platform-team' } },
    }, out);
    expect(JSON.stringify(policyOf(named(resources, 'aws:iam/rolePolicy:RolePolicy', 'audit-forwarder')))).not.toMatch(/s3:|kms:/);
    const manifests = await valueOf(out.store!.chart!.manifests);
    const account = manifests.find((m) => m.kind === 'ServiceAccount')!;
    expect(account.metadata).toMatchObject({ name: 'fluent-bit', namespace: 'audit-logging' });
    expect(account.metadata.annotations['eks.amazonaws.com/role-arn']).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:role/audit-forwarder`));
    const conf: string = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'fluent-bit-config')!.data['fluent-bit.conf'];
    expect(conf).toContain('log_group_name       /hipaa-constructs/audit/kubernetes');
    expect(conf).toContain(`region               ${REGION}`);
    expect(conf).not.toContain('Name                 s3');
    expect(one(resources, 'kubernetes:yaml/v2:ConfigGroup').inputs.objs).toEqual(manifests);
    expect(awsFindings(resources)).toEqual([]);
  });

  test('with forwarder.s3Prefix the forwarder may also write into the bucket there (with Content-MD5, which Object Lock requires)', async () => {
    const out: { store?: HipaaAuditStore } = {};
    const resources = await store({
      forwarder: { cluster, s3Prefix: 'k8s-logs/' },
      chart: { forwarder: { image: FLUENT_BIT_IMAGE, waiversExpire: SOON } },
    }, out);
    const bucketArn = `arn:aws:s3:::${BUCKET}`;
    expect(policyOf(named(resources, 'aws:iam/rolePolicy:RolePolicy', 'audit-forwarder')).Statement.slice(2)).toEqual([
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: [`${bucketArn}/k8s-logs/*`] },
      {
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey'],
        Resource: [KEY],
        Condition: { StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com`, 'kms:EncryptionContext:aws:s3:arn': bucketArn } },
      },
    ]);
    const manifests = await valueOf(out.store!.chart!.manifests);
    const conf: string = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'fluent-bit-config')!.data['fluent-bit.conf'];
    expect(conf).toContain(`bucket               ${BUCKET}`);
    expect(conf).toContain('s3_key_format        /k8s-logs/$TAG[0]/');
    expect(conf).toContain('send_content_md5     On');
    expect(awsFindings(resources)).toEqual([]);
    expect(make({ forwarder: { cluster, s3Prefix: 'cloudtrail/x/' } })).toThrow(
      "[HipaaAuditStore 'audit'] forwarder.s3Prefix: 'cloudtrail/x/' overlaps 'cloudtrail/', where the store's delivery stream or trail writes; give a prefix of its own, e.g. 'k8s-logs/'.",
    );
  });

  test('role names given in advance (so a HipaaKmsKey can list the roles that write SSE-KMS objects before they exist)', async () => {
    const resources = await store({ firehoseRoleName: 'clinic-audit-firehose', forwarder: { cluster, s3Prefix: 'k8s-logs/', roleName: 'clinic-log-forwarder' } });
    expect(named(resources, 'aws:iam/role:Role', 'audit-firehose').inputs.name).toBe('clinic-audit-firehose');
    expect(named(resources, 'aws:iam/role:Role', 'audit-forwarder').inputs.name).toBe('clinic-log-forwarder');
    expect(awsFindings(resources)).toEqual([]);
    expect(make({ firehoseRoleName: 'audit firehose', forwarder: { cluster, roleName: 'x'.repeat(65) } })).toThrow(
      [
        "[HipaaAuditStore 'audit'] 2 problems in the props (all are listed; fix each):",
        `- forwarder.roleName: '${'x'.repeat(65)}' is not an IAM role name: use 1 to 64 letters, digits and + = , . @ _ -.`,
        "- firehoseRoleName: 'audit firehose' is not an IAM role name: use 1 to 64 letters, digits and + = , . @ _ -.",
      ].join('\n'),
    );
  });

  test('without a trail or log groups: only the bucket; log group ARNs are reduced to names', async () => {
    expect((await store({ trail: false, logGroups: [], forwarder: undefined })).map((r) => r.type).filter((t) => !t.startsWith('aws:s3/'))).toEqual([
      'hipaa-constructs:aws:AuditStore', 'hipaa-constructs:aws:WormBucket',
    ]);
    const resources = await store({ trail: { name: 'org-audit', s3KeyPrefix: 'trails/prod' }, logGroups: [`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${EKS_LOG_GROUP}:*`], forwarder: undefined });
    expect(one(resources, 'aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter').inputs.logGroup).toBe(EKS_LOG_GROUP);
    expect(one(resources, 'aws:cloudtrail/trail:Trail').inputs).toMatchObject({ name: 'org-audit', s3KeyPrefix: 'trails/prod' });
    expect(JSON.stringify(policyOf(named(resources, 'aws:s3/bucketPolicy:BucketPolicy', 'audit')))).toContain(`/trails/prod/AWSLogs/${ACCOUNT}/*`);
    expect(awsFindings(resources)).toEqual([]);
  });

  test('a shorter forwarder log retention with a waiver of aws-log-group-retention is written, tagged and reported waived', async () => {
    const waiver = { ruleId: 'aws-log-group-retention', reason: 'Logs are delivered to the WORM bucket which keeps them six years', expires: SOON };
    const resources = await store({ forwarder: { cluster, retentionInDays: 90, waivers: [waiver] } });
    const group = one(resources, 'aws:cloudwatch/logGroup:LogGroup');
    expect(group.inputs.retentionInDays).toBe(90);
    expect(group.inputs.tags['hipaa-constructs.io/waiver/aws-log-group-retention']).toBe(`expires=${SOON} reason=${waiver.reason}`);
    expect(awsFindings(resources)).toEqual([]);
    expect(checkRegistered(resources).waived.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual(['aws-log-group-retention audit-forwarder']);
  });

  describe('refuses', () => {
    test('a key that is not a key ARN', () => {
      expect(make({ key: '1234abcd-12ab-34cd-56ef-1234567890ab' })).toThrow(
        "[HipaaAuditStore 'audit'] key: '1234abcd-12ab-34cd-56ef-1234567890ab' is a bare key id; give the key ARN (e.g. arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab): " +
        'EKS, S3 bucket keys, CloudWatch Logs and Backup need the ARN of a customer-managed key (aws-log-group-kms-key).',
      );
    });
    test('the bucket\'s refusals: GOVERNANCE, a retention below 6 years, a bad bucket name', () => {
      expect(make({ bucket: { bucketName: BUCKET, retention: { mode: 'GOVERNANCE' } } })).toThrow(/^\[HipaaWormBucket 'audit'\] retention\.mode: GOVERNANCE retention can be bypassed/);
      expect(make({ bucket: { bucketName: BUCKET, retention: { years: 1 } } })).toThrow(
        "[HipaaWormBucket 'audit'] retention.years: 1 years is less than the 6 years (2192 days) HIPAA documentation must be kept; give at least 6, or waive aws-s3-object-lock in waivers with a reason and expires (aws-s3-object-lock).",
      );
      expect(make({ bucket: { bucketName: 'audit..prod' } })).toThrow("[HipaaWormBucket 'audit'] bucketName: 'audit..prod' must not hold two adjacent dots; see the S3 bucket naming rules.");
    });
    test('a forwarder log retention below 6 years without a waiver, and other bad input together', () => {
      expect(make({ forwarder: { cluster, retentionInDays: 365 } })).toThrow(
        "[HipaaAuditStore 'audit'] forwarder.retentionInDays: 365 days is less than the 6 years (2192 days) audit records must be kept; give 2192 or more, or waive aws-log-group-retention in forwarder.waivers with a reason and expires (aws-log-group-retention).",
      );
      expect(make({ logGroups: ['arn:aws:s3:::x', 'ok/group'], trail: { name: '-bad' }, forwarder: { cluster, retentionInDays: 100 }, chart: { forwarder: {} as any } })).toThrow(
        [
          "[HipaaAuditStore 'audit'] 3 problems in the props (all are listed; fix each):",
          "- logGroups[0]: 'arn:aws:s3:::x' is neither a log group name (1 to 512 letters, digits or _ - . / #) nor a log group ARN (arn:aws:logs:<region>:<account>:log-group:<name>).",
          "- trail.name: '-bad' is not a CloudTrail trail name: 3 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit.",
          '- forwarder.retentionInDays: 100 is not a retention CloudWatch Logs accepts; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (aws-log-group-retention).',
        ].join('\n'),
      );
      expect(make({ chart: { forwarder: { image: FLUENT_BIT_IMAGE, waiversExpire: SOON } } })).toThrow(
        "[HipaaAuditStore 'audit'] chart: needs forwarder (the cluster and its log group): the chart's Fluent Bit writes with the role and into the log group the store creates for it.",
      );
    });
  });
});
