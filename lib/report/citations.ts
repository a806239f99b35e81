import type { ReportMetadata } from './common';
import type { CheckResult } from '../check/engine';
import { isMetaRule } from '../check/meta-rules';
import type { RuleInfo } from '../check/rule';
import { CONTROLS, Control } from '../controls/catalogue';

/**
 * What a report may say about a HIPAA citation:
 * - `FAIL`: open errors under it; `WARN`: open warnings;
 * - `BASELINED`: nothing open, but findings under it are accepted by a baseline (debt the team
 *   has accepted for a while, not evidence that the safeguard is in place: never a PASS);
 * - `PASS`: a rule that checks it applied to at least one object and nothing is open;
 *   `PASS (waivers)`: the same, with waived findings;
 * - `NOT EVIDENCED`: rules serve it, but none that checks the objects applied to any object
 *   (its rules found no object of their kinds, or only the engine's waiver rules serve it:
 *   valid waivers are no evidence that the safeguard is in place);
 * - `NOT CHECKED`: no rule of the pack serves it.
 */
export type CitationStatus = 'PASS' | 'PASS (waivers)' | 'WARN' | 'BASELINED' | 'FAIL' | 'NOT EVIDENCED' | 'NOT CHECKED';

/** Every status, in the order reports list them. */
export const CITATION_STATUSES: readonly CitationStatus[] = ['FAIL', 'WARN', 'BASELINED', 'NOT EVIDENCED', 'PASS (waivers)', 'PASS', 'NOT CHECKED'];

/** The evidence for one citation. */
export interface CitationSummary {
  /** The citation. */
  readonly control: Control;
  /** Rules that serve it (the engine's own rules included). */
  readonly rules: readonly RuleInfo[];
  /** Rules that check objects for it and applied to at least one object. */
  readonly evidence: readonly RuleInfo[];
  /** Objects checked for it (of a kind one of its object rules applies to). @default - unknown (a result without coverage and no object list) */
  readonly objects?: number;
  /** Open errors under it. */
  readonly errors: number;
  /** Open warnings under it. */
  readonly warnings: number;
  /** Waived findings under it. */
  readonly waived: number;
  /** Baselined findings under it (accepted by a baseline file). */
  readonly baselined: number;
  /** The verdict. */
  readonly status: CitationStatus;
}

/**
 * How many objects each rule applied to: the engine's coverage, or, for a result made without
 * it, counted from the kinds of `meta.objects`; undefined when neither is known.
 */
export function coverageOf(result: CheckResult, meta: ReportMetadata = {}): Readonly<Record<string, number>> | undefined {
  if (result.coverage) return result.coverage;
  if (!meta.objects) return undefined;
  const kinds = new Map<string, number>();
  for (const o of meta.objects) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
  const coverage: Record<string, number> = {};
  for (const rule of result.rules) {
    let n = 0;
    if (rule.kinds.includes('*')) n = meta.objects.length;
    else for (const k of new Set(rule.kinds)) n += kinds.get(k) ?? 0;
    coverage[rule.id] = n;
  }
  return coverage;
}

/** The evidence and status of every citation of the controls catalogue, in catalogue order. */
export function citationSummaries(result: CheckResult, meta: ReportMetadata = {}): CitationSummary[] {
  const coverage = coverageOf(result, meta);
  const kindCounts = result.kinds ? new Map(Object.entries(result.kinds)) : countKinds(meta);
  const rulesByControl = new Map<string, RuleInfo[]>();
  for (const rule of result.rules) {
    for (const c of rule.controls) {
      const list = rulesByControl.get(c);
      if (list) list.push(rule);
      else rulesByControl.set(c, [rule]);
    }
  }
  const findingsByControl = new Map<string, { errors: number; warnings: number; waived: number; baselined: number }>();
  for (const f of result.findings) {
    for (const c of f.controls) {
      const n = findingsByControl.get(c) ?? { errors: 0, warnings: 0, waived: 0, baselined: 0 };
      if (f.waiver) n.waived++;
      else if (f.baselined) n.baselined++;
      else if (f.severity === 'error') n.errors++;
      else n.warnings++;
      findingsByControl.set(c, n);
    }
  }
  const out: CitationSummary[] = [];
  for (const control of Object.values(CONTROLS) as Control[]) {
    const rules = rulesByControl.get(control.id) ?? [];
    const objectRules = rules.filter((r) => !isMetaRule(r.id));
    const evidence = objectRules.filter((r) => (coverage?.[r.id] ?? 0) > 0);
    const c = findingsByControl.get(control.id) ?? { errors: 0, warnings: 0, waived: 0, baselined: 0 };
    const objects = objectRules.length === 0 ? 0 : objectsOf(objectRules, kindCounts, coverage);
    let status: CitationStatus;
    if (rules.length === 0) status = 'NOT CHECKED';
    else if (c.errors > 0) status = 'FAIL';
    else if (c.warnings > 0) status = 'WARN';
    else if (c.baselined > 0) status = 'BASELINED';
    else if (evidence.length === 0) status = 'NOT EVIDENCED';
    else if (c.waived > 0) status = 'PASS (waivers)';
    else status = 'PASS';
    out.push({ control, rules, evidence, objects, ...c, status });
  }
  return out;
}

/** `3 PASS, 1 FAIL, 2 NOT EVIDENCED`: how many citations have each status, in {@link CITATION_STATUSES} order. */
export function countStatuses(summaries: readonly CitationSummary[]): string {
  return CITATION_STATUSES.map((s) => [s, summaries.filter((c) => c.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
}

function countKinds(meta: ReportMetadata): Map<string, number> | undefined {
  if (!meta.objects) return undefined;
  const m = new Map<string, number>();
  for (const o of meta.objects) m.set(o.kind, (m.get(o.kind) ?? 0) + 1);
  return m;
}

/** Objects whose kind at least one of the rules applies to (exact with the object list, else the largest rule coverage). */
function objectsOf(
  rules: readonly RuleInfo[],
  kindCounts: Map<string, number> | undefined,
  coverage: Readonly<Record<string, number>> | undefined,
): number | undefined {
  if (kindCounts) {
    const kinds = new Set<string>();
    for (const r of rules) for (const k of r.kinds) kinds.add(k);
    let n = 0;
    if (kinds.has('*')) {
      for (const v of kindCounts.values()) n += v;
      return n;
    }
    for (const k of kinds) n += kindCounts.get(k) ?? 0;
    return n;
  }
  if (!coverage) return undefined;
  return Math.max(0, ...rules.map((r) => coverage[r.id] ?? 0));
}
