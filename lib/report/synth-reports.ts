import * as fs from 'fs';
import * as path from 'path';
import type { CheckResult } from '../check/engine';
import { packageVersion } from '../package-version';
import type { ReportMetadata } from './common';

/** File names of the reports written at synth (`HipaaValidationProps.reports`). */
export const SYNTH_REPORT_FILES = {
  /** The JSON report (the same as `hipaa-check --json`). */
  json: 'hipaa-compliance.json',
  /** SARIF 2.1.0 for code scanning (the same as `hipaa-check --sarif`). */
  sarif: 'hipaa-compliance.sarif',
  /** The auditor's Markdown compliance report (the same as `hipaa-check --markdown`). */
  markdown: 'hipaa-compliance.md',
} as const;

/**
 * Writes the JSON, SARIF and Markdown reports of a synth-time check into `dir` (created if
 * needed) and returns the files written. The report modules load here, on first use, so
 * importing `hipaa-constructs/cdk8s` does not load them.
 */
export function writeSynthReports(dir: string, result: CheckResult, meta: ReportMetadata): string[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { renderJson } = require('./json') as typeof import('./json');
  const { renderSarif } = require('./sarif') as typeof import('./sarif');
  const { renderMarkdown } = require('./markdown') as typeof import('./markdown');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const full: ReportMetadata = { toolName: 'hipaa-constructs', toolVersion: packageVersion(), generatedAt: new Date(), ...meta };
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [file, render] of [
    [SYNTH_REPORT_FILES.json, renderJson],
    [SYNTH_REPORT_FILES.sarif, renderSarif],
    [SYNTH_REPORT_FILES.markdown, renderMarkdown],
  ] as const) {
    const target = path.join(dir, file);
    fs.writeFileSync(target, render(result, full));
    written.push(target);
  }
  return written;
}

