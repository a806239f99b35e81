/** Sample results with every kind of finding (open, waived, baselined) for the OSCAL and JUnit tests. */
import type { CheckResult } from '../../lib/check/engine';
import type { Finding } from '../../lib/check/finding';
import type { ReportMetadata } from '../../lib/report/common';
import { sampleMeta, sampleResult } from './sample';

/** The sample result with the open warning on `api` baselined (as applyBaseline marks it). */
export function baselinedResult(): CheckResult {
  const r = sampleResult();
  const findings: Finding[] = r.findings.map((f) =>
    f.ruleId === 'test-pull-always' && f.resource.name === 'api'
      ? { ...f, baselined: { file: '.hipaa-baseline.json', created: '2026-05-01', expires: '2026-11-01' } }
      : f,
  );
  const baselined = findings.filter((f) => f.baselined);
  const unwaived = findings.filter((f) => !f.waiver && !f.baselined);
  return { ...r, findings, unwaived, baselined, passed: !unwaived.some((f) => f.severity === 'error') };
}

/** Metadata with provenance (input hashes, git) and a time. */
export function fullMeta(overrides: Partial<ReportMetadata> = {}): ReportMetadata {
  return sampleMeta({
    generatedAt: new Date('2026-06-01T12:00:00Z'),
    provenance: {
      inputs: [{ file: 'manifests/app.yaml', sha256: '3f'.repeat(32) }],
      git: { commit: 'c0ffee'.padEnd(40, '0'), branch: 'main', dirty: false },
    },
    ...overrides,
  });
}
