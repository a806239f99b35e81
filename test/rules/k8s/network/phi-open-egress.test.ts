import { API_PODS, egressPolicy, namespaceNamed, policy, TCP_443 } from './fixtures';
import { check } from '../../../../lib/check/engine';
import { fromManifest } from '../../../../lib/check/resource';
import { WAIVERS_ANNOTATION } from '../../../../lib/check/waiver';
import { phiOpenEgress as rule } from '../../../../lib/rules/k8s/network/phi-open-egress';
import { daysFromNow } from '../../../helpers/dates';
import { compliantSet, NS } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';
import { workloadOfKind } from '../../../helpers/workloads';
import { publicNamespace } from '../exposure/fixtures';

const FROM_API = "from PHI workload Deployment 'api'";
const to = (cidr: string, except?: string[]) => egressPolicy({ to: [{ ipBlock: { cidr, ...(except ? { except } : {}) } }], ports: TCP_443 });

describe('k8s-phi-open-egress', () => {
  test('passes the compliant set', () => {
    expect(violations(rule, compliantSet())).toEqual([]);
  });

  test.each([
    ['a /24 database subnet', '10.20.0.0/24'],
    ['a whole /16 VPC (the default limit)', '10.20.0.0/16'],
    ['one IPv4 address', '203.0.113.10/32'],
    ['a /48 IPv6 site (the default limit)', '2001:db8:1::/48'],
    ['a /64 IPv6 subnet', '2001:db8:1:2::/64'],
    ['one IPv6 address', '2001:db8::10/128'],
  ])('passes egress to %s', (_what, cidr) => {
    expect(violations(rule, [...compliantSet(), to(cidr)])).toEqual([]);
  });

  test('passes egress to named namespaces and pods, and to every namespace (cluster-internal)', () => {
    const p = egressPolicy({ to: [namespaceNamed('db'), { podSelector: { matchLabels: { app: 'cache' } } }, { namespaceSelector: {} }], ports: TCP_443 });
    expect(violations(rule, [...compliantSet(), p])).toEqual([]);
  });

  test.each([
    ['0.0.0.0/0', undefined, 'any IPv4 address (ipBlock 0.0.0.0/0)'],
    ['::/0', undefined, 'any IPv6 address (ipBlock ::/0)'],
    ['0.0.0.0/0', ['10.0.0.0/8'], 'any IPv4 address (ipBlock 0.0.0.0/0 except 10.0.0.0/8)'],
    ['::/0', ['fd00::/8'], 'any IPv6 address (ipBlock ::/0 except fd00::/8)'],
    ['10.0.0.0/8', undefined, '10.0.0.0/8, wider than the /16 allowed for IPv4 (minEgressPrefix.ipv4)'],
    ['172.16.0.0/12', ['172.16.5.0/24'], '172.16.0.0/12 except 172.16.5.0/24, wider than the /16 allowed for IPv4 (minEgressPrefix.ipv4)'],
    ['10.20.0.0/15', undefined, '10.20.0.0/15, wider than the /16 allowed for IPv4 (minEgressPrefix.ipv4)'],
    ['2001:db8::/32', undefined, '2001:db8::/32, wider than the /48 allowed for IPv6 (minEgressPrefix.ipv6)'],
    ['fd00::/47', undefined, 'fd00::/47, wider than the /48 allowed for IPv6 (minEgressPrefix.ipv6)'],
  ])('flags egress to %s (except %j)', (cidr, except, what) => {
    expect(violations(rule, [...compliantSet(), to(cidr, except)])).toEqual([`spec.egress[0].to[0].ipBlock.cidr: allows egress to ${what} ${FROM_API}`]);
  });

  test('flags a rule without to, with or without ports', () => {
    const p = policy('api-open', { podSelector: API_PODS, policyTypes: ['Egress'], egress: [{ ports: TCP_443 }] });
    expect(violations(rule, [...compliantSet(), p])).toEqual([`spec.egress[0]: allows egress to every address (the rule names no to) ${FROM_API}`]);
  });

  test('egress rules are in force only when policyTypes holds Egress (or egress rules default it in)', () => {
    const ingressOnly = policy('ingress-only', { podSelector: API_PODS, policyTypes: ['Ingress'], ingress: [{ from: [namespaceNamed('a')] }], egress: [{}] });
    expect(violations(rule, [...compliantSet(), ingressOnly])).toEqual([]);
    const defaulted = policy('defaulted', { podSelector: API_PODS, egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] });
    expect(violations(rule, [...compliantSet(), defaulted])).toEqual([`spec.egress[0].to[0].ipBlock.cidr: allows egress to any IPv4 address (ipBlock 0.0.0.0/0) ${FROM_API}`]);
  });

  test('the limit is a setting: a tighter one flags a /16, a looser one passes a /8', () => {
    expect(violations(rule, [...compliantSet(), to('10.20.0.0/16')], { minEgressPrefix: { ipv4: 24 } })).toEqual([
      `spec.egress[0].to[0].ipBlock.cidr: allows egress to 10.20.0.0/16, wider than the /24 allowed for IPv4 (minEgressPrefix.ipv4) ${FROM_API}`,
    ]);
    expect(violations(rule, [...compliantSet(), to('10.0.0.0/8')], { minEgressPrefix: { ipv4: 8 } })).toEqual([]);
    expect(violations(rule, [...compliantSet(), to('2001:db8:1::/48')], { minEgressPrefix: { ipv6: 64 } })).toEqual([
      `spec.egress[0].to[0].ipBlock.cidr: allows egress to 2001:db8:1::/48, wider than the /64 allowed for IPv6 (minEgressPrefix.ipv6) ${FROM_API}`,
    ]);
    // Any address stays flagged whatever the limit, but /0.
    expect(violations(rule, [...compliantSet(), to('0.0.0.0/0')], { minEgressPrefix: { ipv4: 1 } })).toHaveLength(1);
  });

  test.each([
    [{ ipv4: 33 }, 'minEgressPrefix.ipv4: must be a whole number from 0 to 32 (a prefix length, e.g. 16), got 33'],
    [{ ipv6: -1 }, 'minEgressPrefix.ipv6: must be a whole number from 0 to 128 (a prefix length, e.g. 48), got -1'],
    [{ ipv4: 16.5 }, 'minEgressPrefix.ipv4: must be a whole number from 0 to 32 (a prefix length, e.g. 16), got 16.5'],
    [{ ipv4: '24' }, 'minEgressPrefix.ipv4: must be a whole number from 0 to 32 (a prefix length, e.g. 16), got "24"'],
    [{ v4: 24 }, 'minEgressPrefix.v4: unknown field; use ipv4 and/or ipv6'],
    [24, 'minEgressPrefix: must be an object such as { ipv4: 16, ipv6: 48 } (got 24)'],
  ])('the engine refuses minEgressPrefix %j with a clear error', (value, message) => {
    expect(() => check([fromManifest(to('10.0.0.0/8'))], { name: 'test', description: 'test', rules: [rule] }, { minEgressPrefix: value as any }))
      .toThrow(message);
  });

  test('passes a wide block for a non-PHI workload in a non-PHI namespace; flags it for a PHI one', () => {
    const wide = egressPolicy({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: TCP_443 }, API_PODS, 'public');
    expect(violations(rule, [publicNamespace(), workloadOfKind('Deployment', { namespace: 'public', phi: 'false' }), wide])).toEqual([]);
    expect(violations(rule, [publicNamespace(), workloadOfKind('Job', { namespace: 'public', phi: 'true' }), wide])).toEqual([
      "spec.egress[0].to[0].ipBlock.cidr: allows egress to any IPv4 address (ipBlock 0.0.0.0/0) from PHI workload Job 'api'",
    ]);
  });

  test('a policy in a PHI namespace is about PHI even when it selects no workload of the set', () => {
    const wide = egressPolicy({ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: TCP_443 }, { matchLabels: { app: 'batch' } });
    expect(violations(rule, [...compliantSet(), wide])).toEqual([
      `spec.egress[0].to[0].ipBlock.cidr: allows egress to 10.0.0.0/8, wider than the /16 allowed for IPv4 (minEgressPrefix.ipv4) from pods of PHI namespace '${NS}'`,
    ]);
  });

  test('an invalid CIDR is left to the API server', () => {
    expect(violations(rule, [...compliantSet(), to('10.0.0.0'), to('not-a-cidr/8')])).toEqual([]);
  });

  test('a waiver with its reason accepts the wide block', () => {
    const wide = to('10.0.0.0/8');
    wide.metadata.annotations = {
      [WAIVERS_ANNOTATION]: JSON.stringify([{ ruleId: 'k8s-phi-open-egress', reason: 'Legacy HL7 interface engines spread over the hospital WAN', expires: daysFromNow(90) }]),
    };
    const result = runRule(rule, [...compliantSet(), wide], { now: new Date() });
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => f.path)).toEqual(['spec.egress[0].to[0].ipBlock.cidr']);
  });
});
