import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { ClinicChart, DATA_KEY_ARN } from '../../examples/cdk8s-app/clinic-chart';
import { HipaaValidation } from '../../lib/cdk8s';
import { check } from '../../lib/check/engine';
import { fromManifest } from '../../lib/check/resource';
import { kubernetesPack } from '../../lib/rules/k8s';
import { validateAdmissionPolicies } from '../helpers/admission-schema';
import { ofKind } from '../helpers/cdk8s';
import { runCel } from '../helpers/cel';
import { customResourceGroups, validateCustomResources } from '../helpers/crd-schema';
import { validateManifests } from '../helpers/schema';

function synth(): any[] {
  return Testing.synth(new ClinicChart(Testing.app(), 'clinic'));
}

describe('examples/cdk8s-app', () => {
  const manifests = synth();

  // The one accepted finding: the restore test calls the API server, so its pod has a token.
  const RESTORE_TEST_TOKEN = {
    ruleId: 'k8s-service-account-token',
    resource: { kind: 'CronJob', namespace: 'records-backup-restore-test', name: 'records-backup-restore-test' },
  };
  // And the isolation probe's pod, which stays out of the Istio mesh so it tests the NetworkPolicies.
  const PROBE_OUTSIDE_MESH = {
    ruleId: 'k8s-phi-namespace-mtls',
    resource: { kind: 'CronJob', namespace: 'patient-records', name: 'network-policy-probe' },
  };
  const ACCEPTED = [{ ...RESTORE_TEST_TOKEN, waived: true }, { ...PROBE_OUTSIDE_MESH, waived: true }];
  const summary = (findings: readonly any[]) => findings.map((f) => ({ ruleId: f.ruleId, resource: f.resource, waived: f.waiver !== undefined }));

  test('synthesizes with no unwaived finding; the waived ones are the restore test\'s API token and the probe outside the mesh', () => {
    const chart = new ClinicChart(Testing.app(), 'clinic');
    const result = HipaaValidation.of(chart)!.check();
    expect(result.passed).toBe(true);
    expect(summary(result.findings)).toEqual(expect.arrayContaining(ACCEPTED));
    expect(result.findings).toHaveLength(2);
  });

  test('its YAML, checked on its own as hipaa-check would, has the same waived findings', () => {
    const result = check(manifests.map((m) => fromManifest(m)), kubernetesPack, {
      allowedRegistries: ['123456789012.dkr.ecr.us-east-1.amazonaws.com'],
    });
    expect(result.passed).toBe(true);
    expect(summary(result.findings)).toEqual(expect.arrayContaining(ACCEPTED));
    expect(result.findings).toHaveLength(2);
  });

  test('is valid against the Kubernetes 1.28 schemas and the pinned CRDs (strict: no unknown fields)', () => {
    const custom = manifests.filter((m) => customResourceGroups().has(m.apiVersion.split('/')[0]));
    expect(custom.map((m) => m.kind).sort()).toEqual([
      'AuthorizationPolicy', 'AuthorizationPolicy', 'AuthorizationPolicy', 'AuthorizationPolicy', 'BackupStorageLocation', 'Certificate', 'ExternalSecret',
      'ImageValidatingPolicy', 'ImageValidatingPolicy', 'PeerAuthentication', 'Schedule', 'SecretStore', 'VolumeSnapshotClass', 'VolumeSnapshotLocation',
    ]);
    // The image policy's admissionregistration.k8s.io/v1 kinds are Kubernetes 1.30+: validated below.
    const admission = manifests.filter((m) => m.apiVersion === 'admissionregistration.k8s.io/v1');
    expect(admission.map((m) => m.kind)).toEqual(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingAdmissionPolicyBinding']);
    expect(validateAdmissionPolicies(admission)).toEqual([]);
    expect(validateManifests(manifests.filter((m) => !custom.includes(m) && !admission.includes(m)))).toEqual([]);
    expect(validateCustomResources(custom)).toEqual([]);
  });

  test('keeps the database on encrypted, retained volumes, with credentials from the store, backed up and restore-tested', () => {
    const [sc] = ofKind(manifests, 'StorageClass');
    expect(sc.parameters).toMatchObject({ encrypted: 'true', kmsKeyId: DATA_KEY_ARN, type: 'gp3' });
    expect(sc.reclaimPolicy).toBe('Retain');
    const [db] = ofKind(manifests, 'StatefulSet');
    expect(db.spec.serviceName).toBe('records-db');
    expect(db.spec.volumeClaimTemplates[0].spec.storageClassName).toBe(sc.metadata.name);
    expect(db.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    const [external] = ofKind(manifests, 'ExternalSecret');
    const credentialVolume = db.spec.template.spec.volumes.find((v: any) => v.secret?.secretName === external.spec.target.name);
    expect(credentialVolume.secret.defaultMode).toBe(0o400);
    expect(ofKind(manifests, 'Secret')).toEqual([]);
    const [location] = ofKind(manifests, 'BackupStorageLocation');
    expect(location.spec.config.kmsKeyId).toBe(DATA_KEY_ARN);
    const [schedule] = ofKind(manifests, 'Schedule');
    expect(schedule.spec.template.includedNamespaces).toEqual(['patient-records']);
    expect(schedule.spec.template.ttl).toBe('2160h0m0s');
    expect(ofKind(manifests, 'CronJob').map((c) => [c.metadata.namespace, c.metadata.name]))
      .toEqual([['patient-records', 'network-policy-probe'], ['records-backup-restore-test', 'records-backup-restore-test']]);
  });

  test('tests its isolation: a probe in the PHI namespace with DNS and one declared flow, to the records API, as its only egress', () => {
    const [probe] = ofKind(manifests, 'CronJob').filter((c) => c.metadata.name === 'network-policy-probe');
    expect(probe.spec.schedule).toBe('*/30 * * * *');
    const pod = probe.spec.jobTemplate.spec.template;
    expect(pod.metadata.labels['hipaa-constructs.io/phi']).toBe('true');
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    // Outside the mesh: its connections meet the NetworkPolicies, not its own sidecar.
    expect(pod.metadata.labels['sidecar.istio.io/inject']).toBe('false');
    expect(pod.metadata.annotations['linkerd.io/inject']).toBe('disabled');
    expect(JSON.parse(probe.metadata.annotations['hipaa-constructs.io/waivers']).map((w: any) => [w.ruleId, w.expires]))
      .toEqual([['k8s-phi-namespace-mtls', '2027-11-30']]);
    const addr = pod.metadata.labels['cdk8s.io/metadata.addr'];
    const records = ofKind(manifests, 'Deployment').find((d) => d.metadata.labels['app.kubernetes.io/name'] === 'records-api');
    const egress = ofKind(manifests, 'NetworkPolicy').filter((p) => p.spec.podSelector.matchLabels?.['cdk8s.io/metadata.addr'] === addr).flatMap((p) => p.spec.egress ?? []);
    expect(egress).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'patient-records' } }, podSelector: records.spec.selector }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }]);
    const script: string = ofKind(manifests, 'ConfigMap').find((c) => c.metadata.name === 'network-policy-probe').data['probe.sh'];
    for (const line of [
      "deny 'ingress-nginx-controller.ingress-nginx.svc.cluster.local' 443",
      "deny 'kubernetes.default.svc.cluster.local' 443",
      "deny '1.1.1.1' 443",
      "allow 'records-api.patient-records.svc.cluster.local' 8080",
      "resolves 'kubernetes.default.svc.cluster.local'",
    ]) expect(script).toContain(line);
  });

  test('every workload it writes passes its own admission policy (the CEL evaluated on each)', () => {
    const [policy] = ofKind(manifests, 'ValidatingAdmissionPolicy');
    const workloads = manifests.filter((m) => ['Deployment', 'StatefulSet', 'CronJob', 'Job', 'DaemonSet', 'ReplicaSet', 'Pod'].includes(m.kind));
    expect(workloads.length).toBeGreaterThanOrEqual(4);
    const expressions = policy.spec.validations.map((v: any) => v.expression);
    const { results } = runCel([], workloads.map((object) => ({ variables: policy.spec.variables, expressions, object })));
    expect(results.map((r, i) => [workloads[i].kind, workloads[i].metadata.name, r])).toEqual(
      workloads.map((w) => [w.kind, w.metadata.name, [{ value: true }, { value: true }, { value: true }]]),
    );
  });

  test('the PHI namespace has Istio mTLS STRICT, and only the declared flows are authorized, by ServiceAccount or namespace', () => {
    const ns = ofKind(manifests, 'Namespace').find((n) => n.metadata.name === 'patient-records');
    expect(ns.metadata.labels['istio-injection']).toBe('enabled');
    const [pa] = ofKind(manifests, 'PeerAuthentication');
    expect(pa.metadata.namespace).toBe('patient-records');
    expect(pa.spec).toEqual({ mtls: { mode: 'STRICT' } });
    const policies = ofKind(manifests, 'AuthorizationPolicy').filter((p) => p.apiVersion === 'security.istio.io/v1');
    expect(policies.find((p) => p.metadata.name === 'allow-nothing').spec).toEqual({});
    const sa = (app: string) => ofKind(manifests, 'Deployment').concat(ofKind(manifests, 'StatefulSet'))
      .find((d) => d.metadata.labels['app.kubernetes.io/name'] === app).spec.template.spec.serviceAccountName;
    const rulesOf = (app: string) => policies.find((p) => p.metadata.name.startsWith(`allow-${app === 'records-db' ? 'records-db' : `clinic-${app}`}`))?.spec.rules;
    expect(rulesOf('records-db')).toEqual([{ from: [{ source: { principals: [`cluster.local/ns/patient-records/sa/${sa('records-api')}`] } }], to: [{ operation: { ports: ['5432'] } }] }]);
    expect(rulesOf('records-api')).toEqual([{ from: [{ source: { principals: [`cluster.local/ns/patient-records/sa/${sa('patient-portal')}`] } }], to: [{ operation: { ports: ['8080'] } }] }]);
    // The probe's flow to the records API stays NetworkPolicy-only: its pod has no mesh identity.
    const probeSa = ofKind(manifests, 'CronJob').find((c) => c.metadata.name === 'network-policy-probe').spec.jobTemplate.spec.template.spec.serviceAccountName;
    expect(probeSa).toEqual(expect.any(String));
    expect(JSON.stringify(policies)).not.toContain(`/sa/${probeSa}`);
    // The ingress controller's namespace: its pods reach the portal once the controller is in the mesh.
    expect(rulesOf('patient-portal')).toEqual([{ from: [{ source: { namespaces: ['ingress-nginx'] } }], to: [{ operation: { ports: ['8443'] } }] }]);
  });

  test('is deterministic', () => {
    expect(synth()).toEqual(manifests);
  });

  test('holds the PHI namespace and the restore test\'s scratch namespace, two deployments and a database that talk to each other, and Services', () => {
    expect(ofKind(manifests, 'Namespace').map((n) => n.metadata.name)).toEqual(['patient-records', 'records-backup-restore-test']);
    const deployments = ofKind(manifests, 'Deployment');
    expect(deployments.map((d) => d.metadata.labels['app.kubernetes.io/name']).sort()).toEqual(['patient-portal', 'records-api']);
    const [records] = deployments.filter((d) => d.metadata.labels['app.kubernetes.io/name'] === 'records-api');
    const [portal] = deployments.filter((d) => d.metadata.labels['app.kubernetes.io/name'] === 'patient-portal');
    const policies = ofKind(manifests, 'NetworkPolicy');
    const portalToRecords = policies.find((p) =>
      JSON.stringify(p.spec.podSelector) === JSON.stringify(portal.spec.selector) &&
      p.spec.egress?.some((e: any) => e.to?.some((t: any) => JSON.stringify(t.podSelector) === JSON.stringify(records.spec.selector))));
    expect(portalToRecords.spec.egress[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    const recordsFromPortal = policies.find((p) =>
      JSON.stringify(p.spec.podSelector) === JSON.stringify(records.spec.selector) &&
      p.spec.ingress?.some((i: any) => i.from?.some((f: any) => JSON.stringify(f.podSelector) === JSON.stringify(portal.spec.selector))));
    expect(recordsFromPortal.spec.ingress[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(ofKind(manifests, 'Service').map((s) => [s.metadata.name, s.spec.type])).toEqual([
      ['records-db', 'ClusterIP'],
      ['records-api', 'ClusterIP'],
      ['patient-portal', 'ClusterIP'],
    ]);
  });

  test('the portal is reached through a SecureIngress: TLS from cert-manager, redirect, verified HTTPS to the portal, which admits only the controller on 8443', () => {
    const [ingress] = ofKind(manifests, 'Ingress');
    const [certificate] = ofKind(manifests, 'Certificate');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([{ hosts: ['portal.clinic.example.com'], secretName: 'patient-portal-tls' }]);
    expect(certificate.spec).toMatchObject({ secretName: 'patient-portal-tls', dnsNames: ['portal.clinic.example.com'], privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' } });
    expect(ingress.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
      'nginx.ingress.kubernetes.io/proxy-ssl-verify': 'on',
      'nginx.ingress.kubernetes.io/proxy-ssl-secret': 'patient-records/internal-ca',
      'nginx.ingress.kubernetes.io/proxy-ssl-name': 'patient-portal.patient-records.svc',
    });
    const [portal] = ofKind(manifests, 'Deployment').filter((d) => d.metadata.labels['app.kubernetes.io/name'] === 'patient-portal');
    const fromController = ofKind(manifests, 'NetworkPolicy').filter((p) =>
      JSON.stringify(p.spec.podSelector) === JSON.stringify(portal.spec.selector) && JSON.stringify(p.spec.ingress ?? []).includes('ingress-nginx'));
    expect(fromController.map((p) => p.spec.ingress)).toEqual([[{
      from: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/name': 'ingress-nginx' } },
      }],
      ports: [{ port: 8443, protocol: 'TCP' }],
    }]]);
  });

  test('app.synth writes it (the path `npx cdk8s synth` takes)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-'));
    const app = new App({ outdir });
    new ClinicChart(app, 'clinic');
    app.synth();
    expect(fs.readdirSync(outdir)).toEqual(['clinic.k8s.yaml']);
  });
});
