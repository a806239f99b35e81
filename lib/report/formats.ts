import type { ReportMetadata } from './common';
import type { CheckResult } from '../check/engine';

/** The report files a run can write. */
export type ReportFormat = 'json' | 'sarif' | 'markdown' | 'html' | 'junit' | 'oscal' | 'dot';

/** Every format, in the order runs write them. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['sarif', 'json', 'markdown', 'html', 'junit', 'oscal', 'dot'];

/** Report formats that draw the PHI data-flow graph: runs build the graph only when one of them is written. */
export const GRAPH_FORMATS: ReadonlySet<ReportFormat> = new Set(['markdown', 'html', 'oscal', 'dot']);

/** File names of the reports a run writes into a directory (synth reports, the cdk8s plugin's `reportDir`). */
export const REPORT_FILES: Readonly<Record<ReportFormat, string>> = {
  json: 'hipaa-compliance.json',
  sarif: 'hipaa-compliance.sarif',
  markdown: 'hipaa-compliance.md',
  html: 'hipaa-compliance.html',
  junit: 'hipaa-junit.xml',
  oscal: 'hipaa-oscal-assessment-results.json',
  dot: 'hipaa-data-flows.dot',
};

/** What each format is, in words for messages (`wrote the HTML report to ...`). */
export const REPORT_NAMES: Readonly<Record<ReportFormat, string>> = {
  json: 'JSON report',
  sarif: 'SARIF report',
  markdown: 'compliance report',
  html: 'HTML report',
  junit: 'JUnit report',
  oscal: 'OSCAL assessment results',
  dot: 'data-flow graph (DOT)',
};

/**
 * Renders one report. Each renderer's module loads on first use, so a run that writes only SARIF
 * does not load the HTML renderer (and importing the cdk8s entry loads none).
 */
export function renderReport(format: ReportFormat, result: CheckResult, meta: ReportMetadata): string {
  /* eslint-disable @typescript-eslint/no-require-imports */
  switch (format) {
    case 'json':
      return (require('./json') as typeof import('./json')).renderJson(result, meta);
    case 'sarif':
      return (require('./sarif') as typeof import('./sarif')).renderSarif(result, meta);
    case 'markdown':
      return (require('./markdown') as typeof import('./markdown')).renderMarkdown(result, meta);
    case 'html':
      return (require('./html') as typeof import('./html')).renderHtml(result, meta);
    case 'junit':
      return (require('./junit') as typeof import('./junit')).renderJunit(result, meta);
    case 'oscal':
      return (require('./oscal/assessment-results') as typeof import('./oscal/assessment-results')).renderOscalAssessmentResults(result, meta);
    case 'dot':
      return (require('../flows/render-dot') as typeof import('../flows/render-dot')).renderFlowDot(meta.flowGraph ?? { nodes: [], edges: [], namespaces: [] });
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}
