import type { CheckResult } from '../../check/engine';
import type { ReportMetadata } from '../common';

/** OSCAL 1.2.1 assessment results of a run (JSON). */
export function renderOscalAssessmentResults(_result: CheckResult, _meta: ReportMetadata = {}): string {
  throw new Error('renderOscalAssessmentResults: not implemented yet');
}
