import { NOW, REGISTER } from './fixtures';
import { check } from '../../../lib/check/engine';
import { evidenceCheck } from '../../../lib/check/evidence-check';
import { parseManifests } from '../../../lib/check/manifests';
import { baaPack } from '../../../lib/rules/baa';

const MANIFESTS = `apiVersion: v1
kind: Namespace
metadata: {name: clinic, labels: {hipaa-constructs.io/phi: "true"}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: records-api, namespace: clinic}
spec:
  selector: {matchLabels: {app: records-api}}
  template:
    metadata: {labels: {app: records-api}}
    spec:
      containers:
        - {name: api, image: "nginx:1.27"}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: records-api-egress, namespace: clinic}
spec:
  podSelector: {matchLabels: {app: records-api}}
  policyTypes: [Egress]
  egress:
    - to: [{ipBlock: {cidr: 203.0.113.0/24}}]
    - to: [{ipBlock: {cidr: 10.20.0.0/16}}]
`;

// Through check() and the real data-flow graph builder (lib/flows).
describe('BAA rules through check()', () => {
  test('a PHI workload\'s Docker Hub images, a stale vendor entry; internal egress passes', () => {
    const result = check(parseManifests(MANIFESTS, 'app.yaml'), baaPack, { now: NOW, baaRegister: REGISTER });
    expect(result.findings.map((f) => `${f.ruleId} ${f.severity} ${f.resource.kind}/${f.resource.name} ${f.path}: ${f.message}`)).toEqual([
      'baa-image-registry warning Deployment/records-api spec.template.spec.containers[0].image: runs workload clinic/records-api, which handles PHI, ' +
        'from images of registry docker.io of vendor Docker Hub (dockerhub), which has no BAA that covers it (Docker Hub: no BAA)',
      'baa-register-stale warning NetworkPolicy/records-api-egress spec.egress[0].to[0].ipBlock.cidr: lets workload clinic/records-api send PHI to ' +
        'IP block 203.0.113.0/24 of vendor Acme Labs (labs), whose BAA register entry was due for review on 2026-01-01',
    ]);
  });

  test('evidenceCheck adds the BAA rules to any pack when a register is given, and not without one', () => {
    const none = { name: 'none', description: 'No rules.', rules: [] };
    const resources = parseManifests(MANIFESTS, 'app.yaml');
    const withRegister = evidenceCheck(resources, none, { now: NOW, baaRegister: REGISTER });
    expect(withRegister.pack.rules.map((r) => r.id)).toEqual(baaPack.rules.map((r) => r.id));
    expect(withRegister.result.findings.map((f) => f.ruleId)).toEqual(['baa-image-registry', 'baa-register-stale']);
    expect(evidenceCheck(resources, none, { now: NOW }).pack.rules).toEqual([]);
  });
});
