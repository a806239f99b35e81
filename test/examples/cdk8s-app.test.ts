import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { ClinicChart } from '../../examples/cdk8s-app/clinic-chart';
import { HipaaValidation } from '../../lib/cdk8s';
import { check } from '../../lib/check/engine';
import { fromManifest } from '../../lib/check/resource';
import { kubernetesPack } from '../../lib/rules/k8s';
import { ofKind } from '../helpers/cdk8s';
import { validateManifests } from '../helpers/schema';

function synth(): any[] {
  return Testing.synth(new ClinicChart(Testing.app(), 'clinic'));
}

describe('examples/cdk8s-app', () => {
  const manifests = synth();

  test('synthesizes with zero findings from the full pack, waived or not', () => {
    const chart = new ClinicChart(Testing.app(), 'clinic');
    expect(HipaaValidation.of(chart)!.check().findings).toEqual([]);
  });

  test('its YAML, checked on its own as hipaa-check would, has zero findings too', () => {
    const result = check(manifests.map((m) => fromManifest(m)), kubernetesPack, {
      allowedRegistries: ['123456789012.dkr.ecr.us-east-1.amazonaws.com'],
    });
    expect(result.findings).toEqual([]);
  });

  test('is valid against the Kubernetes 1.28 schemas (strict: no unknown fields)', () => {
    expect(validateManifests(manifests)).toEqual([]);
  });

  test('is deterministic', () => {
    expect(synth()).toEqual(manifests);
  });

  test('holds a PHI namespace, two deployments that talk to each other, and Services', () => {
    expect(ofKind(manifests, 'Namespace').map((n) => n.metadata.name)).toEqual(['patient-records']);
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
      ['records-api', 'ClusterIP'],
      ['patient-portal', 'ClusterIP'],
    ]);
  });

  test('app.synth writes it (the path `npx cdk8s synth` takes)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-'));
    const app = new App({ outdir });
    new ClinicChart(app, 'clinic');
    app.synth();
    expect(fs.readdirSync(outdir)).toEqual(['clinic.k8s.yaml']);
  });
});
