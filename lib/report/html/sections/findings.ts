import type { Finding } from '../../../check/finding';
import type { ResourceRef, SourceLocation } from '../../../check/resource';
import type { RuleInfo } from '../../../check/rule';
import { coverageOf } from '../../citations';
import { describeObject, fingerprint, sourceLabel } from '../../common';
import { listsEveryFinding, LIST_EVERY_FINDING_UP_TO, ROWS_PER_RULE_WHEN_LARGE } from '../../limits';
import { HtmlContext, stateOf } from '../context';
import { html, Html, join } from '../escape';
import { stateBadge, status } from '../parts';

/** Above this many findings every rule's group starts closed, so a large report opens fast; print and the filter open them. */
export const OPEN_GROUPS_UP_TO = 200;

// Re-exported: the HTML report's tests and earlier imports name them here.
export { LIST_EVERY_FINDING_UP_TO, ROWS_PER_RULE_WHEN_LARGE };

/**
 * Section 5: every finding, grouped by rule (every rule that ran has a group, clean ones too: that
 * is the evidence for a PASS). Readable without scripts; the inline script only adds the filter form.
 */
export function findingsSection(ctx: HtmlContext): Html {
  const { result } = ctx;
  const byRule = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const rules: RuleInfo[] = [...result.rules];
  const known = new Set(rules.map((r) => r.id));
  for (const [id, list] of byRule) {
    if (!known.has(id)) {
      const f = list[0];
      rules.push({ id, title: f.title, description: '', severity: f.severity, controls: f.controls, kinds: [], fix: f.fix });
    }
  }
  const coverage = coverageOf(result, ctx.meta);
  const open = result.findings.length <= OPEN_GROUPS_UP_TO;
  const limit = listsEveryFinding(result.findings.length) ? Infinity : ROWS_PER_RULE_WHEN_LARGE;
  const writer = new RowWriter();
  const citations = [...new Set(rules.flatMap((r) => r.controls))].sort();
  return html`<section id="findings" aria-labelledby="findings-h">
<h2 id="findings-h">5. Findings</h2>
<p>${result.findings.length} ${result.findings.length === 1 ? 'finding' : 'findings'}, grouped by rule.${limit !== Infinity && ` So that this page opens in a browser, each rule lists its first ${limit} findings and says how many it has; every finding is in the JSON and SARIF reports of the same run, which this page does not embed at this size (section 7).`} ${status('NEW')} findings are open and count towards the verdict; ${status('BASELINED')} findings are accepted debt from the baseline; ${status('WAIVED')} findings are accepted by a named waiver (section 6). Each finding's fingerprint stays the same across runs (rule, object, field path and message).</p>
<form id="filters" class="filters" hidden aria-label="Filter findings">
<label>Severity <select id="f-severity"><option value="">any</option><option value="error">error</option><option value="warning">warning</option></select></label>
<label>Rule <select id="f-rule"><option value="">any</option>${rules.filter((r) => byRule.has(r.id)).map((r) => html`<option value="${r.id}">${r.id}</option>`)}</select></label>
<label>Citation <select id="f-citation"><option value="">any</option>${citations.map((c) => html`<option value="${c}">${c}</option>`)}</select></label>
<label>Status <select id="f-status"><option value="">any</option><option value="new">new</option><option value="baselined">baselined</option><option value="waived">waived</option></select></label>
<label>Text <input id="f-text" type="search" autocomplete="off"></label>
<output id="f-count" aria-live="polite"></output>
</form>
${rules.map((r) => ruleGroup(ctx, r, byRule.get(r.id) ?? [], coverage?.[r.id], open, writer, limit))}
</section>`;
}

