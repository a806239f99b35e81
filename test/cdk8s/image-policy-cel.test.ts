/**
 * The CEL of ImagePolicy's ValidatingAdmissionPolicy, evaluated for real (test/helpers/cel.ts)
 * against good and bad Pods and workloads, as synthesized: the variables in order, then each
 * validation's expression and messageExpression.
 */
import { Testing } from 'cdk8s';
import { ImagePolicy } from '../../lib/cdk8s';
import { newChart, ofKind } from '../helpers/cdk8s';
import { runCel } from '../helpers/cel';

const DIGEST = `@sha256:${'a'.repeat(64)}`;
const GOOD = `registry.example.com/clinic/api${DIGEST}`;
const PHI = { 'hipaa-constructs.io/phi': 'true' };

const chart = newChart();
new ImagePolicy(chart, 'images', { allowedRegistries: ['registry.example.com', 'ghcr.io/acme', 'localhost:5000'] });
const [policy] = ofKind(Testing.synth(chart), 'ValidatingAdmissionPolicy');
const { variables, validations } = policy.spec;
const expressions: string[] = validations.map((v: any) => v.expression);
const messages: string[] = validations.map((v: any) => v.messageExpression);

interface PodShape {
  containers?: string[];
  initContainers?: string[];
  ephemeralContainers?: string[];
  labels?: Record<string, string> | null;
}

function podSpec(p: PodShape): any {
  const spec: any = { containers: (p.containers ?? [GOOD]).map((image, i) => ({ name: `c${i}`, image })) };
  if (p.initContainers) spec.initContainers = p.initContainers.map((image, i) => ({ name: `init${i}`, image }));
  if (p.ephemeralContainers) spec.ephemeralContainers = p.ephemeralContainers.map((image, i) => ({ name: `debug${i}`, image }));
  return spec;
}

function metadata(p: PodShape): any {
  return p.labels === null ? {} : { labels: p.labels ?? PHI };
}

function pod(p: PodShape = {}): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...metadata(p) }, spec: podSpec(p) };
}

function workload(kind: string, p: PodShape = {}): any {
  const template = { metadata: metadata(p), spec: podSpec(p) };
  if (kind === 'CronJob') return { apiVersion: 'batch/v1', kind, metadata: { name: 'w' }, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } } };
  return { apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, metadata: { name: 'w' }, spec: { template } };
}

// [name, object, [digest ok, registry ok, label ok]]
const CASES: Array<[string, any, [boolean, boolean, boolean]]> = [
  ['a compliant Pod', pod(), [true, true, true]],
  ['a Pod labelled "false"', pod({ labels: { 'hipaa-constructs.io/phi': 'false' } }), [true, true, true]],
  ['a Pod whose image has a tag and a digest', pod({ containers: [`registry.example.com/clinic/api:1.2${DIGEST}`] }), [true, true, true]],
  ['a Pod whose image has a tag only', pod({ containers: ['registry.example.com/clinic/api:1.2'] }), [false, true, true]],
  ['a Pod whose digest is short', pod({ containers: [`registry.example.com/clinic/api@sha256:${'a'.repeat(63)}`] }), [false, true, true]],
  ['a Pod whose digest is upper-case', pod({ containers: [`registry.example.com/clinic/api@sha256:${'A'.repeat(64)}`] }), [false, true, true]],
  ['a Pod whose digest is followed by more', pod({ containers: [`${GOOD}x`] }), [false, true, true]],
  ['a Pod whose digest is sha512', pod({ containers: [`registry.example.com/clinic/api@sha512:${'a'.repeat(128)}`] }), [false, true, true]],
  ['a Pod with an unpinned init container', pod({ initContainers: ['registry.example.com/clinic/migrate:latest'] }), [false, true, true]],
  ['a Pod with an unpinned ephemeral container', pod({ ephemeralContainers: ['registry.example.com/debug:1'] }), [false, true, true]],
  ['a Pod with a second, unpinned container', pod({ containers: [GOOD, 'registry.example.com/sidecar'] }), [false, true, true]],
  ['a Pod from a look-alike host', pod({ containers: [`registry.example.com.evil.io/clinic/api${DIGEST}`] }), [true, false, true]],
  ['a Pod from a host that only contains the allowed one', pod({ containers: [`evil.io/registry.example.com/api${DIGEST}`] }), [true, false, true]],
  ['a Pod from an allowed repository prefix', pod({ containers: [`ghcr.io/acme/api${DIGEST}`] }), [true, true, true]],
  ['a Pod from a look-alike repository prefix', pod({ containers: [`ghcr.io/acmeevil/api${DIGEST}`] }), [true, false, true]],
  ['a Pod from another repository of the same host', pod({ containers: [`ghcr.io/other/api${DIGEST}`] }), [true, false, true]],
  ['a Pod from a registry with a port', pod({ containers: [`localhost:5000/api${DIGEST}`] }), [true, true, true]],
  ['a Pod from the same host on another port', pod({ containers: [`localhost:5001/api${DIGEST}`] }), [true, false, true]],
  ['a Pod with a Docker Hub image', pod({ containers: [`nginx${DIGEST}`] }), [true, false, true]],
  ['a Pod with an init container from another registry', pod({ initContainers: [`docker.io/library/busybox${DIGEST}`] }), [true, false, true]],
  ['a Pod without labels', pod({ labels: null }), [true, true, false]],
  ['a Pod with other labels only', pod({ labels: { app: 'api' } }), [true, true, false]],
  ['a Pod labelled "yes"', pod({ labels: { 'hipaa-constructs.io/phi': 'yes' } }), [true, true, false]],
  ['a Pod labelled "True"', pod({ labels: { 'hipaa-constructs.io/phi': 'True' } }), [true, true, false]],
  ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'].flatMap((kind): Array<[string, any, [boolean, boolean, boolean]]> => [
    [`a compliant ${kind}`, workload(kind), [true, true, true]],
    [`a ${kind} with a tag`, workload(kind, { containers: ['registry.example.com/clinic/api:1.2'] }), [false, true, true]],
    [`a ${kind} from a look-alike host`, workload(kind, { initContainers: [`registry.example.com.evil.io/x${DIGEST}`] }), [true, false, true]],
    [`a ${kind} whose pods have no PHI label`, workload(kind, { labels: null }), [true, true, false]],
  ]),
];

