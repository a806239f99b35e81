import * as fs from 'fs';
import * as path from 'path';
import type { ReportMetadata } from './common';
import { REPORT_FILES, REPORT_FORMATS, ReportFormat } from './formats';
import { writeReportFiles } from './write-report-files';
import type { CheckResult } from '../check/engine';
import { packageVersion } from '../package-version';

/** File names of the reports written at synth (`HipaaValidationProps.reports`): those of a report directory. */
export const SYNTH_REPORT_FILES = REPORT_FILES;

/**
 * The reports a synth writes unless told otherwise: every format; the data-flow graph (DOT) only
 * when the run has one (a Kubernetes app; a Docker app has none).
 */
export const DEFAULT_SYNTH_REPORT_FORMATS: readonly ReportFormat[] = REPORT_FORMATS;

/**
 * Writes the reports of a synth-time check into `dir` (created if needed) and returns the files
 * written. The report modules load here, on first use, so importing `hipaa-constructs/cdk8s` does
 * not load them.
 */
export function writeSynthReports(dir: string, result: CheckResult, meta: ReportMetadata, formats?: readonly ReportFormat[]): string[] {
  const full: ReportMetadata = { toolName: 'hipaa-constructs', toolVersion: packageVersion(), generatedAt: new Date(), ...meta };
  const wanted = formats ?? DEFAULT_SYNTH_REPORT_FORMATS.filter((f) => f !== 'dot' || meta.flowGraph !== undefined);
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const outcome of writeReportFiles(wanted.map((format) => ({ format, file: path.resolve(dir, REPORT_FILES[format]) })), result, full)) {
    if (outcome.failure) throw outcome.failure.error;
    written.push(path.join(dir, REPORT_FILES[outcome.format]));
  }
  return written;
}
