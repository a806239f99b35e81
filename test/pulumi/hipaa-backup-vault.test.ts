import * as pulumi from '@pulumi/pulumi';
import { Duration } from 'cdk8s';
import { HipaaBackupVault, HipaaBackupVaultArgs, scheduleProblem } from '../../lib/pulumi/hipaa-backup-vault';
import { validateCustomResources } from '../helpers/crd-schema';
import { SOON } from '../helpers/dates';
import { ACCOUNT, awsFindings, checkRegistered, ofType, one, runProgram, valueOf } from '../helpers/pulumi';
import { KEY_ARN as KEY, TEST_CLUSTER as cluster, stableSnapshot } from '../helpers/pulumi-fixtures';

const EBS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-0000000000eb`;
const bucket = { bucketName: pulumi.output('clinic-velero'), arn: pulumi.output('arn:aws:s3:::clinic-velero') };
const args = (over: Partial<HipaaBackupVaultArgs> = {}): HipaaBackupVaultArgs => ({
  key: KEY,
  selection: { tags: { 'hipaa-constructs.io/phi': 'true' } },
  ...over,
});

describe('HipaaBackupVault', () => {
  test('vault under the key, compliance lock for six years, daily plan, selection by tag, Velero role', async () => {
    let vault!: HipaaBackupVault;
    const resources = await runProgram(() => {
      vault = new HipaaBackupVault('clinic', args({ velero: { cluster, bucket, volumeKeys: [EBS_KEY] } }));
    });
    expect(stableSnapshot(resources)).toMatchSnapshot();
    const v = one(resources, 'aws:backup/vault:Vault');
    expect(v.inputs).toEqual({ name: 'clinic', kmsKeyArn: KEY, forceDestroy: false, tags: {} });
    expect(v).toMatchObject({ protect: true, retainOnDelete: true });
    const lock = one(resources, 'aws:backup/vaultLockConfiguration:VaultLockConfiguration');
    expect(lock.inputs).toEqual({ backupVaultName: 'clinic', changeableForDays: 3, minRetentionDays: 2192 });
    expect(lock).toMatchObject({ protect: true, retainOnDelete: true });
    const plan = one(resources, 'aws:backup/plan:Plan');
    expect(plan).toMatchObject({ protect: true, retainOnDelete: true });
    expect(plan.inputs.rules).toEqual([{
      ruleName: 'daily', targetVaultName: 'clinic', schedule: 'cron(0 5 ? * * *)', startWindow: 60, completionWindow: 1440, lifecycle: { deleteAfter: 2192 }, recoveryPointTags: {},
    }]);
    const selection = one(resources, 'aws:backup/selection:Selection');
    expect(selection.inputs).toEqual({
      name: 'clinic',
      planId: 'clinic-id',
      iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/clinic-backup-a1b2c3d`,
      selectionTags: [{ type: 'STRINGEQUALS', key: 'hipaa-constructs.io/phi', value: 'true' }],
    });
    const roles = ofType(resources, 'aws:iam/role:Role');
    expect(JSON.parse(roles.find((r) => r.name === 'clinic-backup')!.inputs.assumeRolePolicy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(ofType(resources, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment').map((a) => [a.inputs.role, a.inputs.policyArn])).toEqual([
      ['clinic-backup-a1b2c3d', 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup'],
      ['clinic-backup-a1b2c3d', 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores'],
    ]);

    const veleroTrust = JSON.parse(roles.find((r) => r.name === 'clinic-velero')!.inputs.assumeRolePolicy);
    expect(veleroTrust.Statement[0].Condition.StringEquals['oidc.eks.us-east-1.amazonaws.com/id/ABC:sub']).toBe('system:serviceaccount:velero:velero');
    const veleroPolicy = JSON.parse(ofType(resources, 'aws:iam/rolePolicy:RolePolicy').find((p) => p.name === 'clinic-velero')!.inputs.policy);
    expect(veleroPolicy.Statement).toEqual([
      // EC2 Describe* actions have no resource-level permissions: IAM takes them only with "*".
      { Effect: 'Allow', Action: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots'], Resource: ['*'] },
      {
        Effect: 'Allow',
        Action: ['ec2:CreateSnapshot', 'ec2:CreateVolume', 'ec2:CreateTags', 'ec2:DeleteSnapshot'],
        Resource: [`arn:aws:ec2:us-east-1:${ACCOUNT}:volume/*`, 'arn:aws:ec2:us-east-1::snapshot/*'],
      },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], Resource: ['arn:aws:s3:::clinic-velero/*'] },
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::clinic-velero'] },
      { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: [KEY], Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } },
      {
        Effect: 'Allow',
        Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
        Resource: [EBS_KEY],
        Condition: { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } },
      },
    ]);
    expect(vault.vaultName).toBe('clinic');
    expect(await valueOf(vault.region)).toBe('us-east-1');
    expect(await valueOf(vault.veleroRole!.arn)).toBe(`arn:aws:iam::${ACCOUNT}:role/clinic-velero-a1b2c3d`);
    expect(awsFindings(resources)).toEqual([]);
  });

  test('rules with cold storage and copies, resources by ARN; a shorter retention only with a waiver, which lands on the resource', async () => {
    const resources = await runProgram(() => {
      new HipaaBackupVault('short', args({
        vaultName: 'clinic_short',
        protect: false,
        retainOnDelete: false,
        minRetentionDays: 365,
        changeableForDays: 7,
        maxRetentionDays: 3000,
        rules: [
          { name: 'hourly', schedule: 'cron(15 * ? * * *)', deleteAfterDays: 365, startWindowMinutes: 120, completionWindowMinutes: 240 },
          { name: 'weekly', schedule: 'cron(0 3 ? * SUN *)', deleteAfterDays: 2557, coldStorageAfterDays: 30, copyTo: [{ destinationVaultArn: `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:clinic-dr` }] },
        ],
        selection: { resources: [`arn:aws:rds:us-east-1:${ACCOUNT}:db:clinic`], notResources: [`arn:aws:rds:us-east-1:${ACCOUNT}:db:scratch`] },
        waivers: [
          { ruleId: 'aws-backup-vault-lock', reason: 'Staging vault holds synthetic data only so one year suffices', expires: SOON },
          { ruleId: 'aws-backup-plan-retention', reason: 'Staging vault holds synthetic data only so one year suffices', expires: SOON },
        ],
      }));
    });
    expect(stableSnapshot(resources)).toMatchSnapshot();
    const v = one(resources, 'aws:backup/vault:Vault');
    expect(v).toMatchObject({ protect: false, retainOnDelete: false });
    expect(Object.keys(v.inputs.tags)).toEqual(['hipaa-constructs.io/waiver/aws-backup-vault-lock']);
    const plan = one(resources, 'aws:backup/plan:Plan');
    expect(Object.keys(plan.inputs.tags)).toEqual(['hipaa-constructs.io/waiver/aws-backup-plan-retention']);
    expect(plan.inputs.rules.map((r: any) => [r.ruleName, r.schedule, r.startWindow, r.completionWindow, r.lifecycle, r.copyActions])).toEqual([
      ['hourly', 'cron(15 * ? * * *)', 120, 240, { deleteAfter: 365 }, undefined],
      ['weekly', 'cron(0 3 ? * SUN *)', 60, 1440, { deleteAfter: 2557, coldStorageAfter: 30 }, [
        { destinationVaultArn: `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:clinic-dr`, lifecycle: { deleteAfter: 2557, coldStorageAfter: 30 } },
      ]],
    ]);
    expect(one(resources, 'aws:backup/vaultLockConfiguration:VaultLockConfiguration').inputs).toEqual({ backupVaultName: 'clinic_short', changeableForDays: 7, minRetentionDays: 365, maxRetentionDays: 3000 });
    expect(one(resources, 'aws:backup/selection:Selection').inputs).toMatchObject({
      resources: [`arn:aws:rds:us-east-1:${ACCOUNT}:db:clinic`], notResources: [`arn:aws:rds:us-east-1:${ACCOUNT}:db:scratch`],
    });
    expect(awsFindings(resources)).toEqual([]);
    expect(checkRegistered(resources).waived.map((f) => `${f.ruleId} ${f.resource.name} ${f.path}`)).toEqual([
      'aws-backup-plan-retention short rules[0].lifecycle.deleteAfter',
      'aws-backup-vault-lock short ',
    ]);
  });

  test('deploys the BackupSchedule chart: backups to the bucket under the key, in Velero\'s namespace', async () => {
    let vault!: HipaaBackupVault;
    const resources = await runProgram(() => {
      vault = new HipaaBackupVault('clinic', args({
        velero: {
          cluster,
          bucket,
          chart: { prefix: 'clinic', schedule: { namespaces: ['clinic'], retention: Duration.days(2192), rpo: Duration.hours(24), rto: Duration.hours(4), owner: 'platform-team' } },
        },
      }));
    });
    const manifests = await valueOf(vault.veleroChart!.manifests);
    expect(one(resources, 'kubernetes:yaml/v2:ConfigGroup').inputs.objs).toEqual(manifests);
    expect(manifests.map((m) => `${m.kind} ${m.metadata.namespace}/${m.metadata.name}`)).toEqual([
      'BackupStorageLocation velero/backups', 'VolumeSnapshotLocation velero/backups', 'Schedule velero/backups',
    ]);
    const location = manifests.find((m) => m.kind === 'BackupStorageLocation')!;
    expect(location.spec).toEqual({
      provider: 'aws',
      objectStorage: { bucket: 'clinic-velero', prefix: 'clinic' },
      config: { region: 'us-east-1', kmsKeyId: KEY, serverSideEncryption: 'aws:kms' },
    });
    const schedule = manifests.find((m) => m.kind === 'Schedule')!;
    expect(schedule.spec.template).toMatchObject({ includedNamespaces: ['clinic'], ttl: '52608h0m0s', snapshotVolumes: true });
    // Velero's role may use the bucket and the key the location names, in that region.
    const policy = JSON.parse(ofType(resources, 'aws:iam/rolePolicy:RolePolicy').find((p) => p.name === 'clinic-velero')!.inputs.policy);
    expect(policy.Statement.find((s: any) => s.Action.includes('s3:ListBucket')).Resource).toEqual([`arn:aws:s3:::${location.spec.objectStorage.bucket}`]);
    expect(policy.Statement.find((s: any) => s.Action.includes('kms:GenerateDataKey')).Resource).toEqual([location.spec.config.kmsKeyId]);
    expect(validateCustomResources(manifests)).toEqual([]);
    expect(awsFindings(resources)).toEqual([]);
  });

  test('the chart refuses what the component sets itself', () => {
    expect(() => new HipaaBackupVault('clinic', args({
      velero: { cluster, bucket, chart: { schedule: { namespaces: ['clinic'], storage: {}, veleroNamespace: 'backup' } as any } },
    }))).toThrow([
      "[HipaaBackupVault 'clinic'] 2 problems in the props (all are listed; fix each):",
      "- velero.chart.schedule.storage: is set by HipaaBackupVault (the Velero bucket, the key's region and the key); remove it (use velero.chart.prefix for a path in the bucket).",
      '- velero.chart.schedule.veleroNamespace: is set by HipaaBackupVault (velero.namespace); remove it.',
    ].join('\n'));
  });

  test('refusals, all at once', () => {
    expect(() => new HipaaBackupVault('bad vault', {
      key: 'arn:aws:kms:us-east-1:123456789012:alias/clinic',
      minRetentionDays: 90,
      maxRetentionDays: 30,
      changeableForDays: 0,
      rules: [
        { name: 'daily', schedule: 'cron(0 5 * * * *)', deleteAfterDays: 30, coldStorageAfterDays: 10 },
        { name: 'daily', schedule: 'rate(1 hour)', startWindowMinutes: 30 },
        { name: 'x', schedule: 'cron(*/15 * ? * * *)', completionWindowMinutes: 100, copyTo: [{ destinationVaultArn: 'clinic-dr', deleteAfterDays: 10 }] },
      ],
      selection: { resources: ['*', 'i-0123'] },
      velero: { cluster: undefined as any, bucket: undefined as any, namespace: 'Velero' },
    })).toThrow([
      "[HipaaBackupVault 'bad vault'] 20 problems in the props (all are listed; fix each):",
      "- key: 'arn:aws:kms:us-east-1:123456789012:alias/clinic' is an alias ARN; give the key ARN (e.g. arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab): EKS, S3 bucket keys, CloudWatch Logs and Backup need the ARN of a customer-managed key (aws-backup-vault-kms-key).",
      "- vaultName: 'bad vault' (the component's name) is not a backup vault name: use 2 to 50 letters, digits, '-' and '_'.",
      '- minRetentionDays: 90 days is less than six years (2192 days), the retention HIPAA requires for documentation; leave it unset, or waive aws-backup-vault-lock in waivers with a reason and expires (aws-backup-vault-lock).',
      '- maxRetentionDays: 30 is less than minRetentionDays (90); AWS refuses the lock. Raise it or leave it unset.',
      '- changeableForDays: expected a whole number from 3 to 36500, got a number (0).',
      "- rules[0].schedule: 'cron(0 5 * * * *)' must have ? in exactly one of day-of-month and day-of-week. Use e.g. 'cron(0 5 ? * * *)' (every day at 05:00 UTC).",
      '- rules[0].deleteAfterDays: 30 days is less than six years (2192 days), the retention HIPAA requires for documentation; leave it unset, or waive aws-backup-plan-retention in waivers with a reason and expires (aws-backup-plan-retention).',
      '- rules[0].coldStorageAfterDays: recovery points would be deleted 20 days after moving to cold storage; AWS requires at least 90; remove coldStorageAfterDays (aws-backup-plan-retention).',
      "- rules[1].name: 'daily' is the name of another rule; name each rule once.",
      "- rules[1].schedule: 'rate(1 hour)' is not an AWS cron expression (cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)). Use e.g. 'cron(0 5 ? * * *)' (every day at 05:00 UTC).",
      '- rules[1].startWindowMinutes: expected a whole number from 60 to 40320, got a number (30).',
      "- rules[2].schedule: 'cron(*/15 * ? * * *)' has minutes '*/15'; give one minute (0-59): AWS Backup starts a rule at most once an hour. Use e.g. 'cron(0 5 ? * * *)' (every day at 05:00 UTC).",
      '- rules[2].completionWindowMinutes: expected a whole number from 120 to 100800, got a number (100).',
      "- rules[2].copyTo[0].destinationVaultArn: 'clinic-dr' is not a backup vault ARN; give arn:<partition>:backup:<region>:<account>:backup-vault:<name>.",
      '- rules[2].copyTo[0].deleteAfterDays: 10 days is less than six years (2192 days), the retention HIPAA requires for documentation; leave it unset, or waive aws-backup-plan-retention in waivers with a reason and expires (aws-backup-plan-retention).',
      "- selection.resources[0]: '*' selects every resource of every supported service in the account and region. Name the resources by ARN, or select them by tag.",
      "- selection.resources[1]: 'i-0123' is not an ARN; give the resource's ARN (e.g. arn:aws:rds:us-east-1:123456789012:db:clinic).",
      '- velero.cluster: is missing: give the cluster (HipaaEksCluster, or { oidcProviderArn, oidcIssuer }) Velero runs in.',
      '- velero.bucket: is missing: give the Object Lock bucket Velero writes to (a HipaaWormBucket under the same key).',
      "- velero.namespace: 'Velero' is not a DNS-1123 label: use lower-case letters, digits and '-', at most 63 characters (k8s-valid-name).",
    ].join('\n'));
  });

  test('a missing selection, an empty rule list, a deleteAfter below the lock', () => {
    expect(() => new HipaaBackupVault('vv', { key: KEY, rules: [] } as any)).toThrow([
      "[HipaaBackupVault 'vv'] 2 problems in the props (all are listed; fix each):",
      "- rules: is empty: a plan without rules takes no backups. Leave it unset for a daily rule, or give at least one, e.g. [{ name: 'daily' }].",
      "- selection: is missing: say what to back up, by ARN (resources) or by tag (tags), e.g. { tags: { 'hipaa-constructs.io/phi': 'true' } }.",
    ].join('\n'));
    expect(() => new HipaaBackupVault('vv', args({ minRetentionDays: 2557, rules: [{ name: 'daily', deleteAfterDays: 2200 }], selection: {} }))).toThrow([
      "[HipaaBackupVault 'vv'] 2 problems in the props (all are listed; fix each):",
      "- rules[0].deleteAfterDays: 2200 days is less than the vault lock's minRetentionDays (2557): AWS Backup fails every backup job of the rule. Keep recovery points at least that long.",
      "- selection: selects nothing: give resources (ARNs) or tags, e.g. { tags: { 'hipaa-constructs.io/phi': 'true' } }.",
    ].join('\n'));
  });

  test('role names given up front, and bad ones refused', async () => {
    const resources = await runProgram(() => {
      new HipaaBackupVault('named', args({ backupRoleName: 'clinic-backup', velero: { cluster, bucket, roleName: 'clinic-velero' } }));
    });
    expect(ofType(resources, 'aws:iam/role:Role').map((r) => [r.name, r.inputs.name])).toEqual([['named-backup', 'clinic-backup'], ['named-velero', 'clinic-velero']]);
    expect(awsFindings(resources)).toEqual([]);
    expect(() => new HipaaBackupVault('x'.repeat(60), args({ vaultName: 'clinic', backupRoleName: 'b/c', velero: { cluster, bucket, roleName: 'v'.repeat(65) } }))).toThrow([
      `[HipaaBackupVault '${'x'.repeat(60)}'] 2 problems in the props (all are listed; fix each):`,
      "- velero.roleName: '" + 'v'.repeat(65) + "' is not an IAM role name: use 1 to 64 letters, digits and + = , . @ _ -.",
      "- backupRoleName: 'b/c' is not an IAM role name: use 1 to 64 letters, digits and + = , . @ _ -.",
    ].join('\n'));
  });

  test('a name that would make a role name longer than IAM allows', async () => {
    const long = 'v'.repeat(49);
    const resources = await runProgram(() => {
      new HipaaBackupVault(long, args());
    });
    expect(resources.filter((r) => r.type === 'aws:iam/role:Role').map((r) => r.name)).toEqual([`${long}-backup`]);
    expect(() => new HipaaBackupVault(`${long}x`, args({ vaultName: 'clinic' }))).toThrow(
      `[HipaaBackupVault '${long}x'] name: '${long}x' makes IAM role names of up to 65 characters (the name, '-backup' and Pulumi's 8-character suffix); IAM allows 64. Use a name of at most 49 characters.`,
    );
  });

  test('AWS Backup cron expressions', () => {
    expect(scheduleProblem('cron(0 5 ? * * *)')).toBeUndefined();
    expect(scheduleProblem('cron(30 */4 ? * MON-FRI *)')).toBeUndefined();
    expect(scheduleProblem('cron(0 5 1 * ? *)')).toBeUndefined();
    expect(scheduleProblem('cron(0 5 ? * *)')).toBe('has 5 fields; AWS cron expressions have six (minutes hours day-of-month month day-of-week year)');
    expect(scheduleProblem('cron(0 25h ? * * *)')).toBe("has hours '25h', which is not an hour field (0-23, lists, ranges, steps or *)");
  });
});
