import { workloadNetworkPolicy } from '../../../../lib/rules/k8s/namespace/workload-network-policy';
import { POD_KINDS } from '../../../../lib/rules/k8s/pod';
import { apiPolicy, compliantSet, defaultDeny, deployment, namespace, NS } from '../../../helpers/fixtures';
import { clone, violations } from '../../../helpers/rule-test';
import { POD_LABELS_PATH, workloadOfKind } from '../../../helpers/workloads';

const rule = workloadNetworkPolicy;
const LABELS = 'app.kubernetes.io/name=api, hipaa-constructs.io/phi=true';
const UNSELECTED = `spec.template.metadata.labels: no NetworkPolicy in namespace '${NS}' selects the pods of Deployment 'api' (labels ${LABELS}) by label, so their flows are not declared`;

function policySelecting(podSelector: object, namespaceName = NS): object {
  const p = clone(apiPolicy) as any;
  p.spec.podSelector = podSelector;
  p.metadata.namespace = namespaceName;
  return p;
}

describe('k8s-workload-network-policy', () => {
  test('passes a workload selected by its own NetworkPolicy', () => {
    expect(violations(rule, compliantSet())).toEqual([]);
  });

  test('flags a workload that only the namespace default-deny selects', () => {
    expect(violations(rule, [namespace, defaultDeny, deployment])).toEqual([UNSELECTED]);
  });

  test('flags a workload whose labels no policy matches', () => {
    expect(violations(rule, [defaultDeny, deployment, policySelecting({ matchLabels: { 'app.kubernetes.io/name': 'web' } })])).toEqual([UNSELECTED]);
  });

  test('requires every matchLabels pair to match', () => {
    const both = { matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/component': 'backend' } };
    expect(violations(rule, [deployment, policySelecting(both)])).toEqual([UNSELECTED]);
    const d = clone(deployment) as any;
    d.spec.template.metadata.labels['app.kubernetes.io/component'] = 'backend';
    expect(violations(rule, [d, policySelecting(both)])).toEqual([]);
  });

  test('ignores policies of other namespaces and CNI policies of the same kind name', () => {
    const calico = {
      apiVersion: 'projectcalico.org/v3',
      kind: 'NetworkPolicy',
      metadata: { name: 'api', namespace: NS },
      spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, selector: "app.kubernetes.io/name == 'api'" },
    };
    expect(violations(rule, [deployment, policySelecting({ matchLabels: { 'app.kubernetes.io/name': 'api' } }, 'billing'), calico])).toEqual([UNSELECTED]);
  });

  test('follows matchExpressions: In, NotIn, Exists, DoesNotExist', () => {
    const select = (expr: object) => violations(rule, [deployment, policySelecting({ matchExpressions: [expr] })]);
    expect(select({ key: 'app.kubernetes.io/name', operator: 'In', values: ['web', 'api'] })).toEqual([]);
    expect(select({ key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['api'] })).toEqual([UNSELECTED]);
    expect(select({ key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['web'] })).toEqual([]);
    expect(select({ key: 'hipaa-constructs.io/phi', operator: 'Exists' })).toEqual([]);
    expect(select({ key: 'tier', operator: 'Exists' })).toEqual([UNSELECTED]);
    expect(select({ key: 'hipaa-constructs.io/phi', operator: 'DoesNotExist' })).toEqual([UNSELECTED]);
  });

  test('combines matchLabels and matchExpressions', () => {
    const sel = { matchLabels: { 'app.kubernetes.io/name': 'api' }, matchExpressions: [{ key: 'hipaa-constructs.io/phi', operator: 'In', values: ['false'] }] };
    expect(violations(rule, [deployment, policySelecting(sel)])).toEqual([UNSELECTED]);
  });

  test('finds the selecting policy among many', () => {
    const others = Array.from({ length: 50 }, (_, i) => {
      const p = policySelecting({ matchLabels: { 'app.kubernetes.io/name': `svc-${i}` } }) as any;
      p.metadata.name = `svc-${i}`;
      return p;
    });
    expect(violations(rule, [deployment, ...others])).toEqual([UNSELECTED]);
    expect(violations(rule, [deployment, ...others, apiPolicy])).toEqual([]);
  });

  test('does not count a selector Kubernetes would reject', () => {
    expect(violations(rule, [deployment, policySelecting({ matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'Equals', values: ['api'] }] })])).toEqual([UNSELECTED]);
  });

  test('flags pods without labels', () => {
    const d = clone(deployment) as any;
    delete d.spec.template.metadata.labels;
    expect(violations(rule, [d, apiPolicy])).toEqual([
      "spec.template.metadata.labels: the pods of Deployment 'api' have no labels, so no NetworkPolicy can select them",
    ]);
    d.spec.template.metadata.labels = {};
    expect(violations(rule, [d, apiPolicy])).toEqual([
      "spec.template.metadata.labels: the pods of Deployment 'api' have no labels, so no NetworkPolicy can select them",
    ]);
  });

  test('matches the pod labels, not the labels of the workload object', () => {
    const d = clone(deployment) as any;
    d.spec.template.metadata.labels = { 'app.kubernetes.io/name': 'other' };
    expect(violations(rule, [d, apiPolicy])).toEqual([
      `spec.template.metadata.labels: no NetworkPolicy in namespace '${NS}' selects the pods of Deployment 'api' (labels app.kubernetes.io/name=other) by label, so their flows are not declared`,
    ]);
  });

  test('checks every pod-bearing kind at its pod labels path', () => {
    for (const kind of POD_KINDS) {
      expect(violations(rule, [workloadOfKind(kind), apiPolicy])).toEqual([]);
      expect(violations(rule, [workloadOfKind(kind), defaultDeny])).toEqual([
        `${POD_LABELS_PATH[kind]}: no NetworkPolicy in namespace '${NS}' selects the pods of ${kind} 'api' (labels ${LABELS}) by label, so their flows are not declared`,
      ]);
    }
  });

  test('puts a workload and a policy without namespace in the same (default) namespace', () => {
    const d = clone(deployment) as any;
    delete d.metadata.namespace;
    const p = clone(apiPolicy) as any;
    delete p.metadata.namespace;
    expect(violations(rule, [d, p])).toEqual([]);
    expect(violations(rule, [d, apiPolicy])).toEqual([
      `spec.template.metadata.labels: no NetworkPolicy in namespace 'default' selects the pods of Deployment 'api' (labels ${LABELS}) by label, so their flows are not declared`,
    ]);
    expect(violations(rule, [d, apiPolicy], { defaultNamespace: NS })).toEqual([]);
  });
});
