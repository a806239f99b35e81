import type { CitationSummary } from '../../citations';
import { HtmlContext } from '../context';
import { html, Html } from '../escape';
import { status } from '../parts';

/** What each status means, for the reader of the matrix. */
const MEANINGS: readonly (readonly [string, string])[] = [
  ['FAIL', 'open errors under the citation.'],
  ['WARN', 'open warnings under it, no open errors.'],
  ['BASELINED', 'nothing new is open, but findings under it are accepted by the baseline: known debt still to fix, not a PASS.'],
  ['NOT EVIDENCED', 'rules serve it, but none of them applied to any object checked here: it is not assessable from these manifests, so it is not a PASS.'],
  ['PASS (waivers)', 'rules that check it applied to objects and nothing is open, but some findings are accepted by named, expiring waivers.'],
  ['PASS', 'rules that check it applied to at least one object and nothing is open.'],
  ['NOT CHECKED', 'no rule of this pack serves it; evidence must come from elsewhere (policies, other tools).'],
];

/** Section 2: the HIPAA citation matrix from citationSummaries, each citation linked to the rules (and findings) that evidence it. */
export function citationsSection(ctx: HtmlContext): Html {
  const seen = new Set(ctx.citations.map((c) => c.status as string));
  return html`<section id="citations" aria-labelledby="citations-h">
<h2 id="citations-h">2. HIPAA Security Rule citation matrix</h2>
<p>Each citation of 45 CFR Part 164 Subpart C that this library's controls catalogue knows, with the NIST SP 800-53 Rev. 5 controls NIST SP 800-66 Rev. 2 relates to it, the rules that check it and their verdict. Follow a rule to its findings in section 5.</p>
<dl class="meanings">${MEANINGS.filter(([s]) => seen.has(s) || s !== 'BASELINED').map(([s, m]) => html`<dt>${status(s)}</dt><dd>${m}</dd>`)}</dl>
<div class="scroll">
<table class="matrix">
<caption>Citations (${ctx.citations.length})</caption>
<thead><tr><th scope="col">Citation</th><th scope="col">Title</th><th scope="col">Safeguard</th><th scope="col">NIST SP 800-53</th><th scope="col">Status</th><th scope="col">Rules (evidence)</th><th scope="col">Objects</th><th scope="col">Open errors</th><th scope="col">Open warnings</th><th scope="col">Baselined</th><th scope="col">Waived</th></tr></thead>
<tbody>
${ctx.citations.map((c) => citationRow(ctx, c))}
</tbody>
</table>
</div>
</section>`;
}

function citationRow(ctx: HtmlContext, c: CitationSummary): Html {
  const control = c.control;
  const evidence = new Set(c.evidence.map((r) => r.id));
  return html`<tr id="${ctx.citationAnchor(control.id)}" class="${statusRowClass(c.status)}">
<th scope="row">${control.id}</th><td>${control.title}</td><td>${control.safeguard}, ${control.type}</td><td>${control.nist80053.join(', ')}</td><td>${status(c.status)}</td>
<td>${c.rules.length === 0 ? 'none' : html`<ul class="plain">${c.rules.map((r) => html`<li><a href="#${ctx.ruleAnchor(r.id)}">${r.id}</a>${!evidence.has(r.id) && ' (applied to no object)'}</li>`)}</ul>`}</td>
<td>${c.objects ?? 'unknown'}</td><td>${c.errors}</td><td>${c.warnings}</td><td>${c.baselined}</td><td>${c.waived}</td></tr>
`;
}

function statusRowClass(s: string): string {
  return s === 'FAIL' ? 'row-fail' : s === 'WARN' ? 'row-warn' : '';
}
