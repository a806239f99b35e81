/**
 * Kubernetes label selectors (`metav1.LabelSelector`), as used by PodDisruptionBudgets,
 * NetworkPolicies, Deployments and Services, evaluated the way the API machinery does:
 *
 * - a missing selector (`undefined` or `null`) selects nothing;
 * - an empty selector (`{}`, or only empty `matchLabels`/`matchExpressions`) selects everything;
 * - otherwise every `matchLabels` pair and every `matchExpressions` requirement must hold (AND);
 * - a selector Kubernetes would reject (unknown operator, `In`/`NotIn` without values,
 *   `Exists`/`DoesNotExist` with values, non-string values) selects nothing, because the
 *   controllers skip selectors they cannot parse.
 *
 * Kinds with other rules handle them before calling: a policy/v1beta1 PodDisruptionBudget's
 * empty selector selects nothing (test with {@link selectsEverything}); a Service's plain
 * `selector: {key: value}` map goes through {@link matchLabelsMatch}. To match many selectors
 * against many objects, index them once per check with {@link SelectorIndex}.
 */
import { isObject } from './support/objects';

/** The shape of `metav1.LabelSelector`. */
export interface LabelSelector {
  /** Labels that must all be present with these values. */
  readonly matchLabels?: Readonly<Record<string, string>> | null;
  /** Requirements that must all hold. */
  readonly matchExpressions?: readonly LabelSelectorRequirement[] | null;
}

/** One `matchExpressions` entry. */
export interface LabelSelectorRequirement {
  /** Label key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  readonly operator: string;
  /** Values for `In` and `NotIn`; must be empty for `Exists` and `DoesNotExist`. */
  readonly values?: readonly string[] | null;
}

/** Labels of an object (`metadata.labels`); `undefined`/`null` means no labels. */
export type Labels = Readonly<Record<string, unknown>> | null | undefined;

/**
 * Whether `selector` selects an object with `labels`, following Kubernetes semantics: a
 * missing selector matches nothing, an empty one matches everything, an invalid one nothing.
 * Does not allocate.
 */
export function selectorMatches(selector: unknown, labels: Labels): boolean {
  if (!isObject(selector)) return false;
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isObject(matchLabels)) return false;
    for (const key in matchLabels) {
      if (!Object.hasOwn(matchLabels, key)) continue;
      const want = matchLabels[key];
      if (typeof want !== 'string') return false;
      if (!hasLabel(labels, key) || labels![key] !== want) return false;
    }
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return false;
    for (const req of matchExpressions) {
      if (!requirementMatches(req, labels)) return false;
    }
  }
  return true;
}

/**
 * Whether a plain label map (a Service's `spec.selector`, a ReplicationController's
 * `spec.selector`) selects `labels`. An empty or missing map selects nothing here, as a
 * Service without a selector gets no endpoints from the endpoints controller.
 */
export function matchLabelsMatch(matchLabels: unknown, labels: Labels): boolean {
  if (!isObject(matchLabels)) return false;
  let any = false;
  for (const key in matchLabels) {
    if (!Object.hasOwn(matchLabels, key)) continue;
    any = true;
    const want = matchLabels[key];
    if (typeof want !== 'string' || !hasLabel(labels, key) || labels![key] !== want) return false;
  }
  return any;
}

/** Whether a selector is present and selects every object (`{}` or only empty parts). */
export function selectsEverything(selector: unknown): boolean {
  if (!isObject(selector)) return false;
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isObject(matchLabels)) return false;
    for (const key in matchLabels) if (Object.hasOwn(matchLabels, key)) return false;
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions) || matchExpressions.length > 0) return false;
  }
  return true;
}

/**
 * Why Kubernetes would reject a selector, one sentence per problem (empty when it is valid
 * or missing). Rules can report these instead of silently matching nothing.
 */
export function selectorProblems(selector: unknown): string[] {
  if (selector === undefined || selector === null) return [];
  if (!isObject(selector)) return ['a label selector must be a mapping with matchLabels and/or matchExpressions'];
  const problems: string[] = [];
  const { matchLabels, matchExpressions } = selector;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isObject(matchLabels)) {
      problems.push('matchLabels must be a mapping of label keys to string values');
    } else {
      for (const key of Object.keys(matchLabels)) {
        if (typeof matchLabels[key] !== 'string') {
          problems.push(`matchLabels['${key}'] must be a string (got ${JSON.stringify(matchLabels[key])}); quote it`);
        }
      }
    }
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) {
      problems.push('matchExpressions must be a list');
    } else {
      matchExpressions.forEach((req, i) => {
        const p = requirementProblem(req);
        if (p) problems.push(`matchExpressions[${i}]: ${p}`);
      });
    }
  }
  return problems;
}

/**
 * Many selectors (e.g. every PodDisruptionBudget or NetworkPolicy of a namespace) indexed so
 * that finding the ones that select a set of labels does not test every selector: a selector
 * with `matchLabels` is filed under one of its pairs and only tried for objects carrying that
 * pair. Build one per namespace, once per check (`ctx.memo`). Missing and invalid selectors are
 * not added, since they select nothing.
 */
