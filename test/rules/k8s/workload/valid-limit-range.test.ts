import { validLimitRange } from '../../../../lib/rules/k8s/workload/valid-limit-range';
import { compliantSet } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

function limitRange(...items: object[]): object {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'clinic' }, spec: { limits: items } };
}

describe('k8s-valid-limit-range', () => {
  test('passes the compliant objects and an ordered limit range', () => {
    expect(violations(validLimitRange, compliantSet())).toEqual([]);
    expect(violations(validLimitRange, [limitRange({
      type: 'Container',
      min: { cpu: '10m' },
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      default: { cpu: '500m', memory: '128Mi' },
      max: { cpu: '4', memory: '8Gi' },
      maxLimitRequestRatio: { cpu: '10' },
    }, { type: 'Pod', max: { memory: '16Gi' } })])).toEqual([]);
  });

  test('flags a default above the max, naming both, with a fix', () => {
    const [f] = runRule(validLimitRange, [limitRange({ type: 'Container', default: { memory: '16Gi' }, max: { memory: '8Gi' } })]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(
      'spec.limits[0].max.memory: max memory "8Gi" is below default memory "16Gi"; the API server requires min <= defaultRequest <= default <= max',
    );
    expect(f.fix).toBe('Correct spec.limits[0].max.memory so that, per resource, min <= defaultRequest <= default <= max, all valid quantities.');
  });

  test('flags a defaultRequest above the default and a min above the max', () => {
    expect(violations(validLimitRange, [limitRange({ type: 'Container', min: { cpu: '2' }, defaultRequest: { memory: '1Gi' }, default: { memory: '512Mi' }, max: { cpu: '1' } })])).toEqual([
      'spec.limits[0].default.memory: default memory "512Mi" is below defaultRequest memory "1Gi"; the API server requires min <= defaultRequest <= default <= max',
      'spec.limits[0].max.cpu: max cpu "1" is below min cpu "2"; the API server requires min <= defaultRequest <= default <= max',
    ]);
  });

  test('flags invalid quantities, defaults on a Pod item and a ratio below 1', () => {
    expect(violations(validLimitRange, [limitRange({ type: 'Container', max: { cpu: 'lots' }, maxLimitRequestRatio: { memory: '0.5' } }, { type: 'Pod', default: { cpu: '1' } })])).toEqual([
      'spec.limits[0].max.cpu: max cpu: "lots" is not a Kubernetes quantity (a number with an optional suffix, e.g. 500m, 0.5, 128Mi, 1Gi)',
      'spec.limits[0].maxLimitRequestRatio.memory: maxLimitRequestRatio memory "0.5" is below 1; a limit can never be below its request',
      'spec.limits[1].default: a LimitRange item of type Pod cannot set default; defaults apply to containers (type Container)',
    ]);
  });
});
