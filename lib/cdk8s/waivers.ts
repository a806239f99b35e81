import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fullPackRules } from './full-pack';
import { waiverEntryProblems } from './waiver-entry-problems';
import { fromManifest } from '../check/resource';
import {
  waiverListProblem,
  renderWaiverAnnotation,
  resolveMaxWaiverMonths,
  Waiver,
  WAIVERS_ANNOTATION,
} from '../check/waiver';

/**
 * Construct metadata type under which a waiver is stored on the construct it was given to.
 * Metadata lives on the construct tree itself, so every loaded copy of this package (an app
 * and a library that each bring their own) sees the same waivers.
 */
export const WAIVER_METADATA_TYPE = 'hipaa-constructs:waiver';

/**
 * Property key (shared across copies of the package through `Symbol.for`) under which
 * `HipaaValidation.enable(chart, { maxWaiverMonths })` records the limit for waivers added
 * under that chart.
 */
export const MAX_WAIVER_MONTHS_KEY: unique symbol = Symbol.for('hipaa-constructs.maxWaiverMonths') as any;

/** Settings of {@link addWaivers}. */
export interface AddWaiversOptions {
  /** The day expiry dates are judged against. @default - now */
  readonly now?: Date;
  /**
   * How many months ahead an expiry may lie (a whole number from 1 to 36).
   * @default - the `maxWaiverMonths` given to `HipaaValidation.enable` on a scope above, else 12
   */
  readonly maxWaiverMonths?: number;
}

/**
 * Accepts findings of a rule on every Kubernetes object under `scope` (the construct and its
 * children). Each waiver is checked now, and every problem of every waiver is reported in one
 * error: it must name a known rule, give a reason of at least 20 characters and 3 words, and an
 * expiry date (YYYY-MM-DD) that is not past and at most `maxWaiverMonths` (default 12) ahead,
 * because 45 CFR 164.308(a)(8) asks for periodic evaluation. A waiver with `container` accepts
 * only findings inside that container of the pod; the container must exist at synth.
 *
 * At synth time the waivers are written into the `hipaa-constructs.io/waivers` annotation of
 * each object a waived rule applies to, so the same waiver holds when `hipaa-check` reads the
 * YAML later, and reports show it.
 */
export function addWaivers(scope: IConstruct, waivers: readonly Waiver[], options: AddWaiversOptions = {}): void {
  const path = `[${scope?.node?.path ?? '?'}]`;
  if (!Array.isArray(waivers)) throw new Error(`${path} waivers: ${waiverListProblem(waivers, true)}`);
  let maxWaiverMonths: number;
  try {
    maxWaiverMonths = resolveMaxWaiverMonths(options.maxWaiverMonths ?? maxWaiverMonthsAbove(scope));
  } catch (e) {
    throw new Error(`${path} ${(e as Error).message} (waiver-invalid).`);
  }
  const problems = waiverEntryProblems(waivers, { now: options.now, maxWaiverMonths }).map((p) => `${p.field}${p.rule}${p.state} (${p.ruleId}): ${p.text}`);
  if (problems.length === 1) throw new Error(`${path} ${problems[0]}.`);
  if (problems.length > 1) throw new Error(`${path} ${problems.length} invalid waivers:\n- ${problems.join('\n- ')}`);
  for (const w of waivers) scope.node.addMetadata(WAIVER_METADATA_TYPE, stored(w));
}

/** The waivers given for `scope` itself (not its parents), in the order they were added. */
export function waiversOf(scope: IConstruct): readonly Waiver[] {
  const out: Waiver[] = [];
  for (const entry of scope.node.metadata) {
    if (entry.type === WAIVER_METADATA_TYPE) out.push(entry.data as Waiver);
  }
  return out;
}

/**
 * Writes the waivers held by constructs into the annotation of every object of `chart` they
 * cover, merged with waivers already in the annotation. Idempotent. A waiver limited to a
 * container goes only to objects whose pod has that container.
 * @throws Error when a container-limited waiver names a container no covered pod has
 */
export function writeWaiverAnnotations(chart: Chart): void {
  const rulesById = fullPackRules();
  const containerUse = new Map<Waiver, ContainerUse>();
  for (const obj of chart.node.findAll()) {
    if (!ApiObject.isApiObject(obj) || Chart.of(obj) !== chart) continue;
    let manifest: any;
    const applicable = inheritedWaivers(obj).filter(({ waiver: w, scope, index }) => {
      const kinds = rulesById.get(w.ruleId)?.kinds ?? [];
      if (!kinds.includes('*') && !kinds.includes(obj.kind)) return false;
      if (w.container === undefined) return true;
      manifest ??= obj.toJson();
      const use = containerUse.get(w) ?? { scope, index, found: false, seen: [] };
      containerUse.set(w, use);
      const where = waiversInForce().containerPath(fromManifest(manifest), w.container);
      if (where.path !== undefined) use.found = true;
      else use.seen.push(`${obj.kind} '${obj.name}': ${where.why}`);
      return where.path !== undefined;
    });
    if (applicable.length === 0) continue;
    const existing = obj.metadata.toJson().annotations?.[WAIVERS_ANNOTATION];
    // Entries already there are kept as written, broken ones included, so the check still
    // reports them (waiver-invalid) instead of the merge dropping them quietly.
    const merged = existing === undefined ? [] : rawList(existing);
    if (merged === undefined) continue; // not a JSON list: left as it is, and reported by the check
    for (const { waiver: w } of applicable) {
      if (!merged.some((m) => m?.ruleId === w.ruleId && m?.reason === w.reason && m?.container === w.container)) {
        merged.push(JSON.parse(renderWaiverAnnotation([w]))[0]);
      }
    }
    obj.metadata.addAnnotation(WAIVERS_ANNOTATION, JSON.stringify(merged));
  }
  const unknown = [...containerUse.entries()].filter(([, use]) => !use.found);
  if (unknown.length > 0) {
    throw new Error(unknown.map(([w, use]) =>
      `[${use.scope.node.path}] waivers[${use.index}].container: waiver of rule '${w.ruleId}' names container '${w.container}', ` +
      `which no pod it covers has (${use.seen.join('; ')}) (waiver-invalid): name one of those containers, or leave container out ` +
      'to waive the rule for the whole pod.',
    ).join('\n'));
  }
}

interface ContainerUse {
  readonly scope: IConstruct;
  readonly index: number;
  found: boolean;
  readonly seen: string[];
}

/** The waiver as stored: its own fields only, copied, so later changes to the caller's object do not leak in. */
function stored(w: Waiver): Waiver {
  return JSON.parse(renderWaiverAnnotation([w]))[0];
}

/** The nearest `maxWaiverMonths` recorded on `scope` or a scope above it. */
function maxWaiverMonthsAbove(scope: IConstruct): number | undefined {
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const value = (scopes[i] as any)[MAX_WAIVER_MONTHS_KEY];
    if (value !== undefined) return value;
  }
  return undefined;
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

function inheritedWaivers(obj: IConstruct): Array<{ waiver: Waiver; scope: IConstruct; index: number }> {
  const out: Array<{ waiver: Waiver; scope: IConstruct; index: number }> = [];
  for (const scope of obj.node.scopes) {
    waiversOf(scope).forEach((waiver, index) => out.push({ waiver, scope, index }));
  }
  return out;
}

/** The engine's waiver module, loaded at the first synth with a container waiver, not at import. */
function waiversInForce(): typeof import('../check/waivers-in-force') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../check/waivers-in-force');
}
