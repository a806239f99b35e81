/**
 * Runs Pulumi programs under `pulumi.runtime.setMocks` and records what they register: the
 * resources' type, name and resolved inputs, as the AWS pack and the snapshots read them.
 * Importing this module installs the mocks for the test file (jest gives each file its own module
 * registry, so the Pulumi runtime state is per file).
 */
import { createHash } from 'crypto';
import * as pulumi from '@pulumi/pulumi';
import { TEST_NOW } from './rule-test';
import { check, CheckOptions, CheckResult } from '../../lib/check/engine';
import { fromPulumiResource, PulumiResourceDescription } from '../../lib/check/pulumi-resource';
import type { RulePack } from '../../lib/check/rule';
import { awsPack } from '../../lib/rules/aws';

// Pulumi captures a stack trace per resource; the tests do not need them (about 2.5x faster).
Error.stackTraceLimit = 0;

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** A registered resource, as recorded. */
export interface Registered extends PulumiResourceDescription {
  /** Whether it is a custom (cloud) resource rather than a component. */
  readonly custom: boolean;
  /** The `protect` option the engine received. */
  readonly protect: boolean;
  /** The `retainOnDelete` option the engine received. */
  readonly retainOnDelete: boolean;
}

let registered: Array<Omit<Registered, 'protect' | 'retainOnDelete'>> = [];
// Resource options are not passed to the mocks: read them from the mock monitor's requests.
const resourceOptions = new Map<string, { protect: boolean; retainOnDelete: boolean }>();

function recordOptions(): void {
  const monitor = pulumi.runtime.getMonitor() as any;
  if (!monitor || monitor.hipaaRecording) return;
  monitor.hipaaRecording = true;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: unknown) => {
    resourceOptions.set(`${req.getType()}::${req.getName()}`, { protect: req.getProtect() === true, retainOnDelete: req.getRetainondelete() === true });
    return register(req, callback);
  };
}

/** Outputs a mocked resource has besides its inputs: ARNs, ids, the cluster's OIDC issuer. */
function computed(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
  const [pkg, mod] = type.split(':');
  const service = (mod ?? '').split('/')[0];
  const resourceName = inputs.name ?? `${name}-${'a1b2c3d'}`;
  const base: Record<string, any> = { arn: `arn:aws:${service}:${REGION}:${ACCOUNT}:${service}/${resourceName}`, name: resourceName };
  if (pkg !== 'aws') return {};
  switch (type) {
    case 'aws:kms/key:Key':
      return { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-${hex12(name)}`, keyId: `1234abcd-12ab-34cd-56ef-${hex12(name)}` };
    case 'aws:iam/role:Role':
      return { arn: `arn:aws:iam::${ACCOUNT}:role/${resourceName}`, name: resourceName };
    case 'aws:eks/cluster:Cluster':
      return {
        ...base,
        arn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${resourceName}`,
        endpoint: `https://${hex12(name).toUpperCase()}.gr7.${REGION}.eks.amazonaws.com`,
        certificateAuthority: { data: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t' },
        identities: [{ oidcs: [{ issuer: `https://oidc.eks.${REGION}.amazonaws.com/id/${hex12(name).toUpperCase()}` }] }],
      };
    case 'aws:ec2/launchTemplate:LaunchTemplate':
      return { arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:launch-template/lt-${hex12(name)}`, latestVersion: 1 };
    case 'aws:iam/openIdConnectProvider:OpenIdConnectProvider':
      return { arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${String(inputs.url ?? '').replace(/^https:\/\//, '')}` };
    case 'aws:s3/bucket:Bucket':
    case 'aws:s3/bucketV2:BucketV2':
      return { arn: `arn:aws:s3:::${inputs.bucket ?? resourceName}`, bucket: inputs.bucket ?? resourceName };
    case 'aws:cloudwatch/logGroup:LogGroup':
      return { arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${resourceName}`, name: resourceName };
    case 'aws:secretsmanager/secret:Secret':
      return { arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${resourceName}-AbCdEf`, name: resourceName };
    default:
      return base;
  }
}

/** 12 hex digits that depend on `s` only, so mocked ids are stable across runs. */
function hex12(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 12);
}

void pulumi.runtime.setMocks(
  {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs, custom: args.custom ?? true, urn: `urn:pulumi:test::hipaa::${args.type}::${args.name}` });
      return { id: `${args.name}-id`, state: { ...computed(args.type, args.name, args.inputs), ...args.inputs } };
    },
    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
      switch (args.token) {
        case 'aws:index/getCallerIdentity:getCallerIdentity':
          return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/test`, userId: 'AIDATEST' };
        case 'aws:index/getRegion:getRegion':
          return { name: REGION, region: REGION, id: REGION };
        case 'aws:index/getPartition:getPartition':
          return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
        default:
          return args.inputs;
      }
    },
  },
  'hipaa',
  'test',
  false,
);

/**
 * Runs `program` and returns every resource it registered (components included) once all of
 * them are registered and their inputs resolved. Resources are in registration order.
 */
export async function runProgram(program: () => void | Promise<void>): Promise<Registered[]> {
  registered = [];
  resourceOptions.clear();
  recordOptions();
  await program();
  // Registrations run asynchronously (some inside `apply`): wait until the SDK's RPC queue drains.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  await (require('@pulumi/pulumi/runtime/settings') as { waitForRPCs(): Promise<void> }).waitForRPCs();
  const out = registered.map((r) => ({ ...r, protect: false, retainOnDelete: false, ...resourceOptions.get(`${r.type}::${r.name}`) }));
  registered = [];
  return out;
}

/** Resources of one type. */
export function ofType(resources: readonly Registered[], type: string): Registered[] {
  return resources.filter((r) => r.type === type);
}

/** The one resource of a type (fails when there is none or more than one). */
export function one(resources: readonly Registered[], type: string): Registered {
  const found = ofType(resources, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}: ${found.map((r) => r.name).join(', ')}`);
  return found[0];
}

/** Resolves an Output (under mocks) to its value. */
export function valueOf<T>(output: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(output).apply((v) => resolve(v as T)));
}

/** Runs a pack (the AWS pack by default) over registered resources, components left out. */
export function checkRegistered(resources: readonly Registered[], pack: RulePack = awsPack, options: CheckOptions = {}): CheckResult {
  return check(resources.filter((r) => r.custom && r.type.startsWith('aws:')).map(fromPulumiResource), pack, { now: TEST_NOW, ...options });
}

/** `type name path: message` of each unwaived finding of the AWS pack. */
export function awsFindings(resources: readonly Registered[], options: CheckOptions = {}): string[] {
  return checkRegistered(resources, awsPack, options).unwaived.map((f) => `${f.resource.kind} ${f.resource.name} ${f.path}: ${f.message} (${f.ruleId})`);
}

/** Type, name and inputs of each resource: what the snapshots pin. */
export function snapshotOf(resources: readonly Registered[]): Array<{ type: string; name: string; inputs: Record<string, any> }> {
  return resources.map((r) => ({ type: r.type, name: r.name, inputs: r.inputs }));
}