const run = runCel([...variables.map((v: any) => v.expression), ...expressions, ...messages], CASES.map(([, object]) => ({
  variables,
  expressions: [...expressions, ...messages],
  object,
})));

describe('ImagePolicy CEL', () => {
  test('the policy has the three validations and the variables they read', () => {
    expect(validations).toHaveLength(3);
    expect(variables.map((v: any) => v.name)).toEqual(['podTemplate', 'podLabels', 'containers', 'allowedPrefixes']);
    expect(variables[3].expression).toBe("['registry.example.com/', 'ghcr.io/acme/', 'localhost:5000/']");
  });

  test('every expression and messageExpression compiles', () => {
    expect(run.parsed.filter((p) => p.error !== undefined)).toEqual([]);
    expect(run.parsed).toHaveLength(variables.length + 6);
  });

  test.each(CASES.map(([name, , want], i) => [name, want, i] as const))('%s: digest, registry, label = %j', (_name, want, i) => {
    const results = run.results[i];
    expect(results.filter((r) => r.error !== undefined)).toEqual([]);
    expect(results.slice(0, 3).map((r) => r.value)).toEqual(want);
    // Each message expression yields a string (the API server falls back to message otherwise).
    for (const r of results.slice(3)) expect(typeof r.value).toBe('string');
  });

  test('the messages name the offending images and label values', () => {
    const at = (name: string): any[] => run.results[CASES.findIndex(([n]) => n === name)].map((r) => r.value);
    expect(at('a Pod with an unpinned init container')[3]).toBe(
      'images not pinned by digest (<registry>/<repository>@sha256:<64 hex digits>): init0=registry.example.com/clinic/migrate:latest',
    );
    expect(at('a Pod from a look-alike host')[4]).toBe(
      'images from registries that are not allowed (allowed: registry.example.com/, ghcr.io/acme/, localhost:5000/): ' +
        `c0=registry.example.com.evil.io/clinic/api${DIGEST}`,
    );
    expect(at('a Pod labelled "yes"')[5]).toBe('pod label hipaa-constructs.io/phi must be "true" or "false", got "yes"');
    expect(at('a Pod without labels')[5]).toBe('pods must carry the label hipaa-constructs.io/phi ("true" or "false")');
  });

  test('the evaluator is real: a broken expression fails to parse', () => {
    const broken = runCel(['variables.containers.all(c, ', "object.kind == 'Pod'"], []);
    expect(broken.parsed[0].error).toBeDefined();
    expect(broken.parsed[1].error).toBeUndefined();
  });
});
