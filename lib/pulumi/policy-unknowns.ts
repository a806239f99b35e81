/**
 * Values CrossGuard cannot know during `pulumi preview` (an ARN or name a resource gets only when
 * it is created). @pulumi/policy hands policies the resource properties wrapped in a proxy that
 * throws `UnknownValueError` when such a value is read; underneath, the value is one of the Pulumi
 * engine's unknown sentinels (one per type). A rule that reads an unknown value cannot decide
 * anything, so it must not report: the policy pack skips that rule on that resource and says so
 * (the value is known on `pulumi up`, when the stack is analysed again).
 *
 * This file copies the properties into plain data with every unknown value replaced by
 * {@link UNKNOWN}, and gives the rules a view of that data that throws
 * {@link ValueUnknownDuringPreview} when a rule reads an unknown value. Outside a rule (the
 * engine reading waiver tags or annotations) an unknown value reads as absent: no waiver, so the
 * finding stands (fail closed).
 */

/**
 * The Pulumi engine's sentinels for unknown values (boolean, number, string, array, asset,
 * archive, object), as @pulumi/policy 1.x hands them to policies (see its proxy.js).
 */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  '1c4a061d-8072-4f0a-a4cb-0ff528b18fe7',
  '3eeb2bf0-c639-47a8-9e75-3b44932eb421',
  '04da6b54-80e4-46f7-96ec-b56ff0331ba9',
  '6a19a0b0-7e62-4c92-b797-7f8e31da9cc2',
  '030794c1-ac77-496b-92df-f27374a8bd58',
  'e48ece36-62e2-4504-bad9-02848725956a',
  'dd056dcd-154b-4c76-9bd3-c8f88648b5ff',
]);

/** Stands for a value unknown during preview in the plain copy of a resource's properties. */
export const UNKNOWN: { readonly unknown: true; toJSON(): string } = Object.freeze({ unknown: true as const, toJSON: () => '<unknown during preview>' });

/** Thrown when a rule reads a value that is unknown during preview; the rule is skipped on that resource. */
export class ValueUnknownDuringPreview extends Error {
  constructor(public readonly path: string) {
    super(`${path} is unknown during preview`);
    this.name = 'ValueUnknownDuringPreview';
  }
}

/** The plain copy of some properties and the paths of the unknown values in it. */
export interface PlainProperties {
  /** The properties, unknown values replaced by {@link UNKNOWN}. */
  readonly value: Record<string, any>;
  /** Paths (`spec.replicas`, `tags["env"]`) of the unknown values, in the order found. */
  readonly unknownPaths: readonly string[];
}

/**
 * Copies resource properties as @pulumi/policy gives them (its unknown-checking proxy, or plain
 * data holding the sentinels) into plain data, unknown values replaced by {@link UNKNOWN}.
 */
export function plainProperties(props: unknown): PlainProperties {
  const unknownPaths: string[] = [];
  const root = unwrapPolicyProxy(props);
  const value = root !== null && typeof root === 'object' && !Array.isArray(root) ? copy(root, '', unknownPaths) : {};
  return { value, unknownPaths };
}

/**
 * A view of a plain copy for the rules: reading an {@link UNKNOWN} value throws
 * {@link ValueUnknownDuringPreview} inside {@link whileRuleRuns}, and reads as absent elsewhere.
 * Data without unknown values is returned as it is.
 */
export function rulesView(plain: PlainProperties): Record<string, any> {
  if (plain.unknownPaths.length === 0) return plain.value;
  return view(plain.value, '', new WeakMap()) as Record<string, any>;
}

let ruleDepth = 0;

/** Runs a rule's check: reading an unknown value inside it throws {@link ValueUnknownDuringPreview}. */
export function whileRuleRuns<T>(run: () => T): T {
  ruleDepth++;
  try {
    return run();
  } finally {
    ruleDepth--;
  }
}

/** Whether an error means that an unknown value was read (ours, or @pulumi/policy's UnknownValueError). */
export function isUnknownValueError(e: unknown): boolean {
  if (e instanceof ValueUnknownDuringPreview) return true;
  // @pulumi/policy's UnknownValueError (not imported: this file must not load @pulumi/policy).
  return e instanceof Error && 'unknownTypeSentinel' in e && Array.isArray((e as { props?: unknown }).props);
}

// The proxy of @pulumi/policy answers this key with the object it wraps (its serializer uses it).
const PROXY_TARGET = '__getSpecialProxyTarget';

function unwrapPolicyProxy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  try {
    const target = (value as Record<string, unknown>)[PROXY_TARGET];
    return target !== undefined && target !== null && typeof target === 'object' ? target : value;
  } catch {
    return value;
  }
}

function isUnknown(value: unknown): boolean {
  return typeof value === 'string' && UNKNOWN_SENTINELS.has(value);
}

function copy(value: Record<string, any> | any[], path: string, unknownPaths: string[]): any {
  if (Array.isArray(value)) {
    const out: any[] = [];
    for (let i = 0; i < value.length; i++) out.push(copyValue(() => value[i], `${path}[${i}]`, unknownPaths));
    return out;
  }
  const out: Record<string, any> = {};
  for (const key of Object.keys(value)) {
    const v = copyValue(() => value[key], join(path, key), unknownPaths);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function copyValue(read: () => unknown, path: string, unknownPaths: string[]): unknown {
  let v: unknown;
  try {
    v = read();
  } catch (e) {
    if (!isUnknownValueError(e)) throw e;
    unknownPaths.push(path);
    return UNKNOWN;
  }
  if (isUnknown(v)) {
    unknownPaths.push(path);
    return UNKNOWN;
  }
  if (v === null || typeof v !== 'object') return v;
  const inner = unwrapPolicyProxy(v);
  // Assets, archives and secrets are class instances: kept as they are (no rule reads them).
  if (!Array.isArray(inner) && Object.getPrototypeOf(inner) !== Object.prototype && Object.getPrototypeOf(inner) !== null) return inner;
  return copy(inner as Record<string, any>, path, unknownPaths);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function join(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function view(target: object, path: string, cache: WeakMap<object, object>): object {
  const cached = cache.get(target);
  if (cached) return cached;
  const proxy = new Proxy(target, {
    get(obj, prop, receiver) {
      const field = Reflect.get(obj, prop, receiver);
      if (typeof prop !== 'string') return field;
      const at = Array.isArray(obj) && /^\d+$/.test(prop) ? `${path}[${prop}]` : join(path, prop);
      if (field === UNKNOWN) {
        if (ruleDepth > 0) throw new ValueUnknownDuringPreview(at);
        return undefined;
      }
      if (field === null || typeof field !== 'object') return field;
      const desc = Object.getOwnPropertyDescriptor(obj, prop);
      if (desc && 'value' in desc && desc.configurable === false && desc.writable === false) return field;
      return view(field, at, cache);
    },
    // Outside a rule, unknown values are absent: a waiver tag unknown during preview is no waiver (nor an invalid one).
    ownKeys(obj) {
      const keys = Reflect.ownKeys(obj);
      return ruleDepth > 0 ? keys : keys.filter((k) => typeof k !== 'string' || (obj as Record<string, unknown>)[k] !== UNKNOWN);
    },
  });
  cache.set(target, proxy);
  return proxy;
}
