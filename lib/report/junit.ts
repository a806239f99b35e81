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
  const cases: string[] = [];
  let failures = 0, skipped = 0;
  // One case per object and field path (first-seen order: the engine's deterministic order).
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${describeObject(f.resource)}\u0000${f.source?.file ?? ''}\u0000${f.source?.line ?? ''}\u0000${f.source?.constructPath ?? ''}\u0000${f.path}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  for (const group of groups.values()) {
    const first = group[0];
    const open = group.filter((f) => !f.waiver && !f.baselined);
    const name = `${describeObject(first.resource)} ${first.path}`;
    const where = `${first.source?.file ? ` file="${attr(first.source.file)}"` : ''}${first.source?.line !== undefined ? ` line="${first.source.line}"` : ''}`;
    let body: string;
    if (open.length > 0) {
      failures++;
      body = open
        .map((f) => `      <failure type="${f.severity}" message="${attr(f.message)}">${text(failureBody(f))}</failure>`)
        .join('\n');
    } else {
      skipped++;
      body = `      <skipped message="${attr(skipReason(first))}"/>`;
    }
    cases.push(`    <testcase classname="${attr(rule.id)}" name="${attr(name)}"${where} time="0">\n${body}\n    </testcase>`);
  }
  if (groups.size === 0) {
    if (applied === 0) {
      skipped++;
      cases.push(
        `    <testcase classname="${attr(rule.id)}" name="applied to no object" time="0">\n` +
          `      <skipped message="${attr(`not evidenced: no object of kind ${rule.kinds.join(', ')} was checked`)}"/>\n    </testcase>`,
      );
    } else {
      const name = applied === undefined ? 'no findings' : `no findings in ${applied} object${applied === 1 ? '' : 's'}`;
      cases.push(`    <testcase classname="${attr(rule.id)}" name="${name}" time="0"/>`);
    }
  }
  const tests = Math.max(groups.size, 1);
  const xml =
    `  <testsuite name="${attr(rule.id)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="0">\n` +
    `    <properties>\n${ruleProperties(rule)}\n    </properties>\n${cases.join('\n')}\n  </testsuite>`;
  return { xml, tests, failures, errors: 0, skipped };
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

function failureBody(f: Finding): string {
  const lines = [f.message, `Fix: ${f.fix}`, `Rule: ${f.ruleId} (${f.severity})`, `HIPAA: ${f.controls.join(', ')}`];
  if (f.source?.file) lines.push(`File: ${f.source.file}${f.source.line !== undefined ? `:${f.source.line}` : ''}`);
  if (f.source?.constructPath) lines.push(`Construct: ${f.source.constructPath}`);
  return lines.join('\n');
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

/** Anything {@link text} or {@link attr} would change: most strings have none, and are returned as they are. */
const NEEDS_WORK = /[\u0000-\u001F&<>"\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Element text: illegal characters removed, markup escaped. */
function text(s: string): string {
  return NEEDS_WORK.test(s) ? s.replace(ILLEGAL, '').replace(TEXT_SPECIAL, entity) : s;
}

/** A double-quoted attribute value: illegal characters removed, markup and line breaks escaped (kept by parsers). */
function attr(s: string): string {
  return NEEDS_WORK.test(s) ? s.replace(ILLEGAL, '').replace(ATTR_SPECIAL, entity) : s;
}
