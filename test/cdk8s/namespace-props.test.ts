import { HipaaNamespace, HipaaNamespaceProps, HipaaValidation } from '../../lib/cdk8s';
import { newChart, expectRefusal } from '../helpers/cdk8s';

function build(props: Partial<HipaaNamespaceProps> | unknown, id = 'clinic'): void {
  new HipaaNamespace(newChart(), id, props as HipaaNamespaceProps);
}

// Everything here is written quietly by today's code and refused by the API server at apply time,
// or is a wrong JavaScript type that crashed with a TypeError.
describe('HipaaNamespace refuses at construction what the API server would refuse', () => {
  const cases: [string, unknown, string][] = [
    [
      'a default limit above the max',
      { owner: 'team', limits: { defaultLimitMemory: '16Gi' } },
      '[test/clinic] limits.maxMemory: max memory "8Gi" is below default memory "16Gi"; the API server requires min <= defaultRequest <= default <= max (k8s-valid-limit-range). Raise limits.maxMemory or lower limits.defaultLimitMemory; the defaults apply to props not given.',
    ],
    [
      'a default request above the default limit',
      { owner: 'team', limits: { defaultRequestCpu: '1' } },
      '[test/clinic] limits.defaultLimitCpu: default cpu "500m" is below defaultRequest cpu "1"; the API server requires min <= defaultRequest <= default <= max (k8s-valid-limit-range). Raise limits.defaultLimitCpu or lower limits.defaultRequestCpu; the defaults apply to props not given.',
    ],
    [
      'a limit that is not a quantity',
      { owner: 'team', limits: { maxCpu: '4 cores' } },
      '[test/clinic] limits.maxCpu: max cpu: "4 cores" is not a Kubernetes quantity (a number with an optional suffix, e.g. 500m, 0.5, 128Mi, 1Gi) (k8s-valid-limit-range).',
    ],
    [
      'a quota that is not a quantity',
      { owner: 'team', quota: { requestsMemory: '16GB' } },
      '[test/clinic] quota.requestsMemory: "16GB" is not a Kubernetes quantity (a number with an optional suffix, e.g. 500m, 0.5, 128Mi, 1Gi), which the API server refuses in spec.hard["requests.memory"] (k8s-valid-resource-quota).',
    ],
    ['a negative count', { owner: 'team', quota: { pods: -1 } }, '[test/clinic] quota.pods: must be a whole number >= 0 (got -1) (k8s-valid-resource-quota).'],
    [
      'a label value over 63 characters',
      { owner: 'team', labels: { 'cost-center': 'x'.repeat(64) } },
      `[test/clinic] labels["cost-center"]: label value '${'x'.repeat(64)}' is 64 characters long; a label value must be at most 63 (k8s-valid-labels).`,
    ],
    [
      'a Pod Security version that is not one',
      { owner: 'team', podSecurityVersion: '1.28' },
      "[test/clinic] podSecurityVersion: '1.28' is not a Pod Security Standards version; use 'v1.<minor>' (e.g. 'v1.28') or 'latest' (k8s-pod-security-admission-labels).",
    ],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('a construct id that cannot be a namespace name, when no name is given', () => {
    expect(() => build({ owner: 'team' }, `Clinic${'x'.repeat(70)}`)).toThrow(
      `[test/Clinic${'x'.repeat(70)}] name: Namespace name 'Clinic${'x'.repeat(70)}' is not a valid DNS-1123 label: use only lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (the construct id is the name when the name prop is not given) (k8s-valid-name). Rename name to a valid DNS-1123 label, e.g. 'clinic${'x'.repeat(57)}'.`,
    );
  });

  test('every problem is reported at once', () => {
    expect(() => build({ owner: '', quota: { limitsCpu: 'lots' }, limits: { maxEphemeralStorage: '100Mi' }, access: { readers: 'clinicians' } })).toThrow([
      '[test/clinic] 4 problems in the props (all are listed; fix each):',
      '- owner: an owner is required so access to PHI can be attributed (k8s-namespace-phi-label); give a team or person.',
      '- quota.limitsCpu: "lots" is not a Kubernetes quantity (a number with an optional suffix, e.g. 500m, 0.5, 128Mi, 1Gi), which the API server refuses in spec.hard["limits.cpu"] (k8s-valid-resource-quota).',
      '- limits.maxEphemeralStorage: max ephemeral-storage "100Mi" is below default ephemeral-storage "256Mi"; the API server requires min <= defaultRequest <= default <= max (k8s-valid-limit-range). Raise limits.maxEphemeralStorage or lower limits.defaultLimitEphemeralStorage; the defaults apply to props not given.',
      '- access.readers: expected a list, got a string ("clinicians").',
    ].join('\n'));
  });
});

describe('HipaaNamespace: wrong JavaScript types get an error naming the field, never a TypeError', () => {
  const cases: [string, unknown, string][] = [
    ['undefined props', undefined, '[test/clinic] props: expected an object, got nothing (undefined).'],
    ['a number owner', { owner: 5 }, '[test/clinic] owner: an owner is required so access to PHI can be attributed (k8s-namespace-phi-label); give a team or person.'],
    ['a number name', { owner: 'team', name: 5 }, '[test/clinic] name: expected a string, got a number (5).'],
    ['quota as a string', { owner: 'team', quota: '8' }, '[test/clinic] quota: expected an object, got a string ("8").'],
    ['a number limit', { owner: 'team', limits: { maxCpu: 4 } }, '[test/clinic] limits.maxCpu: expected a string, got a number (4).'],
    ['one waiver instead of a list', { owner: 'team', waivers: { ruleId: 'k8s-rbac-pod-exec' } }, '[test/clinic] waivers: must be a list of waivers, e.g. [{ ruleId, reason, expires }] (got one waiver object; wrap it in [ ]) (waiver-invalid).'],
    ['labels as a list', { owner: 'team', labels: ['a=b'] }, '[test/clinic] labels: expected an object, got a list.'],
    ['allowDns as a string', { owner: 'team', allowDns: 'no' }, '[test/clinic] allowDns: expected true or false, got a string ("no").'],
    ['a null group', { owner: 'team', access: { admins: [null] } }, '[test/clinic] access.admins[0]: the groups for role phi-admin must be non-empty names from your identity provider (got null).'],
  ];
  test.each(cases)('%s', (_name, props, message) => expectRefusal(() => build(props), message));
});

describe('HipaaValidation.enable: wrong JavaScript types get an error naming the field', () => {
  const cases: [string, unknown, string][] = [
    ['settings as a string', 'strict', '[test] props: expected an object, got a string ("strict").'],
    ['one registry instead of a list', { allowedRegistries: 'ghcr.io/acme' }, '[test] allowedRegistries: expected a list, got a string ("ghcr.io/acme").'],
    ['a number registry', { allowedRegistries: [5] }, '[test] allowedRegistries[0]: expected a string, got a number (5).'],
    ['a number version', { kubernetesVersion: 1.28 }, '[test] kubernetesVersion: expected a string, got a number (1.28).'],
    ['a version with a patch', { kubernetesVersion: 'v1.28.3' }, "[test] kubernetesVersion: 'v1.28.3' is not a Kubernetes minor version; write it as '1.<minor>', e.g. '1.28'."],
    ['one waiver instead of a list', { waivers: { ruleId: 'k8s-privileged' } }, '[test] waivers: must be a list of waivers, e.g. [{ ruleId, reason, expires }] (got one waiver object; wrap it in [ ]) (waiver-invalid).'],
    ['a pack without rules', { pack: { name: 'mine' } }, '[test] pack.rules: expected the list of rules of a RulePack (e.g. kubernetesPack, or combinePacks(...)).'],
  ];
  test.each(cases)('%s', (_name, props, message) => expectRefusal(() => HipaaValidation.enable(newChart(), props as any), message));

  test('reports every problem at once', () => {
    expect(() => HipaaValidation.enable(newChart(), { allowedRegistries: ['https://ghcr.io/acme'], kubernetesVersion: 'latest' })).toThrow([
      '[test] 2 problems in the props (all are listed; fix each):',
      '- allowedRegistries: allowedRegistries entry "https://ghcr.io/acme" is not valid: write the registry without a scheme, e.g. "ghcr.io/acme" (k8s-image-registry).',
      "- kubernetesVersion: 'latest' is not a Kubernetes minor version; write it as '1.<minor>', e.g. '1.28'.",
    ].join('\n'));
  });
});
