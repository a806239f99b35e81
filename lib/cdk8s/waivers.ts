import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fullPackRules } from './full-pack';
import { isExpired, renderWaiverAnnotation, Waiver, waiverProblems, WAIVERS_ANNOTATION } from '../check/waiver';

const held = new WeakMap<IConstruct, Waiver[]>();

/**
 * Accepts findings of a rule on every Kubernetes object under `scope` (the construct and its
 * children). Each waiver is checked now: it must name a known rule, give a reason of at least
 * 20 characters and, if it has an expiry date, not be past it. At synth time the waivers are
 * written into the `hipaa-constructs.io/waivers` annotation of each object a waived rule applies
 * to, so the same waiver holds when `hipaa-check` reads the YAML later, and reports show it.
 */
export function addWaivers(scope: IConstruct, waivers: readonly Waiver[], now: Date = new Date()): void {
  const knownIds = new Set(fullPackRules().keys());
  for (const w of waivers) {
    const problems = waiverProblems(w, knownIds);
    if (problems.length > 0) {
      throw new Error(
        `[${scope.node.path}] invalid waiver for rule '${(w as Waiver).ruleId ?? '?'}' (waiver-invalid): ${problems.join('; ')}.`,
      );
    }
    if (isExpired(w, now)) {
      throw new Error(
        `[${scope.node.path}] waiver for rule '${w.ruleId}' expired on ${w.expires} (waiver-expired): ` +
          'fix the finding it covered and remove the waiver, or review the risk and set a new expiry date.',
      );
    }
  }
  const list = held.get(scope) ?? [];
  list.push(...waivers);
  held.set(scope, list);
}

/** The waivers given for `scope` itself (not its parents). */
export function waiversOf(scope: IConstruct): readonly Waiver[] {
  return held.get(scope) ?? [];
}

/**
 * Writes the waivers held by constructs into the annotation of every object of `chart` they
 * cover, merged with waivers already in the annotation. Idempotent.
 */
export function writeWaiverAnnotations(chart: Chart): void {
  const rulesById = fullPackRules();
  for (const obj of chart.node.findAll()) {
    if (!ApiObject.isApiObject(obj) || Chart.of(obj) !== chart) continue;
    const applicable = inheritedWaivers(obj).filter((w) => {
      const kinds = rulesById.get(w.ruleId)?.kinds ?? [];
      return kinds.includes('*') || kinds.includes(obj.kind);
    });
    if (applicable.length === 0) continue;
    const existing = obj.metadata.toJson().annotations?.[WAIVERS_ANNOTATION];
    // Entries already there are kept as written, broken ones included, so the check still
    // reports them (waiver-invalid) instead of the merge dropping them quietly.
    const merged = existing === undefined ? [] : rawList(existing);
    if (merged === undefined) continue; // not a JSON list: left as it is, and reported by the check
    for (const w of applicable) {
      if (!merged.some((m) => m?.ruleId === w.ruleId && m?.reason === w.reason)) merged.push(JSON.parse(renderWaiverAnnotation([w]))[0]);
    }
    obj.metadata.addAnnotation(WAIVERS_ANNOTATION, JSON.stringify(merged));
  }
}

/** The entries of an annotation value holding a JSON list (or one object), unvalidated. */
function rawList(value: unknown): any[] | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return undefined;
  }
}

function inheritedWaivers(obj: IConstruct): Waiver[] {
  const out: Waiver[] = [];
  for (const scope of obj.node.scopes) out.push(...(held.get(scope) ?? []));
  return out;
}
