/**
 * The report's style sheet (inline; the content security policy allows inline styles only). Colours
 * repeat what the text says (a status is always a word), with at least 4.5:1 contrast; print
 * opens every group and drops the filter.
 */
export const STYLES = `
:root { color-scheme: light; --fg: #1a1a1a; --muted: #4a4a4a; --line: #c8c8c8; --head: #eef1f4; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; margin: 0 auto; max-width: 1400px; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.08rem; margin-top: 1.4rem; }
a { color: #0b4f9c; }
a:focus, summary:focus, select:focus, input:focus { outline: 3px solid #1f6fd1; outline-offset: 1px; }
code { font: 0.88em/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.hash { font-size: .8em; color: var(--muted); overflow-wrap: anywhere; }
nav ol { columns: 2; margin: .3rem 0; }
table { border-collapse: collapse; margin: .6rem 0 1rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: var(--head); overflow-wrap: normal; }
table.matrix tbody th { white-space: nowrap; }
tbody th { font-weight: 600; }
table.counts, table.settings { width: auto; min-width: 28rem; }
.scroll { overflow-x: auto; }
.verdict { font-size: 1.2rem; padding: .6rem .9rem; border-left: 8px solid; }
.verdict.pass { background: #e6f4ea; border-color: #1e7b34; }
.verdict.fail { background: #fdecea; border-color: #b3261e; }
.status { display: inline-block; font: 600 .78rem/1.2 ui-monospace, Menlo, Consolas, monospace; padding: .1rem .35rem; border-radius: 3px; border: 1px solid #767676; background: #f2f2f2; color: #1a1a1a; white-space: nowrap; }
.st-fail, .st-error, .st-new, .st-expired, .st-unregistered, .st-no-baa, .st-not-eligible, .st-exposed, .st-plaintext, .st-none, .st-terminated, .st-not-read, .st-stale { background: #fdecea; border-color: #b3261e; color: #8c1d18; }
.st-warn, .st-warning, .st-baselined, .st-pending, .st-unknown, .st-not-drawn { background: #fff4d6; border-color: #8a6100; color: #5c4100; }
.st-pass, .st-pass-waivers, .st-covered, .st-internal, .st-signed, .st-tls, .st-mtls { background: #e6f4ea; border-color: #1e7b34; color: #14532d; }
.st-waived, .st-phi { background: #e8eefc; border-color: #3a5bb8; color: #213a80; }
.st-not-evidenced, .st-not-checked { background: #f2f2f2; border-color: #5f5f5f; color: #303030; }
tr.row-fail > th { border-left: 5px solid #b3261e; }
tr.row-warn > th { border-left: 5px solid #8a6100; }
.due.soon { color: #5c4100; background: #fff4d6; }
.due.past { color: #8c1d18; background: #fdecea; }
.where, .facts, .fix, .accepted { color: var(--muted); }
.fix { display: inline-block; margin-top: .15rem; }
ul.plain { list-style: none; margin: 0; padding: 0; }
dl.meanings { display: grid; grid-template-columns: max-content 1fr; gap: .25rem .8rem; }
dl.meanings dd { margin: 0; }
figure.diagram { margin: 1rem 0; border: 1px solid var(--line); padding: .5rem; overflow-x: auto; }
figure.diagram figcaption { font-weight: 600; margin-bottom: .4rem; }
figure.diagram svg { max-width: 100%; height: auto; }
details.rule { border: 1px solid var(--line); border-radius: 4px; margin: .4rem 0; padding: .2rem .6rem; }
details.rule > summary { cursor: pointer; padding: .3rem 0; }
details.rule[open] > summary { border-bottom: 1px solid var(--line); }
.filters { position: sticky; top: 0; z-index: 1; background: #f7f9fb; border: 1px solid var(--line); padding: .5rem .7rem; display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; }
.filters[hidden] { display: none; }
.filters label { font-weight: 600; }
.filters select, .filters input { font: inherit; margin-left: .3rem; }
tr[hidden], details[hidden] { display: none; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .filters, nav { display: none !important; }
  .scroll { overflow: visible; }
  details > summary { list-style: none; }
  details::details-content { content-visibility: visible; display: block; }
  details.rule { break-inside: auto; border: 0; padding: 0; }
  h2 { break-before: page; break-after: avoid; }
  #verdict h2 { break-before: auto; }
  h3, caption, summary { break-after: avoid; }
  tr, figure.diagram { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  tr[hidden] { display: table-row; }
  details[hidden] { display: block; }
}
`;
