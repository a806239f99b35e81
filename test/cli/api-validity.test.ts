import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { hipaaCheck } from '../../lib/cli/hipaa-check';
import { apiBudget, deployment } from '../helpers/fixtures';
import { clone, TEST_NOW } from '../helpers/rule-test';

const VALIDITY = /^k8s-(valid-(resources|mounts|security-context|limit-range|resource-quota|labels)|pdb-protects-something|unique-object|run-as-non-root-group)$/;

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-check-valid-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

// The problems the constructs refuse at construction are found by hipaa-check in YAML from
// anywhere (Helm output, hand-written files), across files, by the same rules.
test('hipaa-check finds in plain YAML, across files, what the API server would refuse', () => {
  const bad = clone(deployment) as any;
  const c = bad.spec.template.spec.containers[0];
  c.resources.limits.cpu = '50m';
  c.resources.requests.memory = '1 Gi';
  c.volumeMounts.push({ name: 'tmp', mountPath: 'cache' });
  c.securityContext.privileged = true;
  bad.spec.template.spec.securityContext.fsGroup = 0;
  const budget = clone(apiBudget) as any;
  budget.spec.maxUnavailable = 2;
  const limitRange = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'clinic', labels: { owner: 'records team' } }, spec: { limits: [{ type: 'Container', default: { memory: '16Gi' }, max: { memory: '8Gi' } }] } };
  const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota', namespace: 'clinic' }, spec: { hard: { 'requests.memory': '16GB' } } };
  fs.writeFileSync(path.join(tmp, 'a.yaml'), [bad, budget, limitRange, quota].map((o) => yaml.dump(o)).join('---\n'));
  fs.writeFileSync(path.join(tmp, 'b.yaml'), yaml.dump(clone(deployment)));
  const report = path.join(tmp, 'report.json');
  hipaaCheck(['a.yaml', 'b.yaml', '--json', report], { cwd: tmp, now: TEST_NOW, stdout: () => undefined, stderr: () => undefined }, { toolVersion: '9.9.9' });
  const findings = JSON.parse(fs.readFileSync(report, 'utf8')).findings
    .filter((f: any) => VALIDITY.test(f.ruleId))
    .map((f: any) => `${f.ruleId} ${f.object.kind} ${f.source?.file ?? ''} ${f.path}`);
  expect(findings.sort()).toEqual([
    'k8s-pdb-protects-something PodDisruptionBudget a.yaml spec.maxUnavailable',
    'k8s-run-as-non-root-group Deployment a.yaml spec.template.spec.securityContext.fsGroup',
    'k8s-unique-object Deployment a.yaml metadata.name',
    'k8s-unique-object Deployment b.yaml metadata.name',
    'k8s-valid-labels LimitRange a.yaml metadata.labels["owner"]',
    'k8s-valid-limit-range LimitRange a.yaml spec.limits[0].max.memory',
    'k8s-valid-mounts Deployment a.yaml spec.template.spec.containers[0].volumeMounts[1].mountPath',
    'k8s-valid-resource-quota ResourceQuota a.yaml spec.hard["requests.memory"]',
    'k8s-valid-resources Deployment a.yaml spec.template.spec.containers[0].resources.limits.cpu',
    'k8s-valid-resources Deployment a.yaml spec.template.spec.containers[0].resources.requests.memory',
    'k8s-valid-security-context Deployment a.yaml spec.template.spec.containers[0].securityContext.privileged',
  ]);
});
