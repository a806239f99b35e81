import { API_PODS, ingressPolicy, namespaceNamed, policy, TCP_443 } from './fixtures';
import { WAIVERS_ANNOTATION } from '../../../../lib/check/waiver';
import { phiOpenIngress as rule } from '../../../../lib/rules/k8s/network/phi-open-ingress';
import { daysFromNow } from '../../../helpers/dates';
import { compliantSet, NS } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';
import { workloadOfKind } from '../../../helpers/workloads';
import { publicNamespace } from '../exposure/fixtures';

const TO_API = "to PHI workload Deployment 'api'";

describe('k8s-phi-open-ingress', () => {
  test('passes the compliant set, whose policy admits the ingress controller namespace only', () => {
    expect(violations(rule, compliantSet())).toEqual([]);
  });

  test.each([
    ['a namespace by name', namespaceNamed('ingress-nginx')],
    ['pods by label in the own namespace', { podSelector: { matchLabels: { app: 'portal' } } }],
    ['a private IPv4 block', { ipBlock: { cidr: '10.20.0.0/24' } }],
    ['a documentation IPv6 block', { ipBlock: { cidr: '2001:db8::/32' } }],
    ['namespaces by a team label', { namespaceSelector: { matchLabels: { team: 'portal' } } }],
    ['namespaces by name with In', { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['a', 'b'] }] } }],
  ])('passes ingress from %s', (_what, peer) => {
    expect(violations(rule, [...compliantSet(), ingressPolicy({ from: [peer], ports: TCP_443 })])).toEqual([]);
  });

  test.each([
    ['0.0.0.0/0', 'any IPv4 address (ipBlock 0.0.0.0/0)'],
    ['::/0', 'any IPv6 address (ipBlock ::/0)'],
    ['10.1.2.3/0', 'any IPv4 address (ipBlock 10.1.2.3/0)'],
    ['0::0/0', 'any IPv6 address (ipBlock 0::0/0)'],
  ])('flags ingress from ipBlock %s', (cidr, what) => {
    expect(violations(rule, [...compliantSet(), ingressPolicy({ from: [{ ipBlock: { cidr } }], ports: TCP_443 })])).toEqual([
      `spec.ingress[0].from[0]: allows ingress from ${what} ${TO_API}`,
    ]);
  });

  test('an except block does not make any address a named source', () => {
    const p = ingressPolicy({ from: [namespaceNamed('ingress-nginx'), { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '192.168.0.0/16'] } }], ports: TCP_443 });
    expect(violations(rule, [...compliantSet(), p])).toEqual([
      `spec.ingress[0].from[1]: allows ingress from any IPv4 address (ipBlock 0.0.0.0/0 except 10.0.0.0/8, 192.168.0.0/16) ${TO_API}`,
    ]);
  });

  test('flags a rule without from, with or without ports', () => {
    const p = policy('api-open', { podSelector: API_PODS, policyTypes: ['Ingress'], ingress: [{ ports: TCP_443 }, {}] });
    expect(violations(rule, [...compliantSet(), p])).toEqual([
      `spec.ingress[0]: allows ingress from every address and every pod of the cluster (the rule names no from) ${TO_API}`,
      `spec.ingress[1]: allows ingress from every address and every pod of the cluster (the rule names no from) ${TO_API}`,
    ]);
  });

  test.each([
    ['{}', {}, 'every pod in every namespace (namespaceSelector {})'],
    ['empty matchLabels', { matchLabels: {} }, 'every pod in every namespace (namespaceSelector {})'],
    ['Exists on the name label', { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'Exists' }] }, 'every pod in every namespace (namespaceSelector {})'],
  ])('flags ingress from every namespace: namespaceSelector %s', (_what, namespaceSelector, what) => {
    expect(violations(rule, [...compliantSet(), ingressPolicy({ from: [{ namespaceSelector }], ports: TCP_443 })])).toEqual([
      `spec.ingress[0].from[0]: allows ingress from ${what} ${TO_API}`,
    ]);
  });

  test('flags every namespace but a few, and pods by label in every namespace', () => {
    const p = ingressPolicy({
      from: [
        { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] } },
        { namespaceSelector: {}, podSelector: { matchLabels: { app: 'scanner' } } },
      ],
      ports: TCP_443,
    });
    expect(violations(rule, [...compliantSet(), p])).toEqual([
      `spec.ingress[0].from[0]: allows ingress from every pod in every namespace but 'kube-system' (namespaceSelector {"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"NotIn","values":["kube-system"]}]}) ${TO_API}`,
      `spec.ingress[0].from[1]: allows ingress from pods matching {"matchLabels":{"app":"scanner"}} in every namespace (namespaceSelector {}) ${TO_API}`,
    ]);
  });

  test('ingress rules of a policy whose policyTypes leave out Ingress are not in force', () => {
    const p = policy('egress-only', { podSelector: API_PODS, policyTypes: ['Egress'], ingress: [{}], egress: [{ to: [namespaceNamed('db')], ports: TCP_443 }] });
    expect(violations(rule, [...compliantSet(), p])).toEqual([]);
  });

  test('passes an open policy that selects no PHI workload in a non-PHI namespace', () => {
    const open = ingressPolicy({ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: TCP_443 }, API_PODS, 'public');
    expect(violations(rule, [publicNamespace(), workloadOfKind('Deployment', { namespace: 'public', phi: 'false' }), open])).toEqual([]);
  });

  test('flags an open policy for a PHI workload in a non-PHI namespace', () => {
    const open = ingressPolicy({ from: [{ ipBlock: { cidr: '::/0' } }], ports: TCP_443 }, API_PODS, 'public');
    expect(violations(rule, [publicNamespace(), workloadOfKind('StatefulSet', { namespace: 'public', phi: 'true' }), open])).toEqual([
      "spec.ingress[0].from[0]: allows ingress from any IPv6 address (ipBlock ::/0) to PHI workload StatefulSet 'api'",
    ]);
  });

  test('flags an open policy in a PHI namespace even when it selects no workload of the set', () => {
    const open = ingressPolicy({ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: TCP_443 }, { matchLabels: { app: 'batch' } });
    expect(violations(rule, [...compliantSet(), open])).toEqual([
      `spec.ingress[0].from[0]: allows ingress from any IPv4 address (ipBlock 0.0.0.0/0) to pods of PHI namespace '${NS}'`,
    ]);
  });

  test('leaves an allow-everything rule on every pod of a PHI namespace to k8s-phi-namespace-allow-all', () => {
    const allowAll = policy('allow-all', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] });
    expect(violations(rule, [...compliantSet(), allowAll])).toEqual([]);
    // With ports it no longer cancels the default deny, but it still admits any address.
    const anyOn443 = policy('any-443', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: TCP_443 }] });
    expect(violations(rule, [...compliantSet(), anyOn443])).toEqual([
      "spec.ingress[0].from[0]: allows ingress from any IPv4 address (ipBlock 0.0.0.0/0) to PHI workload Deployment 'api'",
    ]);
  });

  test('a Calico NetworkPolicy of the same kind name is not read', () => {
    const calico = { ...ingressPolicy({ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }), apiVersion: 'projectcalico.org/v3' };
    expect(violations(rule, [...compliantSet(), calico])).toEqual([]);
  });

  test('a waiver with its reason accepts the open policy', () => {
    const open = ingressPolicy({ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: TCP_443 });
    open.metadata.annotations = {
      [WAIVERS_ANNOTATION]: JSON.stringify([{ ruleId: 'k8s-phi-open-ingress', reason: 'Public patient portal behind a WAF with mTLS to the edge', expires: daysFromNow(90) }]),
    };
    const result = runRule(rule, [...compliantSet(), open], { now: new Date() });
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => f.path)).toEqual(['spec.ingress[0].from[0]']);
  });
});
