import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { HipaaNamespace, HipaaValidation, SecureContainerProps, SecureDeployment } from '../../lib/cdk8s';
import { newChart, REGISTRY } from '../helpers/cdk8s';
import { apartFromMtls } from '../helpers/mesh';

const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);
const digest = fc.stringMatching(/^[a-f0-9]{64}$/);
const port = fc.integer({ min: 1024, max: 65535 });

const containerArb = fc.record({
  name: dnsLabel,
  repo: dnsLabel,
  digest,
  port,
  cpuRequest: fc.integer({ min: 10, max: 2000 }),
  cpuExtra: fc.integer({ min: 0, max: 2000 }),
  memRequest: fc.integer({ min: 16, max: 4096 }),
  memExtra: fc.integer({ min: 0, max: 4096 }),
  storage: fc.integer({ min: 1, max: 8 }),
  livePath: fc.stringMatching(/^\/[a-z]{1,12}$/),
  readyPath: fc.stringMatching(/^\/[a-z]{1,12}$/),
});

const propsArb = fc.record({
  id: dnsLabel,
  replicas: fc.integer({ min: 1, max: 6 }),
  phi: fc.boolean(),
  owner: fc.option(dnsLabel, { nil: undefined }),
  user: fc.integer({ min: 10000, max: 65000 }),
  containers: fc.uniqueArray(containerArb, { minLength: 1, maxLength: 3, selector: (c) => c.name }),
  secretCount: fc.integer({ min: 0, max: 2 }),
  ingressPorts: fc.array(port, { maxLength: 2 }),
  egressPorts: fc.array(port, { maxLength: 2 }),
  tmpMi: fc.integer({ min: 1, max: 512 }),
});

describe('SecureDeployment (property-based)', () => {
  test('any valid props give output with zero findings from the full pack', () => {
    fc.assert(
      fc.property(propsArb, (p) => {
        const chart = newChart();
        new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
        const containers: SecureContainerProps[] = p.containers.map((c) => ({
          name: c.name,
          image: `${REGISTRY}/${c.repo}@sha256:${c.digest}`,
          portNumber: c.port,
          resources: {
            cpu: { request: kplus.Cpu.millis(c.cpuRequest), limit: kplus.Cpu.millis(c.cpuRequest + c.cpuExtra) },
            memory: { request: Size.mebibytes(c.memRequest), limit: Size.mebibytes(c.memRequest + c.memExtra) },
            ephemeralStorage: { request: Size.gibibytes(c.storage), limit: Size.gibibytes(c.storage) },
          },
          liveness: kplus.Probe.fromHttpGet(c.livePath, { port: c.port }),
          readiness: kplus.Probe.fromHttpGet(c.readyPath, { port: c.port }),
        }));
        const d = new SecureDeployment(chart, p.id, {
          containers,
          replicas: p.replicas,
          phi: p.phi,
          owner: p.owner,
          identity: { user: p.user, group: p.user, fsGroup: p.user },
          tmpSize: Size.mebibytes(p.tmpMi),
          secrets: Array.from({ length: p.secretCount }, (_, i) => ({
            secret: kplus.Secret.fromSecretName(chart, `secret-${i}`, `secret-${i}`),
            mountPath: `/var/run/secrets/s${i}`,
          })),
          ingress: p.ingressPorts.map((n, i) => ({
            from: kplus.Namespaces.select(chart, `peer-ns-${i}`, { names: [`peer-${i}`] }),
            ports: [kplus.NetworkPolicyPort.tcp(n)],
          })),
          egress: p.egressPorts.map((n, i) => ({
            to: kplus.NetworkPolicyIpBlock.ipv4(chart, `cidr-${i}`, `10.${i}.0.0/16`),
            ports: [kplus.NetworkPolicyPort.tcp(n)],
          })),
        });
        d.exposeViaService({ ports: [{ port: p.containers[0].port }] });
        const result = HipaaValidation.of(chart)!.check();
        expect(apartFromMtls(result.findings).map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
        expect(() => Testing.synth(chart)).not.toThrow();
      }),
      { numRuns: 60, seed: 20261123 },
    );
  });
});
