import { citationSummaries, countStatuses } from './citations';
import { countFindings, describeInputProblem, describeObject, findingsHaveOwnLines, groupByObject, plural, ReportMetadata, reportPasses, sourceLabel } from './common';
import type { CheckResult } from '../check/engine';
import type { Finding } from '../check/finding';
import type { Waiver } from '../check/waiver';

/**
 * The human-readable report: findings grouped by object, each with its rule, field path,
 * message and fix; waived findings marked as waived with the waiver's reason, owner, ticket and
 * expiry; baselined findings marked with the baseline's expiry and file (and still their fix); stale
 * entries of the baseline; the input that could not be read; how many HIPAA citations the check evidences (and
 * which rest on no checked object); and a closing summary line. Plain ASCII, no colours, no
 * timestamps.
 *
 * ```
 * Deployment clinic/api (app.yaml:12)
 *   error    k8s-run-as-non-root  spec.template.spec.containers[0].securityContext.runAsNonRoot
 *            container 'api' may run as root: neither it nor the pod sets runAsNonRoot: true
 *            fix: Set spec.securityContext.runAsNonRoot: true on the pod ...
 *
 * Dockerfile services/api/Dockerfile
 *   error    docker-dockerfile-non-root-user  stages[1] (line 7)
 *            stage 1 (FROM node:20-slim) runs as root: no USER in it
 *            fix: End the final stage with a numeric non-root user ...
 *
 * HIPAA citations: 1 FAIL, 2 NOT EVIDENCED (164.312(b), 164.312(d)), 3 PASS, 13 NOT CHECKED
 * FAILED: 2 errors, 0 warnings, 0 waived in 4 objects checked by 12 rules
 * ```
 *
 * A Kubernetes object's findings point at the line it starts on, given once after its name; the findings
 * of a Dockerfile, Compose or daemon.json object each give the line of their own instruction or key.
 */
export function renderText(result: CheckResult, meta: ReportMetadata = {}): string {
  const lines: string[] = [];
  for (const group of groupByObject(result.findings)) {
    const ownLines = findingsHaveOwnLines(group.resource) && group.source?.file !== undefined;
    const label = describeObject(group.resource);
    // The file alone when each finding gives its line, and not at all when the name is the file.
    const where = ownLines ? (label.endsWith(` ${group.source!.file}`) ? undefined : group.source!.file) : sourceLabel(group.source);
    lines.push(`${label}${where ? ` (${where})` : ''}`);
    for (const f of group.findings) lines.push(...findingLines(f, ownLines));
    lines.push('');
  }
  const problems = meta.inputProblems ?? [];
  if (problems.length > 0) {
    lines.push('Input that could not be read (its objects were not checked):');
    for (const p of problems) lines.push(`  ${describeInputProblem(p)}`);
    lines.push('');
  }
  lines.push(...baselineLines(result));
  lines.push(citationLine(result, meta));
  lines.push(summaryLine(result, meta));
  return lines.join('\n') + '\n';
}

/** The applied baseline when it had expired, and its stale entries (each fails the check unless allowed). */
function baselineLines(result: CheckResult): string[] {
  const b = result.baseline;
  if (!b) return [];
  const lines: string[] = [];
  const file = b.file ?? 'the baseline';
  if (b.expired) {
    lines.push(`Baseline ${file} expired on ${b.expires}: it accepts nothing; review its entries and write a new one.`, '');
  }
  const stale = result.staleBaseline ?? [];
  if (stale.length > 0) {
    lines.push(`Stale baseline entries in ${file} (they match no finding any more: fixed, or the object is gone; prune them):`);
    for (const e of stale) lines.push(`  ${e.rule}  ${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}${e.path ? `  ${e.path}` : ''}`);
    lines.push('');
  }
  return lines;
}

/**
 * How many HIPAA citations have each status, naming those that are NOT EVIDENCED (rules
 * serve them but none applied to a checked object).
 */
export function citationLine(result: CheckResult, meta: ReportMetadata = {}): string {
  const summaries = citationSummaries(result, meta);
  const notEvidenced = summaries.filter((c) => c.status === 'NOT EVIDENCED').map((c) => c.control.id);
  const counts = countStatuses(summaries).replace(/(\d+ NOT EVIDENCED)/, `$1 (${notEvidenced.join(', ')})`);
  return `HIPAA citations: ${counts}`;
}

/** The one-line verdict that closes the text report. */
export function summaryLine(result: CheckResult, meta: ReportMetadata = {}): string {
  const c = countFindings(result.findings);
  const verdict = reportPasses(result, meta) ? 'PASSED' : 'FAILED';
  // With a baseline applied, open findings are "new" and the accepted ones counted apart.
  const counts =
    result.findings.length === 0
      ? 'no findings'
      : result.baseline
        ? `${plural(c.errors, 'new error')}, ${plural(c.warnings, 'new warning')}, ${c.baselined} baselined, ${c.waived} waived`
        : `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${c.waived} waived`;
  const stale = result.staleBaseline?.length ?? 0;
  const staleText = stale > 0 ? `; ${plural(stale, 'stale baseline entry', 'stale baseline entries')}` : '';
  const pack = meta.packName ? ` of the '${meta.packName}' pack` : '';
  const problems = meta.inputProblems?.length ?? 0;
  const unread = problems > 0 ? `; ${plural(problems, 'input problem')}: not everything was checked` : '';
  return `${verdict}: ${counts} in ${plural(result.resourceCount, 'object')} checked by ${plural(result.rules.length, 'rule')}${pack}${unread}${staleText}`;
}

const INDENT = '           ';

function findingLines(f: Finding, ownLine: boolean): string[] {
  const label = f.waiver ? 'waived' : f.baselined ? 'baseline' : f.severity;
  const rule = f.waiver || f.baselined ? `${f.ruleId} (${f.severity})` : f.ruleId;
  const line = ownLine && f.source?.line !== undefined ? `(line ${f.source.line})` : '';
  const at = [f.path, line].filter(Boolean).join(' ');
  const lines = [`  ${label.padEnd(8)} ${rule}${at ? `  ${at}` : ''}`, `${INDENT}${f.message}`];
  if (f.waiver) lines.push(`${INDENT}waiver: ${waiverText(f.waiver)}`);
  else if (f.baselined) lines.push(`${INDENT}baselined until ${f.baselined.expires}${f.baselined.file ? ` (${f.baselined.file})` : ''}; fix: ${f.fix}`);
  else lines.push(`${INDENT}fix: ${f.fix}`);
  return lines;
}

function waiverText(w: Waiver): string {
  const parts = [w.container && `container ${w.container} only`, w.owner && `owner ${w.owner}`, w.ticket && `ticket ${w.ticket}`, w.expires ? `expires ${w.expires}` : 'no expiry'].filter(Boolean);
  return `${w.reason.trim().replace(/\s+/g, ' ')} (${parts.join(', ')})`;
}
