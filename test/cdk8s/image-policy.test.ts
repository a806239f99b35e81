import { Testing } from 'cdk8s';
import { HipaaNamespace, HipaaValidation, ImagePolicy, ImagePolicyProps, SecureDeployment } from '../../lib/cdk8s';
import { kubernetesPack } from '../../lib/rules/k8s';
import { validateAdmissionPolicies } from '../helpers/admission-schema';
import { container, newChart, ofKind, REGISTRY } from '../helpers/cdk8s';
import { runCel } from '../helpers/cel';
import { validateCustomResources } from '../helpers/crd-schema';
import { apartFromMtls } from '../helpers/mesh';
import { validateManifests } from '../helpers/schema';

const PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEbemiMf8vb76LSf2dQmAm/WbiYCam
9k3j/7CJQy3a9pzP26QrxM+MjgjJxW21mZe0A90jpgUGBMtCoNeUy658vQ==
-----END PUBLIC KEY-----`;
const ISSUER = 'https://token.actions.githubusercontent.com';
const SUBJECT = 'https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main';
const RESOURCES = [
  { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'pods/ephemeralcontainers'] },
  { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'] },
  { apiGroups: ['batch'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['jobs', 'cronjobs'] },
];
const PHI_SELECTOR = { matchLabels: { 'hipaa-constructs.io/phi': 'true' } };

/** A PHI namespace, a workload, and the image policy covering them, in a chart of their own. */
function build(props: Partial<ImagePolicyProps> = {}) {
  const chart = newChart();
  const ns = new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  new SecureDeployment(chart, 'api', { containers: [container()] });
  const policy = new ImagePolicy(chart, 'images', { allowedRegistries: [REGISTRY], name: 'clinic', ...props });
  return { chart, ns, policy, manifests: Testing.synth(chart) };
}

function expectValidAndClean(chart: ReturnType<typeof build>['chart'], manifests: any[]) {
  const result = HipaaValidation.of(chart)!.check();
  expect(apartFromMtls(result.findings)).toEqual([]);
  expect(result.rules.length).toBeGreaterThanOrEqual(kubernetesPack.rules.length);
  const admission = manifests.filter((m) => m.apiVersion === 'admissionregistration.k8s.io/v1');
  expect(validateAdmissionPolicies(admission)).toEqual([]);
  expect(validateManifests(manifests.filter((m) => !admission.includes(m)), { ignoreUnknownKinds: true })).toEqual([]);
  expect(validateCustomResources(manifests)).toEqual([]);
}

describe('ImagePolicy, native admission only', () => {
  const { chart, manifests, policy } = build();
  const [vap] = ofKind(manifests, 'ValidatingAdmissionPolicy');
  const bindings = ofKind(manifests, 'ValidatingAdmissionPolicyBinding');

  test('snapshot', () => {
    expect(manifests.filter((m) => m.apiVersion.startsWith('admissionregistration.k8s.io/'))).toMatchSnapshot();
  });

  test('a v1 ValidatingAdmissionPolicy that fails closed and matches Pods and every workload kind on CREATE and UPDATE', () => {
    expect(vap.apiVersion).toBe('admissionregistration.k8s.io/v1');
    expect(vap.metadata.name).toBe('clinic-images');
    expect(vap.metadata.namespace).toBeUndefined();
    expect(vap.spec.failurePolicy).toBe('Fail');
    expect(vap.spec.matchConstraints).toEqual({ matchPolicy: 'Equivalent', resourceRules: RESOURCES });
    expect(vap.spec.validations.map((v: any) => v.expression)).toEqual([
      "variables.containers.all(c, has(c.image) && c.image.matches('^[^@]+@sha256:[a-f0-9]{64}$'))",
      'variables.containers.all(c, has(c.image) && variables.allowedPrefixes.exists(p, c.image.startsWith(p)))',
      "'hipaa-constructs.io/phi' in variables.podLabels && variables.podLabels['hipaa-constructs.io/phi'] in ['true', 'false']",
    ]);
    expect(vap.spec.variables.find((v: any) => v.name === 'allowedPrefixes').expression).toBe(`['${REGISTRY}/']`);
    expect(policy.policyName).toBe('clinic-images');
    expect(policy.allowedRegistries).toEqual([REGISTRY]);
  });

  test('one binding, for namespaces labelled PHI: Deny and Audit', () => {
    expect(bindings).toHaveLength(1);
    expect(bindings[0].metadata.name).toBe('clinic-phi-namespaces');
    expect(bindings[0].metadata.namespace).toBeUndefined();
    expect(bindings[0].spec).toEqual({ policyName: 'clinic-images', validationActions: ['Deny', 'Audit'], matchResources: { namespaceSelector: PHI_SELECTOR } });
    expect(policy.bindingNames).toEqual(['clinic-phi-namespaces']);
    expect(policy.signaturePolicyNames).toEqual([]);
    expect(ofKind(manifests, 'ImageValidatingPolicy')).toEqual([]);
  });

  test('the Deployment it is written with passes its CEL', () => {
    const [deployment] = ofKind(manifests, 'Deployment');
    const expressions = vap.spec.validations.map((v: any) => v.expression);
    const { results } = runCel([], [{ variables: vap.spec.variables, expressions, object: deployment }]);
    expect(results).toEqual([[{ value: true }, { value: true }, { value: true }]]);
  });

  test('the full rule pack finds nothing; valid v1 admission objects (upstream schema, strict) and 1.28 objects', () => {
    expectValidAndClean(chart, manifests);
  });

  test('audit: false binds with Deny alone', () => {
    const [binding] = ofKind(build({ audit: false }).manifests, 'ValidatingAdmissionPolicyBinding');
    expect(binding.spec.validationActions).toEqual(['Deny']);
  });

  test('namespaces given: a second binding selects them by name', () => {
    const { manifests: m, chart: c } = build({ namespaces: ['billing', 'records'] });
    const named = ofKind(m, 'ValidatingAdmissionPolicyBinding').find((b) => b.metadata.name === 'clinic-named-namespaces');
    expect(named.spec).toEqual({
      policyName: 'clinic-images',
      validationActions: ['Deny', 'Audit'],
      matchResources: { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['billing', 'records'] }] } },
    });
    expectValidAndClean(c, m);
  });

  test('a default name from the construct path', () => {
    const chart2 = newChart();
    const p = new ImagePolicy(chart2, 'images', { allowedRegistries: [REGISTRY] });
    expect(p.policyName).toMatch(/^test-images-[0-9a-f]{8}-images$/);
  });
});

describe('ImagePolicy with Kyverno signatures', () => {
  test('keyless: issuer and subject, signatures verified for every container, Deny, Fail, PHI namespaces', () => {
    const { manifests, chart, policy } = build({ signatures: { keylessIssuer: ISSUER, keylessSubject: SUBJECT } });
    const [ivp] = ofKind(manifests, 'ImageValidatingPolicy');
    expect(manifests.filter((m) => m.kind === 'ImageValidatingPolicy')).toMatchSnapshot();
    expect(ivp.apiVersion).toBe('policies.kyverno.io/v1');
    expect(ivp.metadata.name).toBe('clinic-signatures');
    expect(ivp.metadata.namespace).toBeUndefined();
    expect(ivp.spec.validationActions).toEqual(['Deny']);
    expect(ivp.spec.failurePolicy).toBe('Fail');
    expect(ivp.spec.matchConstraints).toEqual({ resourceRules: RESOURCES, namespaceSelector: PHI_SELECTOR });
    expect(ivp.spec.matchImageReferences).toEqual([{ glob: `${REGISTRY}/*` }]);
    expect(ivp.spec.validationConfigurations).toEqual({ required: true, verifyDigest: true, mutateDigest: false });
    expect(ivp.spec.attestors).toEqual([{ name: 'cosign', cosign: { keyless: { identities: [{ issuer: ISSUER, subject: SUBJECT }] } } }]);
    expect(ivp.spec.attestations).toBeUndefined();
    expect(ivp.spec.validations.map((v: any) => v.expression)).toEqual([
      '(images.containers + images.initContainers + images.ephemeralContainers).all(image, verifyImageSignatures(image, [attestors.cosign]) > 0)',
    ]);
    expect(policy.signaturePolicyNames).toEqual(['clinic-signatures']);
    expectValidAndClean(chart, manifests);
  });

  test('public key and a CycloneDX SBOM attestation; one Kyverno policy per binding', () => {
    const { manifests, chart } = build({ namespaces: ['records'], signatures: { publicKey: PUBLIC_KEY, requireSbom: true } });
    const ivps = ofKind(manifests, 'ImageValidatingPolicy');
    expect(ivps.map((p) => p.metadata.name)).toEqual(['clinic-signatures', 'clinic-signatures-named']);
    expect(ivps[1].spec.matchConstraints.namespaceSelector).toEqual({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['records'] }] });
    for (const ivp of ivps) {
      expect(ivp.spec.attestors).toEqual([{ name: 'cosign', cosign: { key: { data: `${PUBLIC_KEY}\n` } } }]);
      expect(ivp.spec.attestations).toEqual([{ name: 'sbom', intoto: { type: 'https://cyclonedx.org/bom' } }]);
      expect(ivp.spec.validations.map((v: any) => v.expression)).toEqual([
        '(images.containers + images.initContainers + images.ephemeralContainers).all(image, verifyImageSignatures(image, [attestors.cosign]) > 0)',
        '(images.containers + images.initContainers + images.ephemeralContainers).all(image, verifyAttestationSignatures(image, attestations.sbom, [attestors.cosign]) > 0)',
      ]);
    }
    expectValidAndClean(chart, manifests);
  });

  test('the Kyverno expressions are valid CEL (Kyverno\'s functions are evaluated by Kyverno; here they parse)', () => {
    const { manifests } = build({ signatures: { publicKey: PUBLIC_KEY, requireSbom: true } });
    const [ivp] = ofKind(manifests, 'ImageValidatingPolicy');
    const { parsed } = runCel(ivp.spec.validations.map((v: any) => v.expression), []);
    expect(parsed.filter((p) => p.error !== undefined)).toEqual([]);
  });
});

describe('ImagePolicy and the cdk8s entry point', () => {
  test('the Kyverno classes are loaded only when signatures are asked for', () => {
    jest.isolateModules(() => {
      jest.doMock('../../lib/imports/policies.kyverno.io', () => {
        throw new Error('Kyverno classes loaded');
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { ImagePolicy: IP } = require('../../lib/cdk8s');
      const scope = newChart();
      expect(() => new IP(scope, 'native', { allowedRegistries: [REGISTRY] })).not.toThrow();
      expect(() => new IP(scope, 'signed', { allowedRegistries: [REGISTRY], signatures: { publicKey: PUBLIC_KEY } })).toThrow('Kyverno classes loaded');
    });
  });
});
