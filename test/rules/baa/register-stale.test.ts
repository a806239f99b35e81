import { edge, external, graph, NOW, REGISTER, resource, workload } from './fixtures';
import { registerStaleViolations } from '../../../lib/rules/baa/register-stale';

const POLICY = { kind: 'NetworkPolicy', namespace: 'clinic', name: 'egress' };
const policy = resource('NetworkPolicy', 'clinic', 'egress');

describe('baa-register-stale', () => {
  test('flags once per vendor an object sends PHI to whose entry is past its review date', () => {
    const api = workload('clinic', 'records-api', true);
    const a = external('external-cidr', { type: 'cidr', value: '203.0.113.0/25' }, POLICY, 'spec.egress[0]');
    const b = external('external-cidr', { type: 'cidr', value: '203.0.113.128/25' }, POLICY, 'spec.egress[1]');
    expect(registerStaleViolations(graph([api, a, b], [edge(api, a), edge(api, b)]), REGISTER, policy, NOW)).toEqual([{
      path: 'spec.egress[0]',
      message: 'lets workload clinic/records-api send PHI to IP block 203.0.113.0/25 of vendor Acme Labs (labs), whose BAA register entry was due for review on 2026-01-01',
      fix: 'Review the BAA with Acme Labs (labs) (is it still in force, does its scope still cover what is sent?) and set a new reviewBy date in the BAA register.',
    }]);
  });

  test('passes a vendor whose review date has not passed, and the last day of the review period', () => {
    const api = workload('clinic', 'records-api', true);
    const ecr = external('registry', { type: 'registry', value: '123456789012.dkr.ecr.us-east-1.amazonaws.com', provider: 'aws', service: 'ecr' }, POLICY, 'x');
    expect(registerStaleViolations(graph([api, ecr], [edge(api, ecr)]), REGISTER, policy, NOW)).toEqual([]);
    const labs = external('external-cidr', { type: 'cidr', value: '203.0.113.0/25' }, POLICY, 'spec.egress[0]');
    expect(registerStaleViolations(graph([api, labs], [edge(api, labs)]), REGISTER, policy, new Date('2026-01-01T20:00:00Z'))).toEqual([]);
  });
});
