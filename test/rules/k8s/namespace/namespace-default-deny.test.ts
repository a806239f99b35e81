import { namespaceDefaultDeny } from '../../../../lib/rules/k8s/namespace/namespace-default-deny';
import { POD_KINDS } from '../../../../lib/rules/k8s/pod';
import { apiPolicy, compliantSet, defaultDeny, deployment, namespace, NS } from '../../../helpers/fixtures';
import { clone, runRule, violations, TEST_SOON } from '../../../helpers/rule-test';
import { workloadOfKind } from '../../../helpers/workloads';

const rule = namespaceDefaultDeny;
const HEAD = `metadata.name: namespace '${NS}' has workloads (Deployment 'api') but no default-deny NetworkPolicy for`;

/** The compliant set with its default-deny policy replaced by the given policies (none: removed). */
function withDefaultDeny(...policies: object[]): object[] {
  return [namespace, ...policies, deployment, apiPolicy];
}

function denyPolicy(spec: object, name = 'default-deny'): object {
  return { ...clone(defaultDeny), metadata: { name, namespace: NS }, spec };
}

describe('k8s-namespace-default-deny', () => {
  test('passes a namespace with a default-deny ingress and egress policy', () => {
    expect(violations(rule, compliantSet())).toEqual([]);
  });

  test('flags a namespace with workloads and no default-deny, on the Namespace object', () => {
    const result = runRule(rule, withDefaultDeny());
    expect(result.unwaived.map((f) => `${f.resource.kind}/${f.resource.name}`)).toEqual(['Namespace/clinic']);
    expect(violations(rule, withDefaultDeny())).toEqual([
      `${HEAD} ingress and egress: no NetworkPolicy in it selects every pod (podSelector: {})`,
    ]);
  });

  test('flags a policy that denies ingress only (policyTypes [Ingress])', () => {
    expect(violations(rule, withDefaultDeny(denyPolicy({ podSelector: {}, policyTypes: ['Ingress'] })))).toEqual([
      `${HEAD} egress: NetworkPolicy 'default-deny' selects every pod but has policyTypes [Ingress], so it does not restrict egress`,
    ]);
  });

  test('flags a policy that denies egress only', () => {
    expect(violations(rule, withDefaultDeny(denyPolicy({ podSelector: {}, policyTypes: ['Egress'] })))).toEqual([
      `${HEAD} ingress: NetworkPolicy 'default-deny' selects every pod but has policyTypes [Egress], so it does not restrict ingress`,
    ]);
  });

  test('flags a policy without policyTypes: the API server defaults them to [Ingress]', () => {
    expect(violations(rule, withDefaultDeny(denyPolicy({ podSelector: {} })))).toEqual([
      `${HEAD} egress: NetworkPolicy 'default-deny' selects every pod but has no policyTypes (defaults to [Ingress]), so it does not restrict egress`,
    ]);
    expect(violations(rule, withDefaultDeny(denyPolicy({ podSelector: {}, policyTypes: [] })))).toEqual([
      `${HEAD} egress: NetworkPolicy 'default-deny' selects every pod but has no policyTypes (defaults to [Ingress]), so it does not restrict egress`,
    ]);
  });

  test('flags a policy without policyTypes whose egress rules make it an egress policy that allows traffic', () => {
    const p = denyPolicy({ podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] });
    expect(violations(rule, withDefaultDeny(p))).toEqual([
      `${HEAD} egress: NetworkPolicy 'default-deny' selects every pod but has 1 egress rule (spec.egress), which allows traffic`,
    ]);
  });

  test('flags a "default-deny" whose rules open traffic', () => {
    const p = denyPolicy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }, {}] });
    expect(violations(rule, withDefaultDeny(p))).toEqual([
      `${HEAD} ingress and egress: NetworkPolicy 'default-deny' selects every pod but has 1 ingress rule (spec.ingress), which allows traffic and has 2 egress rules (spec.egress), which allow traffic`,
    ]);
  });

  test('accepts empty rule lists', () => {
    expect(violations(rule, withDefaultDeny(denyPolicy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [] })))).toEqual([]);
  });

  test('flags a policy that selects some pods only', () => {
    const p = denyPolicy({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, policyTypes: ['Ingress', 'Egress'] });
    expect(violations(rule, withDefaultDeny(p))).toEqual([
      `${HEAD} ingress and egress: no NetworkPolicy in it selects every pod (podSelector: {})`,
    ]);
  });

  test('treats a podSelector with empty matchLabels and matchExpressions, or left out, as selecting every pod', () => {
    expect(violations(rule, withDefaultDeny(denyPolicy({ podSelector: { matchLabels: {}, matchExpressions: [] }, policyTypes: ['Ingress', 'Egress'] })))).toEqual([]);
    expect(violations(rule, withDefaultDeny(denyPolicy({ policyTypes: ['Ingress', 'Egress'] })))).toEqual([]);
  });

  test('accepts separate default-deny ingress and default-deny egress policies', () => {
    const ingress = denyPolicy({ podSelector: {}, policyTypes: ['Ingress'] }, 'deny-ingress');
    const egress = denyPolicy({ podSelector: {}, policyTypes: ['Egress'] }, 'deny-egress');
    expect(violations(rule, withDefaultDeny(ingress, egress))).toEqual([]);
  });

  test('lets additional all-pods allow policies (e.g. DNS egress) sit beside the default-deny', () => {
    const dns = denyPolicy({ podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }, 'allow-dns');
    expect(violations(rule, withDefaultDeny(defaultDeny, dns))).toEqual([]);
  });

  test('ignores a default-deny in another namespace, and a CNI policy of the same kind name', () => {
    const elsewhere = { ...clone(defaultDeny), metadata: { name: 'default-deny', namespace: 'billing' } };
    const calico = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: NS }, spec: { selector: 'all()', types: ['Ingress', 'Egress'] } };
    expect(violations(rule, withDefaultDeny(elsewhere, calico))).toEqual([
      `${HEAD} ingress and egress: no NetworkPolicy in it selects every pod (podSelector: {})`,
    ]);
  });

  test('reports once per namespace, on the first workload when the Namespace object is not in the set', () => {
    const second = clone(deployment) as any;
    second.metadata.name = 'worker';
    const result = runRule(rule, [second, deployment]);
    expect(result.unwaived.map((f) => `${f.resource.kind}/${f.resource.name} ${f.path}: ${f.message}`)).toEqual([
      `Deployment/worker metadata.namespace: namespace '${NS}' has workloads (Deployment 'worker' and 1 more) but no default-deny NetworkPolicy for ingress and egress: no NetworkPolicy in it selects every pod (podSelector: {})`,
    ]);
  });

  test('reports each namespace that lacks a default-deny, and only those', () => {
    const billing = clone(deployment) as any;
    billing.metadata.namespace = 'billing';
    const result = runRule(rule, [...compliantSet(), billing]);
    expect(result.unwaived.map((f) => `${f.resource.namespace}/${f.resource.name}`)).toEqual(['billing/api']);
  });

  test('does not require a default-deny in a namespace without workloads', () => {
    expect(violations(rule, [namespace, apiPolicy])).toEqual([]);
  });

  test('counts every pod-bearing kind as a workload', () => {
    for (const kind of POD_KINDS) {
      expect(violations(rule, [namespace, workloadOfKind(kind)])).toEqual([
        `metadata.name: namespace '${NS}' has workloads (${kind} 'api') but no default-deny NetworkPolicy for ingress and egress: no NetworkPolicy in it selects every pod (podSelector: {})`,
      ]);
    }
  });

  test('puts objects without a namespace in the default namespace (or the one the check is told)', () => {
    const d = clone(deployment) as any;
    delete d.metadata.namespace;
    const p = clone(defaultDeny) as any;
    delete p.metadata.namespace;
    expect(violations(rule, [d, p])).toEqual([]);
    expect(violations(rule, [d])).toEqual([
      "metadata.namespace: namespace 'default' has workloads (Deployment 'api') but no default-deny NetworkPolicy for ingress and egress: no NetworkPolicy in it selects every pod (podSelector: {})",
    ]);
    expect(violations(rule, [namespace, defaultDeny, d], { defaultNamespace: NS })).toEqual([]);
  });

  test('a waiver on the Namespace object waives the finding', () => {
    const ns = clone(namespace) as any;
    ns.metadata.annotations = {
      'hipaa-constructs.io/waivers': JSON.stringify([{ ruleId: rule.id, reason: 'Cilium clusterwide policy denies all traffic by default here', expires: TEST_SOON }]),
    };
    const result = runRule(rule, [ns, deployment]);
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => f.ruleId)).toEqual([rule.id]);
  });
});
