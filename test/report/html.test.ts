// Golden tests pin the report, not the diagram renderer: lib/flows/render-svg is replaced by a fixed stub.
jest.mock('../../lib/flows/render-svg', () => ({ renderFlowDiagrams: (g: any) => jest.requireActual('./html/fixtures').stubDiagrams(g) }));

import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bigResult } from './html/big';
import { baselinedResult, fullMeta, tagProblems } from './html/fixtures';
import { cleanResult, sampleMeta, sampleResult } from './sample';
import type { CheckResult } from '../../lib/check/engine';
import { renderHtml } from '../../lib/report/html';
import { html, scriptJson, trusted } from '../../lib/report/html/escape';
import { JSON_REPORT_ELEMENT_ID } from '../../lib/report/html/sections/appendix';
import { safeSvg } from '../../lib/report/html/sections/flows';
import { renderJson } from '../../lib/report/json';
import { LIST_EVERY_FINDING_UP_TO, ROWS_PER_RULE_WHEN_LARGE } from '../../lib/report/limits';

const GOLDEN = path.join(__dirname, 'html', 'golden.html');

function fullReport(): string {
  return renderHtml(baselinedResult(sampleResult()), fullMeta());
}

function embeddedJson(out: string): string {
  const m = /<script type="application\/json" id="hipaa-report">([\s\S]*?)<\/script>/.exec(out);
  if (!m) throw new Error('no embedded JSON report');
  return m[1];
}

function withoutEmbeddedJson(out: string): string {
  return out.replace(/<script type="application\/json" id="hipaa-report">[\s\S]*?<\/script>/, '');
}

describe('renderHtml golden file', () => {
  test('the full sample (graph, register, baseline, waivers, provenance, a time) matches test/report/html/golden.html', () => {
    const out = fullReport();
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, out);
    expect(out).toBe(fs.readFileSync(GOLDEN, 'utf8'));
  });

  test('is deterministic and carries no time unless one is given', () => {
    const meta = fullMeta({ generatedAt: undefined });
    const a = renderHtml(sampleResult(), meta);
    expect(renderHtml(sampleResult(), meta)).toBe(a);
    expect(a).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(a).toContain('no time recorded');
    // Without a time nothing can be "due".
    expect(a).not.toContain('class="due');
    expect(a).not.toMatch(/expires in \d+ days/);
  });
});

