import { coverageOf } from '../../citations';
import { renderJson } from '../../json';
import { listsEveryFinding, LIST_EVERY_FINDING_UP_TO } from '../../limits';
import { HtmlContext } from '../context';
import { html, Html, scriptJson } from '../escape';
import { code, status } from '../parts';

/** Id of the `<script type="application/json">` element that carries the JSON report. */
export const JSON_REPORT_ELEMENT_ID = 'hipaa-report';

/**
 * Section 7: the rule catalogue of the pack that ran, the inputs with their SHA-256, the git commit, and the
 * JSON report itself: embedded up to {@link LIST_EVERY_FINDING_UP_TO} findings; above, a note says where it is
 * (measured: 66 MB of the 86 MB page on 62k findings, and the largest cost of writing it).
 */
export function appendixSection(ctx: HtmlContext): Html {
  const { result, meta } = ctx;
  const coverage = coverageOf(result, meta);
  const files = meta.provenance?.inputs ?? [];
  const register = meta.baaRegister;
  const git = meta.provenance?.git;
  return html`<section id="appendix" aria-labelledby="appendix-h">
<h2 id="appendix-h">7. Appendix</h2>
<h3 id="catalogue">Rule catalogue${meta.packName && html` of pack ${code(meta.packName)}`}</h3>
<div class="scroll"><table class="catalogue">
<caption>Rules that ran (${result.rules.length})</caption>
<thead><tr><th scope="col">Rule</th><th scope="col">Title</th><th scope="col">Severity</th><th scope="col">Citations</th><th scope="col">Kinds</th><th scope="col">Objects checked</th></tr></thead>
<tbody>
${result.rules.map((r) => html`<tr><th scope="row"><a href="#${ctx.ruleAnchor(r.id)}">${r.id}</a></th><td>${r.title}</td><td>${status(r.severity.toUpperCase())}</td><td>${r.controls.map((c, i) => html`${i > 0 && ', '}<a href="#${ctx.citationAnchor(c)}">${c}</a>`)}</td><td>${r.kinds.join(', ')}</td><td>${coverage?.[r.id] ?? 'unknown'}</td></tr>
`)}</tbody>
</table></div>
<h3 id="inputs">Inputs</h3>
${files.length === 0 && !register
  ? html`<p>No input hashes were recorded.</p>`
  : html`<div class="scroll"><table class="inputs">
<caption>Files read, with the SHA-256 of the bytes checked</caption>
<thead><tr><th scope="col">File</th><th scope="col">SHA-256</th></tr></thead>
<tbody>
${files.map((f) => html`<tr><td>${code(f.file)}</td><td><code class="hash">${f.sha256}</code></td></tr>
`)}${register && html`<tr><td>${register.file ? code(register.file) : 'BAA register'} (BAA register)</td><td>${register.sha256 ? html`<code class="hash">${register.sha256}</code>` : 'not recorded'}</td></tr>
`}</tbody>
</table></div>`}
<p>Git commit: ${git ? html`${code(git.commit)}${git.branch && html` on ${code(git.branch)}`}${git.remote && html` of ${code(git.remote)}`}${git.dirty === true ? ' (working tree had uncommitted changes)' : git.dirty === false ? ' (clean working tree)' : ''}` : 'not recorded (not run in a git repository)'}.</p>
<h3 id="json">The JSON report</h3>
${listsEveryFinding(result.findings.length)
  ? html`<p>This file carries the complete JSON report (the <code>--json</code> output, schema version 1) in the element <code>script#${JSON_REPORT_ELEMENT_ID}</code>, for tools: every finding, citation and rule above, machine-readable.</p>
<script type="application/json" id="${JSON_REPORT_ELEMENT_ID}">${scriptJson(renderJson(result, meta))}</script>
`
  : html`<p>Not embedded: this run has ${result.findings.length} findings, more than the ${LIST_EVERY_FINDING_UP_TO} this page carries in full, and the JSON report would make this file several times larger than the page. Tools read every finding from the JSON report (the <code>--json</code> output, or <code>hipaa-compliance.json</code> next to this file when the cdk8s synth or plugin wrote it) or from the SARIF report of the same run.</p>
`}</section>`;
}
