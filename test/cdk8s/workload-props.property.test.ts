import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { HipaaNamespace, HipaaValidation, SecureDeployment, SecureDeploymentProps } from '../../lib/cdk8s';
import { container, newChart } from '../helpers/cdk8s';
import { validateManifests } from '../helpers/schema';

/** Values of the wrong JavaScript type for almost any prop. */
const junk = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -3, max: 70000 }),
  fc.double(),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)), { maxKeys: 2 }),
  fc.bigInt({ min: -2n, max: 2n }),
);

/** Props generators; with `junk`, any field may also hold a value of the wrong type. */
function arbitraries(withJunk: boolean) {
  /** A valid value, or (with junk) the wrong type, or nothing where the prop is optional. */
  const maybe = <T>(valid: fc.Arbitrary<T>, optional = true): fc.Arbitrary<unknown> =>
    fc.oneof(
      { arbitrary: valid, weight: 4 },
      { arbitrary: withJunk ? junk : valid, weight: 1 },
      { arbitrary: optional ? fc.constant(undefined) : valid, weight: 1 },
    );
  // Mostly whole sizes of the unit kplus writes; now and then one it cannot write.
  /** Usually `good`, now and then `bad` (fast-check favours small integers, so weights say how often). */
  const rarely = (bad: fc.Arbitrary<unknown>, good: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: good, weight: 8 }, { arbitrary: bad, weight: 1 });
  const gid = rarely(fc.constant(0), fc.integer({ min: 10000, max: 20000 }));
  const size = (unit: 'Mi' | 'Gi', n: number, odd: boolean) =>
    (odd ? (unit === 'Gi' ? Size.mebibytes(n * 100 + 1) : Size.kibibytes(n * 1024 + 1)) : unit === 'Gi' ? Size.gibibytes(n) : Size.mebibytes(n));
  // A request and a limit that is usually at or above it.
  const pair = (make: (n: number, odd: boolean) => unknown) =>
    fc.record({
      n: fc.integer({ min: 1, max: 8 }),
      delta: rarely(fc.constant(-1), fc.integer({ min: 0, max: 8 })) as fc.Arbitrary<number>,
      odd: rarely(fc.constantFrom(1, 2), fc.constant(0)) as fc.Arbitrary<number>,
    })
      .map(({ n, delta, odd }) => ({ request: make(n, odd === 1), limit: make(Math.max(0, n + delta), odd === 2) }));
  const resources = fc.record({
    cpu: maybe(pair((n, odd) => kplus.Cpu.millis(odd ? -n : n * 100)), false),
    memory: maybe(pair((n, odd) => size('Mi', n * 64, odd)), false),
    ephemeralStorage: maybe(pair((n, odd) => size('Gi', n, odd)), false),
  });
  const containerProps = fc.record({
    name: maybe(fc.constantFrom('api', 'worker')),
    image: maybe(fc.constant(container().image), false),
    resources: maybe(resources, false),
    securityContext: maybe(fc.record({
      // privileged: true meets allowPrivilegeEscalation: false (given or default): refused by us.
      privileged: maybe(rarely(fc.constant(true), fc.constant(false))),
      allowPrivilegeEscalation: maybe(fc.constant(false)),
      group: maybe(gid),
    })),
    liveness: maybe(fc.constant(kplus.Probe.fromHttpGet('/livez')), false),
    readiness: maybe(fc.constant(kplus.Probe.fromHttpGet('/readyz')), false),
    portNumber: maybe(fc.constant(8080), false),
    volumeMounts: maybe(fc.constant(null).map(() => [])),
  });
  const containers = fc.uniqueArray(withJunk ? fc.oneof(containerProps, junk) : containerProps, {
    minLength: 1,
    maxLength: 2,
    selector: (c: any) => c?.name ?? 'main',
  });
  return fc.record({
    containers: withJunk ? fc.oneof({ arbitrary: containers, weight: 4 }, { arbitrary: junk, weight: 1 }) : containers,
    replicas: maybe(rarely(fc.constant(0), fc.integer({ min: 1, max: 4 }))),
    maxUnavailable: maybe(rarely(fc.integer({ min: 0, max: 4 }), fc.constant(1))),
    phi: maybe(fc.boolean()),
    owner: maybe(fc.string({ maxLength: 80 })),
    identity: maybe(fc.record({
      user: maybe(fc.integer({ min: 10000, max: 20000 })),
      group: maybe(gid),
      fsGroup: maybe(gid),
    })),
    secrets: maybe(fc.array(fc.record({
      mountPath: maybe(rarely(fc.constantFrom('secrets', '/tmp', '/tmp/'), fc.constantFrom('/var/run/secrets/db', '/var/run/secrets/db/', '/etc/app')), false),
      containers: maybe(fc.array(fc.constantFrom('api', 'worker', 'ghost'), { maxLength: 2 })),
    }), { maxLength: 2 })),
    waivers: maybe(fc.constant(null).map(() => [])),
    tmpSize: maybe(fc.integer({ min: 1, max: 256 }).map((n) => size('Mi', n, n % 50 === 0))),
    metadata: maybe(fc.record({ labels: maybe(fc.constant({ team: 'records' })) })),
  }, { requiredKeys: ['containers'] });
}

