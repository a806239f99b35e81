import type { ReportMetadata } from './common';
import type { CheckResult } from '../check/engine';

/**
 * The auditor's HTML report: one self-contained file (no network access, a content security policy,
 * readable with scripts off, printable). See issue 13 and ../shared/research/anchors-evidence.md section 2.
 */
export function renderHtml(_result: CheckResult, _meta: ReportMetadata = {}): string {
  throw new Error('renderHtml: not implemented yet');
}
