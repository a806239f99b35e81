/** A large synthetic result for the HTML report: `objects` Deployments, each with the sample's findings. */
import type { CheckResult } from '../../../lib/check/engine';
import type { Finding } from '../../../lib/check/finding';
import { sampleResult } from '../sample';

export function bigResult(objects: number): CheckResult {
  const base = sampleResult();
  const findings: Finding[] = [];
  for (let i = 0; i < objects; i++) {
    const ns = `team-${i % 50}`;
    for (const f of base.findings) {
      findings.push({ ...f, resource: { ...f.resource, namespace: ns, name: `${f.resource.name}-${i}` }, source: { file: `manifests/${ns}.yaml`, line: 1 + i * 40 } });
    }
  }
  return { ...base, findings, unwaived: findings.filter((f) => !f.waiver && !f.baselined), waived: findings.filter((f) => f.waiver), resourceCount: objects * 3 };
}
