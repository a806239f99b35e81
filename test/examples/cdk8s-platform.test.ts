import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import * as yaml from 'js-yaml';
import { PlatformChart } from '../../examples/cdk8s-platform/platform-chart';
import { HipaaValidation } from '../../lib/cdk8s';
import { check } from '../../lib/check/engine';
import { fromManifest } from '../../lib/check/resource';
import { kubernetesPack } from '../../lib/rules/k8s';
import { validateAdmissionPolicies } from '../helpers/admission-schema';
import { ofKind } from '../helpers/cdk8s';
import { validateManifests } from '../helpers/schema';

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

describe('examples/cdk8s-platform', () => {
  const manifests = Testing.synth(new PlatformChart(Testing.app(), 'platform'));
  // What reading node logs needs, and what a log-only namespace does not, each waived with a reason.
  const WAIVED = [
    'k8s-host-path-volumes DaemonSet',
    'k8s-phi-namespace-mtls Namespace',
    'k8s-phi-open-egress NetworkPolicy',
    'k8s-pod-security-admission-labels Namespace',
    'k8s-run-as-non-root DaemonSet',
    'k8s-run-as-non-root-user DaemonSet',
    'k8s-service-account-token DaemonSet',
  ];

  test('synthesizes with no unwaived finding (no warning either); the waivers are exactly the forwarder\'s', () => {
    const result = HipaaValidation.of(new PlatformChart(Testing.app(), 'platform'))!.check();
    expect(result.findings.filter((f) => !f.waiver)).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.resource.kind}`).sort()).toEqual(WAIVED);
  });

  test('its YAML and the audit Policy file, checked on their own as hipaa-check would, have the same findings', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-'));
    const app = new App({ outdir });
    const chart = new PlatformChart(app, 'platform');
    app.synth();
    const file = chart.audit.writePolicyFile();
    const policy = yaml.load(fs.readFileSync(file, 'utf8')) as any;
    expect(policy).toMatchObject({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', omitStages: ['RequestReceived'] });
    const result = check([...manifests, policy].map((m) => fromManifest(m)), kubernetesPack, { allowedRegistries: [REGISTRY] });
    expect(result.findings.filter((f) => !f.waiver)).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.resource.kind}`).sort()).toEqual(WAIVED);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('the image policy covers every PHI namespace, the forwarder\'s included, and denies', () => {
    const [binding] = ofKind(manifests, 'ValidatingAdmissionPolicyBinding');
    expect(binding.spec.validationActions).toContain('Deny');
    expect(binding.spec.matchResources.namespaceSelector).toEqual({ matchLabels: { 'hipaa-constructs.io/phi': 'true' } });
    expect(ofKind(manifests, 'Namespace').map((n) => n.metadata.labels['hipaa-constructs.io/phi'])).toEqual(['true']);
  });

  test('is valid against the Kubernetes 1.28 schemas (and the 1.30 admission schemas)', () => {
    const admission = manifests.filter((m) => m.apiVersion === 'admissionregistration.k8s.io/v1');
    expect(admission.map((m) => m.kind).sort()).toEqual(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']);
    expect(validateAdmissionPolicies(admission)).toEqual([]);
    expect(validateManifests(manifests.filter((m) => !admission.includes(m)))).toEqual([]);
  });
});
