import { readFileSync } from 'fs';
import * as pulumi from '@pulumi/pulumi';
import { load } from 'js-yaml';
import { ClinicStackConfig, clinicStack } from '../../examples/pulumi-eks/stack';
import { parsePolicyDocument } from '../../lib/rules/aws/support/policy-document';
import { ACCOUNT, checkRegistered, ofType, one, REGION, Registered, runProgram } from '../helpers/pulumi';
import { analyzeStack } from '../helpers/stack-analysis';

const CONFIG: ClinicStackConfig = {
  account: ACCOUNT,
  region: REGION,
  privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
  adminRoleArn: `arn:aws:iam::${ACCOUNT}:role/platform-admin`,
  auditorRoleArn: `arn:aws:iam::${ACCOUNT}:role/compliance-auditor`,
};

describe('examples/pulumi-eks', () => {
  let resources: Registered[];
  let stack: ReturnType<typeof clinicStack>;
  beforeAll(async () => {
    resources = await runProgram(() => {
      stack = clinicStack(CONFIG);
    });
  }, 120_000);

  test('builds every component: key, cluster, audit store, secrets, backups, and the example app\'s two charts', () => {
    const components = resources.filter((r) => r.type.startsWith('hipaa-constructs:')).map((r) => `${r.type} ${r.name}`).sort();
    expect(components).toEqual([
      'hipaa-constructs:aws:AuditStore clinic-audit',
      'hipaa-constructs:aws:BackupVault clinic',
      'hipaa-constructs:aws:EksCluster clinic',
      'hipaa-constructs:aws:KmsKey clinic',
      'hipaa-constructs:aws:Secrets clinic-records',
      'hipaa-constructs:aws:WormBucket clinic-audit',
      'hipaa-constructs:aws:WormBucket clinic-velero',
      'hipaa-constructs:kubernetes:HipaaChart clinic',
      'hipaa-constructs:kubernetes:HipaaChart platform',
    ]);
    expect(ofType(resources, 'kubernetes:yaml/v2:ConfigGroup').map((r) => r.name).sort()).toEqual(['clinic', 'platform']);
    // The number of resources, so a change to the stack's shape is read, not missed.
    expect(resources.filter((r) => r.custom).length).toMatchSnapshot();
  });

  test('the AWS pack finds nothing unwaived; the one waiver (secret rotation) is reported as waived', () => {
    // The example's waivers carry real dates: judged against today, not the tests' fixed date.
    const result = checkRegistered(resources, undefined, { now: new Date() });
    expect(result.unwaived.map((f) => `${f.ruleId} ${f.resource.name} ${f.path}`)).toEqual([]);
    expect(result.waived.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual(['aws-secret-rotation clinic-records-patient-records-records-db']);
  });

  test('the CrossGuard policies find no mandatory violation on the stack as deployed (AWS resources and every chart object)', () => {
    const analysis = analyzeStack(resources);
    expect(analysis.mandatory).toEqual([]);
  });

  test('every role that uses the key is admitted by the key policy, and every role the key admits is created by the stack', () => {
    const policy = parsePolicyDocument(one(resources, 'aws:kms/key:Key').inputs.policy).statements!;
    const admitted = new Set(policy.flatMap((s) => Object.values(s.conditions).flatMap((c) => c['aws:PrincipalArn'] ?? [])));
    // Roles are named in advance, so their ARNs are those the key admits.
    const roleNames = ofType(resources, 'aws:iam/role:Role').map((r) => r.inputs.name).filter(Boolean);
    for (const arn of admitted) expect([arn, roleNames.includes(arn.split('/').pop())]).toEqual([arn, true]);
    // A role whose IAM policy allows a usage action on a key must be among them.
    const users = new Set<string>();
    for (const rp of ofType(resources, 'aws:iam/rolePolicy:RolePolicy')) {
      const doc = parsePolicyDocument(rp.inputs.policy).statements ?? [];
      if (doc.some((s) => s.effect === 'Allow' && s.actions.some((a) => /^kms:(Decrypt|GenerateDataKey|Encrypt|CreateGrant)/.test(a)))) users.add(rp.inputs.role);
    }
    expect([...users].sort()).toEqual(['clinic-audit-firehose', 'clinic-cluster', 'clinic-ebs-csi', 'clinic-records-secrets', 'clinic-velero']);
    for (const role of users) expect([role, [...admitted].some((a) => a.endsWith(`/${role}`))]).toEqual([role, true]);
  });

  test('the charts get the ARNs the components created', async () => {
    const groups = ofType(resources, 'kubernetes:yaml/v2:ConfigGroup');
    const objs = (name: string) => groups.find((g) => g.name === name)!.inputs.objs as any[];
    const keyArn = await new Promise<string>((resolve) => stack.key.arn.apply(resolve));
    const secretsRole = await new Promise<string>((resolve) => stack.secrets.roleArn.apply(resolve));
    const velero = await new Promise<string>((resolve) => stack.veleroBucket.bucketName.apply(resolve));
    const sa = objs('clinic').find((m) => m.kind === 'ServiceAccount' && m.metadata.name === 'records-secrets');
    expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toBe(secretsRole);
    expect(objs('clinic').find((m) => m.kind === 'StorageClass').parameters.kmsKeyId).toBe(keyArn);
    const location = objs('clinic').find((m) => m.kind === 'BackupStorageLocation');
    expect(location.spec.objectStorage.bucket).toBe(velero);
    expect(location.spec.config.kmsKeyId).toBe(keyArn);
    const forwarder = objs('platform').find((m) => m.kind === 'ServiceAccount' && m.metadata.namespace === 'audit-logging');
    expect(forwarder.metadata.annotations['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws:iam::123456789012:role\//);
  });
});

/** The stack config as `pulumi config set` writes it, under the project's name (clinic-eks in Pulumi.yaml; the mocks' project here). */
function setStackConfig(extra: Record<string, string> = {}): void {
  const project = pulumi.getProject();
  pulumi.runtime.setAllConfig({
    'aws:region': REGION,
    [`${project}:privateSubnetIds`]: JSON.stringify(CONFIG.privateSubnetIds),
    [`${project}:adminRoleArn`]: CONFIG.adminRoleArn,
    [`${project}:auditorRoleArn`]: CONFIG.auditorRoleArn,
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`${project}:${k}`, v])),
  });
}

