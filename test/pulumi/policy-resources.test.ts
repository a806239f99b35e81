import { stackResources } from '../../lib/pulumi/policy-resources';
import { plainProperties, rulesView, UNKNOWN, ValueUnknownDuringPreview, whileRuleRuns } from '../../lib/pulumi/policy-unknowns';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require('@pulumi/policy') as { unknownCheckingProxy(o: object): any };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sentinels = require('@pulumi/policy/proxy') as { unknownStringValue: string; unknownObjectValue: string; unknownArrayValue: string };

const urn = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;
const resource = (type: string, name: string, props: Record<string, any>) => ({ type, name, urn: urn(type, name), props });

describe('stackResources', () => {
  test('Kubernetes objects (apiVersion from the type token) and AWS resources are checked; components, providers and the stack are counted', () => {
    const stack = stackResources([
      resource('pulumi:pulumi:Stack', 'p-dev', {}),
      resource('pulumi:providers:aws', 'default', { region: 'us-east-1' }),
      resource('pulumi:providers:kubernetes', 'eks', {}),
      resource('kubernetes:yaml/v2:ConfigGroup', 'app', { resources: [] }),
      resource('kubernetes:core/v1:Namespace', 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'clinic' }, __inputs: { x: 1 } }),
      resource('kubernetes:apps/v1:Deployment', 'api', { kind: 'Deployment', metadata: { namespace: 'clinic' }, spec: {} }),
      resource('aws:kms/key:Key', 'key', { enableKeyRotation: true }),
      resource('hipaa-constructs:aws:KmsKey', 'key', {}),
    ]);
    expect(stack.resources.map((r) => [r.kind, r.apiVersion, r.namespace, r.name, r.source?.constructPath])).toEqual([
      ['Namespace', 'v1', undefined, 'clinic', urn('kubernetes:core/v1:Namespace', 'ns')],
      // No metadata.name (auto-named, unknown in preview): the logical name stands in.
      ['Deployment', 'apps/v1', 'clinic', 'api', urn('kubernetes:apps/v1:Deployment', 'api')],
      ['aws:kms/key:Key', undefined, undefined, 'key', urn('aws:kms/key:Key', 'key')],
    ]);
    // The provider's own state is not part of the manifest.
    expect(stack.resources[0].body).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'clinic' } });
    expect(stack.ignored).toEqual({
      'pulumi:pulumi:Stack': 1, 'pulumi:providers:aws': 1, 'pulumi:providers:kubernetes': 1, 'kubernetes:yaml/v2:ConfigGroup': 1, 'hipaa-constructs:aws:KmsKey': 1,
    });
    expect(stack.unknown).toEqual({});
  });

  test('the fingerprint changes with any property, unknown or not', () => {
    const key = (props: Record<string, any>) => stackResources([resource('aws:kms/key:Key', 'key', props)]).fingerprint;
    expect(key({ a: 1 })).toBe(key({ a: 1 }));
    expect(key({ a: 1 })).not.toBe(key({ a: 2 }));
    expect(key({ a: sentinels.unknownStringValue })).not.toBe(key({ a: 'x' }));
  });
});

describe('values unknown during preview', () => {
  const props = {
    arn: sentinels.unknownStringValue,
    tags: { env: 'prod', owner: sentinels.unknownStringValue },
    rules: [{ cidr: '10.0.0.0/16' }, sentinels.unknownObjectValue],
    list: sentinels.unknownArrayValue,
  };

  test.each([['plain data holding the sentinels', props], ["behind @pulumi/policy's unknown-checking proxy", unknownCheckingProxy(props)]])('%s: copied with UNKNOWN and the paths', (_, input) => {
    const plain = plainProperties(input);
    expect(plain.value).toEqual({ arn: UNKNOWN, tags: { env: 'prod', owner: UNKNOWN }, rules: [{ cidr: '10.0.0.0/16' }, UNKNOWN], list: UNKNOWN });
    expect(plain.unknownPaths).toEqual(['arn', 'tags.owner', 'rules[1]', 'list']);
  });

  test('a rule reading an unknown value gets ValueUnknownDuringPreview with its path; known values read as they are; outside a rule unknown values are absent', () => {
    const view = rulesView(plainProperties(props));
    expect(whileRuleRuns(() => view.tags.env)).toBe('prod');
    expect(whileRuleRuns(() => view.rules[0].cidr)).toBe('10.0.0.0/16');
    expect(() => whileRuleRuns(() => view.tags.owner)).toThrow(new ValueUnknownDuringPreview('tags.owner'));
    expect(() => whileRuleRuns(() => view.rules.map((r: any) => r.cidr))).toThrow(new ValueUnknownDuringPreview('rules[1]'));
    expect(() => whileRuleRuns(() => Object.entries(view.tags))).toThrow(new ValueUnknownDuringPreview('tags.owner'));
    expect(view.arn).toBeUndefined();
    expect(Object.entries(view.tags)).toEqual([['env', 'prod']]);
    expect(view.tags).toBe(view.tags);
  });

  test('data without unknown values is handed to the rules as it is', () => {
    const plain = plainProperties({ a: { b: [1, 2] } });
    expect(rulesView(plain)).toBe(plain.value);
  });
});
