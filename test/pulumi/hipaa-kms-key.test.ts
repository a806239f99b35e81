import { waiverTagKey } from '../../lib/check/waiver-tags';
import { AUTO_SCALING_SERVICE_LINKED_ROLE, HipaaKmsKey, HipaaKmsKeyArgs } from '../../lib/pulumi/hipaa-kms-key';
import { isHipaaKey } from '../../lib/pulumi/key-input';
import { SOON } from '../helpers/dates';
import { ACCOUNT, awsFindings, checkRegistered, one, runProgram, snapshotOf, valueOf } from '../helpers/pulumi';

const ADMIN = `arn:aws:iam::${ACCOUNT}:role/key-admins`;
const CLUSTER = `arn:aws:iam::${ACCOUNT}:role/eks-cluster`;
const SECRETS = `arn:aws:iam::${ACCOUNT}:role/clinic-secrets-reader`;
const ADMIN_ACTIONS = ['kms:CreateAlias', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*',
  'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion', 'kms:RotateKeyOnDemand'];
const USER_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];
const ARGS: HipaaKmsKeyArgs = { administrators: [ADMIN], users: [CLUSTER, SECRETS] };

async function keyOf(args: HipaaKmsKeyArgs, name = 'phi') {
  let component!: HipaaKmsKey;
  const resources = await runProgram(() => {
    component = new HipaaKmsKey(name, args);
  });
  const key = one(resources, 'aws:kms/key:Key');
  return { resources, component, key, policy: JSON.parse(key.inputs.policy), alias: one(resources, 'aws:kms/alias:Alias') };
}

