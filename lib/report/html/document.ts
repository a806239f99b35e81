import type { CheckResult } from '../../check/engine';
import { reportPasses, ReportMetadata } from '../common';
import { htmlContext } from './context';
import { html, trusted } from './escape';
import { CONTENT_SECURITY_POLICY, FILTER_SCRIPT } from './script';
import { appendixSection } from './sections/appendix';
import { citationsSection } from './sections/citations';
import { findingsSection } from './sections/findings';
import { flowsSection } from './sections/flows';
import { vendorsSection } from './sections/vendors';
import { verdictSection } from './sections/verdict';
import { waiversSection } from './sections/waivers';
import { STYLES } from './styles';

const SECTIONS: readonly (readonly [string, string])[] = [
  ['verdict', 'Verdict'],
  ['citations', 'HIPAA citation matrix'],
  ['flows', 'PHI data flows'],
  ['vendors', 'Vendors and BAAs'],
  ['findings', 'Findings'],
  ['waivers', 'Waivers and baseline'],
  ['appendix', 'Appendix: rules, inputs, JSON report'],
];

/** The whole HTML document. */
export function renderHtmlDocument(result: CheckResult, meta: ReportMetadata): string {
  const ctx = htmlContext(result, meta);
  const passed = reportPasses(result, meta);
  const title = `HIPAA evidence report: ${passed ? 'PASSED' : 'FAILED'}${meta.packName ? ` (${meta.packName})` : ''}`;
  const doc = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${meta.toolName ?? 'hipaa-check'}${meta.toolVersion && ` ${meta.toolVersion}`}">
<title>${title}</title>
<style>${trusted(STYLES)}</style>
</head>
<body>
<header>
<h1>HIPAA Security Rule evidence report</h1>
<p>What the manifests checked show about the technical safeguards of 45 CFR Part 164 Subpart C. This file is self-contained: it loads nothing, and it reads completely with scripts off and on paper.</p>
<nav aria-label="Contents"><ol>${SECTIONS.map(([id, name]) => html`<li><a href="#${id}">${name}</a></li>`)}</ol></nav>
</header>
<main>
${verdictSection(ctx)}
${citationsSection(ctx)}
${flowsSection(ctx)}
${vendorsSection(ctx)}
${findingsSection(ctx)}
${waiversSection(ctx)}
${appendixSection(ctx)}
</main>
<script>${trusted(FILTER_SCRIPT)}</script>
</body>
</html>
`;
  return doc.text;
}