/** Runs examples/pulumi-eks/index.ts (its default export) under the mocks and returns the stack outputs. */
async function runIndex(): Promise<Record<string, pulumi.Output<unknown>>> {
  let outputs: Record<string, pulumi.Output<unknown>> = {};
  await runProgram(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require('../../examples/pulumi-eks/index') as () => Promise<Record<string, pulumi.Output<unknown>>>;
    outputs = await program();
  });
  return outputs;
}

test('index.ts reads the stack config and exports the stack outputs', async () => {
  setStackConfig();
  const outputs = await runIndex();
  expect(Object.keys(outputs).sort()).toEqual(['auditBucket', 'clusterName', 'keyArn', 'kubeconfig', 'secretsRoleArn', 'trailArn', 'veleroBucket']);
});

test('Pulumi.yaml: every typed config key without a default is one index.ts requires (the CLI refuses a stack missing it)', () => {
  const dir = `${__dirname}/../../examples/pulumi-eks`;
  const schema = (load(readFileSync(`${dir}/Pulumi.yaml`, 'utf8')) as { config: unknown }).config as Record<string, { type: string; default?: unknown }>;
  const index = readFileSync(`${dir}/index.ts`, 'utf8');
  const required = [...index.matchAll(/config\.require(?:Object<[^>]+>)?\('([^']+)'\)/g)].map((m) => m[1]).sort();
  expect(Object.keys(schema).filter((k) => schema[k].default === undefined).sort()).toEqual(required);
  expect(Object.keys(schema).filter((k) => schema[k].default !== undefined)).toEqual(['deployerRoleArn']);
});

test('index.ts: deployerRoleArn left at its Pulumi.yaml default (empty) means the ambient credentials', async () => {
  setStackConfig({ deployerRoleArn: '' });
  const outputs = await runIndex();
  expect(Object.keys(outputs)).toContain('kubeconfig');
});
