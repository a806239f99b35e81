import { pdbProtectsSomething } from '../../../../lib/rules/k8s/workload/pdb-protects-something';
import { apiBudget, compliantSet, deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';

function budget(spec: object): any {
  const b = clone(apiBudget) as any;
  b.spec = { selector: b.spec.selector, ...spec };
  return b;
}

describe('k8s-pdb-protects-something', () => {
  test('passes the compliant objects (maxUnavailable 1 of 2 replicas)', () => {
    expect(violations(pdbProtectsSomething, compliantSet())).toEqual([]);
  });

  test.each([
    ['minAvailable 1', { minAvailable: 1 }],
    ['maxUnavailable 50%', { maxUnavailable: '50%' }],
    ['minAvailable 50%', { minAvailable: '50%' }],
  ])('passes %s', (_name, spec) => {
    expect(violations(pdbProtectsSomething, [deployment, budget(spec)])).toEqual([]);
  });

  test('flags maxUnavailable at or above the replicas of the selected workload, with a fix', () => {
    const [f] = runRule(pdbProtectsSomething, [deployment, budget({ maxUnavailable: 2 })]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe("spec.maxUnavailable: PodDisruptionBudget 'api' protects nothing: maxUnavailable 2 is not below the 2 replicas, so every pod can be evicted at once");
    expect(f.fix).toBe('Set spec.maxUnavailable below the replica count (2), e.g. 1, or scale the workload up.');
  });

  test('counts a workload without replicas as one replica', () => {
    const d = clone(deployment) as any;
    delete d.spec.replicas;
    expect(violations(pdbProtectsSomething, [d, budget({ maxUnavailable: 1 })])).toEqual([
      "spec.maxUnavailable: PodDisruptionBudget 'api' protects nothing: maxUnavailable 1 is not below the 1 replica, so every pod can be evicted at once",
    ]);
  });

  test('flags 100% and minAvailable 0 whatever it selects', () => {
    expect(violations(pdbProtectsSomething, [budget({ maxUnavailable: '100%' })])).toEqual([
      'spec.maxUnavailable: PodDisruptionBudget \'api\' protects nothing: maxUnavailable "100%" lets every pod be evicted at once',
    ]);
    expect(violations(pdbProtectsSomething, [budget({ minAvailable: 0 })])).toEqual([
      "spec.minAvailable: PodDisruptionBudget 'api' protects nothing: minAvailable 0 keeps no pod running",
    ]);
  });

  test('does not judge a numeric maxUnavailable when it selects no known workload', () => {
    expect(violations(pdbProtectsSomething, [budget({ maxUnavailable: 5 })])).toEqual([]);
  });
});