/** The refusal `new HipaaKmsKey('phi', args)` throws. */
function refusal(args: unknown): string {
  try {
    new HipaaKmsKey('phi', args as HipaaKmsKeyArgs);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('HipaaKmsKey', () => {
  test('registers the key and its alias (snapshot), and the whole AWS pack finds nothing', async () => {
    const { resources } = await keyOf(ARGS);
    expect(snapshotOf(resources)).toMatchSnapshot();
    expect(resources.map((r) => r.type)).toEqual(['hipaa-constructs:aws:KmsKey', 'aws:kms/key:Key', 'aws:kms/alias:Alias']);
    expect(awsFindings(resources)).toEqual([]);
  });

  test('rotates yearly, waits 30 days before deletion, is a symmetric encryption key, is protected and retained', async () => {
    const { key, alias } = await keyOf(ARGS);
    expect(key.inputs).toMatchObject({
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      isEnabled: true,
      bypassPolicyLockoutSafetyCheck: false,
    });
    expect([key.protect, key.retainOnDelete]).toEqual([true, true]);
    expect([alias.protect, alias.retainOnDelete]).toEqual([false, true]);
    expect(alias.inputs).toEqual({ name: 'alias/phi', targetKeyId: expect.stringMatching(/^1234abcd-12ab-34cd-56ef-[0-9a-f]{12}$/) });
  });

  test('the key policy: the account root and the administrators administer only, the users use only', async () => {
    const { policy } = await keyOf(ARGS);
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement).toEqual([
      { Sid: 'AccountRootAdministers', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: ADMIN_ACTIONS, Resource: '*' },
      { Sid: 'KeyAdministrators', Effect: 'Allow', Principal: { AWS: [ADMIN] }, Action: ADMIN_ACTIONS, Resource: '*' },
      { Sid: 'KeyUsers', Effect: 'Allow', Principal: { AWS: [CLUSTER, SECRETS] }, Action: USER_ACTIONS, Resource: '*' },
      {
        Sid: 'KeyUsersGrantsForAwsResources',
        Effect: 'Allow',
        Principal: { AWS: [CLUSTER, SECRETS] },
        Action: ['kms:CreateGrant', 'kms:ListGrants'],
        Resource: '*',
        Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      },
    ]);
    // No statement lets anyone use the key and administer it, nor gives kms:* or CreateGrant to administrators.
    const actionsOf = (principal: string) => policy.Statement
      .filter((s: any) => [s.Principal.AWS].flat().includes(principal))
      .flatMap((s: any) => s.Action);
    expect(actionsOf(ADMIN).filter((a: string) => /Encrypt|Decrypt|GenerateDataKey|CreateGrant|^kms:\*$/.test(a))).toEqual([]);
    expect(actionsOf(CLUSTER).filter((a: string) => ADMIN_ACTIONS.includes(a))).toEqual([]);
  });

  test('viaServices limits the users to those services in the key region; service principals get the documented statements', async () => {
    const trail = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/phi-audit`;
    const logs = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/eks/prod/*`;
    const { key, alias, policy, resources } = await keyOf({
      ...ARGS,
      region: 'eu-west-1',
      viaServices: ['eks', 'secretsmanager', 'eks'],
      servicePrincipals: { cloudWatchLogGroupArns: [logs], cloudTrailArns: [trail] },
    });
    const via = { 'kms:ViaService': ['eks.eu-west-1.amazonaws.com', 'secretsmanager.eu-west-1.amazonaws.com'] };
    expect([key.inputs.region, alias.inputs.region]).toEqual(['eu-west-1', 'eu-west-1']);
    expect(policy.Statement[2].Condition).toEqual({ StringEquals: via });
    expect(policy.Statement[3].Condition).toEqual({ Bool: { 'kms:GrantIsForAWSResource': 'true' }, StringEquals: via });
    expect(policy.Statement.slice(4)).toEqual([
      {
        Sid: 'CloudWatchLogs',
        Effect: 'Allow',
        Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': [logs] } },
      },
      {
        Sid: 'CloudTrailEncrypt',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': [trail] }, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': [trail] } },
      },
      {
        Sid: 'CloudTrailDescribeKey',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': [trail] } },
      },
    ]);
    expect(awsFindings(resources)).toEqual([]);
  });

  test('is an IHipaaKey whose arn, keyId and alias other components take', async () => {
    const { component } = await keyOf({ ...ARGS, alias: 'clinic/phi-data', description: 'Clinic PHI' });
    expect(isHipaaKey(component)).toBe(true);
    expect(await valueOf(component.arn)).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-[0-9a-f]{12}$`));
    expect(await valueOf(component.keyId)).toMatch(/^1234abcd-12ab-34cd-56ef-[0-9a-f]{12}$/);
    expect(component.aliasName).toBe('alias/clinic/phi-data');
  });

  test('accepts role paths, service-linked roles (EC2 Auto Scaling for encrypted node volumes), users and assumed-role sessions', async () => {
    const autoscaling = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
    const { policy } = await keyOf({
      administrators: [`arn:aws:iam::${ACCOUNT}:user/security-officer`, `arn:aws:sts::${ACCOUNT}:assumed-role/KeyAdmins/alice`],
      users: [autoscaling, `arn:aws-us-gov:iam::${ACCOUNT}:role/platform/eks-nodes`],
    });
    expect(policy.Statement[2].Principal.AWS).toEqual([autoscaling, `arn:aws-us-gov:iam::${ACCOUNT}:role/platform/eks-nodes`]);
  });

  describe('users created after the key: userRoleNames and serviceLinkedRoleUsers', () => {
    const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
    const LATER = [`arn:aws:iam::${ACCOUNT}:role/prod-cluster`, `arn:aws:iam::${ACCOUNT}:role/platform/prod-ebs-csi`];
    const AUTOSCALING = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;

    test('the account as principal, admitted only for exactly those role ARNs; service-linked roles named directly (snapshot); the AWS pack finds nothing', async () => {
      const { policy, resources } = await keyOf({
        administrators: [ADMIN],
        userRoleNames: ['prod-cluster', 'platform/prod-ebs-csi'],
        serviceLinkedRoleUsers: [AUTO_SCALING_SERVICE_LINKED_ROLE],
      });
      expect(snapshotOf(resources)).toMatchSnapshot();
      expect(policy.Statement.slice(2)).toEqual([
        { Sid: 'KeyUsers', Effect: 'Allow', Principal: { AWS: [AUTOSCALING] }, Action: USER_ACTIONS, Resource: '*' },
        {
          Sid: 'KeyUsersGrantsForAwsResources',
          Effect: 'Allow',
          Principal: { AWS: [AUTOSCALING] },
          Action: ['kms:CreateGrant', 'kms:ListGrants'],
          Resource: '*',
          Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
        },
        { Sid: 'KeyUserRoles', Effect: 'Allow', Principal: { AWS: ROOT }, Action: USER_ACTIONS, Resource: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': LATER } } },
        {
          Sid: 'KeyUserRolesGrantsForAwsResources',
          Effect: 'Allow',
          Principal: { AWS: ROOT },
          Action: ['kms:CreateGrant', 'kms:ListGrants'],
          Resource: '*',
          Condition: { ArnEquals: { 'aws:PrincipalArn': LATER }, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
        },
      ]);
      // The account root never gets usage without the aws:PrincipalArn limit.
      const rootUse = policy.Statement.filter((st: any) => st.Principal.AWS === ROOT && st.Action.some((a: string) => USER_ACTIONS.includes(a) || a === 'kms:CreateGrant'));
      expect(rootUse.every((st: any) => st.Condition?.ArnEquals?.['aws:PrincipalArn']?.length === 2)).toBe(true);
      expect(awsFindings(resources)).toEqual([]);
    });

    test('with users and viaServices: both users statements pairs, all under kms:ViaService', async () => {
      const { policy } = await keyOf({ ...ARGS, userRoleNames: ['prod-cluster'], viaServices: ['eks'] });
      const via = { 'kms:ViaService': ['eks.us-east-1.amazonaws.com'] };
      expect(policy.Statement.map((st: any) => st.Sid)).toEqual(['AccountRootAdministers', 'KeyAdministrators', 'KeyUsers', 'KeyUsersGrantsForAwsResources', 'KeyUserRoles', 'KeyUserRolesGrantsForAwsResources']);
      expect(policy.Statement[4].Condition).toEqual({ ArnEquals: { 'aws:PrincipalArn': [LATER[0]] }, StringEquals: via });
      expect(policy.Statement[5].Condition).toEqual({ ArnEquals: { 'aws:PrincipalArn': [LATER[0]] }, Bool: { 'kms:GrantIsForAWSResource': 'true' }, StringEquals: via });
    });

    test('refuses bad role names, wildcards, ARNs, service-linked roles in userRoleNames, duplicates and an administrator among them', () => {
      expect(refusal({
        administrators: [ADMIN, `arn:aws:iam::${ACCOUNT}:role/platform/prod-cluster`],
        userRoleNames: ['prod-*', `arn:aws:iam::${ACCOUNT}:role/x`, 'aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling', 'a'.repeat(65),
          'platform/prod-cluster', 'ok', 'ok', '/rooted', 'bad path/x', 'key-admins'],
        serviceLinkedRoleUsers: ['AWSServiceRoleForAutoScaling', `aws-service-role/${AUTO_SCALING_SERVICE_LINKED_ROLE}`],
      })).toBe([
        "[HipaaKmsKey 'phi'] 11 problems in the props (all are listed; fix each):",
        "- userRoleNames[0]: 'prod-*' holds a wildcard; name each role exactly (a pattern would admit roles created later by anyone who may create roles) (aws-kms-key-policy-separation).",
        `- userRoleNames[1]: 'arn:aws:iam::${ACCOUNT}:role/x' is an ARN; give the role's name, or <path>/<name> for a role with a path (e.g. 'prod-cluster', 'platform/prod-cluster'): ` +
          "the ARN is made from the key's account and partition. For an existing role of another account, put its ARN in users.",
        "- userRoleNames[2]: 'aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling' is a service-linked role, whose AWS-fixed permissions include no customer-managed key, " +
          "so an IAM policy cannot let it use the key: put 'autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling' in serviceLinkedRoleUsers, which names it in the key policy (it must exist by then).",
        `- userRoleNames[3]: '${'a'.repeat(65)}' does not end in an IAM role name: 1 to 64 letters, digits and + = , . @ _ -; give the role's name, or <path>/<name> for a role with a path (e.g. 'prod-cluster', 'platform/prod-cluster').`,
        "- userRoleNames[6]: 'ok' is listed twice (also userRoleNames[5]); list each role once.",
        "- userRoleNames[7]: '/rooted' starts with '/'; give 'rooted' (the ARN's role/ part adds it).",
        "- userRoleNames[8]: 'bad path/x' has a path IAM does not accept (segments of printable ASCII between '/', at most 512 characters); give the role's name, or <path>/<name> for a role with a path (e.g. 'prod-cluster', 'platform/prod-cluster').",
        "- serviceLinkedRoleUsers[0]: 'AWSServiceRoleForAutoScaling' is not a service-linked role as <service principal>/<role name>, e.g. 'autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling'.",
        "- serviceLinkedRoleUsers[1]: 'aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling': give it as 'autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling' (the key adds the account, partition and aws-service-role/ path).",
        `- userRoleNames[4]: 'platform/prod-cluster' is the role of administrators[1] ('arn:aws:iam::${ACCOUNT}:role/platform/prod-cluster'); a principal either administers the key or uses it, never both: ` +
          'remove it from one list, or use separate roles for the two duties (aws-kms-key-policy-separation).',
        `- userRoleNames[9]: 'key-admins' is the role of administrators[0] ('${ADMIN}'); a principal either administers the key or uses it, never both: ` +
          'remove it from one list, or use separate roles for the two duties (aws-kms-key-policy-separation).',
      ].join('\n'));
      expect(refusal({ administrators: [ADMIN], userRoleNames: [], serviceLinkedRoleUsers: [] })).toBe([
        "[HipaaKmsKey 'phi'] 3 problems in the props (all are listed; fix each):",
        "- userRoleNames: is empty; leave it out, or name the roles the stack creates after the key, e.g. ['prod-cluster'] (HipaaEksCluster.keyUsers(name) lists a cluster's).",
        "- serviceLinkedRoleUsers: is empty; leave it out, or name the service-linked roles that use the key, e.g. ['autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling'].",
        "- users: is missing; list the IAM role or user ARNs which roles encrypt and decrypt with it (and cannot manage it), e.g. ['arn:aws:iam::123456789012:role/key-admins'], " +
          'or name roles the stack creates after the key in userRoleNames (e.g. HipaaEksCluster.keyUsers(name)) (aws-kms-key-policy-separation).',
      ].join('\n'));
    });
  });

  test('protect and retainOnDelete can be turned off explicitly, for throw-away stacks', async () => {
    const { key, alias } = await keyOf({ ...ARGS, protect: false, retainOnDelete: false });
    expect([key.protect, key.retainOnDelete]).toEqual([false, false]);
    expect([alias.protect, alias.retainOnDelete]).toEqual([false, false]);
  });

  test('a deletion window under 30 days is written only with a waiver, which lands on the key as a tag', async () => {
    const waiver = { ruleId: 'aws-kms-key-deletion-window', reason: 'Key for synthetic load test data only and no PHI stored', expires: SOON };
    const { key, resources } = await keyOf({ ...ARGS, deletionWindowInDays: 7, waivers: [waiver], tags: { team: 'platform' } });
    expect(key.inputs.deletionWindowInDays).toBe(7);
    expect(key.inputs.tags).toEqual({ team: 'platform', [waiverTagKey('aws-kms-key-deletion-window')]: `expires=${SOON} reason=${waiver.reason}` });
    expect(awsFindings(resources, { now: new Date() })).toEqual([]);
    expect(checkRegistered(resources, undefined, { now: new Date() }).waived.map((f) => f.ruleId)).toEqual(['aws-kms-key-deletion-window']);
  });

  describe('refuses bad input with exact errors', () => {
    test('empty or missing administrators and users', () => {
      expect(refusal({ administrators: [], users: [CLUSTER] })).toBe(
        "[HipaaKmsKey 'phi'] administrators: is empty; list the IAM role or user ARNs who manages the key (and cannot use it), e.g. ['arn:aws:iam::123456789012:role/key-admins'] (aws-kms-key-policy-separation).",
      );
      expect(refusal({ administrators: [ADMIN] })).toBe(
        "[HipaaKmsKey 'phi'] users: is missing; list the IAM role or user ARNs which roles encrypt and decrypt with it (and cannot manage it), e.g. ['arn:aws:iam::123456789012:role/key-admins'], " +
        'or name roles the stack creates after the key in userRoleNames (e.g. HipaaEksCluster.keyUsers(name)) (aws-kms-key-policy-separation).',
      );
    });

    test('principals that are not IAM role or user ARNs, groups, the account root, duplicates', () => {
      expect(refusal({ administrators: ['key-admins', `arn:aws:iam::${ACCOUNT}:group/admins`, ADMIN, ADMIN], users: [`arn:aws:iam::${ACCOUNT}:root`, ACCOUNT] })).toBe([
        "[HipaaKmsKey 'phi'] 5 problems in the props (all are listed; fix each):",
        "- administrators[0]: 'key-admins' is not an IAM principal ARN; give the ARN of an IAM role or user, e.g. arn:aws:iam::123456789012:role/key-admins (aws-kms-key-policy-separation).",
        "- administrators[1]: 'arn:aws:iam::123456789012:group/admins' is an IAM group, which a key policy cannot name as a principal; give the ARN of an IAM role or user, e.g. arn:aws:iam::123456789012:role/key-admins (aws-kms-key-policy-separation).",
        "- administrators[3]: 'arn:aws:iam::123456789012:role/key-admins' is listed twice (also administrators[2]); list each principal once.",
        "- users[0]: 'arn:aws:iam::123456789012:root' is the account root, which already administers the key (and only administers it) through the AccountRootAdministers statement; name the roles or users instead (aws-kms-key-policy-separation).",
        "- users[1]: '123456789012' is not an IAM principal ARN; give the ARN of an IAM role or user, e.g. arn:aws:iam::123456789012:role/key-admins (aws-kms-key-policy-separation).",
      ].join('\n'));
    });

    test('a principal in both lists', () => {
      expect(refusal({ administrators: [ADMIN, CLUSTER], users: [SECRETS, CLUSTER] })).toBe(
        "[HipaaKmsKey 'phi'] users[1]: 'arn:aws:iam::123456789012:role/eks-cluster' is also administrators[1]; a principal either administers the key or uses it, never both: " +
        'remove it from one list, or use separate roles for the two duties (aws-kms-key-policy-separation).',
      );
    });

    test('deletion window and rotation period out of range, a short window without a waiver', () => {
      expect(refusal({ ...ARGS, deletionWindowInDays: 45, rotationPeriodInDays: 30 })).toBe([
        "[HipaaKmsKey 'phi'] 2 problems in the props (all are listed; fix each):",
        '- rotationPeriodInDays: 30 is not a whole number of days from 90 to 2560; AWS KMS rotates key material every 90 to 2560 days; leave it out for 365 (aws-kms-key-rotation).',
        '- deletionWindowInDays: 45 is not a whole number of days from 7 to 30; AWS KMS waits 7 to 30 days before deleting a key; leave it out for 30 (aws-kms-key-deletion-window).',
      ].join('\n'));
      expect(refusal({ ...ARGS, deletionWindowInDays: 7 })).toBe(
        "[HipaaKmsKey 'phi'] deletionWindowInDays: 7 days is shorter than the 30-day window that leaves time to notice and cancel a mistaken or malicious deletion; " +
        'leave it out for 30, or waive aws-kms-key-deletion-window in waivers with a reason and expires (aws-kms-key-deletion-window).',
      );
      expect(refusal({ ...ARGS, rotationPeriodInDays: 365.5 })).toBe(
        "[HipaaKmsKey 'phi'] rotationPeriodInDays: 365.5 is not a whole number of days from 90 to 2560; AWS KMS rotates key material every 90 to 2560 days; leave it out for 365 (aws-kms-key-rotation).",
      );
    });

    test('aliases AWS refuses or reserves', () => {
      expect(refusal({ ...ARGS, alias: 'alias/aws/phi' })).toBe(
        "[HipaaKmsKey 'phi'] alias: 'alias/aws/phi' is under alias/aws/, which AWS reserves for AWS-managed keys; choose another name, e.g. alias/phi-data.",
      );
      expect(refusal({ ...ARGS, alias: 'phi data' })).toBe("[HipaaKmsKey 'phi'] alias: 'alias/phi data' may hold only letters, digits, '/', '_' and '-' after alias/.");
      expect(refusal({ ...ARGS, alias: 'alias/' })).toBe("[HipaaKmsKey 'phi'] alias: 'alias/' has no name after alias/; give e.g. alias/phi-data.");
      expect(refusal({ ...ARGS, alias: `alias/${'a'.repeat(251)}` })).toBe(`[HipaaKmsKey 'phi'] alias: 'alias/${'a'.repeat(34)}...' is 257 characters; AWS KMS allows at most 256.`);
      expect(() => new HipaaKmsKey('phi key', ARGS)).toThrow(
        "[HipaaKmsKey 'phi key'] alias: 'alias/phi key' (from the component name; set alias) may hold only letters, digits, '/', '_' and '-' after alias/.",
      );
    });

    test('viaServices, service principal ARNs and region', () => {
      expect(refusal({
        ...ARGS,
        viaServices: ['s3.us-east-1.amazonaws.com', 'eks'],
        region: 'us-eats-1',
        servicePrincipals: { cloudWatchLogGroupArns: ['/aws/eks/prod/cluster'], cloudTrailArns: [] },
      })).toBe([
        "[HipaaKmsKey 'phi'] 4 problems in the props (all are listed; fix each):",
        "- viaServices[0]: \"s3.us-east-1.amazonaws.com\" is not a service name; give the name alone, e.g. 's3' (it becomes kms:ViaService <service>.<region>.amazonaws.com).",
        "- servicePrincipals.cloudWatchLogGroupArns[0]: '/aws/eks/prod/cluster' is not a CloudWatch Logs log group ARN such as arn:aws:logs:us-east-1:123456789012:log-group:/aws/eks/prod/cluster (a trailing * is allowed).",
        '- servicePrincipals.cloudTrailArns: is empty; leave it out, or give a CloudTrail trail ARN such as arn:aws:cloudtrail:us-east-1:123456789012:trail/phi-audit.',
        "- region: 'us-eats-1' is not an AWS region: 'eats' is not a direction of an AWS region name (central, east, north, northeast, northwest, south, southeast, southwest, west); " +
          "the nearest region is us-east-1; leave it out for the provider's region.",
      ].join('\n'));
      expect(refusal({ ...ARGS, viaServices: [] })).toBe("[HipaaKmsKey 'phi'] viaServices: is empty; leave it out to let users call KMS directly, or name the services, e.g. ['eks', 's3'].");
    });

    test('invalid waivers', () => {
      expect(refusal({ ...ARGS, waivers: [{ ruleId: 'aws-kms-key-rotation', reason: 'short', expires: SOON }] })).toBe(
        "[HipaaKmsKey 'phi'] waivers: [0] reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 5 characters, 1 word) (waiver-invalid).",
      );
    });
  });
});
