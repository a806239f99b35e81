/**
 * The JUnit and OSCAL assessment-results renderers (and the JSON report, for comparison) on the result
 * of the full Kubernetes pack over 10,000 realistic Deployments (~62k findings): wall and CPU time of
 * each render, three times, in one process. Run:
 *   npx ts-node --transpile-only -P test/tsconfig.json bench/evidence-reports.ts [junit|oscal|json ...]
 */
import { realisticDeploymentsYaml } from './realistic-deployments';
import { check } from '../lib/check/engine';
import type { CheckResult } from '../lib/check/engine';
import { parseManifests } from '../lib/check/manifests';
import type { ReportMetadata } from '../lib/report/common';
import { renderJson } from '../lib/report/json';
import { renderJunit } from '../lib/report/junit';
import { renderOscalAssessmentResults } from '../lib/report/oscal/assessment-results';
import { kubernetesPack } from '../lib/rules/k8s';

const RENDERERS: Record<string, (result: CheckResult, meta: ReportMetadata) => string> = {
  json: renderJson,
  junit: renderJunit,
  oscal: renderOscalAssessmentResults,
};

const resources = parseManifests(realisticDeploymentsYaml(10_000), 'deployments.yaml');
const result = check(resources, kubernetesPack, { now: new Date('2026-12-02T00:00:00Z') });
const meta: ReportMetadata = {
  packName: 'kubernetes',
  toolVersion: '1.0.0',
  inputs: ['deployments.yaml'],
  provenance: { inputs: [{ file: 'deployments.yaml', sha256: 'a'.repeat(64) }] },
};
console.log(`${result.findings.length} findings on ${resources.length} objects`);
for (const name of process.argv.length > 2 ? process.argv.slice(2) : ['json', 'junit', 'oscal']) {
  for (let i = 0; i < 3; i++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const text = RENDERERS[name](result, meta);
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpu);
    console.log(`${name}: ${wall.toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU, ${(text.length / 1e6).toFixed(1)} MB`);
  }
}
