import { edge, external, flowsTo, graph, NOW, REGISTER, resource, workload } from './fixtures';
import { phiEgressViolations } from '../../../lib/rules/baa/phi-egress';

const POLICY = { kind: 'NetworkPolicy', namespace: 'clinic', name: 'records-api-egress' };
const policy = resource('NetworkPolicy', 'clinic', 'records-api-egress');
const PATH = 'spec.egress[0].to[0].ipBlock.cidr';

describe('baa-phi-egress', () => {
  test('flags PHI egress to a block no vendor matches (fail closed), naming the workload and the destination', () => {
    const g = flowsTo(external('external-cidr', { type: 'cidr', value: '192.0.2.0/24' }, POLICY, PATH));
    expect(phiEgressViolations(g, REGISTER, policy, NOW)).toEqual([{
      path: PATH,
      message: 'lets workload clinic/records-api send PHI to IP block 192.0.2.0/24, which no vendor of the BAA register matches',
      fix: 'Add the vendor of IP block 192.0.2.0/24 to the BAA register with its signed BAA (or to internal, if it is the organisation\'s own), or stop sending PHI there.',
    }]);
  });

  test('flags PHI egress to a host of a vendor without a signed BAA, naming the vendor', () => {
    const g = flowsTo(external('external-host', { type: 'host', value: 'api.stripe.com' }, POLICY, 'spec.egress[1].toFQDNs[0].matchName'));
    expect(phiEgressViolations(g, REGISTER, policy, NOW)).toEqual([{
      path: 'spec.egress[1].toFQDNs[0].matchName',
      message: 'lets workload clinic/records-api send PHI to host api.stripe.com of vendor Stripe (stripe), which has no BAA that covers it (Stripe: BAA pending, not signed)',
      fix: 'Sign a BAA with Stripe (stripe) that covers host api.stripe.com and record it in the BAA register, or stop sending PHI there.',
    }]);
  });

  test('names every PHI workload that reaches the destination', () => {
    const to = external('external-cidr', { type: 'cidr', value: '192.0.2.0/24' }, POLICY, PATH);
    const a = workload('clinic', 'a', true);
    const b = workload('clinic', 'b', true);
    const c = workload('clinic', 'c', true);
    const [v] = phiEgressViolations(graph([a, b, c, to], [edge(a, to), edge(b, to), edge(c, to)]), REGISTER, policy, NOW);
    expect(v.message).toBe('lets workload clinic/a and 2 more send PHI to IP block 192.0.2.0/24, which no vendor of the BAA register matches');
  });

  test('passes egress to a covered vendor, to the internal network, from a non-PHI workload, and on another object', () => {
    expect(phiEgressViolations(flowsTo(external('external-cidr', { type: 'cidr', value: '203.0.113.0/25' }, POLICY, PATH)), REGISTER, policy, NOW)).toEqual([]);
    expect(phiEgressViolations(flowsTo(external('external-cidr', { type: 'cidr', value: '10.1.0.0/16' }, POLICY, PATH)), REGISTER, policy, NOW)).toEqual([]);
    expect(phiEgressViolations(flowsTo(external('external-cidr', { type: 'cidr', value: '192.0.2.0/24' }, POLICY, PATH), false), REGISTER, policy, NOW)).toEqual([]);
    const other = resource('NetworkPolicy', 'clinic', 'other');
    expect(phiEgressViolations(flowsTo(external('external-cidr', { type: 'cidr', value: '192.0.2.0/24' }, POLICY, PATH)), REGISTER, other, NOW)).toEqual([]);
  });

  test('leaves expired BAAs and other kinds of destination to their rules', () => {
    const registry = external('registry', { type: 'registry', value: 'quay.io' }, { kind: 'NetworkPolicy', namespace: 'clinic', name: 'records-api-egress' }, PATH);
    expect(phiEgressViolations(flowsTo(registry), REGISTER, policy, NOW)).toEqual([]);
  });

  test('uses the graph\'s vendor match when the builder resolved one', () => {
    const node = { ...external('external-cidr', { type: 'cidr', value: '192.0.2.0/24' }, POLICY, PATH), vendor: { status: 'internal' as const, reason: 'internal: inside 192.0.2.0/24' } };
    expect(phiEgressViolations(flowsTo(node), REGISTER, policy, NOW)).toEqual([]);
  });

  test('finds a node whose object names no namespace for an object in the default namespace', () => {
    const g = flowsTo(external('external-cidr', { type: 'cidr', value: '192.0.2.0/24' }, { kind: 'NetworkPolicy', namespace: 'default', name: 'p' }, PATH));
    expect(phiEgressViolations(g, REGISTER, resource('NetworkPolicy', undefined, 'p'), NOW)).toHaveLength(1);
  });
});
