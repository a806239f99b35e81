import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HipaaNamespace, SecureDeployment } from '../../lib/cdk8s';
import { container, newChart, REGISTRY } from '../helpers/cdk8s';
import { SOON } from '../helpers/dates';

/** Builds a chart with a HipaaNamespace and whatever `add` puts in it, then synthesizes it. */
function synth(add: (c: Construct) => void): void {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  add(chart);
  Testing.synth(chart);
}

// Each error names the construct path, the rule id, the field and the fix. The whole message is
// pinned: a reworded rule must be reviewed here, where a user would read it.
describe('SecureDeployment refuses bad input with an exact, helpful error', () => {
  test('an image by tag', () => {
    expect(() => synth((c) => new SecureDeployment(c, 'api', { containers: [container({ image: `${REGISTRY}/clinic/api:1.4.2` })] }))).toThrow([
      "hipaa-constructs: refusing to synthesize chart 'test': 1 unwaived finding.",
      "- [k8s-image-digest] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].image: container 'api' uses image '123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api:1.4.2' by tag '1.4.2', not pinned by digest",
      '    fix: Pin spec.template.spec.containers[0].image by digest: 123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api:1.4.2@sha256:<64 hex digest>; look the digest up with `crane digest 123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api:1.4.2` or `docker buildx imagetools inspect 123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api:1.4.2`.',
      'Fix each finding, or accept it with a waiver (addWaivers / the waivers prop) that gives a reason and an expiry date.',
    ].join('\n'));
  });

  test('the latest tag', () => {
    expect(() => synth((c) => new SecureDeployment(c, 'api', { containers: [container({ image: `${REGISTRY}/clinic/api:latest` })] }))).toThrow([
      "hipaa-constructs: refusing to synthesize chart 'test': 2 unwaived findings.",
      "- [k8s-image-digest] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].image: container 'api' uses image '123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api:latest' by tag 'latest', not pinned by digest",
      '    fix: Pin spec.template.spec.containers[0].image by digest: 123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api:latest@sha256:<64 hex digest>; look the digest up with `crane digest 123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api:latest` or `docker buildx imagetools inspect 123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api:latest`.',
      "- [k8s-image-latest-tag] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].image: container 'api' uses image '123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api:latest' tagged 'latest', which runs whatever was pushed last",
      "    fix: Replace ':latest' in spec.template.spec.containers[0].image with the release's version and pin its digest: 123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api:<version>@sha256:<64 hex digest>.",
      'Fix each finding, or accept it with a waiver (addWaivers / the waivers prop) that gives a reason and an expiry date.',
    ].join('\n'));
  });

  test('an image from a registry that is not allowed', () => {
    expect(() => synth((c) => new SecureDeployment(c, 'api', { containers: [container({ image: `docker.io/library/nginx@sha256:${'d'.repeat(64)}` })] }))).toThrow([
      "hipaa-constructs: refusing to synthesize chart 'test': 1 unwaived finding.",
      "- [k8s-image-registry] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].image: container 'api' uses image 'docker.io/library/nginx@sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd' from registry 'docker.io' (docker.io/library/nginx), which allowedRegistries does not allow (allowed: *.dkr.ecr.*.amazonaws.com)",
      "    fix: Push the image to an allowed registry (*.dkr.ecr.*.amazonaws.com) and set spec.template.spec.containers[0].image to its reference there, pinned by digest; or, if the organisation controls and scans 'docker.io', add it (or 'docker.io/library') to allowedRegistries.",
      'Fix each finding, or accept it with a waiver (addWaivers / the waivers prop) that gives a reason and an expiry date.',
    ].join('\n'));
  });

  test('missing requests and limits', () => {
    expect(() => synth((c) => new SecureDeployment(c, 'api', { containers: [container({ resources: undefined as any })] }))).toThrow([
      "hipaa-constructs: refusing to synthesize chart 'test': 6 unwaived findings.",
      "- [k8s-resource-limits] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].resources.limits.cpu: container 'api' sets no cpu limit",
      "    fix: Set spec.template.spec.containers[0].resources.limits.cpu to the most container 'api' may use, e.g. cpu: 500m.",
      "- [k8s-resource-limits] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].resources.limits.ephemeral-storage: container 'api' sets no ephemeral-storage limit",
      "    fix: Set spec.template.spec.containers[0].resources.limits.ephemeral-storage to the most container 'api' may use, e.g. ephemeral-storage: 128Mi.",
      "- [k8s-resource-limits] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].resources.limits.memory: container 'api' sets no memory limit",
      "    fix: Set spec.template.spec.containers[0].resources.limits.memory to the most container 'api' may use, e.g. memory: 256Mi.",
      "- [k8s-resource-requests] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].resources.requests.cpu: container 'api' sets no cpu request",
      "    fix: Set spec.template.spec.containers[0].resources.requests.cpu to what container 'api' needs at steady state, e.g. cpu: 100m.",
      "- [k8s-resource-requests] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].resources.requests.ephemeral-storage: container 'api' sets no ephemeral-storage request",
      "    fix: Set spec.template.spec.containers[0].resources.requests.ephemeral-storage to what container 'api' needs at steady state, e.g. ephemeral-storage: 64Mi.",
      "- [k8s-resource-requests] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].resources.requests.memory: container 'api' sets no memory request",
      "    fix: Set spec.template.spec.containers[0].resources.requests.memory to what container 'api' needs at steady state, e.g. memory: 128Mi.",
      'Fix each finding, or accept it with a waiver (addWaivers / the waivers prop) that gives a reason and an expiry date.',
    ].join('\n'));
  });

  test('missing probes', () => {
    expect(() => synth((c) => new SecureDeployment(c, 'api', { containers: [container({ liveness: undefined as any, readiness: undefined as any })] }))).toThrow([
      "hipaa-constructs: refusing to synthesize chart 'test': 2 unwaived findings.",
      "- [k8s-liveness-probe] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].livenessProbe: container 'api' has no livenessProbe",
      '    fix: Add spec.template.spec.containers[0].livenessProbe: {httpGet: {path: /livez, port: 8080}, periodSeconds: 10}, checking only that the process itself is alive (not its dependencies).',
      "- [k8s-readiness-probe] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].readinessProbe: container 'api' has no readinessProbe",
      '    fix: Add spec.template.spec.containers[0].readinessProbe: {httpGet: {path: /readyz, port: 8080}, periodSeconds: 10}, answering ready only when the container can serve requests.',
      'Fix each finding, or accept it with a waiver (addWaivers / the waivers prop) that gives a reason and an expiry date.',
    ].join('\n'));
  });

  test('a privileged container (escalation allowed, as the API server requires)', () => {
    expect(() => synth((c) => new SecureDeployment(c, 'api', { containers: [container({ securityContext: { privileged: true, allowPrivilegeEscalation: true } })] }))).toThrow([
      "hipaa-constructs: refusing to synthesize chart 'test': 2 unwaived findings.",
      "- [k8s-allow-privilege-escalation] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: container 'api' sets securityContext.allowPrivilegeEscalation to true, so setuid binaries can gain privileges",
      '    fix: Set spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: false.',
      "- [k8s-privileged] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].securityContext.privileged: container 'api' sets securityContext.privileged: true, which gives it every Linux capability and full access to the node's devices",
      '    fix: Set spec.template.spec.containers[0].securityContext.privileged: false (or remove it). Privileged node agents belong outside namespaces that hold PHI; an exception needs a waiver with a reason.',
      'Fix each finding, or accept it with a waiver (addWaivers / the waivers prop) that gives a reason and an expiry date.',
    ].join('\n'));
  });

  test('a hostPath volume', () => {
    expect(() => synth((c) => {
      const d = new SecureDeployment(c, 'api', { containers: [container()] });
      d.addVolume(kplus.Volume.fromHostPath(c, 'logs', 'logs', { path: '/var/log' }));
    })).toThrow([
      "hipaa-constructs: refusing to synthesize chart 'test': 1 unwaived finding.",
      "- [k8s-host-path-volumes] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.volumes[1].hostPath: volume 'logs' mounts the node's path '/var/log' into the pod, giving it access to node files and leaving what it writes on the node",
      "    fix: Replace the hostPath source of volume 'logs' (spec.template.spec.volumes[1]) with persistentVolumeClaim: { claimName: ... } on an encrypted StorageClass for data that must persist, or emptyDir: { sizeLimit: ... } for scratch space.",
      'Fix each finding, or accept it with a waiver (addWaivers / the waivers prop) that gives a reason and an expiry date.',
    ].join('\n'));
  });

  test('runAsUser 0', () => {
    expect(() => synth((c) => new SecureDeployment(c, 'api', { containers: [container()], identity: { user: 0 } }))).toThrow([
      "hipaa-constructs: refusing to synthesize chart 'test': 2 unwaived findings.",
      "- [k8s-run-as-non-root-user] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].securityContext.runAsUser: container 'api' sets securityContext.runAsUser: 0, so it runs as root",
      "    fix: Set spec.template.spec.containers[0].securityContext.runAsUser to a non-zero UID (10000 or above, e.g. 10001) that the image works with, or remove it so the pod's runAsUser (or else the image's USER) applies.",
      '- [k8s-run-as-non-root-user] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.securityContext.runAsUser: the pod sets securityContext.runAsUser: 0, so its containers run as root unless they set another UID',
      '    fix: Set spec.template.spec.securityContext.runAsUser to a non-zero UID (10000 or above, e.g. 10001) that the image works with.',
      'Fix each finding, or accept it with a waiver (addWaivers / the waivers prop) that gives a reason and an expiry date.',
    ].join('\n'));
  });

  test('an added capability', () => {
    expect(() => synth((c) => new SecureDeployment(c, 'api', { containers: [container({ securityContext: { capabilities: { drop: [kplus.Capability.ALL], add: [kplus.Capability.NET_ADMIN] } } })] }))).toThrow([
      "hipaa-constructs: refusing to synthesize chart 'test': 1 unwaived finding.",
      "- [k8s-baseline-capabilities] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].securityContext.capabilities.add[0]: container 'api' adds capability 'NET_ADMIN', which is not in the default set the baseline profile allows",
      "    fix: Remove 'NET_ADMIN' from spec.template.spec.containers[0].securityContext.capabilities.add. If the container only needs to bind a port below 1024, add NET_BIND_SERVICE instead; anything more needs a waiver with a reason.",
      'Fix each finding, or accept it with a waiver (addWaivers / the waivers prop) that gives a reason and an expiry date.',
    ].join('\n'));
  });

  test('a container name that is not DNS-1123', () => {
    expect(() => synth((c) => new SecureDeployment(c, 'api', { containers: [container({ name: 'API_Server' })] }))).toThrow([
      "hipaa-constructs: refusing to synthesize chart 'test': 1 unwaived finding.",
      "- [k8s-valid-name] test/api/Resource (Deployment clinic/test-api-c855049c) spec.template.spec.containers[0].name: container name 'API_Server' is not a valid DNS-1123 label: use only lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters",
      "    fix: Rename spec.template.spec.containers[0].name to a valid DNS-1123 label, e.g. 'api-server'.",
      'Fix each finding, or accept it with a waiver (addWaivers / the waivers prop) that gives a reason and an expiry date.',
    ].join('\n'));
  });

  test('a Deployment name that is not DNS-1123 is refused at construction', () => {
    expect(() => synth((c) => new SecureDeployment(c, 'api', { containers: [container()], metadata: { name: 'Patient_API' } }))).toThrow(
      "[test/api] metadata.name: Deployment name 'Patient_API' is not a valid DNS-1123 subdomain: use only lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters (k8s-valid-name). Rename metadata.name to a valid DNS-1123 subdomain, e.g. 'patient-api'.",
    );
  });

  test('a waiver without a reason is refused at construction', () => {
    expect(() => synth((c) => new SecureDeployment(c, 'api', { containers: [container()], waivers: [{ ruleId: 'k8s-read-only-root-filesystem', reason: 'legacy', expires: SOON }] }))).toThrow("[test/api] waivers[0] for rule 'k8s-read-only-root-filesystem' (waiver-invalid): reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 6 characters, 1 word).");
  });

  test('an expired waiver is refused at construction', () => {
    expect(() => synth((c) => new SecureDeployment(c, 'api', { containers: [container()], waivers: [{ ruleId: 'k8s-read-only-root-filesystem', reason: 'Vendor binary writes to /var/lib/app, SEC-142', expires: '2025-01-31' }] }))).toThrow("[test/api] waivers[0] for rule 'k8s-read-only-root-filesystem' expired on 2025-01-31 (waiver-expired): fix the finding it covered and remove the waiver, or review the risk and set a new expiry date.");
  });

  test('a valid waiver lets the finding through as waived, and the annotation carries it', () => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    const waiver = { ruleId: 'k8s-read-only-root-filesystem', reason: 'Vendor binary writes to /var/lib/app, SEC-142', expires: SOON, owner: 'records-team' };
    new SecureDeployment(chart, 'api', { containers: [container({ securityContext: { readOnlyRootFilesystem: false } })], waivers: [waiver] });
    const [deployment] = Testing.synth(chart).filter((m) => m.kind === 'Deployment');
    expect(deployment.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
    expect(JSON.parse(deployment.metadata.annotations['hipaa-constructs.io/waivers'])).toEqual([waiver]);
  });

  describe('props that cannot describe a workload are refused at construction', () => {
    const cases: [string, (c: Construct) => void, string][] = [
      ['no containers', (c) => new SecureDeployment(c, 'api', { containers: [] }), '[test/api] containers: a SecureDeployment needs at least one container.'],
      ['replicas 0', (c) => new SecureDeployment(c, 'api', { containers: [container()], replicas: 0 }), '[test/api] replicas: must be a whole number >= 1 (got 0).'],
      ['maxUnavailable 0.5', (c) => new SecureDeployment(c, 'api', { containers: [container()], maxUnavailable: 0.5 }), '[test/api] maxUnavailable: must be a whole number >= 1 (got 0.5).'],
      [
        'a flow without ports',
        (c) => new SecureDeployment(c, 'api', { containers: [container()], egress: [{ to: kplus.NetworkPolicyIpBlock.ipv4(c, 'any', '10.0.0.0/8'), ports: [] }] }),
        '[test/api] egress[0].ports: name the ports this flow may use; a flow open on every port defeats the namespace default-deny.',
      ],
      ['a negative fsGroup', (c) => new SecureDeployment(c, 'api', { containers: [container()], identity: { fsGroup: -1 } }), '[test/api] identity.fsGroup: must be a whole number >= 0 (got -1).'],
    ];
    test.each(cases)('%s', (_name, add, message) => {
      expect(() => synth(add)).toThrow(message);
    });
  });
});
