/**
 * The HTML report in a real browser: headless Chromium (/usr/bin/chromium) over the DevTools protocol.
 * It renders, the diagram is visible, nothing is blocked or thrown (a CSP violation is a console error),
 * it reads completely with JavaScript off, the filter works with it on, and print shows every finding.
 * Negative tests prove the harness sees a CSP violation and a broken page.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bigResult } from './html/big';
import { CHROMIUM, withChromium } from './html/chromium';
import { baselinedResult, fullMeta, stubDiagrams } from './html/fixtures';
import { sampleMeta, sampleResult } from './sample';
import type { FlowGraph } from '../../lib/flows/flow-graph';
import * as renderSvg from '../../lib/flows/render-svg';
import { renderHtml } from '../../lib/report/html';

/** The real diagram renderer once lib/flows has one; until then the stub (a renderer that throws is not this report's failure). */
function diagramRenderer(): (g: FlowGraph) => renderSvg.FlowDiagram[] {
  try {
    renderSvg.renderFlowDiagrams({ nodes: [], edges: [], namespaces: [] });
    return renderSvg.renderFlowDiagrams;
  } catch {
    return stubDiagrams;
  }
}

const available = fs.existsSync(CHROMIUM);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-html-browser-'));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const SVG_BOX = '(() => [...document.querySelectorAll(\'figure.diagram svg\')].map((s) => { const b = s.getBoundingClientRect(); return [Math.round(b.width), Math.round(b.height)]; }))()';
const ROWS_SHOWN = '[...document.querySelectorAll(\'tr[data-status]\')].filter((r) => r.checkVisibility()).length';

(available ? describe : describe.skip)('the HTML report in headless Chromium', () => {
  let report: string;
  let sample: ReturnType<typeof baselinedResult>;
  beforeAll(() => {
    // Chosen before the spy is installed: the real renderer, not the spy (which would call itself).
    const renderer = diagramRenderer();
    jest.spyOn(renderSvg, 'renderFlowDiagrams').mockImplementation(renderer);
    sample = baselinedResult(sampleResult());
    report = write('report.html', renderHtml(sample, fullMeta()));
  });
  afterAll(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('renders with and without JavaScript, on screen and in print, without a console error; the negative pages are caught', async () => {
    const big = write('big.html', renderHtml(bigResult(300), sampleMeta()));
    const badHash = write('bad-hash.html', fs.readFileSync(report, 'utf8').replace("'use strict';", "'use strict'; "));
    const external = write('external.html', fs.readFileSync(report, 'utf8').replace('<main>', '<main><img src="https://example.invalid/x.png" alt="">'));
    await withChromium(async (chromium) => {
      // Scripts on: the filter appears and works.
      const on = await chromium.run(report, {
        evaluate: [
          SVG_BOX,
          'document.getElementById(\'filters\').hidden',
          ROWS_SHOWN,
          `(() => { const s = document.getElementById('f-status'); s.value = 'waived'; s.dispatchEvent(new Event('input', { bubbles: true })); return [${ROWS_SHOWN}, document.getElementById('f-count').value]; })()`,
          `(() => { document.getElementById('f-status').value = ''; const t = document.getElementById('f-text'); t.value = 'LEGACY'; t.dispatchEvent(new Event('input', { bubbles: true })); return ${ROWS_SHOWN}; })()`,
          '(() => { document.getElementById(\'f-text\').value = \'\'; const c = document.getElementById(\'f-citation\'); c.value = \'164.312(d)\'; c.dispatchEvent(new Event(\'input\', { bubbles: true })); return [...document.querySelectorAll(\'details.rule\')].filter((d) => !d.hidden).map((d) => d.dataset.rule); })()',
        ],
      });
      expect(on.errors).toEqual([]);
      const [boxes, formHidden, rows, waived, legacy, byCitation] = on.values as [number[][], boolean, number, [number, string], number, string[]];
      expect(boxes.length).toBeGreaterThan(0);
      for (const [w, h] of boxes) expect(w * h).toBeGreaterThan(0);
      expect(formHidden).toBe(false);
      expect(rows).toBe(sample.findings.length);
      expect(waived).toEqual([1, '1 finding matches']);
      expect(legacy).toBe(2);
      expect(byCitation).toEqual(['test-pull-always']);

      // Scripts off: complete and readable, no filter form.
      const off = await chromium.run(report, {
        javascript: false,
        evaluate: [SVG_BOX, '!document.getElementById(\'filters\').checkVisibility()', ROWS_SHOWN, 'document.querySelector(\'#verdict .verdict\').innerText'],
      });
      expect(off.errors).toEqual([]);
      const [offBoxes, formGone, offRows, verdict] = off.values as [number[][], boolean, number, string];
      for (const [w, h] of offBoxes) expect(w * h).toBeGreaterThan(0);
      expect(formGone).toBe(true);
      expect(offRows).toBe(sample.findings.length);
      expect(verdict).toMatch(/^FAILED — /);

      // A large report starts with its groups closed; print (scripts off, so CSS alone) shows every row.
      const screen = await chromium.run(big, { javascript: false, evaluate: [ROWS_SHOWN] });
      const print = await chromium.run(big, { javascript: false, media: 'print', evaluate: [ROWS_SHOWN, 'document.querySelectorAll(\'tr[data-status]\').length'] });
      expect(screen.errors).toEqual([]);
      expect(print.errors).toEqual([]);
      expect(screen.values[0]).toBe(0);
      expect(print.values[0]).toBe(print.values[1]);
      expect(print.values[1]).toBeGreaterThan(300);

      // Negative: a script whose hash the policy does not allow, and an image from the network, are refused and seen.
      const bad = await chromium.run(badHash, { evaluate: ['document.getElementById(\'filters\').hidden'] });
      expect(bad.errors.join('\n')).toMatch(/violates the following Content Security Policy directive/);
      expect(bad.values[0]).toBe(true);
      const img = await chromium.run(external);
      expect(img.errors.join('\n')).toMatch(/Loading the image 'https:\/\/example\.invalid\/x\.png' violates the following Content Security Policy/);
    });
  }, 30000);
});
