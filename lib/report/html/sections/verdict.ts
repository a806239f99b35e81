import { CITATION_STATUSES } from '../../citations';
import { describeInputProblem, FailOn, reportPasses } from '../../common';
import { countStates, HtmlContext } from '../context';
import { html, Html } from '../escape';
import { code, status, yesNo } from '../parts';

const FAIL_ON: Record<FailOn, string> = {
  error: 'open errors',
  warning: 'open errors and warnings',
  never: 'nothing (report only)',
};

/** Section 1: the verdict, the counts, the tool and the settings the check ran with. */
export function verdictSection(ctx: HtmlContext): Html {
  const { result, meta } = ctx;
  const passed = reportPasses(result, meta);
  const n = countStates(result.findings);
  const problems = meta.inputProblems ?? [];
  const settings = result.settings;
  const kubernetesVersion = meta.kubernetesVersion ?? settings?.kubernetesVersion;
  const registries = meta.allowedRegistries ?? settings?.allowedRegistries;
  const git = meta.provenance?.git;
  const why = passed
    ? 'No open finding fails the check under its threshold, and every input was read.'
    : problems.length > 0 && n.errors + n.warnings === 0
      ? 'Some input could not be read, so not everything was checked.'
      : `Open findings fail the check (it fails on ${FAIL_ON[meta.failOn ?? 'error']})${problems.length > 0 ? ', and some input could not be read' : ''}.`;
  return html`<section id="verdict" aria-labelledby="verdict-h">
<h2 id="verdict-h">1. Verdict</h2>
<p class="verdict ${passed ? 'pass' : 'fail'}"><strong>${passed ? 'PASSED' : 'FAILED'}</strong> — ${why}</p>
<table class="counts">
<caption>Counts</caption>
<tbody>
<tr><th scope="row">New (open) errors</th><td>${n.errors}</td></tr>
<tr><th scope="row">New (open) warnings</th><td>${n.warnings}</td></tr>
<tr><th scope="row">Baselined (accepted debt, still listed)</th><td>${n.baselined}</td></tr>
<tr><th scope="row">Waived (accepted with a reason and expiry)</th><td>${n.waived}</td></tr>
<tr><th scope="row">Objects checked</th><td>${result.resourceCount}</td></tr>
<tr><th scope="row">Rules</th><td>${result.rules.length}</td></tr>
<tr><th scope="row">Input problems</th><td>${problems.length}</td></tr>
<tr><th scope="row">Citations</th><td>${citationCounts(ctx)}</td></tr>
</tbody>
</table>
${problems.length > 0 && html`<h3>Input that could not be read</h3>
<p>The objects in these files (or documents) were not checked: this report does not cover them, and the result is FAILED.</p>
<ul class="problems">${problems.map((p) => html`<li>${status('NOT READ')} <code>${describeInputProblem(p)}</code></li>`)}</ul>`}
<table class="settings">
<caption>Tool and settings</caption>
<tbody>
<tr><th scope="row">Tool</th><td>${meta.toolName ?? 'hipaa-check'}${meta.toolVersion && ` ${meta.toolVersion}`}</td></tr>
<tr><th scope="row">Rule pack</th><td>${meta.packName ? code(meta.packName) : 'not recorded'}</td></tr>
${meta.inputs && meta.inputs.length > 0 && html`<tr><th scope="row">Inputs</th><td>${meta.inputs.map((i, k) => html`${k > 0 && ', '}${code(i)}`)}</td></tr>`}
<tr><th scope="row">Fails on</th><td>${FAIL_ON[meta.failOn ?? 'error']}</td></tr>
<tr><th scope="row">Kubernetes version</th><td>${kubernetesVersion ?? 'not recorded'}</td></tr>
<tr><th scope="row">Allowed image registries</th><td>${registries ? registries.length > 0 ? registries.map((r, k) => html`${k > 0 && ', '}${code(r)}`) : 'none' : 'not recorded'}</td></tr>
<tr><th scope="row">Unclassified objects count as PHI</th><td>${settings ? yesNo(settings.unclassifiedIsPhi) : 'not recorded'}</td></tr>
${settings && html`<tr><th scope="row">Widest egress CIDR for PHI workloads</th><td>IPv4 /${settings.minEgressPrefix.ipv4}, IPv6 /${settings.minEgressPrefix.ipv6}</td></tr>
<tr><th scope="row">Longest waiver period</th><td>${settings.maxWaiverMonths} ${settings.maxWaiverMonths === 1 ? 'month' : 'months'}</td></tr>
<tr><th scope="row">Namespace of objects that name none</th><td>${code(settings.defaultNamespace)}</td></tr>`}
<tr><th scope="row">BAA register</th><td>${meta.baaRegister ? html`${meta.baaRegister.file ? code(meta.baaRegister.file) : 'given'} (${meta.baaRegister.vendors.length} ${meta.baaRegister.vendors.length === 1 ? 'vendor' : 'vendors'})` : 'none given'}</td></tr>
<tr><th scope="row">Baseline</th><td>${result.baseline ? html`${result.baseline.file ? code(result.baseline.file) : 'given'} (${result.baseline.entries.length} entries)` : 'none applied'}</td></tr>
${git && html`<tr><th scope="row">Git commit</th><td>${code(git.commit)}${git.branch && html` on ${code(git.branch)}`}${git.dirty === true ? ' (working tree had uncommitted changes)' : git.dirty === false ? ' (clean working tree)' : ''}</td></tr>`}
<tr><th scope="row">Generated</th><td>${meta.generatedAt ? html`<time datetime="${meta.generatedAt.toISOString()}">${meta.generatedAt.toISOString()}</time>` : 'no time recorded (reports carry a time only when one is given)'}</td></tr>
</tbody>
</table>
</section>`;
}

/** `1 FAIL, 3 PASS`: how many citations have each status, in the report order of statuses (any other status after them). */
function citationCounts(ctx: HtmlContext): Html {
  const counts = new Map<string, number>();
  for (const c of ctx.citations) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const rank = (s: string) => {
    const i = (CITATION_STATUSES as readonly string[]).indexOf(s);
    return i < 0 ? CITATION_STATUSES.length : i;
  };
  const sorted = [...counts].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return html`${sorted.map(([s, k], i) => html`${i > 0 && ', '}${k} ${status(s)}`)}`;
}
