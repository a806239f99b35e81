import { validResources } from '../../../../lib/rules/k8s/workload/valid-resources';
import { compliantSet, deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { containerNamed, POD_SPEC_PATH, specOf, WORKLOAD_KINDS, workloadOfKind } from '../../../helpers/workloads';

function withResources(resources: unknown): any {
  const d = clone(deployment) as any;
  d.spec.template.spec.containers[0].resources = resources;
  return d;
}

describe('k8s-valid-resources', () => {
  test('passes the compliant objects', () => {
    expect(violations(validResources, compliantSet())).toEqual([]);
  });

  test.each([
    ['decimal and binary suffixes', { cpu: '0.5', memory: '1.5Gi' }, { cpu: '1', memory: '2Gi' }],
    ['exponents and bare numbers', { cpu: '5e-1', memory: 134217728 }, { cpu: 1, memory: '134217728' }],
    ['equal requests and limits', { 'cpu': '250m', 'ephemeral-storage': '1Gi' }, { 'cpu': '0.25', 'ephemeral-storage': '1024Mi' }],
    ['a limit without a request', {}, { cpu: '2' }],
  ])('passes %s', (_name, requests, limits) => {
    expect(violations(validResources, [withResources({ requests, limits })])).toEqual([]);
  });

  test('flags a limit below its request, naming both, with a fix', () => {
    const [f] = runRule(validResources, [withResources({ requests: { cpu: '500m' }, limits: { cpu: '100m' } })]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(
      'spec.template.spec.containers[0].resources.limits.cpu: container \'api\': cpu limit "100m" is below its request "500m"; the API server refuses a request above the limit',
    );
    expect(f.fix).toBe('Raise spec.template.spec.containers[0].resources.limits.cpu to at least "500m", or lower resources.requests.cpu to at most "100m".');
  });

  test('compares across suffixes: 1Gi of memory is more than 1G', () => {
    expect(violations(validResources, [withResources({ requests: { memory: '1Gi' }, limits: { memory: '1G' } })])).toEqual([
      'spec.template.spec.containers[0].resources.limits.memory: container \'api\': memory limit "1G" is below its request "1Gi"; the API server refuses a request above the limit',
    ]);
  });

  test.each(['1GB', '1 Gi', '', 'one', '1.2.3', '0x10', 'Mi'])('flags the invalid quantity %j', (bad) => {
    expect(violations(validResources, [withResources({ requests: { memory: bad }, limits: { memory: '1Gi' } })])).toEqual([
      `spec.template.spec.containers[0].resources.requests.memory: container 'api' requests memory: ${JSON.stringify(bad)} is not a Kubernetes quantity (a number with an optional suffix, e.g. 500m, 0.5, 128Mi, 1Gi)`,
    ]);
  });

  test('flags a negative quantity and a wrong type', () => {
    expect(violations(validResources, [withResources({ requests: { cpu: '-1' }, limits: { memory: true } })])).toEqual([
      'spec.template.spec.containers[0].resources.limits.memory: container \'api\' limits memory: true is not a Kubernetes quantity (a number with an optional suffix, e.g. 500m, 0.5, 128Mi, 1Gi)',
      'spec.template.spec.containers[0].resources.requests.cpu: container \'api\' requests cpu: "-1" is negative; it must be 0 or more',
    ]);
  });

  test.each(WORKLOAD_KINDS)('checks init containers of a %s at its own paths', (kind) => {
    const obj = workloadOfKind(kind);
    const init = containerNamed('migrate');
    init.resources = { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } };
    specOf(obj).initContainers = [init];
    expect(violations(validResources, [obj])).toEqual([
      `${POD_SPEC_PATH[kind]}.initContainers[0].resources.limits.memory: init container 'migrate': memory limit "1Gi" is below its request "2Gi"; the API server refuses a request above the limit`,
    ]);
  });
});
