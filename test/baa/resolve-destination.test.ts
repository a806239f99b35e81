import type { BaaRegister } from '../../lib/baa/baa-register';
import { parseBaaRegister } from '../../lib/baa/read-baa-register';
import { resolveDestination } from '../../lib/baa/resolve-destination';

const NOW = new Date('2026-06-15T12:00:00Z');

const REGISTER: BaaRegister = parseBaaRegister(`apiVersion: hipaa-constructs.io/v1
kind: BaaRegister
vendors:
  - id: aws
    name: AWS
    provider: aws
    baa: {status: signed, signed: 2025-03-01, reviewBy: 2027-03-01, ref: "AWS Artifact, org o-abc"}
    services: [s3, kms, ecr, eks, logs, secretsmanager, backup, sagemaker-geospatial]
    match: {registries: ["*.dkr.ecr.*.amazonaws.com"], accounts: ["123456789012"], buckets: ["phi-backups-*"]}
  - id: datadog
    name: Datadog
    baa: {status: signed, signed: 2024-01-10, expires: 2026-06-14, ref: "contract DD-7"}
    match: {hosts: ["*.datadoghq.com"], logDestinations: ["https://http-intake.logs.datadoghq.com"]}
  - id: stripe
    name: Stripe
    baa: {status: pending}
    match: {hosts: [api.stripe.com]}
  - id: oldcrm
    baa: {status: terminated, signed: 2020-01-01, ref: "MSA 12"}
    match: {cidrs: [198.51.100.0/24]}
  - id: labs
    name: Acme Labs
    baa: {status: signed, signed: 2025-01-01, expires: 2026-06-15, reviewBy: 2026-01-01}
    match: {cidrs: [203.0.113.0/24, "2001:db8:1::/48"], secretStores: ["vault:https://vault.acme-labs.example/*"]}
  - id: dockerhub
    name: Docker Hub
    baa: {status: none}
    match: {registries: [docker.io]}
internal: {cidrs: [10.0.0.0/8, "fd00::/8"], hosts: ["*.internal.example.com"]}
`, 'hipaa-baa.yaml');

