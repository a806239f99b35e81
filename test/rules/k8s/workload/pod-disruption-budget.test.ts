import { podDisruptionBudget } from '../../../../lib/rules/k8s/workload/pod-disruption-budget';
import { apiBudget, deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { workloadOfKind } from '../../../helpers/workloads';

function budget(selector: unknown, extra: Record<string, any> = {}): any {
  return { ...clone(apiBudget), ...extra, spec: { maxUnavailable: 1, selector } };
}

const NONE = "spec.replicas: Deployment 'api' runs 2 replicas, but no PodDisruptionBudget in namespace 'clinic' selects its pods (labels app.kubernetes.io/name=api, hipaa-constructs.io/phi=true)";

describe('k8s-pod-disruption-budget', () => {
  test('passes a replicated Deployment selected by one PodDisruptionBudget', () => {
    expect(violations(podDisruptionBudget, [deployment, apiBudget])).toEqual([]);
  });

  test('flags a replicated Deployment without one, and says what to add', () => {
    const [f] = runRule(podDisruptionBudget, [deployment]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(NONE);
    expect(f.fix).toBe(
      "Add a PodDisruptionBudget (apiVersion policy/v1) in namespace 'clinic' with spec.selector.matchLabels {\"app.kubernetes.io/name\":\"api\"} and spec.maxUnavailable: 1.",
    );
  });

  test('does not ask for one below two replicas, or when replicas is unset (defaults to 1)', () => {
    for (const replicas of [0, 1, undefined]) {
      const d = clone(deployment) as any;
      d.spec.replicas = replicas;
      expect(violations(podDisruptionBudget, [d])).toEqual([]);
    }
  });

  test('flags a StatefulSet too, and ignores other kinds', () => {
    const sts = { ...workloadOfKind('StatefulSet') };
    sts.spec.replicas = 3;
    expect(violations(podDisruptionBudget, [sts])).toEqual([
      "spec.replicas: StatefulSet 'api' runs 3 replicas, but no PodDisruptionBudget in namespace 'clinic' selects its pods (labels app.kubernetes.io/name=api, hipaa-constructs.io/phi=true)",
    ]);
    const rs = workloadOfKind('ReplicaSet');
    rs.spec.replicas = 3;
    expect(violations(podDisruptionBudget, [rs])).toEqual([]);
  });

  test('only a budget in the same namespace counts', () => {
    expect(violations(podDisruptionBudget, [deployment, budget({ matchLabels: { 'app.kubernetes.io/name': 'api' } }, { metadata: { name: 'api', namespace: 'other' } })])).toEqual([NONE]);
  });

  test.each([
    ['matchExpressions In', { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['api', 'web'] }] }, true],
    ['matchExpressions Exists', { matchExpressions: [{ key: 'hipaa-constructs.io/phi', operator: 'Exists' }] }, true],
    ['matchLabels and NotIn', { matchLabels: { 'app.kubernetes.io/name': 'api' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }, true],
    ['an empty policy/v1 selector (every pod in the namespace)', {}, true],
    ['a selector for other pods', { matchLabels: { 'app.kubernetes.io/name': 'web' } }, false],
    ['DoesNotExist on a label the pods carry', { matchExpressions: [{ key: 'hipaa-constructs.io/phi', operator: 'DoesNotExist' }] }, false],
    ['no selector (selects nothing)', undefined, false],
    ['an invalid selector', { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: [] }] }, false],
  ])('selection follows label-selector semantics: %s', (_what, selector, selected) => {
    expect(violations(podDisruptionBudget, [deployment, budget(selector)])).toEqual(selected ? [] : [NONE]);
  });

  test('an empty policy/v1beta1 selector selects nothing', () => {
    expect(violations(podDisruptionBudget, [deployment, budget({}, { apiVersion: 'policy/v1beta1' })])).toEqual([NONE]);
    expect(violations(podDisruptionBudget, [deployment, budget({ matchLabels: { 'app.kubernetes.io/name': 'api' } }, { apiVersion: 'policy/v1beta1' })])).toEqual([]);
  });

  test('flags pods selected by more than one budget, which the eviction API refuses', () => {
    const second = budget({ matchLabels: { 'hipaa-constructs.io/phi': 'true' } }, { metadata: { name: 'phi', namespace: 'clinic' } });
    const [f] = runRule(podDisruptionBudget, [deployment, apiBudget, second]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(
      "spec.template.metadata.labels: the pods of Deployment 'api' are selected by 2 PodDisruptionBudgets ('api', 'phi'); the eviction API refuses to evict a pod covered by more than one, so node drains stall",
    );
    expect(f.fix).toBe("Keep one PodDisruptionBudget for Deployment 'api' and narrow or delete the others ('api', 'phi') so exactly one selects its pods.");
  });
});
