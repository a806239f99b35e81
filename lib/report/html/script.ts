import * as crypto from 'crypto';

/**
 * The report's one script: it only adds the findings filter (the form is `hidden` until the script
 * shows it) and opens every group before printing. Without it the report is complete. Its hash goes
 * into the content security policy; no other script can run.
 */
export const FILTER_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) return;
  var get = function (id) { return document.getElementById(id); };
  var severity = get('f-severity'), rule = get('f-rule'), citation = get('f-citation'), status = get('f-status'), text = get('f-text'), count = get('f-count');
  var groups = Array.prototype.slice.call(document.querySelectorAll('details.rule'));
  var texts = new Map();
  function apply() {
    var s = severity.value, r = rule.value, c = citation.value, t = status.value, q = text.value.trim().toLowerCase();
    var active = !!(s || r || c || t || q);
    var shown = 0;
    groups.forEach(function (g) {
      var match = (!s || g.dataset.severity === s) && (!r || g.dataset.rule === r) && (!c || g.dataset.citations.indexOf(' ' + c + ' ') >= 0);
      var n = 0;
      if (match) {
        var rows = g.querySelectorAll('tr[data-status]');
        for (var i = 0; i < rows.length; i++) {
          var row = rows[i];
          var ok = !t || row.dataset.status === t;
          if (ok && q) {
            var x = texts.get(row);
            if (x === undefined) { x = row.textContent.toLowerCase(); texts.set(row, x); }
            ok = x.indexOf(q) >= 0;
          }
          if (row.hidden === ok) row.hidden = !ok;
          if (ok) n++;
        }
      }
      if (g.hidden !== (active && n === 0)) g.hidden = active && n === 0;
      if (active && n > 0) g.open = true;
      shown += n;
    });
    count.value = active ? shown + (shown === 1 ? ' finding matches' : ' findings match') : '';
  }
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
  form.hidden = false;
})();
`;

/** The CSP source that allows {@link FILTER_SCRIPT} and nothing else: `'sha256-…'` of its exact text. */
export const FILTER_SCRIPT_HASH = `'sha256-${crypto.createHash('sha256').update(FILTER_SCRIPT, 'utf8').digest('base64')}'`;

/**
 * The report's content security policy: nothing may load from anywhere (`default-src 'none'`), inline
 * styles only, images only as data: URLs, and only the filter script, by hash.
 */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${FILTER_SCRIPT_HASH}; base-uri 'none'; form-action 'none'`;
