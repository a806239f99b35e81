import type { ReportMetadata } from './common';
import type { CheckResult } from '../check/engine';

/** JUnit XML for CI test reporters (GitLab, Jenkins, GitHub actions): a suite per rule. */
export function renderJunit(_result: CheckResult, _meta: ReportMetadata = {}): string {
  throw new Error('renderJunit: not implemented yet');
}
