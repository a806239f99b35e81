/**
 * Every problem with a construct's props, collected and thrown together as one Error (as
 * pulumi-eks does for node groups), so a user fixes them all in one run. Also the type checks
 * props from plain JavaScript need: a wrong type is reported with its field, never as a TypeError.
 */

/** One bad input: where it is in the props and what is wrong with it. */
export interface InputProblem {
  /** Field path in the props, e.g. `containers[0].resources.cpu.limit`. */
  readonly field: string;
  /** What is wrong, with the rule id in parentheses when a rule backs it, and how to fix it. */
  readonly message: string;
}

/** Collects the problems of one construct's props; {@link InputProblems.throwIfAny} reports them. */
export class InputProblems {
  private readonly problems: InputProblem[] = [];

  /** @param where the construct path, e.g. `chart/api` */
  constructor(private readonly where: string) {}

  /** Records a problem. `message` is a sentence without the field (which is prefixed). */
  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  /** How many problems were recorded. */
  get count(): number {
    return this.problems.length;
  }

  /** Throws one Error listing every recorded problem (nothing when there is none). */
  throwIfAny(): void {
    if (this.problems.length === 0) return;
    if (this.problems.length === 1) {
      const [p] = this.problems;
      throw new Error(`[${this.where}] ${p.field}: ${p.message}`);
    }
    throw new Error(
      [`[${this.where}] ${this.problems.length} problems in the props (all are listed; fix each):`, ...this.problems.map((p) => `- ${p.field}: ${p.message}`)].join('\n'),
    );
  }

  /** Records a problem unless `value` is a plain object (undefined passes when optional). */
  object(value: unknown, field: string, optional = true): value is Record<string, any> {
    if (value === undefined && optional) return false;
    if (isPlainObject(value)) return true;
    this.add(field, `expected an object, got ${describe(value)}.`);
    return false;
  }

  /** Records a problem unless `value` is a list (a single item where a list is expected is named as such). */
  list(value: unknown, field: string, optional = true): value is unknown[] {
    if (value === undefined && optional) return false;
    if (Array.isArray(value)) return true;
    const hint = isPlainObject(value) ? ' (one item given where a list is expected: wrap it in [ ])' : '';
    this.add(field, `expected a list, got ${describe(value)}${hint}.`);
    return false;
  }

  /** Records a problem unless `value` is a string (undefined passes when optional). */
  string(value: unknown, field: string, optional = true): value is string {
    if (value === undefined && optional) return false;
    if (typeof value === 'string') return true;
    this.add(field, `expected a string, got ${describe(value)}.`);
    return false;
  }

  /** Records a problem unless `value` is a boolean (undefined passes when optional). */
  boolean(value: unknown, field: string, optional = true): value is boolean {
    if (value === undefined && optional) return false;
    if (typeof value === 'boolean') return true;
    this.add(field, `expected true or false, got ${describe(value)}.`);
    return false;
  }

  /** Records a problem unless `value` is a number (undefined passes when optional). */
  number(value: unknown, field: string, optional = true): value is number {
    if (value === undefined && optional) return false;
    if (typeof value === 'number' && !Number.isNaN(value)) return true;
    this.add(field, `expected a number, got ${describe(value)}.`);
    return false;
  }

  /** Records a problem unless `value` is an object with a method `method` (a cdk8s/kplus instance such as Size or Probe). */
  instance(value: unknown, field: string, what: string, method: string, optional = true): value is Record<string, any> {
    if (value === undefined && optional) return false;
    if (value !== null && typeof value === 'object' && typeof (value as any)[method] === 'function') return true;
    this.add(field, `expected ${what}, got ${describe(value)}.`);
    return false;
  }
}

/** A value for messages: `null`, `a string ("3")`, `a number (3)`, `a list`, `an object`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing (undefined)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)})`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `a ${typeof value} (${String(value)})`;
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      const proto = Object.getPrototypeOf(value);
      return proto === Object.prototype || proto === null ? 'an object' : `an instance of ${proto.constructor?.name ?? 'an unknown class'}`;
  }
}

/** A plain object (not null, not a list). Class instances count: props may hold kplus objects. */
export function isPlainObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The construct path a child `id` of `scope` will have, for messages before the construct exists.
 * Throws an Error naming the problem when `scope` is not a construct or `id` not a non-empty
 * string (plain JavaScript callers), rather than a TypeError later.
 */
export function childPath(scope: { node: { path: string } }, id: string): string {
  const path: unknown = (scope as { node?: { path?: unknown } } | null | undefined)?.node?.path;
  if (typeof path !== 'string') {
    throw new Error(`[${typeof id === 'string' ? id : '?'}] scope: expected a construct to create it in (e.g. a cdk8s Chart), got ${describe(scope)}. ` +
      'Pass the chart (or another construct) as the first argument, the id as the second.');
  }
  if (typeof id !== 'string' || id === '') {
    throw new Error(`[${path || '(app)'}] id: expected a non-empty string naming the construct, got ${describe(id)}. Pass the chart (or another construct) as the first argument, the id as the second.`);
  }
  return path ? `${path}/${id}` : id;
}