describe('renderHtml security', () => {
  const out = fullReport();
  const scripts = [...out.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];

  test('a content security policy that loads nothing and allows only the filter script, by its hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(out);
    expect(csp).not.toBeNull();
    // The policy comes before anything it must govern.
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<style>'));
    const policy = csp![1].replace(/&#39;/g, "'");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain('img-src data:');
    expect(policy).toContain("style-src 'unsafe-inline'");
    expect(policy).not.toContain("'unsafe-eval'");
    const executable = scripts.filter((s) => !/type="application\/json"/.test(s[1]));
    expect(executable).toHaveLength(1);
    const hash = crypto.createHash('sha256').update(executable[0][2], 'utf8').digest('base64');
    expect(policy).toContain(`script-src 'sha256-${hash}'`);
  });

  test('no reference to anything outside the file: every href is a fragment, no src, no url(), no @import', () => {
    const attributes = [...out.matchAll(/\s(href|src|srcset|action|poster|data|xlink:href)\s*=\s*"([^"]*)"/g)];
    expect(attributes.length).toBeGreaterThan(10);
    for (const [, name, value] of attributes) expect(`${name}=${value}`).toMatch(/^(href|xlink:href)=#/);
    expect(out).not.toMatch(/url\(|@import|<link|<iframe|<img|<object|<embed/i);
    // Outside the embedded JSON (plain data) and the SVG namespace name, no URL at all.
    const rest = withoutEmbeddedJson(out).replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '');
    expect(rest).not.toMatch(/https?:\/\/|="\/\//);
  });

  test('every interpolation is escaped: <script> and </ in a message, an object name, a waiver reason, a vendor reference', () => {
    const evil = '</script><script>alert("x")</script><!-- & \'';
    const r = sampleResult();
    const findings = r.findings.map((f) => ({
      ...f,
      message: `${f.message} ${evil}`,
      resource: { ...f.resource, name: `${f.resource.name}${evil}` },
      waiver: f.waiver ? { ...f.waiver, reason: `${f.waiver.reason} ${evil}`, owner: evil } : undefined,
    }));
    const result: CheckResult = { ...r, findings, unwaived: findings.filter((f) => !f.waiver), waived: findings.filter((f) => f.waiver) };
    const page = renderHtml(result, fullMeta({ packName: evil, inputs: [evil] }));
    expect(page).not.toContain('<script>alert');
    expect(page.match(/<script/g)).toHaveLength(2);
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;!-- &amp; &#39;');
    // The vendor reference in the register fixture and the workload label in the graph fixture.
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;ref&quot;)&lt;/script&gt;');
    expect(page).toContain('api &lt;script&gt;alert(1)&lt;/script&gt;');
    // The embedded JSON cannot end its element or open a comment, and reads back unchanged.
    const json = embeddedJson(page);
    expect(json).not.toMatch(/<\/|<!--/);
    expect(JSON.parse(json)).toEqual(JSON.parse(renderJson(result, fullMeta({ packName: evil, inputs: [evil] }))));
    expect(tagProblems(page)).toEqual([]);
  });

  test('the escaping helper: values escaped, trusted markup and nested templates kept, nothing for undefined/false', () => {
    expect(html`<p title="${'"x"'}">${'<b>'}${trusted('<i>ok</i>')}${html`<u>${'&'}</u>`}${undefined}${false}${null}${3}${['<', html`<br>`]}</p>`.text)
      .toBe('<p title="&quot;x&quot;">&lt;b&gt;<i>ok</i><u>&amp;</u>3&lt;<br></p>');
    expect(scriptJson('{"a":"</script><!--"}').text).toBe('{"a":"\\u003c/script>\\u003c!--"}');
  });

  test('a diagram with a script or an external reference is left out', () => {
    expect(safeSvg('<svg viewBox="0 0 1 1"><a href="#n1"><text>x</text></a></svg>')).toBe(true);
    expect(safeSvg('<svg><script>alert(1)</script></svg>')).toBe(false);
    expect(safeSvg('<svg><image href="https://example.com/x.png"/></svg>')).toBe(false);
    expect(safeSvg('<svg><rect onclick="x()"/></svg>')).toBe(false);
    expect(safeSvg('<svg><rect style="fill:url(https://x/y)"/></svg>')).toBe(false);
    expect(safeSvg('<div></div>')).toBe(false);
  });

  test('the embedded JSON report is the renderJson output', () => {
    const result = baselinedResult(sampleResult());
    expect(JSON.parse(embeddedJson(fullReport()))).toEqual(JSON.parse(renderJson(result, fullMeta())));
  });
});

describe('renderHtml content', () => {
  const out = fullReport();
  const text = withoutEmbeddedJson(out);

  test('verdict and counts: new, baselined, waived', () => {
    expect(text).toContain('<p class="verdict fail"><strong>FAILED</strong>');
    expect(text).toContain('<tr><th scope="row">New (open) errors</th><td>2</td></tr>');
    // api's privileged container and legacy's expired waiver are open errors; api's pull-policy warning is
    // baselined; legacy's warning stays open (its waiver expired).
    expect(text).toContain('<tr><th scope="row">New (open) warnings</th><td>1</td></tr>');
    expect(text).toContain('<tr><th scope="row">Baselined (accepted debt, still listed)</th><td>1</td></tr>');
    expect(text).toContain('<tr><th scope="row">Waived (accepted with a reason and expiry)</th><td>1</td></tr>');
    expect(renderHtml(cleanResult(), sampleMeta())).toContain('<p class="verdict pass"><strong>PASSED</strong>');
  });

  test('input problems fail the report and are listed', () => {
    const page = renderHtml(cleanResult(), sampleMeta({ inputProblems: [{ file: 'bad.yaml', line: 3, reason: 'not YAML' }] }));
    expect(page).toContain('<strong>FAILED</strong> — Some input could not be read');
    expect(page).toContain('<code>bad.yaml:3: not YAML</code>');
  });

  test('the citation matrix: statuses from citationSummaries, explained, each citation linked to its rules and back', () => {
    expect(text).toContain('<tr id="cit-164.312-a-1" class="row-fail">');
    expect(text).toMatch(/<th scope="row">164\.312\(a\)\(1\)<\/th><td>Access control<\/td>.*<span class="status st-fail">FAIL<\/span>/);
    expect(text).toContain('<a href="#rule-test-no-privileged">test-no-privileged</a>');
    expect(text).toContain('id="rule-test-no-privileged"');
    expect(text).toContain('<a href="#cit-164.312-a-1">164.312(a)(1)</a>');
    expect(text).toContain('not assessable from these manifests');
    expect(text).toContain('<span class="status st-not-checked">NOT CHECKED</span>');
  });

  test('any status string the matrix gives is shown, with its baselined count', () => {
    jest.isolateModules(() => {
      jest.doMock('../../lib/report/citations', () => {
        const real = jest.requireActual('../../lib/report/citations');
        return { ...real, citationSummaries: (r: any, m: any) => real.citationSummaries(r, m).map((c: any, i: number) => (i === 0 ? { ...c, status: 'SOMETHING NEW', baselined: 4 } : c)) };
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const page = (require('../../lib/report/html') as typeof import('../../lib/report/html')).renderHtml(sampleResult(), sampleMeta());
      expect(page).toContain('<span class="status st-something-new">SOMETHING NEW</span></td>');
      expect(page).toMatch(/SOMETHING NEW<\/span><\/td>\n<td>[^\n]*<\/td>\n<td>\d+<\/td><td>\d+<\/td><td>\d+<\/td><td>4<\/td><td>\d+<\/td><\/tr>/);
    });
  });

  test('flows: the diagram, exposed workloads and the flow table with transport, PHI and vendor', () => {
    expect(text).toContain('<figure class="diagram">');
    expect(text).toMatch(/<svg [^>]*role="img"/);
    expect(text).toContain('<span class="node">api &lt;script&gt;alert(1)&lt;/script&gt;</span> <span class="facts">(workload, clinic, PHI)</span>: egress not restricted');
    expect(text).toMatch(/<td>TCP\/5432<\/td><td><span class="status st-tls">TLS<\/span><\/td><td><span class="status st-phi">PHI<\/span><\/td><td>NetworkPolicy clinic\/api-egress<\/td><td><span class="status st-internal">INTERNAL<\/span>/);
    expect(text).toContain('<span class="status st-unregistered">UNREGISTERED</span>: no vendor of the register matches host api.pay.example');
    expect(renderHtml(sampleResult(), sampleMeta())).toContain('No data-flow graph was given to this report');
  });

  test('vendors: BAA status, dates, reference, destinations per vendor, unregistered destinations', () => {
    expect(text).toContain('<tr id="vendor-aws"><th scope="row">Amazon Web Services <span class="facts">(aws)</span>');
    expect(text).toContain('<td>AWS Artifact, org o-abc</td>');
    expect(text).toMatch(/id="vendor-aws"[\s\S]*?cloudwatch:\/aws\/eks\/clinic[\s\S]*?<\/tr>/);
    expect(text).toMatch(/<h3>Destinations no vendor of the register matches<\/h3>\n<ul><li><span class="status st-unregistered">UNREGISTERED<\/span> <span class="node">api.pay.example<\/span>/);
    // BAA of backup-co ends 18 days after generatedAt.
    expect(text).toContain('<time datetime="2026-12-20" class="due soon">2026-12-20</time> <strong class="due soon">(expires in 18 days)</strong>');
    expect(renderHtml(sampleResult(), sampleMeta())).toContain('No BAA register was given, so the BAA rules (164.308(b)(1), 164.314(a)(1)) did not run');
  });

  test('findings: rule, severity, citations, object, file:line, field path, message, fix, fingerprint, status', () => {
    expect(text).toMatch(/<tr id="f-[0-9a-f]{32}" data-status="new"><td><span class="status st-new">NEW<\/span><\/td><td>Deployment clinic\/api<br><span class="where">manifests\/app\.yaml:7<\/span><\/td><td><code>spec\.template\.spec\.containers\[0\]\.securityContext\.privileged<\/code><\/td><td>container &#39;api&#39; is privileged<\/td><td><code class="hash">[0-9a-f]{32}<\/code><\/td><\/tr>/);
    // The rule's fix is shown once above its findings; a finding's own fix in its row.
    expect(text).toContain('<p class="fix">Fix (unless a finding says more): Remove securityContext.privileged.</p>');
    expect(text).toContain('<span class="fix">Fix: Set spec.template.spec.containers[0].imagePullPolicy: Always.</span>');
    expect(text).toContain('<summary><code>test-no-privileged</code> Containers must not be privileged — <span class="status st-error">ERROR</span> — 1 new, 0 baselined, 1 waived</summary>');
    expect(text).toContain('<p>Citations: <a href="#cit-164.312-a-1">164.312(a)(1)</a>, <a href="#cit-164.312-c-1">164.312(c)(1)</a>. Objects checked: 3.</p>');
    expect(text).toContain('data-status="baselined"><td><span class="status st-baselined">BASELINED</span>');
    expect(text).toContain('Baselined 2026-11-01 in .hipaa-baseline.json, accepted until 2026-12-15');
    expect(text).toContain('data-status="waived"><td><span class="status st-waived">WAIVED</span>');
    // The filter form is hidden until the script shows it.
    expect(text).toContain('<form id="filters" class="filters" hidden aria-label="Filter findings">');
    expect(text).toMatch(/<label>Citation <select id="f-citation">/);
  });

  test('a construct path is shown with the file and line', () => {
    const r = sampleResult();
    const findings = r.findings.map((f) => ({ ...f, source: { file: 'dist/app.k8s.yaml', line: 12, constructPath: 'app/clinic/api' } }));
    const page = renderHtml({ ...r, findings }, sampleMeta());
    expect(page).toContain('<span class="where">dist/app.k8s.yaml:12</span><br><span class="where">construct app/clinic/api</span>');
  });

  test('waivers and baseline with expiry highlighted within 30 days, stale entries listed', () => {
    expect(text).toMatch(/<td>Node agent needs host devices; runs on dedicated nodes \(RISK-7\)\.<\/td><td>platform-team<\/td><td>RISK-7<\/td><td><time datetime="2026-12-31" class="due soon">2026-12-31<\/time> <strong class="due soon">\(expires in 29 days\)<\/strong><\/td>/);
    expect(text).toContain('<tr><th scope="row">Expires</th><td><time datetime="2026-12-15" class="due soon">2026-12-15</time> <strong class="due soon">(expires in 13 days)</strong></td></tr>');
    expect(text).toContain('<tr><th scope="row">Stale entries (match no finding)</th><td>1</td></tr>');
    expect(text).toMatch(/<caption>Stale baseline entries \(1\)<\/caption>[\s\S]*?<span class="status st-stale">STALE<\/span><\/td><td>test-no-privileged<\/td><td>Deployment clinic\/gone<\/td>/);
  });

  test('appendix: rule catalogue, inputs with SHA-256, git commit', () => {
    expect(text).toMatch(/<tr><th scope="row"><a href="#rule-test-pull-always">test-pull-always<\/a><\/th><td>Containers must use imagePullPolicy: Always<\/td><td><span class="status st-warning">WARNING<\/span><\/td><td><a href="#cit-164.312-d">164.312\(d\)<\/a><\/td><td>Deployment<\/td><td>3<\/td><\/tr>/);
    expect(text).toContain(`<tr><td><code>manifests/app.yaml</code></td><td><code class="hash">${'a'.repeat(64)}</code></td></tr>`);
    expect(text).toContain(`<tr><td><code>hipaa-baa.yaml</code> (BAA register)</td><td><code class="hash">${'b'.repeat(64)}</code></td></tr>`);
    expect(text).toContain(`Git commit: <code>${'c'.repeat(40)}</code> on <code>main</code> (clean working tree).`);
  });

  test('every in-page link has its target, and ids are unique', () => {
    const ids = [...out.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, target] of out.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(target);
  });
});

describe('renderHtml validity', () => {
  test('well formed: balanced tags, and xmllint --html reports nothing but its HTML4 parser not knowing HTML5 elements', () => {
    const out = fullReport();
    expect(tagProblems(out)).toEqual([]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-html-')), 'report.html');
    fs.writeFileSync(file, out);
    let stderr = '';
    try {
      execFileSync('xmllint', ['--html', '--noout', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e: any) {
      stderr = String(e.stderr);
    }
    const errors = stderr.split('\n').filter((l) => /parser error/.test(l) && !/Tag [a-z]+ invalid/.test(l));
    expect(errors).toEqual([]);
  });

  test('the balance checker finds what it must', () => {
    expect(tagProblems('<p><b>x</p>')).not.toEqual([]);
    expect(tagProblems('<div>a < b</div>')).toEqual(["bare '<' at 7"]);
    expect(tagProblems('<p>a<br>b<svg><rect/></svg></p>')).toEqual([]);
  });
});

describe('renderHtml on a large result', () => {
  test('12,000 findings: linear, groups closed, every finding listed once', () => {
    const r = bigResult(2400);
    const t = Date.now();
    const out = renderHtml(r, sampleMeta({ objects: undefined }));
    // A guard against quadratic loops, loose for a shared machine (measured under jest with coverage on a
    // loaded 2-core machine: ~4 s; a quadratic loop over 12k findings would take minutes).
    expect(Date.now() - t).toBeLessThan(10_000);
    expect(out).not.toMatch(/<details class="rule"[^>]* open>/);
    // Above the threshold each rule lists its first findings and says how many it has, and the page
    // points at the JSON and SARIF reports instead of embedding the JSON report.
    const perRule = new Map<string, number>();
    for (const f of r.findings) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
    let listed = 0;
    for (const [id, n] of perRule) {
      listed += Math.min(n, ROWS_PER_RULE_WHEN_LARGE);
      if (n > ROWS_PER_RULE_WHEN_LARGE) {
        const group = new RegExp(`<details class="rule"[^>]* data-rule="${id}"[\\s\\S]*?</details>`).exec(out)![0];
        expect(group).toContain(`Listed here: the first ${ROWS_PER_RULE_WHEN_LARGE} of this rule's ${n} findings. The complete list is in the JSON and SARIF reports.`);
        expect(group.match(/<tr id="f-/g)).toHaveLength(ROWS_PER_RULE_WHEN_LARGE);
      }
    }
    expect(out.match(/<tr id="f-/g)).toHaveLength(listed);
    expect(out).toContain(`each rule lists its first ${ROWS_PER_RULE_WHEN_LARGE} findings and says how many it has`);
    expect(out).toContain('every finding is in the JSON and SARIF reports of the same run, which this page does not embed at this size (section 7).');
    expect(out).not.toContain(`id="${JSON_REPORT_ELEMENT_ID}"`);
    expect(out).toContain(`<h3 id="json">The JSON report</h3>\n<p>Not embedded: this run has ${r.findings.length} findings, more than the ${LIST_EVERY_FINDING_UP_TO} this page carries in full`);
  });

  test(`up to ${LIST_EVERY_FINDING_UP_TO} findings: every finding has a row`, () => {
    const perObject = bigResult(1).findings.length;
    const r = bigResult(Math.floor(LIST_EVERY_FINDING_UP_TO / perObject));
    expect(r.findings.length).toBeLessThanOrEqual(LIST_EVERY_FINDING_UP_TO);
    expect(r.findings.length).toBeGreaterThan(LIST_EVERY_FINDING_UP_TO - perObject);
    const out = renderHtml(r, sampleMeta({ objects: undefined }));
    expect(out.match(/<tr id="f-/g)).toHaveLength(r.findings.length);
    expect(out).not.toContain('Listed here');
    expect(out).not.toContain('each rule lists its first');
    expect(JSON.parse(embeddedJson(out)).findings).toHaveLength(r.findings.length);
  });
});