/** Gives each secret entry a real Secret (when it is an object). */
function withSecrets(props: any, chart: any): any {
  if (props && Array.isArray(props.secrets)) {
    props.secrets = props.secrets.map((s: any, i: number) => (s && typeof s === 'object' ? { ...s, secret: kplus.Secret.fromSecretName(chart, `s${i}`, `s${i}`) } : s));
  }
  return props;
}

/** Builds the props in a fresh chart: the manifests, or the error it threw. */
function attempt(raw: unknown): { manifests?: any[]; chart: any; error?: unknown } {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  try {
    new SecureDeployment(chart, 'api', withSecrets(raw, chart) as SecureDeploymentProps);
    return { chart, manifests: Testing.synth(chart) };
  } catch (error) {
    return { chart, error };
  }
}

/**
 * Our refusals: at construction they start with the construct path; at synth they list findings,
 * or (a secret for a container that never appeared) come wrapped by cdk8s's serialization error.
 */
const OURS = /^\[test\/api\] |^hipaa-constructs: refusing to synthesize chart 'test'|^Failed serializing construct at path 'test\/api\/Resource' with name '[^']+': Error: \[test\/api\] /;

describe('SecureDeployment (property-based): input never crashes, output is API-valid', () => {
  test('props with values of the wrong JavaScript type give our error naming the field, never a TypeError', () => {
    let refused = 0;
    fc.assert(
      fc.property(arbitraries(true), (raw) => {
        const { error } = attempt(raw);
        if (error === undefined) return;
        refused++;
        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(TypeError);
        expect(error).not.toBeInstanceOf(RangeError);
        expect((error as Error).message).toMatch(OURS);
      }),
      { numRuns: 250, seed: 20261201 },
    );
    expect(refused).toBeGreaterThan(100);
  });

  test('props of the right types are refused by us, or give output that passes the strict 1.28 schema and every validity rule', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(arbitraries(false), (raw) => {
        const { chart, manifests, error } = attempt(raw);
        if (error !== undefined) {
          refused++;
          expect(error).not.toBeInstanceOf(TypeError);
          expect((error as Error).message).toMatch(OURS);
          return;
        }
        accepted++;
        expect(validateManifests(manifests!)).toEqual([]);
        const validity = HipaaValidation.of(chart)!.check().findings.filter((f) => /^k8s-(valid-|unique-object|pdb-protects|run-as-non-root-group)/.test(f.ruleId));
        expect(validity.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
      }),
      { numRuns: 250, seed: 20261201 },
    );
    // Both sides of the property are exercised.
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });
});