describe('resolveDestination', () => {
  test('internal: a CIDR wholly inside an internal CIDR, a host matching an internal pattern', () => {
    expect(resolveDestination(REGISTER, { type: 'cidr', value: '10.20.0.0/16' }, NOW)).toEqual({ status: 'internal', reason: 'internal: inside 10.0.0.0/8' });
    expect(resolveDestination(REGISTER, { type: 'cidr', value: 'fd00:1::/64' }, NOW)).toEqual({ status: 'internal', reason: 'internal: inside fd00::/8' });
    expect(resolveDestination(REGISTER, { type: 'host', value: 'db.internal.example.com' }, NOW)).toEqual({ status: 'internal', reason: 'internal: host matches *.internal.example.com' });
    expect(resolveDestination(REGISTER, { type: 'secret-store', value: 'https://vault.internal.example.com:8200/v1' }, NOW).status).toBe('internal');
  });

  test('a CIDR only partly inside an internal or vendor block is neither (it reaches beyond it)', () => {
    expect(resolveDestination(REGISTER, { type: 'cidr', value: '0.0.0.0/0' }, NOW)).toEqual({ status: 'unregistered', reason: 'no vendor of the BAA register matches IP block 0.0.0.0/0' });
    expect(resolveDestination(REGISTER, { type: 'cidr', value: '10.0.0.0/7' }, NOW).status).toBe('unregistered');
    expect(resolveDestination(REGISTER, { type: 'cidr', value: '203.0.112.0/23' }, NOW).status).toBe('unregistered');
    expect(resolveDestination(REGISTER, { type: 'cidr', value: '203.0.113.128/25' }, NOW).status).toBe('covered');
    expect(resolveDestination(REGISTER, { type: 'cidr', value: '2001:db8:1:5::/64' }, NOW).status).toBe('covered');
  });

  test('covered: signed, not expired; the reason names the vendor, date, reference and review date', () => {
    expect(resolveDestination(REGISTER, { type: 'registry', value: '123456789012.dkr.ecr.us-east-1.amazonaws.com', provider: 'aws', service: 'ecr', account: '123456789012' }, NOW))
      .toEqual({ status: 'covered', vendorId: 'aws', reason: 'AWS: BAA signed 2025-03-01 (AWS Artifact, org o-abc), review by 2027-03-01' });
    // The last day of a BAA still covers; a past review date shows but does not change the status.
    expect(resolveDestination(REGISTER, { type: 'cidr', value: '203.0.113.7' }, NOW))
      .toEqual({ status: 'covered', vendorId: 'labs', reason: 'Acme Labs: BAA signed 2025-01-01, expires 2026-06-15, review by 2026-01-01 (overdue)' });
    expect(resolveDestination(REGISTER, { type: 'bucket', value: 's3://phi-backups-prod/velero', provider: 'aws', service: 's3' }, NOW).status).toBe('covered');
    expect(resolveDestination(REGISTER, { type: 'secret-store', value: 'vault:https://vault.acme-labs.example/v1' }, NOW).vendorId).toBe('labs');
  });

  test('a provider vendor matches its provider\'s destinations, by account too', () => {
    expect(resolveDestination(REGISTER, { type: 'secret-store', value: 'secretsmanager.us-east-1.amazonaws.com', provider: 'aws', service: 'secretsmanager' }, NOW).status).toBe('covered');
    expect(resolveDestination(REGISTER, { type: 'log-destination', value: 'cloudwatch:/aws/eks/clinic', provider: 'aws', service: 'logs' }, NOW).status).toBe('covered');
  });

  test('an account the vendor does not list is not under its BAA; the ECR host names the account', () => {
    expect(resolveDestination(REGISTER, { type: 'registry', value: '999999999999.dkr.ecr.us-east-1.amazonaws.com/team/api' }, NOW)).toEqual({
      status: 'no-baa',
      vendorId: 'aws',
      reason: 'AWS: account 999999999999 is not among the accounts the BAA covers (123456789012)',
    });
  });

  test('not-eligible: a provider service outside the vendor\'s services, or outside the eligible list', () => {
    expect(resolveDestination(REGISTER, { type: 'log-destination', value: 'firehose:phi', provider: 'aws', service: 'firehose' }, NOW)).toEqual({
      status: 'not-eligible',
      vendorId: 'aws',
      reason: 'AWS: service firehose is not among the vendor\'s services in the BAA register (s3, kms, ecr, eks, logs, secretsmanager, backup, sagemaker-geospatial)',
    });
    expect(resolveDestination(REGISTER, { type: 'host', value: 'x.amazonaws.com', provider: 'aws', service: 'sagemaker-geospatial' }, NOW)).toEqual({
      status: 'not-eligible',
      vendorId: 'aws',
      reason: 'AWS: service sagemaker-geospatial is not on the AWS HIPAA-eligible services list (snapshot 2026-12-02)',
    });
  });

  test('expired: past expires, or terminated', () => {
    expect(resolveDestination(REGISTER, { type: 'log-destination', value: 'https://http-intake.logs.datadoghq.com/api/v2/logs' }, NOW)).toEqual({
      status: 'expired',
      vendorId: 'datadog',
      reason: 'Datadog: BAA signed 2024-01-10 (contract DD-7) expired 2026-06-14',
    });
    expect(resolveDestination(REGISTER, { type: 'cidr', value: '198.51.100.10/32' }, NOW)).toEqual({ status: 'expired', vendorId: 'oldcrm', reason: 'oldcrm: BAA terminated (MSA 12)' });
  });

  test('no-baa: none or pending', () => {
    expect(resolveDestination(REGISTER, { type: 'registry', value: 'docker.io/library/nginx' }, NOW)).toEqual({ status: 'no-baa', vendorId: 'dockerhub', reason: 'Docker Hub: no BAA' });
    expect(resolveDestination(REGISTER, { type: 'host', value: 'API.Stripe.com.' }, NOW)).toEqual({ status: 'no-baa', vendorId: 'stripe', reason: 'Stripe: BAA pending, not signed' });
  });

  test('hosts: * is exactly one DNS label', () => {
    expect(resolveDestination(REGISTER, { type: 'host', value: 'app.datadoghq.com' }, NOW).vendorId).toBe('datadog');
    expect(resolveDestination(REGISTER, { type: 'host', value: 'datadoghq.com' }, NOW).status).toBe('unregistered');
    expect(resolveDestination(REGISTER, { type: 'host', value: 'a.b.datadoghq.com' }, NOW).status).toBe('unregistered');
    expect(resolveDestination(REGISTER, { type: 'host', value: 'evil-datadoghq.com' }, NOW).status).toBe('unregistered');
  });

  test('registries match as allowedRegistries do', () => {
    expect(resolveDestination(REGISTER, { type: 'registry', value: 'index.docker.io/library/nginx' }, NOW).vendorId).toBe('dockerhub');
    expect(resolveDestination(REGISTER, { type: 'registry', value: 'ghcr.io/acme/api' }, NOW)).toEqual({ status: 'unregistered', reason: 'no vendor of the BAA register matches registry ghcr.io/acme/api' });
  });

  test('the first covering vendor wins; else the first match in file order says why', () => {
    const register = parseBaaRegister(`apiVersion: hipaa-constructs.io/v1
kind: BaaRegister
vendors:
  - {id: reseller, baa: {status: none}, match: {hosts: ["*.example.net"]}}
  - {id: direct, baa: {status: signed, signed: 2025-01-01}, match: {hosts: ["api.example.net"]}}
  - {id: other, baa: {status: pending}, match: {hosts: ["*.example.net"]}}
`, 'r.yaml');
    expect(resolveDestination(register, { type: 'host', value: 'api.example.net' }, NOW)).toEqual({ status: 'covered', vendorId: 'direct', reason: 'direct: BAA signed 2025-01-01' });
    expect(resolveDestination(register, { type: 'host', value: 'www.example.net' }, NOW)).toEqual({ status: 'no-baa', vendorId: 'reseller', reason: 'reseller: no BAA' });
  });

  test('resolves 10,000 destinations against 50 vendors quickly', () => {
    const vendors = Array.from({ length: 50 }, (_, i) => ({
      id: `v${i}`,
      baa: { status: 'signed' as const, signed: '2025-01-01', reviewBy: '2027-01-01' },
      match: { cidrs: [`100.${i}.0.0/16`], hosts: [`*.vendor${i}.example`], registries: [`registry${i}.example/team`], buckets: [`bucket-${i}-*`] },
    }));
    const register: BaaRegister = { vendors, internal: { cidrs: ['10.0.0.0/8'], hosts: [] } };
    const destinations = Array.from({ length: 10_000 }, (_, i) => {
      const v = i % 60; // a sixth match no vendor
      switch (i % 4) {
        case 0: return { type: 'cidr' as const, value: `100.${v}.${i % 256}.0/24` };
        case 1: return { type: 'host' as const, value: `api.vendor${v}.example` };
        case 2: return { type: 'registry' as const, value: `registry${v}.example/team/app${i}` };
        default: return { type: 'bucket' as const, value: `bucket-${v}-${i}` };
      }
    });
    resolveDestination(register, destinations[0], NOW);
    const start = process.hrtime.bigint();
    const statuses = destinations.map((d) => resolveDestination(register, d, NOW).status);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(statuses.filter((s) => s === 'covered').length).toBe(10_000 - statuses.filter((s) => s === 'unregistered').length);
    expect(statuses.filter((s) => s === 'unregistered').length).toBeGreaterThan(1000);
    // eslint-disable-next-line no-console
    if (process.env.BAA_BENCH) console.log(`resolveDestination: 10,000 destinations x 50 vendors in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(1500);
  });
});
