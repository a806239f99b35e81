import type { ReportMetadata } from './common';
import { renderHtmlDocument } from './html/document';
import type { CheckResult } from '../check/engine';

/**
 * The auditor's HTML report: one self-contained file (nothing loaded from anywhere, a content
 * security policy that allows only its own filter script by hash, readable with scripts off,
 * printable). Sections: verdict and counts; the HIPAA citation matrix (citations.ts) linked to the
 * findings that evidence each citation; the PHI data-flow diagrams and flow table from
 * `meta.flowGraph`; the vendors and BAAs of `meta.baaRegister`; every finding, grouped by rule and
 * filterable; waivers and the baseline with their expiry; the rule catalogue, the SHA-256 of every
 * input and the JSON report embedded for tools. Every value is escaped (html/escape.ts).
 * A large result (more than 2,000 findings, ./limits.ts) lists each rule's first 100 findings, says
 * how many the rule has and that the JSON and SARIF reports carry every finding, and does not embed the
 * JSON report: a page of 62k finding rows took Chromium 37 s to open, and the embedded JSON was 66 MB of
 * its 86 MB.
 * Deterministic: no time unless `meta.generatedAt` is given.
 */
export function renderHtml(result: CheckResult, meta: ReportMetadata = {}): string {
  return renderHtmlDocument(result, meta);
}
