/** A large synthetic result for the HTML report: `objects` Deployments, each with the sample's findings. */
import type { CheckResult } from '../../../lib/check/engine';
import type { Finding } from '../../../lib/check/finding';
import { sampleResult } from '../sample';

export function bigResult(objects: number): CheckResult {
  const base = sampleResult();
  const findings: Finding[] = [];
  for (let i = 0; i < objects; i++) {
    const ns = `team-${i % 50}`;
    // One object reference per object, as the engine makes them.
    const refs = new Map<string, { resource: Finding['resource']; source: Finding['source'] }>();
    for (const f of base.findings) {
      let ref = refs.get(f.resource.name);
      if (!ref) {
        ref = { resource: { ...f.resource, namespace: ns, name: `${f.resource.name}-${i}` }, source: { file: `manifests/${ns}.yaml`, line: 1 + i * 40 } };
        refs.set(f.resource.name, ref);
      }
      findings.push({ ...f, ...ref });
    }
  }
  const unwaived = findings.filter((f) => !f.waiver && !f.baselined);
  return { ...base, findings, unwaived, waived: findings.filter((f) => f.waiver), resourceCount: objects * 3 };
}
