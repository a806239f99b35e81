import type { BaselineEntry } from '../../../check/baseline';
import type { Finding } from '../../../check/finding';
import type { Waiver } from '../../../check/waiver';
import { describeObject } from '../../common';
import { HtmlContext } from '../context';
import { html, Html } from '../escape';
import { code, expiry, status } from '../parts';

/** Section 6: the waivers that accepted findings and the baseline, with their expiry dates (marked when due, if the report has a time). */
export function waiversSection(ctx: HtmlContext): Html {
  const { result } = ctx;
  const now = ctx.meta.generatedAt;
  const waivers = waiverRows(result.findings);
  const metaRules = result.rules.filter((r) => r.id.startsWith('waiver-'));
  const baseline = result.baseline;
  const stale = result.staleBaseline ?? [];
  return html`<section id="waivers" aria-labelledby="waivers-h">
<h2 id="waivers-h">6. Waivers and baseline</h2>
<h3>Waivers in force</h3>
${waivers.length === 0
  ? html`<p>No finding is waived.</p>`
  : html`<div class="scroll"><table class="waivers">
<caption>Waivers that accepted findings (${waivers.length})</caption>
<thead><tr><th scope="col">Rule</th><th scope="col">Object</th><th scope="col">Reason</th><th scope="col">Owner</th><th scope="col">Ticket</th><th scope="col">Expires</th><th scope="col">Container</th><th scope="col">Findings</th></tr></thead>
<tbody>
${waivers.map((w) => html`<tr><td><a href="#${ctx.ruleAnchor(w.waiver.ruleId)}">${w.waiver.ruleId}</a></td><td>${w.object}</td><td>${w.waiver.reason}</td><td>${w.waiver.owner ?? '—'}</td><td>${w.waiver.ticket ?? '—'}</td><td>${expiry(w.waiver.expires, now)}</td><td>${w.waiver.container ?? 'all'}</td><td>${w.count}</td></tr>
`)}</tbody>
</table></div>`}
${metaRules.length > 0 && html`<p>Expired, invalid or blocked waivers do not waive anything: they are findings of the engine's own rules (${metaRules.map((r, i) => html`${i > 0 && ', '}<a href="#${ctx.ruleAnchor(r.id)}">${r.id}</a>`)}) in section 5.</p>`}
<h3>Baseline</h3>
${!baseline
  ? html`<p>No baseline was applied: every finding that is not waived is new.</p>`
  : html`<table class="settings">
<caption>Baseline</caption>
<tbody>
<tr><th scope="row">File</th><td>${baseline.file ? code(baseline.file) : 'not read from a file'}</td></tr>
<tr><th scope="row">Created</th><td>${baseline.created}</td></tr>
<tr><th scope="row">Expires</th><td>${expiry(baseline.expires, now)}</td></tr>
<tr><th scope="row">Entries</th><td>${baseline.entries.length}</td></tr>
<tr><th scope="row">Findings it accepted</th><td>${result.baselined?.length ?? 0}</td></tr>
<tr><th scope="row">Stale entries (match no finding)</th><td>${stale.length}</td></tr>
</tbody>
</table>
${stale.length > 0 && html`<p>Stale entries matched no finding: the finding was fixed or the object is gone. Prune them (<code>--prune-baseline</code>) so the baseline only shrinks.</p>
${entryTable('Stale baseline entries', stale, true)}`}
${baseline.entries.length > 0 && html`<details class="entries"><summary>All ${baseline.entries.length} baseline entries</summary>
${entryTable('Baseline entries', baseline.entries, false)}
</details>`}`}
</section>`;
}

interface WaiverRow {
  readonly waiver: Waiver;
  readonly object: string;
  count: number;
}

/** One row per waiver and object, in the order their findings come. */
function waiverRows(findings: readonly Finding[]): WaiverRow[] {
  const rows = new Map<string, WaiverRow>();
  for (const f of findings) {
    const w = f.waiver;
    if (!w) continue;
    const object = describeObject(f.resource);
    const key = [object, w.ruleId, w.reason, w.expires, w.owner ?? '', w.ticket ?? '', w.container ?? ''].join('\u0000');
    const row = rows.get(key);
    if (row) row.count++;
    else rows.set(key, { waiver: w, object, count: 1 });
  }
  return [...rows.values()];
}

function entryTable(caption: string, entries: readonly BaselineEntry[], stale: boolean): Html {
  return html`<div class="scroll"><table class="baseline">
<caption>${caption} (${entries.length})</caption>
<thead><tr>${stale && html`<th scope="col">Status</th>`}<th scope="col">Rule</th><th scope="col">Object</th><th scope="col">Field path</th><th scope="col">Count</th><th scope="col">Message when accepted</th></tr></thead>
<tbody>
${entries.map((e) => html`<tr>${stale && html`<td>${status('STALE')}</td>`}<td>${e.rule}</td><td>${describeObject({ kind: e.kind, namespace: e.namespace, name: e.name })}</td><td>${code(e.path)}</td><td>${e.count ?? 1}</td><td>${e.message ?? '—'}</td></tr>
`)}</tbody>
</table></div>`;
}
