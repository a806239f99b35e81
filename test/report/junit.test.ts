import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { baselinedResult, fullMeta } from './evidence-sample';
import { cleanResult, sampleMeta, sampleResult } from './sample';
import { renderJunit } from '../../lib/report/junit';

const XSD = path.join(__dirname, '..', 'fixtures', 'junit', 'junit-10.xsd');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-junit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function xmllint(xml: string, args: string[]): string {
  const file = path.join(dir, `r${Math.random().toString(36).slice(2)}.xml`);
  fs.writeFileSync(file, xml);
  return execFileSync('xmllint', [...args, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** What GitLab and Jenkins read of each test case, read with xmllint's XPath (a real XML parser). */
function cases(xml: string): Array<Record<string, string | undefined>> {
  const n = Number(xmllint(xml, ['--xpath', 'count(//testcase)']).trim());
  const out: Array<Record<string, string | undefined>> = [];
  const get = (expr: string) => {
    try {
      return xmllint(xml, ['--xpath', `string(${expr})`]).replace(/\n$/, '') || undefined;
    } catch {
      return undefined;
    }
  };
  for (let i = 1; i <= n; i++) {
    const c = `(//testcase)[${i}]`;
    out.push({
      suite: get(`${c}/../@name`),
      classname: get(`${c}/@classname`),
      name: get(`${c}/@name`),
      file: get(`${c}/@file`),
      line: get(`${c}/@line`),
      failure: get(`${c}/failure/@type`) && `${get(`${c}/failure/@type`)}: ${get(`${c}/failure/@message`)}`,
      skipped: get(`${c}/skipped/@message`),
      error: get(`${c}/error/@message`),
    });
  }
  return out;
}

const clean = (o: Record<string, string | undefined>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

describe('renderJunit', () => {
  test('golden file', () => {
    expect(renderJunit(baselinedResult(), fullMeta())).toMatchSnapshot();
  });

  test('the structure CI servers read: a suite per rule, a case per rule x object x path with file and line', () => {
    const read = cases(renderJunit(baselinedResult(), fullMeta())).map(clean);
    expect(read).toEqual([
      {
        suite: 'test-no-privileged', classname: 'test-no-privileged', file: 'manifests/app.yaml', line: '22',
        name: 'Deployment clinic/agent spec.template.spec.containers[0].securityContext.privileged',
        skipped: 'waived: Node agent needs host devices; runs on dedicated nodes (RISK-7). (platform-team, RISK-7, expires 2026-12-31)',
      },
      {
        suite: 'test-no-privileged', classname: 'test-no-privileged', file: 'manifests/app.yaml', line: '7',
        name: 'Deployment clinic/api spec.template.spec.containers[0].securityContext.privileged',
        failure: "error: container 'api' is privileged",
      },
      {
        suite: 'test-pull-always', classname: 'test-pull-always', file: 'manifests/app.yaml', line: '7',
        name: 'Deployment clinic/api spec.template.spec.containers[0].imagePullPolicy',
        skipped: 'baselined until 2026-11-01 (.hipaa-baseline.json, created 2026-05-01)',
      },
      {
        suite: 'test-pull-always', classname: 'test-pull-always', file: 'manifests/app.yaml', line: '42',
        name: 'Deployment clinic/legacy spec.template.spec.containers[0].imagePullPolicy',
        failure: "warning: container 'legacy' uses imagePullPolicy: <unset> | not Always",
      },
      { suite: 'waiver-invalid', classname: 'waiver-invalid', name: 'no findings in 4 objects' },
      {
        suite: 'waiver-expired', classname: 'waiver-expired', file: 'manifests/app.yaml', line: '42',
        name: 'Deployment clinic/legacy metadata.annotations["hipaa-constructs.io/waivers"]',
        failure: "error: waiver of rule 'test-pull-always' expired on 2026-01-31; it no longer applies",
      },
      { suite: 'waiver-blocked-by-admission', classname: 'waiver-blocked-by-admission', name: 'no findings in 4 objects' },
      { suite: 'engine-rule-error', classname: 'engine-rule-error', name: 'no findings in 4 objects' },
    ]);
  });

  test('counts on every suite and the root: tests, failures, skipped, errors; no timestamps, time 0', () => {
    const xml = renderJunit(baselinedResult(), fullMeta());
    expect(xml.split('\n')[1]).toBe('<testsuites name="hipaa-check" tests="8" failures="3" errors="0" skipped="2" time="0">');
    expect(xml).toContain('<testsuite name="test-no-privileged" tests="2" failures="1" errors="0" skipped="1" time="0">');
    expect(xml).toContain('<testsuite name="test-pull-always" tests="2" failures="1" errors="0" skipped="1" time="0">');
    expect(xml).not.toMatch(/timestamp|\d{4}-\d{2}-\d{2}T/);
    expect(xml.match(/time="([^"]*)"/g)!.every((t) => t === 'time="0"')).toBe(true);
    // The suite properties: citations, NIST ids, severity.
    expect(xml).toContain('<property name="hipaa-citation" value="164.312(a)(1)"/>');
    expect(xml).toContain('<property name="nist-800-53" value="SI-7"/>');
    expect(xml).toContain('<property name="severity" value="warning"/>');
    // The failure body: message, fix, citations, file:line.
    expect(xml).toContain("container 'api' is privileged\nFix: Remove securityContext.privileged.\nRule: test-no-privileged (error)\nHIPAA: 164.312(a)(1), 164.312(c)(1)\nFile: manifests/app.yaml:7</failure>");
  });

  test('a rule without findings is one passing case, or a skipped one when it applied to no object', () => {
    const read = cases(renderJunit(cleanResult(), sampleMeta())).map(clean);
    expect(read.filter((c) => c.classname === 'test-no-privileged')).toEqual([
      { suite: 'test-no-privileged', classname: 'test-no-privileged', name: 'applied to no object', skipped: 'not evidenced: no object of kind Deployment was checked' },
    ]);
    expect(read.find((c) => c.classname === 'waiver-invalid')).toEqual({ suite: 'waiver-invalid', classname: 'waiver-invalid', name: 'no findings in 1 object' });
  });

  test('input problems are error cases of a hipaa-check suite', () => {
    const xml = renderJunit(sampleResult(), sampleMeta({ inputProblems: [{ file: 'charts/x.yaml', line: 4, reason: 'an unrendered Helm template ({{ .Values.x }})' }, { file: 'b.json', reason: 'not UTF-8' }] }));
    expect(xml).toContain('<testsuites name="hipaa-check" tests="10" failures="4" errors="2" skipped="1" time="0">');
    expect(cases(xml).slice(0, 2).map(clean)).toEqual([
      { suite: 'hipaa-check', classname: 'hipaa-check', name: 'input charts/x.yaml:4', file: 'charts/x.yaml', line: '4', error: 'an unrendered Helm template ({{ .Values.x }})' },
      { suite: 'hipaa-check', classname: 'hipaa-check', name: 'input b.json', file: 'b.json', error: 'not UTF-8' },
    ]);
  });

  test('escapes markup, keeps line breaks in attributes and strips characters XML forbids', () => {
    const r = sampleResult();
    const nasty = 'a <b> & "c" \'d\'\nline2\u0000\u0001\u001f\ud800 end';
    const findings = r.findings.map((f) => ({ ...f, message: nasty, path: `${f.path}]]>` }));
    const xml = renderJunit({ ...r, findings, unwaived: findings.filter((f) => !f.waiver) }, sampleMeta());
    expect(() => xmllint(xml, ['--noout'])).not.toThrow();
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const read = cases(xml).find((c) => c.failure)!;
    expect(read.failure).toBe(`error: a <b> & "c" 'd'\nline2 end`);
    expect(read.name).toMatch(/\]\]>$/);
  });

  test('is well-formed and valid against the Jenkins xUnit JUnit schema (file and line set aside: see test/fixtures/junit/README.md)', () => {
    for (const xml of [renderJunit(baselinedResult(), fullMeta()), renderJunit(cleanResult(), sampleMeta()), renderJunit(sampleResult(), sampleMeta({ inputProblems: [{ file: 'x.yaml', reason: 'bad' }] }))]) {
      expect(() => xmllint(xml, ['--noout'])).not.toThrow();
      // The schema has no testcase file/line (GitLab and the GitHub reporters read them) and no skipped on testsuites.
      const jenkins = xml.replace(/(<testcase [^>]*?) file="[^"]*"( line="\d+")?/g, '$1').replace(/(<testsuites [^>]*?) skipped="\d+"/, '$1');
      expect(xmllint(jenkins, ['--noout', '--schema', XSD])).toBe('');
    }
  });
});
