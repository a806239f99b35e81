import { coverageOf } from './citations';
import { describeInputProblem, describeObject, ReportMetadata } from './common';
import type { CheckResult } from '../check/engine';
import type { Finding } from '../check/finding';
import type { RuleInfo } from '../check/rule';
import { CONTROLS, Control } from '../controls/catalogue';

/**
 * JUnit XML for CI test reporters (GitLab, Jenkins, GitHub actions): a `<testsuite>` per rule, a
 * `<testcase>` per rule x object x field path (`classname` = rule id, `name` = `Kind ns/name path`, `file`
 * and `line` where the object came from). Open findings are `<failure type="error|warning">`; waived and
 * baselined ones `<skipped>` with the waiver's reason, owner and expiry or the baseline's expiry; a rule
 * without findings is one passing case (skipped when it applied to no object: no evidence). Input that
 * could not be read is an `<error>` case in a `hipaa-check` suite. No timestamps and `time="0"` (a static
 * check has no duration worth tracking, and the file stays byte-identical across runs).
 */
export function renderJunit(result: CheckResult, meta: ReportMetadata = {}): string {
  const coverage = coverageOf(result, meta);
  const byRule = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const rules: RuleInfo[] = [...result.rules];
  for (const [id, findings] of byRule) {
    if (!rules.some((r) => r.id === id)) rules.push({ ...findings[0], id, description: findings[0].title, kinds: [], fix: findings[0].fix });
  }
  const suites: Suite[] = rules.map((rule) => ruleSuite(rule, byRule.get(rule.id) ?? [], coverage?.[rule.id]));
  if (meta.inputProblems?.length) suites.unshift(inputSuite(meta));

  let tests = 0, failures = 0, errors = 0, skipped = 0;
  for (const s of suites) {
    tests += s.tests;
    failures += s.failures;
    errors += s.errors;
    skipped += s.skipped;
  }
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(meta.toolName ?? 'hipaa-check')}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="0">`,
  ];
  for (const s of suites) out.push(s.xml);
  out.push('</testsuites>', '');
  return out.join('\n');
}

interface Suite {
  readonly xml: string;
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  readonly skipped: number;
}

function ruleSuite(rule: RuleInfo, findings: readonly Finding[], applied: number | undefined): Suite {
  // Pieces of text pushed to one list and joined once per suite: no string grows case by case
  // (measured: concatenating every case cost a third of this report on 62k findings).
  const cases: string[] = [];
  let failures = 0, skipped = 0, tests = 0;
  const id = attr(rule.id);
  const bodies = new FailureText();
  // One case per object and field path. The engine orders findings by object, rule and path, so the
  // findings of one case are adjacent: no map of keys, one comparison with the previous finding.
  for (let i = 0; i < findings.length;) {
    const first = findings[i];
    let end = i + 1;
    while (end < findings.length && sameCase(first, findings[end])) end++;
    tests++;
    cases.push(tests > 1 ? '\n' : '', '    <testcase classname="', id, '" name="', attr(`${describeObject(first.resource)} ${first.path}`), '"', bodies.location(first.source), ' time="0">\n');
    let open = 0;
    for (let j = i; j < end; j++) {
      const f = findings[j];
      if (f.waiver || f.baselined) continue;
      open++;
      cases.push('      <failure type="', f.severity, '" message="', attr(f.message), '">', text(f.message), bodies.rest(f), '</failure>\n');
    }
    if (open > 0) {failures++;} else {
      skipped++;
      cases.push('      <skipped message="', attr(skipReason(first)), '"/>\n');
    }
    cases.push('    </testcase>');
    i = end;
  }
  if (tests === 0) {
    tests = 1;
    if (applied === 0) {
      skipped++;
      cases.push(
        `    <testcase classname="${id}" name="applied to no object" time="0">\n` +
          `      <skipped message="${attr(`not evidenced: no object of kind ${rule.kinds.join(', ')} was checked`)}"/>\n    </testcase>`,
      );
    } else {
      const name = applied === undefined ? 'no findings' : `no findings in ${applied} object${applied === 1 ? '' : 's'}`;
      cases.push(`    <testcase classname="${id}" name="${name}" time="0"/>`);
    }
  }
  const xml =
    `  <testsuite name="${id}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">\n` +
    `    <properties>\n${ruleProperties(rule)}\n    </properties>\n${cases.join('')}\n  </testsuite>`;
  return { xml, tests, failures, errors: 0, skipped };
}

/**
 * The escaped text findings of one rule repeat, made once: a failure's body after its message (fix,
 * rule, citations, file and construct) and a case's `file` and `line` attributes. A finding's fix is
 * usually its rule's, and findings come grouped by object, so the last text of each is kept.
 * Escaping the parts apart is escaping the whole: every part after the message starts with a line break.
 */
class FailureText {
  private lastFix?: { fix: string; severity: string; controls: readonly string[]; text: string };
  private lastSource?: { source: Finding['source']; body: string; attrs: string };

  /** ` file="..." line="..."` of a case (empty without a file). */
  location(src: Finding['source']): string {
    return this.source(src).attrs;
  }

  /** The escaped body of a failure after its message. */
  rest(f: Finding): string {
    let fix = this.lastFix;
    if (!fix || fix.fix !== f.fix || fix.severity !== f.severity || fix.controls !== f.controls) {
      fix = { fix: f.fix, severity: f.severity, controls: f.controls, text: text(`\nFix: ${f.fix}\nRule: ${f.ruleId} (${f.severity})\nHIPAA: ${f.controls.join(', ')}`) };
      this.lastFix = fix;
    }
    return fix.text + this.source(f.source).body;
  }

  private source(src: Finding['source']): { body: string; attrs: string } {
    const last = this.lastSource;
    if (last && (last.source === src || (last.source && src && last.source.file === src.file && last.source.line === src.line &&
        last.source.constructPath === src.constructPath))) {
      return last;
    }
    let body = '';
    if (src?.file) body += `\nFile: ${src.file}${src.line !== undefined ? `:${src.line}` : ''}`;
    if (src?.constructPath) body += `\nConstruct: ${src.constructPath}`;
    let attrs = '';
    if (src?.file) attrs += ` file="${attr(src.file)}"`;
    if (src?.line !== undefined) attrs += ` line="${src.line}"`;
    const made = { source: src, body: text(body), attrs };
    this.lastSource = made;
    return made;
  }
}

/** Whether two findings of a rule belong to one test case: the same object, source and field path. */
function sameCase(a: Finding, b: Finding): boolean {
  const ra = a.resource, rb = b.resource;
  return a.path === b.path && ra.name === rb.name && ra.kind === rb.kind && ra.namespace === rb.namespace &&
    a.source?.file === b.source?.file && a.source?.line === b.source?.line && a.source?.constructPath === b.source?.constructPath;
}

function ruleProperties(rule: RuleInfo): string {
  const props: string[] = [property('title', rule.title), property('severity', rule.severity)];
  const nist = new Set<string>();
  for (const c of rule.controls) {
    props.push(property('hipaa-citation', c));
    for (const n of (CONTROLS as Record<string, Control>)[c]?.nist80053 ?? []) nist.add(n);
  }
  for (const n of nist) props.push(property('nist-800-53', n));
  return props.join('\n');
}

function property(name: string, value: string): string {
  return `      <property name="${name}" value="${attr(value)}"/>`;
}

function skipReason(f: Finding): string {
  if (f.waiver) {
    const who = [f.waiver.owner, f.waiver.ticket].filter(Boolean).join(', ');
    return `waived: ${f.waiver.reason} (${who ? `${who}, ` : ''}expires ${f.waiver.expires})`;
  }
  const b = f.baselined!;
  return `baselined until ${b.expires}${b.file ? ` (${b.file}, created ${b.created})` : ` (created ${b.created})`}`;
}

function inputSuite(meta: ReportMetadata): Suite {
  const problems = meta.inputProblems ?? [];
  const cases = problems.map((p) => {
    const where = `file="${attr(p.file)}"${p.line !== undefined ? ` line="${p.line}"` : ''}`;
    return (
      `    <testcase classname="hipaa-check" name="${attr(`input ${p.file}${p.line !== undefined ? `:${p.line}` : ''}`)}" ${where} time="0">\n` +
      `      <error type="input" message="${attr(p.reason)}">${text(`${describeInputProblem(p)}\nIts objects were not checked.`)}</error>\n    </testcase>`
    );
  });
  const xml =
    `  <testsuite name="hipaa-check" tests="${problems.length}" failures="0" errors="${problems.length}" skipped="0" time="0">\n` +
    `${cases.join('\n')}\n  </testsuite>`;
  return { xml, tests: problems.length, failures: 0, errors: problems.length, skipped: 0 };
}

/** Characters XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates). */
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const TEXT_SPECIAL = /[&<>]/g;
const ATTR_SPECIAL = /[&<>"\n\r\t]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };
const entity = (c: string) => ENTITIES[c];

/** Anything {@link attr} would change: most strings have none, and are returned as they are. */
const ATTR_WORK = /[\u0000-\u001F&<>"\uD800-\uDFFF\uFFFE\uFFFF]/;
/** Anything {@link text} would change (line breaks and tabs stay as they are in element text). */
const TEXT_WORK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F&<>\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Element text: illegal characters removed, markup escaped. */
function text(s: string): string {
  return TEXT_WORK.test(s) ? s.replace(ILLEGAL, '').replace(TEXT_SPECIAL, entity) : s;
}

/** A double-quoted attribute value: illegal characters removed, markup and line breaks escaped (kept by parsers). */
function attr(s: string): string {
  return ATTR_WORK.test(s) ? s.replace(ILLEGAL, '').replace(ATTR_SPECIAL, entity) : s;
}
