import { namespaceNamed, policy, TCP_443 } from './fixtures';
import { WAIVERS_ANNOTATION } from '../../../../lib/check/waiver';
import { phiNamespaceAllowAll as rule } from '../../../../lib/rules/k8s/network/phi-namespace-allow-all';
import { daysFromNow } from '../../../helpers/dates';
import { compliantSet, NS } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';
import { publicNamespace } from '../exposure/fixtures';

const CANCELS = "which cancels the namespace's default deny";
const allPods = (spec: Record<string, unknown>, ns = NS) => policy('allow-all', { podSelector: {}, ...spec }, ns);

describe('k8s-phi-namespace-allow-all', () => {
  test('passes the compliant set: a default deny and a per-workload policy', () => {
    expect(violations(rule, compliantSet())).toEqual([]);
  });

  test('passes namespace-wide DNS egress to kube-dns, as HipaaNamespace writes it', () => {
    const dns = allPods({
      policyTypes: ['Egress'],
      egress: [{
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
      }],
    });
    expect(violations(rule, [...compliantSet(), dns])).toEqual([]);
  });

  test.each([
    ['an empty ingress rule', { policyTypes: ['Ingress'], ingress: [{}] }, 'spec.ingress[0]', 'names no from and no ports, so it allows all ingress on every port'],
    ['an empty egress rule', { policyTypes: ['Egress'], egress: [{}] }, 'spec.egress[0]', 'names no to and no ports, so it allows all egress on every port'],
    ['an empty from list', { policyTypes: ['Ingress'], ingress: [{ from: [], ports: [] }] }, 'spec.ingress[0]', 'names no from and no ports, so it allows all ingress on every port'],
    ['ipBlock 0.0.0.0/0', { policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }, 'spec.ingress[0]', 'allows ingress from any IPv4 address (ipBlock 0.0.0.0/0) on every port'],
    ['ipBlock 0.0.0.0/0 and ::/0', { policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }] }] }, 'spec.egress[0]', 'allows egress to any IPv4 address (ipBlock 0.0.0.0/0) on every port'],
    ['ipBlock ::/0', { policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '::/0' } }] }] }, 'spec.ingress[0]', 'allows ingress from any IPv6 address (ipBlock ::/0) on every port'],
    ['namespaceSelector {} with every pod', { policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {}, podSelector: {} }] }] }, 'spec.ingress[0]', 'allows ingress from every pod in every namespace (namespaceSelector {}) on every port'],
    ['namespaceSelector {} alone, egress', { policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {} }] }] }, 'spec.egress[0]', 'allows egress to every pod in every namespace (namespaceSelector {}) on every port'],
    ['no policyTypes and an empty ingress rule (defaults to [Ingress])', { ingress: [{}] }, 'spec.ingress[0]', 'names no from and no ports, so it allows all ingress on every port'],
  ])('flags a policy for every pod with %s', (_what, spec, path, opens) => {
    expect(violations(rule, [...compliantSet(), allPods(spec)])).toEqual([`${path}: selects every pod of PHI namespace '${NS}' and ${opens}, ${CANCELS}`]);
  });

  test('a podSelector left out selects every pod too', () => {
    const p = policy('allow-all', { policyTypes: ['Egress'], egress: [{}] });
    delete p.spec.podSelector;
    expect(violations(rule, [...compliantSet(), p])).toEqual([`spec.egress[0]: selects every pod of PHI namespace '${NS}' and names no to and no ports, so it allows all egress on every port, ${CANCELS}`]);
  });

  test('flags both directions of one policy', () => {
    expect(violations(rule, [...compliantSet(), allPods({ policyTypes: ['Ingress', 'Egress'], ingress: [{}], egress: [{}] })])).toHaveLength(2);
  });

  test.each([
    ['ports are named', { policyTypes: ['Ingress'], ingress: [{ ports: TCP_443 }] }],
    ['the peer is a named namespace', { policyTypes: ['Ingress'], ingress: [{ from: [namespaceNamed('ingress-nginx')] }] }],
    ['the /0 block has except blocks', { policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] }],
    ['every namespace but pods by label', { policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'x' } } }] }] }],
    ['the rule is in a direction policyTypes leaves out', { policyTypes: ['Ingress'], egress: [{}] }],
  ])('passes when %s', (_what, spec) => {
    expect(violations(rule, [...compliantSet(), allPods(spec)])).toEqual([]);
  });

  test('passes a policy that selects pods by label, and one in a namespace not classified PHI', () => {
    const byLabel = policy('api-all', { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } }, policyTypes: ['Ingress'], ingress: [{}] });
    expect(violations(rule, [...compliantSet(), byLabel])).toEqual([]);
    expect(violations(rule, [publicNamespace(), allPods({ policyTypes: ['Ingress'], ingress: [{}] }, 'public')])).toEqual([]);
  });

  test('a waiver with its reason accepts the policy', () => {
    const p = allPods({ policyTypes: ['Egress'], egress: [{}] });
    p.metadata.annotations = {
      [WAIVERS_ANNOTATION]: JSON.stringify([{ ruleId: 'k8s-phi-namespace-allow-all', reason: 'Migration window while flows are inventoried, see NET-12', expires: daysFromNow(30) }]),
    };
    const result = runRule(rule, [...compliantSet(), p], { now: new Date() });
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => f.path)).toEqual(['spec.egress[0]']);
  });
});
