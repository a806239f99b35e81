import { external, flowsTo, NOW, REGISTER, resource } from './fixtures';
import { expiredViolations } from '../../../lib/rules/baa/expired';

const CONFIG = { kind: 'ConfigMap', namespace: 'logging', name: 'fluent-bit' };
const config = resource('ConfigMap', 'logging', 'fluent-bit');

describe('baa-expired', () => {
  test('flags PHI flowing to a vendor whose BAA ended yesterday, with the dates', () => {
    const sink = external('log-sink', { type: 'log-destination', value: 'https://http-intake.logs.datadoghq.com/api/v2/logs' }, CONFIG, 'data.out');
    expect(expiredViolations(flowsTo(sink), REGISTER, config, NOW)).toEqual([{
      path: 'data.out',
      message: 'ships the logs of workload clinic/records-api, which handles PHI, to log destination https://http-intake.logs.datadoghq.com/api/v2/logs ' +
        'of vendor Datadog (datadog), whose BAA is no longer in force (Datadog: BAA signed 2024-01-10 (contract DD-7) expired 2026-06-14)',
      fix: 'Renew the BAA with Datadog (datadog) and record the new dates in the BAA register, or stop sending PHI to it.',
    }]);
  });

  test('flags a terminated BAA', () => {
    const register = { ...REGISTER, vendors: REGISTER.vendors.map((v) => (v.id === 'stripe' ? { ...v, baa: { status: 'terminated' as const, ref: 'MSA 3' } } : v)) };
    const host = external('external-host', { type: 'host', value: 'api.stripe.com' }, CONFIG, 'data.out');
    expect(expiredViolations(flowsTo(host), register, config, NOW).map((v) => v.message)).toEqual([
      'lets workload clinic/records-api send PHI to host api.stripe.com of vendor Stripe (stripe), whose BAA is no longer in force (Stripe: BAA terminated (MSA 3))',
    ]);
  });

  test('passes the same flow the day before the BAA ends, and a non-PHI flow after', () => {
    const sink = external('log-sink', { type: 'log-destination', value: 'https://http-intake.logs.datadoghq.com' }, CONFIG, 'data.out');
    expect(expiredViolations(flowsTo(sink), REGISTER, config, new Date('2026-06-14T23:59:59Z'))).toEqual([]);
    expect(expiredViolations(flowsTo(sink, false), REGISTER, config, NOW)).toEqual([]);
  });
});