function ruleGroup(
  ctx: HtmlContext, rule: RuleInfo, findings: readonly Finding[], objects: number | undefined, open: boolean, writer: RowWriter, limit: number,
): Html {
  let fresh = 0;
  let baselined = 0;
  let waived = 0;
  for (const f of findings) {
    if (f.waiver) waived++;
    else if (f.baselined) baselined++;
    else fresh++;
  }
  const counts = findings.length === 0
    ? `no findings${objects !== undefined ? ` in ${objects} ${objects === 1 ? 'object' : 'objects'} checked` : ''}`
    : `${fresh} new, ${baselined} baselined, ${waived} waived`;
  return html`<details class="rule" id="${ctx.ruleAnchor(rule.id)}" data-rule="${rule.id}" data-severity="${rule.severity}" data-citations=" ${rule.controls.join(' ')} "${open && findings.length > 0 && html` open`}>
<summary><code>${rule.id}</code> ${rule.title} — ${status(rule.severity.toUpperCase())} — ${counts}</summary>
<div class="rule-body">
${rule.description && html`<p>${rule.description}</p>`}
<p>Citations: ${rule.controls.length === 0 ? 'none' : rule.controls.map((c, i) => html`${i > 0 && ', '}<a href="#${ctx.citationAnchor(c)}">${c}</a>`)}. Objects checked: ${objects ?? 'unknown'}.</p>
<p class="fix">Fix (unless a finding says more): ${rule.fix}</p>
${findings.length > limit && html`<p class="listed">Listed here: the first ${limit} of this rule's ${findings.length} findings. The complete list is in the JSON and SARIF reports.</p>
`}${findings.length > 0 && html`<table class="findings">
<thead><tr><th scope="col">Status</th><th scope="col">Object and source</th><th scope="col">Field path</th><th scope="col">Message and fix</th><th scope="col">Fingerprint</th></tr></thead>
<tbody>
${writer.rows(findings.length > limit ? findings.slice(0, limit) : findings, rule.fix)}</tbody>
</table>`}
</div>
</details>
`;
}

/** Writes finding rows; the object and source text of consecutive findings is made once. */
class RowWriter {
  private readonly ids = new Set<string>();
  private readonly objects = new Map<ResourceRef, Html>();
  private readonly sources = new Map<SourceLocation | undefined, Html>();

  /** The rows of a rule's findings. */
  public rows(findings: readonly Finding[], ruleFix: string): Html {
    const out: Html[] = [];
    for (const f of findings) out.push(this.row(f, ruleFix));
    return join(out);
  }

  /** A finding's row; its fix is shown when it says more than the rule's (shown above the table). */
  private row(f: Finding, ruleFix: string): Html {
    const fp = fingerprint(f);
    let id = `f-${fp}`;
    for (let k = 2; this.ids.has(id); k++) id = `f-${fp}-${k}`;
    this.ids.add(id);
    const state = stateOf(f);
    return html`<tr id="${id}" data-status="${state}"><td>${stateBadge(state)}</td><td>${this.object(f.resource)}${this.source(f.source)}</td><td><code>${f.path}</code></td><td>${f.message}${f.fix !== ruleFix && html`<br><span class="fix">Fix: ${f.fix}</span>`}${acceptance(f)}</td><td><code class="hash">${fp}</code></td></tr>
`;
  }

  private object(r: ResourceRef): Html {
    let text = this.objects.get(r);
    if (!text) {
      text = html`${describeObject(r)}`;
      this.objects.set(r, text);
    }
    return text;
  }

  private source(s: SourceLocation | undefined): Html {
    let text = this.sources.get(s);
    if (!text) {
      const file = s?.file ? sourceLabel({ file: s.file, line: s.line }) : undefined;
      text = html`${file && html`<br><span class="where">${file}</span>`}${s?.constructPath && html`<br><span class="where">construct ${s.constructPath}</span>`}`;
      this.sources.set(s, text);
    }
    return text;
  }
}

function acceptance(f: Finding): Html | undefined {
  if (f.waiver) {
    const w = f.waiver;
    return html`<br><span class="accepted">Waived until ${w.expires}: ${w.reason}${w.owner && ` (owner ${w.owner})`}${w.ticket && ` [${w.ticket}]`}</span>`;
  }
  if (f.baselined) return html`<br><span class="accepted">Baselined ${f.baselined.created}${f.baselined.file && ` in ${f.baselined.file}`}, accepted until ${f.baselined.expires}</span>`;
  return undefined;
}
