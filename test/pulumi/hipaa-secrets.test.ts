import * as pulumi from '@pulumi/pulumi';
import { HipaaKmsKey } from '../../lib/pulumi/hipaa-kms-key';
import { HipaaSecrets, HipaaSecretsArgs } from '../../lib/pulumi/hipaa-secrets';
import { validateCustomResources } from '../helpers/crd-schema';
import { SOON } from '../helpers/dates';
import { ACCOUNT, awsFindings, checkRegistered, ofType, one, runProgram, valueOf } from '../helpers/pulumi';
import { KEY_ARN as KEY, TEST_CLUSTER as cluster, stableSnapshot } from '../helpers/pulumi-fixtures';
import { validateManifests } from '../helpers/schema';

const ROTATOR = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:rotate-db`;
// How the engine receives a Pulumi secret: the value wrapped with Pulumi's secret signature (encrypted in the state).
const SECRET_SIG = '4dabf18193072939515e22adb298388d';
const SECRET_VALUE_SIG = '1b47061264138c4ac30d75fd1eb44270';
const args = (over: Partial<HipaaSecretsArgs> = {}): HipaaSecretsArgs => ({
  key: KEY,
  cluster,
  namespace: 'clinic',
  secrets: [
    { name: 'clinic/db', rotation: { lambdaArn: ROTATOR } },
    { name: 'clinic/api-key', waivers: [{ ruleId: 'aws-secret-rotation', reason: 'Vendor issues the key and offers no rotation API', expires: SOON }] },
  ],
  ...over,
});

describe('HipaaSecrets', () => {
  test('secrets under the key, protected, rotated, read by a role scoped to exactly them', async () => {
    let secrets!: HipaaSecrets;
    const resources = await runProgram(() => {
      secrets = new HipaaSecrets('clinic', args());
    });
    expect(stableSnapshot(resources)).toMatchSnapshot();
    expect(one(resources, 'hipaa-constructs:aws:Secrets').name).toBe('clinic');
    const stored = ofType(resources, 'aws:secretsmanager/secret:Secret');
    expect(stored.map((s) => [s.name, s.inputs.name, s.inputs.kmsKeyId, s.inputs.recoveryWindowInDays, s.protect, s.retainOnDelete])).toEqual([
      ['clinic-clinic-db', 'clinic/db', KEY, 30, true, true],
      ['clinic-clinic-api-key', 'clinic/api-key', KEY, 30, true, true],
    ]);
    expect(stored[1].inputs.tags['hipaa-constructs.io/waiver/aws-secret-rotation']).toBe(`expires=${SOON} reason=Vendor issues the key and offers no rotation API`);
    // No value given: no version, so nothing of the value is in the state.
    expect(ofType(resources, 'aws:secretsmanager/secretVersion:SecretVersion')).toEqual([]);
    const rotation = one(resources, 'aws:secretsmanager/secretRotation:SecretRotation');
    expect(rotation.inputs).toEqual({ secretId: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:clinic/db-AbCdEf`, rotationLambdaArn: ROTATOR, rotationRules: { automaticallyAfterDays: 30 }, rotateImmediately: true });

    const trust = JSON.parse(one(resources, 'aws:iam/role:Role').inputs.assumeRolePolicy);
    expect(trust.Statement[0].Condition.StringEquals).toEqual({
      'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:clinic:secrets-store',
      'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com',
    });
    expect(JSON.parse(one(resources, 'aws:iam/rolePolicy:RolePolicy').inputs.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: [`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:clinic/db-AbCdEf`, `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:clinic/api-key-AbCdEf`],
        },
        { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [KEY], Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } },
      ],
    });
    expect(await valueOf(secrets.region)).toBe('us-east-1');
    expect(await valueOf(secrets.roleArn)).toMatch(/^arn:aws:iam::123456789012:role\/clinic-store/);
    expect(awsFindings(resources)).toEqual([]);
    expect(checkRegistered(resources).waived.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual(['aws-secret-rotation clinic-clinic-api-key']);
  });

  test('a value is written as a Pulumi secret; protection can be turned off explicitly', async () => {
    let version!: pulumi.Output<string>;
    const resources = await runProgram(() => {
      const s = new HipaaSecrets('v', args({ protect: false, retainOnDelete: false, serviceAccount: 'db-reader', secrets: [{ name: 'clinic/db', value: pulumi.secret('s3cr3t'), rotation: { lambdaArn: ROTATOR, automaticallyAfterDays: 7, rotateImmediately: false } }] }));
      version = s.secrets['clinic/db'].arn;
    });
    const v = one(resources, 'aws:secretsmanager/secretVersion:SecretVersion');
    expect(v.inputs.secretString).toEqual({ [SECRET_SIG]: SECRET_VALUE_SIG, value: 's3cr3t' });
    expect(one(resources, 'aws:secretsmanager/secret:Secret')).toMatchObject({ protect: false, retainOnDelete: false });
    expect(one(resources, 'aws:secretsmanager/secretRotation:SecretRotation').inputs).toMatchObject({ rotationRules: { automaticallyAfterDays: 7 }, rotateImmediately: false });
    expect(JSON.parse(one(resources, 'aws:iam/role:Role').inputs.assumeRolePolicy).Statement[0].Condition.StringEquals['oidc.eks.us-east-1.amazonaws.com/id/ABC:sub']).toBe('system:serviceaccount:clinic:db-reader');
    expect(await valueOf(version)).toBe(`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:clinic/db-AbCdEf`);
    expect(awsFindings(resources)).toEqual([]);
  });

  test('a value that is not marked secret is made secret before it reaches the state', async () => {
    const resources = await runProgram(() => {
      new HipaaSecrets('sec', args({ secrets: [{ name: 'clinic/db', value: pulumi.output('plain-output'), rotation: { lambdaArn: ROTATOR } }] }));
    });
    expect(one(resources, 'aws:secretsmanager/secretVersion:SecretVersion').inputs.secretString).toEqual({ [SECRET_SIG]: SECRET_VALUE_SIG, value: 'plain-output' });
  });

  test('a China key is used through the .com.cn endpoint', async () => {
    const resources = await runProgram(() => {
      new HipaaSecrets('cn', args({ key: 'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }));
    });
    expect(JSON.parse(one(resources, 'aws:iam/rolePolicy:RolePolicy').inputs.policy).Statement[1].Condition).toEqual({ StringEquals: { 'kms:ViaService': 'secretsmanager.cn-north-1.amazonaws.com.cn' } });
  });

  test('deploys the KmsSecretStore chart with the role, region and ServiceAccount the role trusts', async () => {
    let secrets!: HipaaSecrets;
    const resources = await runProgram(() => {
      secrets = new HipaaSecrets('clinic', args({ chart: { owner: 'records-team', secrets: { 'clinic/db': { keys: { password: 'password' }, name: 'db-credentials' } } } }));
    });
    const manifests = await valueOf(secrets.chart!.manifests);
    expect(one(resources, 'kubernetes:yaml/v2:ConfigGroup').inputs.objs).toEqual(manifests);
    expect(one(resources, 'hipaa-constructs:kubernetes:HipaaChart').name).toBe('clinic-store');
    const roleArn = await valueOf(secrets.roleArn);
    const account = manifests.find((m) => m.kind === 'ServiceAccount')!;
    expect(account.metadata).toMatchObject({ name: 'secrets-store', namespace: 'clinic', annotations: { 'eks.amazonaws.com/role-arn': roleArn } });
    const store = manifests.find((m) => m.kind === 'SecretStore')!;
    expect(store.metadata).toMatchObject({ name: 'secrets-store', namespace: 'clinic' });
    expect(store.spec.provider.aws).toEqual({ service: 'SecretsManager', region: 'us-east-1', auth: { jwt: { serviceAccountRef: { name: 'secrets-store' } } } });
    expect(manifests.filter((m) => m.kind === 'ExternalSecret').map((m) => [m.metadata.name, m.spec.data])).toEqual([
      ['db-credentials', [{ secretKey: 'password', remoteRef: { key: 'clinic/db', property: 'password' } }]],
      [expect.stringMatching(/^clinic-store-store-clinic-api-key-/), [{ secretKey: 'value', remoteRef: { key: 'clinic/api-key' } }]],
    ]);
    // Valid for the API server (core objects) and for the External Secrets CRDs.
    expect(validateManifests(manifests.filter((m) => m.apiVersion !== 'external-secrets.io/v1'))).toEqual([]);
    expect(validateCustomResources(manifests)).toEqual([]);
    // The role trusts exactly the ServiceAccount the chart writes.
    const trust = JSON.parse(ofType(resources, 'aws:iam/role:Role')[0].inputs.assumeRolePolicy);
    expect(trust.Statement[0].Condition.StringEquals['oidc.eks.us-east-1.amazonaws.com/id/ABC:sub']).toBe(`system:serviceaccount:${account.metadata.namespace}:${account.metadata.name}`);
    expect(awsFindings(resources)).toEqual([]);
  });

  test('with a HipaaKmsKey created first whose userRoleNames name the role HipaaSecrets creates later (roleName): the AWS pack finds nothing on the pair', async () => {
    // KMS refuses a key policy whose Principal names a role that does not exist yet
    // (MalformedPolicyDocumentException), so the key admits the role by name through aws:PrincipalArn.
    let secrets!: HipaaSecrets;
    const resources = await runProgram(() => {
      const key = new HipaaKmsKey('phi', {
        administrators: [`arn:aws:iam::${ACCOUNT}:role/key-admins`],
        userRoleNames: ['clinic-secrets'],
        viaServices: ['secretsmanager'],
      });
      secrets = new HipaaSecrets('clinic', args({ key, roleName: 'clinic-secrets' }));
    });
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/clinic-secrets`;
    expect(await valueOf(secrets.roleArn)).toBe(roleArn);
    const keyResource = one(resources, 'aws:kms/key:Key');
    expect(ofType(resources, 'aws:secretsmanager/secret:Secret').map((s) => s.inputs.kmsKeyId)).toEqual([
      expect.stringMatching(/^arn:aws:kms:us-east-1:123456789012:key\//), expect.stringMatching(/^arn:aws:kms:us-east-1:123456789012:key\//),
    ]);
    const statements = JSON.parse(keyResource.inputs.policy).Statement;
    // No statement names the role as Principal (it does not exist when the key is created) ...
    expect(statements.filter((st: any) => JSON.stringify(st.Principal).includes('clinic-secrets'))).toEqual([]);
    // ... the account is the principal, narrowed to exactly the role's ARN and to Secrets Manager.
    const userRoles = statements.find((st: any) => st.Sid === 'KeyUserRoles');
    expect(userRoles).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Condition: { ArnEquals: { 'aws:PrincipalArn': [roleArn] }, StringEquals: { 'kms:ViaService': ['secretsmanager.us-east-1.amazonaws.com'] } },
    });
    expect(userRoles.Action).toContain('kms:Decrypt');
    expect(awsFindings(resources)).toEqual([]);
    expect(() => new HipaaSecrets('bad', args({ roleName: 'clinic secrets' }))).toThrow(
      "[HipaaSecrets 'bad'] roleName: 'clinic secrets' is not an IAM role name: use 1 to 64 letters, digits and + = , . @ _ -.",
    );
  });

  test('the chart may only configure secrets the component creates', () => {
    expect(() => new HipaaSecrets('c', args({ chart: { secrets: { 'clinic/other': {} } } }))).toThrow(
      "[HipaaSecrets 'c'] chart.secrets[\"clinic/other\"]: 'clinic/other' is not one of the secrets ('clinic/db', 'clinic/api-key'); name a secret this component creates.",
    );
  });

  test('refusals, all at once', () => {
    expect(() => new HipaaSecrets('bad', {
      key: 'alias/clinic',
      cluster: undefined as any,
      namespace: 'Clinic',
      serviceAccount: 'default',
      recoveryWindowInDays: 0,
      secrets: [
        { name: 'clinic db' },
        { name: 'clinic/db-AbCdEf' },
        { name: 'a/b' },
        { name: 'a-b' },
        { name: 'x', value: 'hunter2' as any },
        { name: 'y', rotation: { lambdaArn: 'rotate-db', automaticallyAfterDays: 0 } },
        { name: 'z', waivers: [{ ruleId: 'aws-secret-rotation', reason: 'short', expires: SOON }] },
      ],
    })).toThrow([
      "[HipaaSecrets 'bad'] 12 problems in the props (all are listed; fix each):",
      "- key: 'alias/clinic' is an alias name; give the key ARN (e.g. arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab): EKS, S3 bucket keys, CloudWatch Logs and Backup need the ARN of a customer-managed key (aws-secret-kms-key).",
      '- recoveryWindowInDays: 0 deletes a secret at once, without recovery: a mistaken destroy or rename would lose the credential for good; leave it unset (30 days) or give 7 to 30 (aws-secret-recovery-window).',
      "- secrets[0].name: 'clinic db' is not a Secrets Manager name: use 1 to 512 letters, digits and / _ + = . @ -.",
      "- secrets[1].name: 'clinic/db-AbCdEf' ends in a hyphen and six characters, which Secrets Manager appends to secret ARNs: a lookup by partial ARN could find the wrong secret. Change the end of the name.",
      "- secrets[3].name: 'a-b' and 'a/b' make the same resource name; rename one.",
      '- secrets[4].value: is a plain string: it would sit in clear text in the program and in the Pulumi state. Pass a Pulumi secret (new pulumi.Config().requireSecret(...)), or leave value unset and put the value out of band (aws secretsmanager put-secret-value).',
      "- secrets[5].rotation.lambdaArn: 'rotate-db' is not a Lambda function ARN; give arn:<partition>:lambda:<region>:<account>:function:<name>, e.g. arn:aws:lambda:us-east-1:123456789012:function:rotate-db.",
      '- secrets[5].rotation.automaticallyAfterDays: expected a whole number of days from 1 to 1000, got a number (0).',
      '- cluster: is missing: give the cluster (HipaaEksCluster, or { oidcProviderArn, oidcIssuer }) whose KmsSecretStore reads the secrets.',
      "- namespace: Namespace name 'Clinic' is not a valid DNS-1123 label: use only lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (k8s-valid-name).",
      "- serviceAccount: 'default' is the ServiceAccount every pod without one runs as: each of them could read the secrets. Use a dedicated name, e.g. 'secrets-store'.",
      '- secrets[6].waivers: [0] reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 5 characters, 1 word) (waiver-invalid).',
    ].join('\n'));
  });

  test('a name that would make the role name longer than IAM allows', () => {
    const long = 'x'.repeat(51);
    expect(() => new HipaaSecrets(long, args())).toThrow(
      `[HipaaSecrets '${long}'] name: '${long}' makes IAM role names of up to 65 characters (the name, '-store' and Pulumi's 8-character suffix); IAM allows 64. Use a name of at most 50 characters.`,
    );
  });

  test('no secrets and a recovery window out of range', () => {
    expect(() => new HipaaSecrets('e', args({ secrets: [], recoveryWindowInDays: 45 }))).toThrow([
      "[HipaaSecrets 'e'] 2 problems in the props (all are listed; fix each):",
      '- recoveryWindowInDays: expected a whole number of days from 7 to 30, got a number (45) (aws-secret-recovery-window).',
      "- secrets: is empty; give at least one secret, e.g. [{ name: 'clinic/db' }].",
    ].join('\n'));
  });
});