export class SelectorIndex<T> {
  private readonly byLabel = new Map<string, Map<string, Entry<T>[]>>();
  private readonly unindexed: Entry<T>[] = [];
  private size = 0;

  /** Adds a value selected by `selector`. */
  add(selector: unknown, value: T): void {
    if (!isObject(selector) || selectorProblems(selector).length > 0) return;
    const entry: Entry<T> = { selector, value, index: this.size++ };
    const matchLabels = selector.matchLabels;
    if (isObject(matchLabels)) {
      for (const key in matchLabels) {
        if (!Object.hasOwn(matchLabels, key)) continue;
        let byValue = this.byLabel.get(key);
        if (!byValue) this.byLabel.set(key, (byValue = new Map()));
        const list = byValue.get(matchLabels[key]);
        if (list) list.push(entry);
        else byValue.set(matchLabels[key], [entry]);
        return;
      }
    }
    this.unindexed.push(entry);
  }

  /** How many values were added. */
  get count(): number {
    return this.size;
  }

  /** How many selectors select `labels`, counting no further than `max`. Does not allocate. */
  countMatches(labels: Labels, max = Infinity): number {
    let n = 0;
    if (labels !== null && labels !== undefined && typeof labels === 'object') {
      for (const key in labels) {
        if (!Object.hasOwn(labels, key)) continue;
        const v = labels[key];
        if (typeof v !== 'string') continue;
        const list = this.byLabel.get(key)?.get(v);
        if (!list) continue;
        for (const e of list) if (selectorMatches(e.selector, labels) && ++n >= max) return n;
      }
    }
    for (const e of this.unindexed) if (selectorMatches(e.selector, labels) && ++n >= max) return n;
    return n;
  }

  /** Whether any selector selects `labels`. Does not allocate. */
  selects(labels: Labels): boolean {
    return this.countMatches(labels, 1) > 0;
  }

  /** Every value whose selector selects `labels`, in the order they were added. */
  matching(labels: Labels): T[] {
    const found: Entry<T>[] = [];
    if (labels !== null && labels !== undefined && typeof labels === 'object') {
      for (const key of Object.keys(labels)) {
        const v = labels[key];
        if (typeof v !== 'string') continue;
        for (const e of this.byLabel.get(key)?.get(v) ?? []) if (selectorMatches(e.selector, labels)) found.push(e);
      }
    }
    for (const e of this.unindexed) if (selectorMatches(e.selector, labels)) found.push(e);
    return found.sort((a, b) => a.index - b.index).map((e) => e.value);
  }
}

interface Entry<T> {
  readonly selector: Record<string, any>;
  readonly value: T;
  /** Insertion order. */
  readonly index: number;
}

function requirementMatches(req: unknown, labels: Labels): boolean {
  if (!isObject(req) || typeof req.key !== 'string') return false;
  const values = req.values;
  const count = values === undefined || values === null ? 0 : Array.isArray(values) ? values.length : -1;
  if (count < 0) return false;
  switch (req.operator) {
    case 'In':
      if (count === 0 || !allStrings(values)) return false;
      return hasLabel(labels, req.key) && includesString(values, labels![req.key]);
    case 'NotIn':
      if (count === 0 || !allStrings(values)) return false;
      return !hasLabel(labels, req.key) || !includesString(values, labels![req.key]);
    case 'Exists':
      return count === 0 && hasLabel(labels, req.key);
    case 'DoesNotExist':
      return count === 0 && !hasLabel(labels, req.key);
    default:
      return false;
  }
}

function requirementProblem(req: unknown): string | undefined {
  if (!isObject(req)) return 'a requirement must be a mapping with key, operator and values';
  if (typeof req.key !== 'string' || req.key === '') return 'key must be a non-empty string';
  const values = req.values;
  if (values !== undefined && values !== null && !Array.isArray(values)) return 'values must be a list';
  const count = Array.isArray(values) ? values.length : 0;
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (count === 0) return `operator ${req.operator} needs at least one value`;
      if (!allStrings(values)) return 'values must be strings; quote them';
      return undefined;
    case 'Exists':
    case 'DoesNotExist':
      return count === 0 ? undefined : `operator ${req.operator} takes no values`;
    default:
      return `operator ${JSON.stringify(req.operator)} is not one of In, NotIn, Exists, DoesNotExist`;
  }
}

function hasLabel(labels: Labels, key: string): boolean {
  return labels !== undefined && labels !== null && typeof labels === 'object' && Object.hasOwn(labels, key);
}

function includesString(values: unknown, v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const list = values as readonly unknown[];
  for (let i = 0; i < list.length; i++) if (list[i] === v) return true;
  return false;
}

function allStrings(values: unknown): boolean {
  const list = values as readonly unknown[];
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return false;
  return true;
}
